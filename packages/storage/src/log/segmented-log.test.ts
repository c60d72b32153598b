// SegmentedLog on the in-memory file system: appends get consecutive offsets and are stamped in
// place without touching the CRC; reads return whole batches (KIP-74, maxOffset, range errors);
// segments roll by size and age; offsetForTimestamp, truncation, retention, deleteRecordsBefore,
// the leader-epoch cache and every kind of bad input, each as a typed StorageError.
import { describe, expect, it } from 'vitest';
import { CRC_OFFSET, readBatchHeader, validateBatch } from '@brook/record-batch';
import { FaultFileSystem, SeededRandom, buildTestBatch, buildTestBatches } from '../testing/index.js';
import { SegmentedLog } from './segmented-log.js';
import type { SegmentedLogOptions } from './log-config.js';
import { isStorageError } from '../errors.js';

const directory = '/data/partitions/orders-0';

async function openLog(overrides: Partial<SegmentedLogOptions> = {}, fileSystem = new FaultFileSystem(new SeededRandom(1))) {
  let clock = 1_700_000_000_000;
  const log = await SegmentedLog.open({ fileSystem, directory, now: () => clock, indexIntervalBytes: 256, ...overrides });
  return { log, fileSystem, advance: (ms: number) => (clock += ms), now: () => clock };
}

function batchesIn(bytes: Uint8Array): Array<{ baseOffset: number; lastOffset: number }> {
  const out = [];
  for (let at = 0; at < bytes.byteLength; ) {
    const header = readBatchHeader(bytes, at);
    const size = 12 + header.batchLength;
    validateBatch(bytes.subarray(at, at + size));
    out.push({ baseOffset: Number(header.baseOffset), lastOffset: Number(header.baseOffset) + header.lastOffsetDelta });
    at += size;
  }
  return out;
}

describe('SegmentedLog append and read', () => {
  it('assigns consecutive offsets and stamps baseOffset and epoch without changing the CRC', async () => {
    const { log } = await openLog();
    const first = buildTestBatch({ recordCount: 3 });
    const crcBefore = new DataView(first.buffer).getUint32(CRC_OFFSET);
    const a = await log.append(first, { partitionLeaderEpoch: 4 });
    const b = await log.append(buildTestBatch({ recordCount: 2 }), { partitionLeaderEpoch: 4 });
    expect([a.baseOffset, a.lastOffset, b.baseOffset, b.lastOffset]).toEqual([0, 2, 3, 4]);
    expect(new DataView(first.buffer).getUint32(CRC_OFFSET)).toBe(crcBefore);
    const header = readBatchHeader(first, 0);
    expect(header.baseOffset).toBe(0n);
    expect(header.partitionLeaderEpoch).toBe(4);
    expect(log.logEndOffset).toBe(5);
    const read = await log.read(0, 1 << 20);
    expect(batchesIn(read.bytes)).toEqual([{ baseOffset: 0, lastOffset: 2 }, { baseOffset: 3, lastOffset: 4 }]);
    expect(read.nextOffset).toBe(5);
    await log.close();
  });

  it('starts at the batch holding the offset and returns at least one whole batch (KIP-74)', async () => {
    const { log } = await openLog();
    for (let i = 0; i < 10; i++) await log.append(buildTestBatch({ recordCount: 5, payloadBytes: 500 }), { partitionLeaderEpoch: 0 });
    const inside = await log.read(17, 10);
    expect(batchesIn(inside.bytes)).toEqual([{ baseOffset: 15, lastOffset: 19 }]);
    expect(inside.firstOffset).toBe(15);
    const two = await log.read(20, 2 * 561 + 100);
    expect(batchesIn(two.bytes).map((b) => b.baseOffset)).toEqual([20, 25]);
  });

  it('never returns a batch reaching maxOffset, and reads at the end are empty', async () => {
    const { log } = await openLog();
    for (let i = 0; i < 4; i++) await log.append(buildTestBatch({ recordCount: 2 }), { partitionLeaderEpoch: 0 });
    expect(batchesIn((await log.read(0, 1 << 20, { maxOffset: 4 })).bytes).map((b) => b.baseOffset)).toEqual([0, 2]);
    expect(batchesIn((await log.read(0, 1 << 20, { maxOffset: 5 })).bytes).map((b) => b.baseOffset)).toEqual([0, 2]);
    expect((await log.read(4, 1 << 20, { maxOffset: 4 })).bytes.byteLength).toBe(0);
    expect((await log.read(8, 1 << 20)).bytes.byteLength).toBe(0);
  });

  it('rejects offsets outside [logStartOffset, logEndOffset] with OFFSET_OUT_OF_RANGE', async () => {
    const { log } = await openLog();
    await log.append(buildTestBatch(), { partitionLeaderEpoch: 0 });
    await expect(log.read(2, 100)).rejects.toSatisfy((e) => isStorageError(e, 'OFFSET_OUT_OF_RANGE'));
    await expect(log.read(-1, 100)).rejects.toSatisfy((e) => isStorageError(e, 'OFFSET_OUT_OF_RANGE'));
  });

  it('rejects oversized, corrupt and wrong-magic batches with typed errors and stays usable', async () => {
    const { log } = await openLog({ maxMessageBytes: 1000 });
    await expect(log.append(buildTestBatch({ payloadBytes: 2000 }), { partitionLeaderEpoch: 0 })).rejects.toSatisfy((e) => isStorageError(e, 'MESSAGE_TOO_LARGE'));
    const corrupt = buildTestBatch();
    corrupt.set([(corrupt[corrupt.byteLength - 1] ?? 0) ^ 0x01], corrupt.byteLength - 1);
    await expect(log.append(corrupt, { partitionLeaderEpoch: 0 })).rejects.toSatisfy((e) => isStorageError(e, 'CORRUPT_MESSAGE'));
    await expect(log.append(buildTestBatch({ magic: 1 }), { partitionLeaderEpoch: 0 })).rejects.toSatisfy((e) => isStorageError(e, 'UNSUPPORTED_FOR_MESSAGE_FORMAT'));
    await expect(log.append(buildTestBatch().subarray(0, 40), { partitionLeaderEpoch: 0 })).rejects.toSatisfy((e) => isStorageError(e, 'CORRUPT_MESSAGE'));
    expect(log.logEndOffset).toBe(0);
    expect((await log.append(buildTestBatch(), { partitionLeaderEpoch: 0 })).baseOffset).toBe(0);
  });

});

