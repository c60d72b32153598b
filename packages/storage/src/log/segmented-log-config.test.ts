// SegmentedLog.updateConfig on the in-memory file system with a hand-driven clock: each topic-level
// setting takes effect where Kafka's UnifiedLog.updateConfig makes it (segment size and age at the
// next roll decision, max.message.bytes at the next append, retention at the next
// deleteOldSegments, the flush policy at once, syncs held in flight by the file system where the
// switch must not lose or repeat a waiter); a bad value throws the RangeError open throws and
// changes nothing; closed and failed logs refuse an update as they refuse an append.
import { describe, expect, it } from 'vitest';
import { FaultFileSystem, SeededRandom, buildTestBatch } from '../testing/index.js';
import { SegmentedLog } from './segmented-log.js';
import type { LogConfigUpdate, SegmentedLogOptions } from './log-config.js';
import { isStorageError } from '../errors.js';

const directory = '/data/partitions/orders-0';
const manual = { kind: 'interval' } as const;
const everyAppend = { kind: 'every-append-group-commit' } as const;

async function openLog(overrides: Partial<SegmentedLogOptions> = {}, fileSystem = new FaultFileSystem(new SeededRandom(1))) {
  let clock = 1_700_000_000_000;
  const log = await SegmentedLog.open({ fileSystem, directory, now: () => clock, ...overrides });
  return { log, fileSystem, advance: (ms: number) => (clock += ms), now: () => clock };
}

/** Appends `count` one-record batches of 161 bytes (61-byte header, 100 bytes of payload). */
async function appendMany(log: SegmentedLog, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await log.append(buildTestBatch({ payloadBytes: 100 }), { partitionLeaderEpoch: 0 });
}

