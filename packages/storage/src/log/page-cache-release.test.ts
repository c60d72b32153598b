// SegmentedLog hands durable bytes back to the page cache (fs/page-cache.ts): after fsyncs, every
// segment's bytes more than pageCacheRetainBytes behind its end are released, in contiguous
// ranges of at least a MiB, never one byte that is not durable (FaultFileSystem refuses that),
// across rolls and truncations; with -1 nothing is released; reads return the same bytes.
import { describe, expect, it } from 'vitest';
import { FaultFileSystem, SeededRandom, buildTestBatch } from '../testing/index.js';
import { SegmentedLog } from './segmented-log.js';
import type { SegmentedLogOptions } from './log-config.js';

const directory = '/data/partitions/pages-0';
const MiB = 1024 * 1024;

async function openLog(overrides: Partial<SegmentedLogOptions>) {
  const fileSystem = new FaultFileSystem(new SeededRandom(7));
  const log = await SegmentedLog.open({ fileSystem, directory, now: () => 1_700_000_000_000, tailCacheBytes: 0, ...overrides });
  return { log, fileSystem };
}

/** Appends `count` batches of about 64 KiB, each awaited until durable (as acks=all does). */
async function appendDurably(log: SegmentedLog, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const appended = await log.append(buildTestBatch({ recordCount: 1, payloadBytes: 64 * 1024 }), { partitionLeaderEpoch: 0 });
    await log.flushedUpTo(appended.lastOffset + 1);
  }
}

function releasesByFile(fileSystem: FaultFileSystem): Map<string, Array<{ position: number; length: number }>> {
  const byFile = new Map<string, Array<{ position: number; length: number }>>();
  for (const release of fileSystem.cacheReleases) {
    const list = byFile.get(release.path) ?? [];
    list.push({ position: release.position, length: release.length });
    byFile.set(release.path, list);
  }
  return byFile;
}

function expectContiguousFromZero(ranges: ReadonlyArray<{ position: number; length: number }>): number {
  let end = 0;
  for (const range of ranges) {
    expect(range.position).toBe(end);
    expect(range.length).toBeGreaterThanOrEqual(MiB);
    end = range.position + range.length;
  }
  return end;
}

describe('SegmentedLog page cache release', () => {
  it('releases the durable bytes more than pageCacheRetainBytes behind the end, a MiB or more at a time', async () => {
    const retain = 512 * 1024;
    const { log, fileSystem } = await openLog({ pageCacheRetainBytes: retain });
    await appendDurably(log, 80); // about 5 MiB
    const [only] = [...releasesByFile(fileSystem)];
    const [path, ranges] = only!;
    expect(path).toMatch(/00000000000000000000\.log$/);
    const releasedTo = expectContiguousFromZero(ranges);
    const size = log.segmentInfos()[0]!.sizeBytes;
    expect(releasedTo).toBeLessThanOrEqual(size - retain);
    // Within one step (plus the batch that crossed it) of the retained window.
    expect(releasedTo).toBeGreaterThan(size - retain - MiB - 70 * 1024);
    // The content is untouched: every batch reads back.
    const read = await log.read(0, 64 * MiB);
    expect(read.nextOffset).toBe(80);
    await log.close();
  });

  it('releases nothing with pageCacheRetainBytes -1, or while the log is within the window', async () => {
    const never = await openLog({ pageCacheRetainBytes: -1 });
    await appendDurably(never.log, 40);
    expect(never.fileSystem.cacheReleases).toEqual([]);
    await never.log.close();
    const within = await openLog({ pageCacheRetainBytes: 8 * MiB });
    await appendDurably(within.log, 40); // 2.5 MiB
    expect(within.fileSystem.cacheReleases).toEqual([]);
    await within.log.close();
  });

  it('releases a sealed segment once its last bytes are durable, and each segment on its own', async () => {
    const retain = 256 * 1024;
    const { log, fileSystem } = await openLog({ pageCacheRetainBytes: retain, segmentBytes: 3 * MiB });
    await appendDurably(log, 130); // three segments
    const segments = log.segmentInfos();
    expect(segments.length).toBeGreaterThanOrEqual(3);
    const byFile = releasesByFile(fileSystem);
    for (const segment of segments.slice(0, -1)) {
      const releasedTo = expectContiguousFromZero(byFile.get(segment.path) ?? []);
      expect(releasedTo).toBeLessThanOrEqual(segment.sizeBytes - retain);
      expect(releasedTo).toBeGreaterThan(segment.sizeBytes - retain - MiB - 70 * 1024);
    }
    await log.close();
  });

  it('after a truncation, releases only what is durable in the cut file, from where it was cut', async () => {
    const retain = 128 * 1024;
    const { log, fileSystem } = await openLog({ pageCacheRetainBytes: retain });
    await appendDurably(log, 60);
    await log.truncateTo(10);
    const cutAt = log.segmentInfos()[0]!.sizeBytes;
    const before = fileSystem.cacheReleases.length;
    await appendDurably(log, 60);
    const after = fileSystem.cacheReleases.slice(before);
    expect(after.length).toBeGreaterThan(0);
    // FaultFileSystem would have thrown on a range past the durable bytes; releasing starts again
    // at the cut (everything below it was released before the truncation).
    expect(after[0]!.position).toBe(cutAt);
    for (let i = 1; i < after.length; i++) expect(after[i]!.position).toBe(after[i - 1]!.position + after[i - 1]!.length);
    expect((await log.read(0, 64 * MiB)).nextOffset).toBe(log.logEndOffset);
    await log.close();
  });

  it('refuses a retain size below -1', async () => {
    await expect(openLog({ pageCacheRetainBytes: -2 })).rejects.toThrow(RangeError);
  });

  it('the in-memory file system refuses a release of bytes not yet durable, and ignores one on a closed handle', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(3));
    await fileSystem.mkdir('/d');
    const file = await fileSystem.open('/d/f', { create: true });
    await file.append(new Uint8Array(8192));
    expect(() => file.releaseCache(0, 4096)).toThrow(/durable/);
    await file.sync();
    file.releaseCache(0, 4096);
    await file.append(new Uint8Array(100));
    expect(() => file.releaseCache(0, 8292)).toThrow(/durable/);
    await file.close();
    file.releaseCache(0, 4096);
    expect(fileSystem.cacheReleases).toEqual([{ path: '/d/f', position: 0, length: 4096 }]);
  });
});