describe('SegmentedLog append paths', () => {
  it('stamps LogAppendTime batches with the clock and a recomputed CRC', async () => {
    const { log, now } = await openLog();
    const batch = buildTestBatch({ attributes: 0x08, baseTimestamp: 5 });
    const result = await log.append(batch, { partitionLeaderEpoch: 0 });
    expect(result.logAppendTime).toBe(now());
    expect(Number(validateBatch(batch).maxTimestamp)).toBe(now());
  });

  it('keeps follower offsets and rejects batches that do not start at the log end', async () => {
    const { log } = await openLog();
    const batches = buildTestBatches(0, [{ recordCount: 2, partitionLeaderEpoch: 1 }, { recordCount: 3, partitionLeaderEpoch: 2 }]);
    expect(await log.appendAsFollower(batches)).toEqual({ firstOffset: 0, lastOffset: 4 });
    expect(log.leaderEpochCache.entries()).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 2 }]);
    await expect(log.appendAsFollower(buildTestBatches(7, [{}]))).rejects.toSatisfy((e) => isStorageError(e, 'OFFSET_OUT_OF_RANGE'));
    const gap = Buffer.concat([buildTestBatch({ baseOffset: 5 }), buildTestBatch({ baseOffset: 9 })]);
    await expect(log.appendAsFollower(gap)).rejects.toSatisfy((e) => isStorageError(e, 'CORRUPT_MESSAGE'));
    expect(log.logEndOffset).toBe(5);
  });
});

describe('SegmentedLog fsyncs', () => {
  it('reports each successful fsync with its duration, and none for a read', async () => {
    const durations: number[] = [];
    const { log } = await openLog({ onFlushed: (durationMs) => durations.push(durationMs) });
    await log.append(buildTestBatch({ payloadBytes: 10 }), { partitionLeaderEpoch: 0 });
    await log.flushedUpTo(log.logEndOffset);
    const afterAppend = durations.length;
    expect(afterAppend).toBeGreaterThanOrEqual(1);
    expect(durations.every((ms) => ms >= 0 && Number.isFinite(ms))).toBe(true);
    await log.read(0, 1024);
    expect(durations).toHaveLength(afterAppend);
  });
});