/** Lets every sync that is ready to run finish (the file system answers on the next turns). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

const baseOffsets = (log: SegmentedLog): number[] => log.segmentInfos().map((segment) => segment.baseOffset);

describe('SegmentedLog.settings', () => {
  it('shows the values open resolved, then each update, as copies', async () => {
    const { log } = await openLog({ segmentBytes: 4096, retentionBytes: 10_000 });
    expect(log.settings).toEqual({ segmentBytes: 4096, segmentMs: 7 * 24 * 3_600_000, maxMessageBytes: 1048588, retentionMs: 7 * 24 * 3_600_000, retentionBytes: 10_000, flushPolicy: everyAppend });
    log.updateConfig({ retentionMs: -1, flushPolicy: { kind: 'interval', intervalMessages: 100 } });
    const settings = log.settings;
    expect(settings).toMatchObject({ segmentBytes: 4096, retentionMs: -1, retentionBytes: 10_000, flushPolicy: { kind: 'interval', intervalMessages: 100 } });
    settings.segmentBytes = 1;
    expect(log.settings.segmentBytes).toBe(4096);
    await log.close();
  });
});

describe('SegmentedLog.updateConfig: segments and appends', () => {
  it('a smaller segmentBytes rolls an active segment already past it at the next append', async () => {
    const { log } = await openLog();
    await appendMany(log, 3);
    expect(baseOffsets(log)).toEqual([0]);
    log.updateConfig({ segmentBytes: 400 });
    expect(baseOffsets(log)).toEqual([0]);
    await appendMany(log, 1);
    expect(baseOffsets(log)).toEqual([0, 3]);
    await appendMany(log, 2);
    expect(baseOffsets(log)).toEqual([0, 3, 5]);
    await log.close();
  });

  it('a smaller segmentMs rolls an active segment already older than it at the next append', async () => {
    const { log, advance } = await openLog();
    await appendMany(log, 1);
    advance(60_000);
    await appendMany(log, 1);
    expect(baseOffsets(log)).toEqual([0]);
    log.updateConfig({ segmentMs: 30_000 });
    await appendMany(log, 1);
    expect(baseOffsets(log)).toEqual([0, 2]);
    await log.close();
  });

  it('a lower maxMessageBytes refuses a batch that fit before with MESSAGE_TOO_LARGE; a raised one accepts it', async () => {
    const { log } = await openLog({ maxMessageBytes: 1000 });
    const batch = () => buildTestBatch({ payloadBytes: 800 });
    await log.append(batch(), { partitionLeaderEpoch: 0 });
    log.updateConfig({ maxMessageBytes: 500 });
    await expect(log.append(batch(), { partitionLeaderEpoch: 0 })).rejects.toSatisfy((e) => isStorageError(e, 'MESSAGE_TOO_LARGE'));
    expect(log.logEndOffset).toBe(1);
    const larger = () => buildTestBatch({ payloadBytes: 1500 });
    log.updateConfig({ maxMessageBytes: 1000 });
    await expect(log.append(larger(), { partitionLeaderEpoch: 0 })).rejects.toSatisfy((e) => isStorageError(e, 'MESSAGE_TOO_LARGE'));
    log.updateConfig({ maxMessageBytes: 2000 });
    expect((await log.append(larger(), { partitionLeaderEpoch: 0 })).baseOffset).toBe(1);
    await log.close();
  });
});

describe('SegmentedLog.updateConfig: retention', () => {
  it('a lower retentionMs deletes at the next deleteOldSegments what the old one kept', async () => {
    const { log, advance } = await openLog({ segmentBytes: 400, retentionMs: -1 });
    await appendMany(log, 6);
    expect(baseOffsets(log)).toEqual([0, 2, 4]);
    advance(60_000);
    expect(await log.deleteOldSegments()).toBe(0);
    log.updateConfig({ retentionMs: 30_000 });
    expect(await log.deleteOldSegments()).toBe(2);
    expect(baseOffsets(log)).toEqual([4]);
    expect(log.logStartOffset).toBe(4);
    await log.close();
  });

  it('a lower retentionBytes deletes the oldest segments at the next deleteOldSegments', async () => {
    const { log } = await openLog({ segmentBytes: 400, retentionMs: -1, retentionBytes: -1 });
    await appendMany(log, 6);
    expect(await log.deleteOldSegments()).toBe(0);
    log.updateConfig({ retentionBytes: 600 });
    expect(await log.deleteOldSegments()).toBe(1);
    expect(baseOffsets(log)).toEqual([2, 4]);
    await log.close();
  });
});

describe('SegmentedLog.updateConfig: flush policy', () => {
  it('interval -> every-append: the unsynced tail becomes durable unasked, and so does every later append', async () => {
    const { log, fileSystem } = await openLog({ flushPolicy: manual });
    await appendMany(log, 3);
    await settle();
    expect(log.durableOffset).toBe(0);
    log.updateConfig({ flushPolicy: everyAppend });
    await settle();
    expect(log.durableOffset).toBe(3);
    const syncsBefore = fileSystem.fileSyncCount;
    await appendMany(log, 1);
    await settle();
    expect(log.durableOffset).toBe(4);
    expect(fileSystem.fileSyncCount).toBeGreaterThan(syncsBefore);
    await log.close();
  });

  it('interval -> every-append with an fsync held in flight: every waiter resolves, with at most two fsyncs running and one queued', async () => {
    const { log, fileSystem } = await openLog({ flushPolicy: manual });
    // The first append of an epoch writes the leader-epoch checkpoint, itself fsynced: do it first.
    await appendMany(log, 1);
    await log.flushedUpTo(1);
    const syncsBefore = fileSystem.fileSyncCount;
    const release = fileSystem.holdSyncs();
    await appendMany(log, 2);
    const early = log.flushedUpTo(3);
    await appendMany(log, 2);
    log.updateConfig({ flushPolicy: everyAppend });
    await appendMany(log, 5);
    const late = Promise.all([log.flushedUpTo(5), log.flushedUpTo(10)]);
    expect(log.durableOffset).toBe(1);
    release();
    await Promise.all([early, late]);
    expect(log.durableOffset).toBe(10);
    expect(fileSystem.fileSyncCount - syncsBefore).toBeLessThanOrEqual(3);
    await log.close();
  });

  it('every-append -> interval: appends wait for the record count, counted from the switch', async () => {
    const { log } = await openLog();
    await appendMany(log, 2);
    await log.flushedUpTo(2);
    log.updateConfig({ flushPolicy: { kind: 'interval', intervalMessages: 3 } });
    await appendMany(log, 2);
    await settle();
    expect(log.durableOffset).toBe(2);
    await appendMany(log, 1);
    await settle();
    expect(log.durableOffset).toBe(5);
    await log.close();
  });

  it('every-append -> interval with a timer: syncs on the timer without being asked', async () => {
    const { log } = await openLog();
    await appendMany(log, 1);
    await log.flushedUpTo(1);
    log.updateConfig({ flushPolicy: { kind: 'interval', intervalMs: 10 } });
    await appendMany(log, 2);
    await settle();
    expect(log.durableOffset).toBe(1);
    const deadline = Date.now() + 5_000;
    while (log.durableOffset < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(log.durableOffset).toBe(3);
    await log.close();
  });
});

describe('SegmentedLog.updateConfig: refusals', () => {
  const invalid: Array<[string, LogConfigUpdate]> = [
    ['segmentBytes 0', { segmentBytes: 0 }],
    ['segmentBytes past int32', { segmentBytes: 2 ** 31 }],
    ['segmentBytes not an integer', { segmentBytes: 1.5 }],
    ['segmentMs 0', { segmentMs: 0 }],
    ['maxMessageBytes NaN', { maxMessageBytes: Number.NaN }],
    ['retentionMs below -1', { retentionMs: -2 }],
    ['retentionBytes not an integer', { retentionBytes: 10.5 }],
    ['flush intervalMs 0', { flushPolicy: { kind: 'interval', intervalMs: 0 } }],
    ['flush intervalMessages -1', { flushPolicy: { kind: 'interval', intervalMessages: -1 } }],
    ['an unknown flush policy', { flushPolicy: { kind: 'sometimes' } as unknown as LogConfigUpdate['flushPolicy'] }],
    ['a setting fixed at open', { indexIntervalBytes: 8 } as LogConfigUpdate],
    ['one bad value among good ones', { segmentBytes: 200, retentionMs: 1, flushPolicy: manual, maxMessageBytes: 0 }],
  ];

  it.each(invalid)('%s: throws a RangeError and changes nothing', async (_name, changes) => {
    const { log } = await openLog({ segmentBytes: 1000, retentionMs: -1 });
    await appendMany(log, 2);
    const before = log.settings;
    expect(() => log.updateConfig(changes)).toThrow(RangeError);
    expect(log.settings).toEqual(before);
    // Still the old values in effect: no roll at 200 bytes, an append still durable unasked.
    await appendMany(log, 2);
    await settle();
    expect(baseOffsets(log)).toEqual([0]);
    expect(log.durableOffset).toBe(4);
    await log.close();
  });

  it('open throws the same RangeError for the same values', async () => {
    await expect(openLog({ retentionMs: -2 })).rejects.toThrow(RangeError);
    await expect(openLog({ flushPolicy: { kind: 'interval', intervalMs: 0 } })).rejects.toThrow(RangeError);
    await expect(openLog({ segmentBytes: 2 ** 31 })).rejects.toThrow(RangeError);
  });

  it('a closed log refuses with LOG_CLOSED, a failed one with KAFKA_STORAGE_ERROR', async () => {
    const closed = await openLog();
    await closed.log.close();
    expect(() => closed.log.updateConfig({ retentionMs: 1 })).toThrow(expect.toSatisfy((e) => isStorageError(e, 'LOG_CLOSED')));
    // Under the manual policy the append stays unsynced, so the flush after the crash must fsync.
    const failed = await openLog({ flushPolicy: manual });
    await appendMany(failed.log, 1);
    failed.fileSystem.crash();
    await expect(failed.log.flush()).rejects.toSatisfy((e) => isStorageError(e, 'KAFKA_STORAGE_ERROR'));
    expect(failed.log.failure).toBeDefined();
    expect(() => failed.log.updateConfig({ retentionMs: 1 })).toThrow(expect.toSatisfy((e) => isStorageError(e, 'KAFKA_STORAGE_ERROR')));
    await failed.log.close();
  });
});
