// Durability and recovery of SegmentedLog on the fault-injecting file system: group commit shares
// fsyncs; a clean close leaves a marker and trusted indexes; a crash loses exactly the unsynced
// tail (or keeps a torn prefix, which recovery cuts at the first bad batch); corruption below the
// recovery point is reported as CORRUPT_SEGMENT, never served; ENOSPC leaves the log consistent.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FaultFileSystem, SeededRandom, buildTestBatch } from '../testing/index.js';
import { SegmentedLog } from './segmented-log.js';
import type { SegmentedLogOptions } from './log-config.js';
import { isStorageError } from '../errors.js';
import { CLEAN_SHUTDOWN_FILE } from './clean-shutdown.js';

const directory = '/data/partitions/orders-0';
const manual = { kind: 'interval' } as const;

function open(fileSystem: FaultFileSystem, overrides: Partial<SegmentedLogOptions> = {}) {
  return SegmentedLog.open({ fileSystem, directory, now: () => 1_000, indexIntervalBytes: 200, ...overrides });
}

async function appendMany(log: SegmentedLog, count: number, epoch = 0): Promise<void> {
  for (let i = 0; i < count; i++) await log.append(buildTestBatch({ recordCount: 2, payloadBytes: 100 + (i % 7) * 40 }), { partitionLeaderEpoch: epoch });
}

async function readAll(log: SegmentedLog): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const read = await log.read(offset, 1 << 20);
    parts.push(read.bytes);
    offset = read.nextOffset;
  }
  return Buffer.concat(parts);
}

describe('group commit', () => {
  it('covers concurrent appends with two fsyncs in flight and one queued', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(1));
    const log = await open(fileSystem);
    // The first append of an epoch writes the leader-epoch checkpoint, itself fsynced: do it first.
    await log.append(buildTestBatch(), { partitionLeaderEpoch: 0 });
    await log.flushedUpTo(1);
    const syncsBefore = fileSystem.fileSyncCount;
    const release = fileSystem.holdSyncs();
    const appends = Array.from({ length: 20 }, () => log.append(buildTestBatch(), { partitionLeaderEpoch: 0 }));
    const results = await Promise.all(appends);
    const durable = Promise.all(results.map((r) => log.flushedUpTo(r.lastOffset + 1)));
    expect(log.durableOffset).toBe(1);
    release();
    await durable;
    expect(log.durableOffset).toBe(21);
    expect(fileSystem.fileSyncCount - syncsBefore).toBeLessThanOrEqual(3);
    expect(log.recoveryPoint).toBe(21);
  });

  it('runs two fsyncs side by side and counts their offsets durable in the order they started', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(1));
    const log = await open(fileSystem);
    await log.append(buildTestBatch(), { partitionLeaderEpoch: 0 });
    await log.flushedUpTo(1);
    const syncsBefore = fileSystem.fileSyncCount;
    const first = fileSystem.holdNextSync();
    const firstAppend = await log.append(buildTestBatch(), { partitionLeaderEpoch: 0 });
    const firstDurable = log.flushedUpTo(firstAppend.lastOffset + 1);
    for (let i = 0; i < 100 && !first.taken(); i++) await new Promise((resolve) => setImmediate(resolve));
    expect(first.taken()).toBe(true);
    // The second append's fsync starts at once, beside the held one, and finishes first...
    const secondAppend = await log.append(buildTestBatch(), { partitionLeaderEpoch: 0 });
    const secondDurable = log.flushedUpTo(secondAppend.lastOffset + 1);
    for (let i = 0; i < 100 && fileSystem.fileSyncCount === syncsBefore; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(fileSystem.fileSyncCount - syncsBefore).toBe(1);
    // ...but its offsets count as durable only once the earlier fsync has ended too.
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(log.durableOffset).toBe(1);
    expect(log.recoveryPoint).toBe(1);
    first.release();
    await Promise.all([firstDurable, secondDurable]);
    expect(log.durableOffset).toBe(3);
    expect(log.recoveryPoint).toBe(3);
    expect(fileSystem.fileSyncCount - syncsBefore).toBe(2);
  });

  it('under the interval policy syncs after intervalMessages records', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(1));
    const log = await open(fileSystem, { flushPolicy: { kind: 'interval', intervalMessages: 6 } });
    await appendMany(log, 2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.durableOffset).toBe(0);
    await appendMany(log, 1);
    await log.flushedUpTo(6);
    expect(log.durableOffset).toBe(6);
  });

  it('under the interval policy syncs on its timer without being asked', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(1));
    const log = await open(fileSystem, { flushPolicy: { kind: 'interval', intervalMs: 10 } });
    await appendMany(log, 2);
    expect(log.durableOffset).toBe(0);
    const deadline = Date.now() + 5_000;
    while (log.durableOffset < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(log.durableOffset).toBe(4);
    await log.close();
  });
});