describe('SegmentedLog segments', () => {
  it('rolls by size and reads across segments one segment per call', async () => {
    const { log } = await openLog({ segmentBytes: 2000 });
    for (let i = 0; i < 10; i++) await log.append(buildTestBatch({ payloadBytes: 439 }), { partitionLeaderEpoch: 0 });
    const segments = log.segmentInfos();
    expect(segments.map((s) => s.baseOffset)).toEqual([0, 4, 8]);
    expect(segments.every((s) => s.sizeBytes <= 2000)).toBe(true);
    const read = await log.read(2, 1 << 20);
    expect(batchesIn(read.bytes).map((b) => b.baseOffset)).toEqual([2, 3]);
    expect(read.nextOffset).toBe(4);
  });

  it('rolls by age measured from the first append of the active segment', async () => {
    const { log, advance } = await openLog({ segmentMs: 1000 });
    await log.append(buildTestBatch(), { partitionLeaderEpoch: 0 });
    advance(999);
    await log.append(buildTestBatch(), { partitionLeaderEpoch: 0 });
    expect(log.segmentInfos().length).toBe(1);
    advance(1);
    await log.append(buildTestBatch(), { partitionLeaderEpoch: 0 });
    expect(log.segmentInfos().map((s) => s.baseOffset)).toEqual([0, 2]);
  });

  it('finds the first offset whose batch maxTimestamp reaches a time', async () => {
    const { log } = await openLog({ segmentBytes: 1500 });
    const times = [100, 300, 200, 400, 400, 900, 500];
    for (const t of times) await log.append(buildTestBatch({ recordCount: 2, baseTimestamp: t - 1, maxTimestamp: t, payloadBytes: 300 }), { partitionLeaderEpoch: 0 });
    expect(await log.offsetForTimestamp(0)).toEqual({ offset: 0, timestamp: 100 });
    expect(await log.offsetForTimestamp(250)).toEqual({ offset: 2, timestamp: 300 });
    expect(await log.offsetForTimestamp(400)).toEqual({ offset: 6, timestamp: 400 });
    expect(await log.offsetForTimestamp(600)).toEqual({ offset: 10, timestamp: 900 });
    expect(await log.offsetForTimestamp(901)).toBeUndefined();
  });

});

describe('SegmentedLog truncation', () => {
  it('truncates at the batch holding the offset, across segments, and fixes the epoch cache', async () => {
    const { log } = await openLog({ segmentBytes: 1000 });
    for (let epoch = 0; epoch < 6; epoch++) await log.append(buildTestBatch({ recordCount: 3, payloadBytes: 300 }), { partitionLeaderEpoch: epoch });
    expect(log.segmentInfos().length).toBe(3);
    await log.truncateTo(7);
    expect(log.logEndOffset).toBe(6);
    expect(log.segmentInfos().map((s) => s.baseOffset)).toEqual([0, 6]);
    expect(log.leaderEpochCache.entries().map((e) => e.epoch)).toEqual([0, 1]);
    expect(log.endOffsetForEpoch(1)).toEqual({ epoch: 1, endOffset: 6 });
    const next = await log.append(buildTestBatch(), { partitionLeaderEpoch: 9 });
    expect(next.baseOffset).toBe(6);
    expect(batchesIn((await log.read(0, 1 << 20)).bytes).map((b) => b.baseOffset)).toEqual([0, 3]);
    expect(batchesIn((await log.read(6, 1 << 20)).bytes).map((b) => b.baseOffset)).toEqual([6]);
  });

  it('assigns a new leader epoch at the log end before any append, checkpointed; never an older one', async () => {
    const { log, fileSystem } = await openLog();
    await log.append(buildTestBatch({ recordCount: 2 }), { partitionLeaderEpoch: 1 });
    await log.assignLeaderEpoch(3);
    expect(log.leaderEpochCache.entries()).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 3, startOffset: 2 }]);
    // A follower that wrote in epoch 1 learns where it ends in this leader's log (KIP-101).
    expect(log.endOffsetForEpoch(1)).toEqual({ epoch: 1, endOffset: 2 });
    await log.assignLeaderEpoch(2);
    expect(log.leaderEpochCache.latestEpoch).toBe(3);
    const appended = await log.append(buildTestBatch(), { partitionLeaderEpoch: 3 });
    expect(log.leaderEpochCache.entries()).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 3, startOffset: 2 }]);
    expect(appended.baseOffset).toBe(2);
    await log.close();
    const reopened = await SegmentedLog.open({ fileSystem, directory });
    expect(reopened.leaderEpochCache.entries()).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 3, startOffset: 2 }]);
    await reopened.close();
  });

  it('drops an epoch assigned at the log end when truncated to the log end (a leader that never appended)', async () => {
    const { log, fileSystem } = await openLog();
    await log.append(buildTestBatch({ recordCount: 2 }), { partitionLeaderEpoch: 1 });
    await log.assignLeaderEpoch(3);
    // Demoted before appending: the new leader says the log diverged after epoch 1, at offset 2.
    await log.truncateTo(2);
    expect(log.logEndOffset).toBe(2);
    expect(log.leaderEpochCache.entries()).toEqual([{ epoch: 1, startOffset: 0 }]);
    await log.close();
    const reopened = await SegmentedLog.open({ fileSystem, directory });
    expect(reopened.leaderEpochCache.latestEpoch).toBe(1);
    await reopened.close();
  });

  it('truncates fully and starts again at any offset', async () => {
    const { log } = await openLog();
    await log.append(buildTestBatch({ recordCount: 4 }), { partitionLeaderEpoch: 2 });
    await log.truncateFullyAndStartAt(100);
    expect([log.logStartOffset, log.logEndOffset, log.durableOffset]).toEqual([100, 100, 100]);
    expect(log.leaderEpochCache.entries()).toEqual([]);
    expect((await log.append(buildTestBatch(), { partitionLeaderEpoch: 3 })).baseOffset).toBe(100);
    await expect(log.read(0, 10)).rejects.toSatisfy((e) => isStorageError(e, 'OFFSET_OUT_OF_RANGE'));
  });

});

