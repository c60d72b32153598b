// Dropping durable log bytes from the kernel's page cache (native/page-cache.c, built by `pnpm
// build` on Linux; without it nothing is dropped and the kernel evicts as it likes).
//
// Why: every append is a write into the page cache, and a write into a page the kernel has to
// take from its free memory costs far more than one into a page it had just freed. On these
// machines (a VM with 24 GB mostly free) `dd` wrote 1 GB into a new file at 476 MB/s, and at 4.7
// GB/s right after deleting a 1 GB file; a C loop of 64 KiB writes with an fdatasync every MiB
// wrote 2 GB at 735 MB/s, and at 3.7 GB/s when it dropped what lay 16 MiB behind each sync. In a
// broker under `pnpm bench:cluster --only 1k --scale 5`, perf put 47% of the event loop's CPU in
// the kernel's copy into fresh page-cache pages. A log that hands back its durable pages past a
// window behind the end keeps reusing pages the kernel just freed, and bounds the page cache it
// holds, as Redpanda does with its own cache. Readers within the window behind the end still hit
// the page cache (and the most recent batches the tail cache); a consumer further behind reads
// the disk.
import { createRequire } from 'node:module';

interface PageCacheAddon {
  dropPageCache(fd: number, offset: number, length: number): number;
}

function loadAddon(): PageCacheAddon | undefined {
  if (process.platform !== 'linux' || process.env['BROOK_NATIVE'] === '0') return undefined;
  try {
    return createRequire(import.meta.url)('../../native/build/page-cache.node') as PageCacheAddon;
  } catch {
    return undefined;
  }
}

const addon = loadAddon();

/** Whether dropping works here (the addon loaded). */
export const pageCacheDropSupported = addon !== undefined;

/**
 * Advises the kernel to drop the cached pages of `fd` within [offset, offset + length): whole,
 * clean pages go; dirty ones and the partial pages at either end stay. Returns 0, or the errno the
 * advice failed with (nothing to act on: the bytes are on disk either way). A no-op (0) where the
 * addon is not built.
 */
export function dropPageCache(fd: number, offset: number, length: number): number {
  if (addon === undefined || length <= 0) return 0;
  return addon.dropPageCache(fd, offset, length);
}