describe('clean shutdown and crash recovery', () => {
  it('a clean close writes indexes and the marker; reopening removes the marker and serves the same bytes', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(2));
    const log = await open(fileSystem, { segmentBytes: 2000 });
    await appendMany(log, 30, 3);
    const before = await readAll(log);
    await log.close();
    expect(await fileSystem.exists(join(directory, CLEAN_SHUTDOWN_FILE))).toBe(true);
    await expect(log.read(0, 10)).rejects.toSatisfy((e) => isStorageError(e, 'LOG_CLOSED'));
    fileSystem.crash();
    const reopened = await open(fileSystem, { segmentBytes: 2000 });
    expect(await fileSystem.exists(join(directory, CLEAN_SHUTDOWN_FILE))).toBe(false);
    expect(reopened.logEndOffset).toBe(60);
    expect(Buffer.from(await readAll(reopened)).equals(before)).toBe(true);
    expect(reopened.leaderEpochCache.entries()).toEqual([{ epoch: 3, startOffset: 0 }]);
  });

  it('a crash loses exactly what was not fsynced', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(3));
    const log = await open(fileSystem, { flushPolicy: manual, segmentBytes: 1500 });
    await appendMany(log, 20);
    await log.flush();
    const durableBytes = await readAll(log);
    await appendMany(log, 10);
    fileSystem.crash();
    const reopened = await open(fileSystem, { flushPolicy: manual, segmentBytes: 1500, recoveryPoint: log.recoveryPoint });
    expect(reopened.logEndOffset).toBe(40);
    expect(Buffer.from(await readAll(reopened)).equals(durableBytes)).toBe(true);
    expect((await reopened.append(buildTestBatch(), { partitionLeaderEpoch: 0 })).baseOffset).toBe(40);
  });

  it('a torn tail is cut at the first bad batch and everything kept is valid', async () => {
    for (let seed = 0; seed < 20; seed++) {
      const fileSystem = new FaultFileSystem(new SeededRandom(seed));
      const log = await open(fileSystem, { flushPolicy: manual, segmentBytes: 1500 });
      await appendMany(log, 10);
      await log.flush();
      await appendMany(log, 15);
      const full = await readAll(log);
      fileSystem.crash({ tornWrites: true });
      const reopened = await open(fileSystem, { flushPolicy: manual, segmentBytes: 1500, recoveryPoint: log.recoveryPoint });
      expect(reopened.logEndOffset).toBeGreaterThanOrEqual(20);
      const kept = await readAll(reopened);
      expect(Buffer.from(full.subarray(0, kept.byteLength)).equals(kept)).toBe(true);
      await reopened.verify();
    }
  });

});

describe('crash recovery of epochs and directory entries', () => {
  it('rebuilds the leader-epoch tail from the recovered batches', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(4));
    const log = await open(fileSystem, { flushPolicy: manual });
    await appendMany(log, 3, 1);
    await log.flush();
    await appendMany(log, 3, 2);
    expect(log.leaderEpochCache.entries()).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 6 }]);
    fileSystem.crash();
    const reopened = await open(fileSystem, { flushPolicy: manual, recoveryPoint: log.recoveryPoint });
    expect(reopened.logEndOffset).toBe(6);
    expect(reopened.leaderEpochCache.entries()).toEqual([{ epoch: 1, startOffset: 0 }]);
    expect(reopened.endOffsetForEpoch(1)).toEqual({ epoch: 1, endOffset: 6 });
  });

  it('a new segment whose directory entry was never synced disappears with its data', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(5));
    const log = await open(fileSystem, { flushPolicy: manual, segmentBytes: 700 });
    await appendMany(log, 3);
    await log.flush();
    const durable = log.durableOffset;
    await appendMany(log, 6);
    expect(log.segmentInfos().length).toBeGreaterThan(2);
    fileSystem.crash({ tornWrites: true });
    const reopened = await open(fileSystem, { flushPolicy: manual, segmentBytes: 700, recoveryPoint: log.recoveryPoint });
    expect(reopened.logEndOffset).toBeGreaterThanOrEqual(durable);
    await reopened.verify();
  });
});

