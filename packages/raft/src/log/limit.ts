import { entrySizeBytes } from '../messages.js';
import type { Entry } from '../messages.js';

/**
 * The longest prefix of `entries` whose total size stays within `maxBytes`, but never fewer
 * than one entry, so that a single oversized entry still makes progress (etcd's limitSize).
 */
export function limitBySize(entries: Entry[], maxBytes: number): Entry[] {
  let total = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as Entry;
    total += entrySizeBytes(entry);
    if (i > 0 && total > maxBytes) return entries.slice(0, i);
  }
  return entries;
}
