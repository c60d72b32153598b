// LogSegment on its own: Kafka's index-interval rule, reads through the index, stale or damaged
// index files refused on load (so the caller rebuilds), recovery that cuts a torn tail, and
// truncation at a batch boundary that drops the index files of a sealed segment.
import { describe, expect, it } from 'vitest';
import { FaultFileSystem, SeededRandom, buildTestBatch } from '../testing/index.js';
import { readBatchFrame } from './batch-frame.js';
import { LogSegment } from './log-segment.js';
import { OFFSET_INDEX_FILE_SUFFIX, segmentFilePath } from './segment-files.js';

const directory = '/p';

async function segmentWithBatches(count: number, indexIntervalBytes = 100) {
  const fileSystem = new FaultFileSystem(new SeededRandom(1));
  await fileSystem.mkdir(directory);
  const segment = await LogSegment.create(fileSystem, directory, 50, { indexIntervalBytes, pageCacheRetainBytes: -1 });
  let offset = 50;
  for (let i = 0; i < count; i++) {
    const bytes = buildTestBatch({ baseOffset: offset, recordCount: 2, payloadBytes: 80, maxTimestamp: 1000 + i });
    const frame = readBatchFrame(bytes, 0, 0);
    if (typeof frame === 'string') throw new Error(frame);
    await segment.append(bytes, frame, 0);
    offset += 2;
  }
  return { fileSystem, segment };
}

describe('LogSegment', () => {
  it('indexes a batch once more than indexIntervalBytes passed, and reads through the index', async () => {
    const { segment } = await segmentWithBatches(6);
    // 141-byte batches, interval 100: every batch after the first gets an entry.
    expect(segment.offsetIndex.entryCount).toBe(5);
    expect(segment.offsetIndex.lookup(57)).toEqual({ offset: 56, position: 423 });
    const read = await segment.read(57, 141, Number.MAX_SAFE_INTEGER, true);
    expect(read).toMatchObject({ firstOffset: 56, nextOffset: 58 });
    expect(read?.bytes.byteLength).toBe(141);
    expect(await segment.read(62, 100, Number.MAX_SAFE_INTEGER, true)).toBeUndefined();
    expect((await segment.findByTimestamp(1003, 0))?.baseOffset).toBe(56);
  });

  it('writes its indexes when sealed and loads them back; a stale index is refused', async () => {
    const { fileSystem, segment } = await segmentWithBatches(6);
    segment.seal();
    await segment.writeIndexFiles();
    const reopened = await LogSegment.open(fileSystem, directory, 50, { indexIntervalBytes: 100, pageCacheRetainBytes: -1 });
    expect(await reopened.loadIndexes()).toBeUndefined();
    expect(reopened.nextOffset).toBe(62);
    expect(reopened.maxTimestampSoFar).toBe(1005);
    // An index written for other bytes: its entries point at positions where no such batch starts.
    const path = segmentFilePath(directory, 50, OFFSET_INDEX_FILE_SUFFIX);
    const file = await fileSystem.open(path, { truncate: true });
    await file.append(new Uint8Array([0, 0, 0, 3, 0, 0, 0, 141]));
    const stale = await LogSegment.open(fileSystem, directory, 50, { indexIntervalBytes: 100, pageCacheRetainBytes: -1 });
    expect(await stale.loadIndexes()).toMatch(/expected 53/);
  });

  it('recovery cuts a torn tail at the first bad batch and rebuilds the same indexes', async () => {
    const { fileSystem, segment } = await segmentWithBatches(4);
    const path = segment.path;
    const entries = segment.offsetIndex.toBytes();
    await (await fileSystem.open(path)).append(buildTestBatch({ baseOffset: 58 }).subarray(0, 30));
    const reopened = await LogSegment.open(fileSystem, directory, 50, { indexIntervalBytes: 100, pageCacheRetainBytes: -1 });
    const result = await reopened.recover({ truncate: true });
    expect(result.problem?.position).toBe(4 * 141);
    expect(reopened.sizeBytes).toBe(4 * 141);
    expect(reopened.nextOffset).toBe(58);
    expect(Buffer.from(reopened.offsetIndex.toBytes()).equals(Buffer.from(entries))).toBe(true);
  });

  it('truncates at the batch holding an offset and drops the index files of a sealed segment', async () => {
    const { fileSystem, segment } = await segmentWithBatches(5);
    segment.seal();
    await segment.writeIndexFiles();
    expect(await segment.truncateTo(55)).toBe(3 * 141);
    expect([segment.nextOffset, segment.sizeBytes, segment.sealed]).toEqual([54, 2 * 141, false]);
    expect(segment.offsetIndex.lastEntry()).toEqual({ offset: 52, position: 141 });
    expect(await fileSystem.exists(segmentFilePath(directory, 50, OFFSET_INDEX_FILE_SUFFIX))).toBe(false);
  });
});