describe('corruption and a full disk', () => {
  it('a flipped bit below the recovery point is reported as CORRUPT_SEGMENT, never served', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(6));
    const log = await open(fileSystem, { segmentBytes: 1000 });
    await appendMany(log, 12);
    await log.flushedUpTo(log.logEndOffset);
    const sealed = log.segmentInfos()[0];
    if (sealed === undefined) throw new Error('no segment');
    fileSystem.flipBit(sealed.path, 100, 3);
    fileSystem.crash();
    const reopened = await open(fileSystem, { segmentBytes: 1000, recoveryPoint: log.recoveryPoint });
    expect(reopened.logEndOffset).toBe(24);
    await expect(reopened.read(0, 1 << 20)).rejects.toSatisfy((e) => isStorageError(e, 'CORRUPT_SEGMENT') && e.message.includes(sealed.path));
    await expect(reopened.verify()).rejects.toSatisfy((e) => isStorageError(e, 'CORRUPT_SEGMENT') && /position 0/.test(e.message));
    expect((await reopened.read(sealed.nextOffset, 1 << 20)).firstOffset).toBe(sealed.nextOffset);
  });

  it('a flipped bit at or after the recovery point ends the log there after a crash', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(7));
    const log = await open(fileSystem, { segmentBytes: 100_000 });
    await appendMany(log, 10);
    await log.flushedUpTo(log.logEndOffset);
    const segment = log.segmentInfos()[0];
    if (segment === undefined) throw new Error('no segment');
    const fifth = await log.read(8, 1);
    const position = (await fileSystem.readFile(segment.path)).byteLength - 1;
    fileSystem.flipBit(segment.path, position, 0);
    fileSystem.crash();
    const reopened = await open(fileSystem, { segmentBytes: 100_000, recoveryPoint: 4 });
    expect(reopened.logEndOffset).toBe(18);
    expect(fifth.firstOffset).toBe(8);
    await reopened.verify();
  });

  it('ENOSPC fails the append, removes the partial write and keeps the log usable', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(8));
    const log = await open(fileSystem);
    await appendMany(log, 3);
    fileSystem.setSpaceBudget(50);
    await expect(log.append(buildTestBatch({ payloadBytes: 200 }), { partitionLeaderEpoch: 0 })).rejects.toSatisfy((e) => isStorageError(e, 'KAFKA_STORAGE_ERROR'));
    expect(log.logEndOffset).toBe(6);
    fileSystem.setSpaceBudget(undefined);
    expect((await log.append(buildTestBatch(), { partitionLeaderEpoch: 0 })).baseOffset).toBe(6);
    await log.verify();
    await log.flushedUpTo(log.logEndOffset);
    fileSystem.crash();
    const reopened = await open(fileSystem, { recoveryPoint: log.recoveryPoint });
    expect(reopened.logEndOffset).toBe(7);
  });

  it('a partition directory belongs to one topic id', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(9));
    const log = await open(fileSystem, { topicId: 'AAAAAAAAAAAAAAAAAAAAAQ' });
    await log.close();
    await expect(open(fileSystem, { topicId: 'BBBBBBBBBBBBBBBBBBBBBQ' })).rejects.toSatisfy((e) => isStorageError(e, 'KAFKA_STORAGE_ERROR'));
    await (await open(fileSystem, { topicId: 'AAAAAAAAAAAAAAAAAAAAAQ' })).close();
  });
});