describe('SegmentedLog retention', () => {
  it('retention deletes old or excess sealed segments, never the active one, and moves the start offset', async () => {
    const { log, now } = await openLog({ segmentBytes: 800, retentionMs: 10_000, retentionBytes: -1 });
    for (let i = 0; i < 6; i++) await log.append(buildTestBatch({ payloadBytes: 300, maxTimestamp: now() - 20_000 + i * 5_000, baseTimestamp: 0 }), { partitionLeaderEpoch: 0 });
    expect(log.segmentInfos().map((s) => s.baseOffset)).toEqual([0, 2, 4]);
    // Segment 0 holds times -20s and -15s; segment 2 holds -10s and -5s: only segment 0 is past 10 s.
    expect(await log.deleteOldSegments()).toBe(1);
    expect(log.logStartOffset).toBe(2);
    expect(await log.deleteOldSegments(now() + 1_000_000)).toBe(1);
    expect(log.segmentInfos().map((s) => s.baseOffset)).toEqual([4]);
    expect(log.logStartOffset).toBe(4);
  });

  it('retention by bytes keeps the log at least retentionBytes', async () => {
    const { log } = await openLog({ segmentBytes: 800, retentionMs: -1, retentionBytes: 1000 });
    for (let i = 0; i < 7; i++) await log.append(buildTestBatch({ payloadBytes: 300 }), { partitionLeaderEpoch: 0 });
    expect(log.sizeBytes).toBe(7 * 361);
    expect(await log.deleteOldSegments()).toBe(2);
    expect(log.segmentInfos().map((s) => s.baseOffset)).toEqual([4, 6]);
  });

  it('deleteRecordsBefore moves the start offset; segments below it go with the next retention run', async () => {
    const { log } = await openLog({ segmentBytes: 800, retentionMs: -1 });
    for (let i = 0; i < 6; i++) await log.append(buildTestBatch({ recordCount: 2, payloadBytes: 300 }), { partitionLeaderEpoch: i });
    expect(log.segmentInfos().map((s) => s.baseOffset)).toEqual([0, 4, 8]);
    expect(await log.deleteRecordsBefore(5)).toBe(5);
    await expect(log.read(4, 100)).rejects.toSatisfy((e) => isStorageError(e, 'OFFSET_OUT_OF_RANGE'));
    // The batch holding offset 5 starts at 4: reads still begin at its start, as in Kafka.
    expect((await log.read(5, 100)).firstOffset).toBe(4);
    expect(log.leaderEpochCache.entries()[0]).toEqual({ epoch: 2, startOffset: 5 });
    expect(await log.deleteOldSegments()).toBe(1);
    expect(log.segmentInfos()[0]?.baseOffset).toBe(4);
    await expect(log.deleteRecordsBefore(13)).rejects.toSatisfy((e) => isStorageError(e, 'OFFSET_OUT_OF_RANGE'));
  });
});
