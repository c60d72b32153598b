// What a raft-node test process has applied, in a form three processes can compare: the count,
// the last index, and a SHA-256 over every applied (index, term, data) in order. Equal digests
// mean equal applied sequences (Raft's State Machine Safety, §5.4.3). logDigest does the same
// for the persisted log itself, noop entries included (Log Matching, §5.3).
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import type { Entry, RaftLogStorage } from '@brook/raft';

export interface AppliedSummary {
  readonly count: number;
  readonly lastIndex: number;
  readonly digest: string;
}

export class AppliedRecord {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;
  private lastIndex = 0;
  private readonly header = Buffer.alloc(20);

  apply(entries: readonly Entry[]): void {
    for (const entry of entries) {
      // Invariant: entries arrive once each, in increasing index order.
      if (entry.index <= this.lastIndex) throw new Error(`entry ${entry.index} applied after ${this.lastIndex}`);
      hashEntry(this.hash, this.header, entry);
      this.count++;
      this.lastIndex = entry.index;
    }
  }

  summary(): AppliedSummary {
    return { count: this.count, lastIndex: this.lastIndex, digest: this.hash.copy().digest('hex') };
  }
}

function hashEntry(hash: Hash, header: Buffer, entry: Entry): void {
  header.writeDoubleBE(entry.index, 0);
  header.writeDoubleBE(entry.term, 8);
  header.writeUInt32BE(entry.data.byteLength, 16);
  hash.update(header);
  hash.update(entry.data);
  hash.update(entry.kind);
}

/** SHA-256 over the persisted entries [firstIndex, upTo], with the range it covered. */
export function logDigest(storage: RaftLogStorage, upTo: number): { firstIndex: number; lastIndex: number; digest: string } {
  const hash = createHash('sha256');
  const header = Buffer.alloc(20);
  const firstIndex = storage.firstIndex();
  const lastIndex = Math.min(upTo, storage.lastIndex());
  if (lastIndex >= firstIndex) {
    for (const entry of storage.entries(firstIndex, lastIndex + 1, Number.MAX_SAFE_INTEGER)) hashEntry(hash, header, entry);
  }
  return { firstIndex, lastIndex, digest: hash.digest('hex') };
}
