// Producer snapshots at segment rolls and clean closes: a partition whose log rolls writes
// `<logEnd>.snapshot` after the appending batch; opening the log again after a crash (no close)
// restores from the newest snapshot and replays only the batches after it, with the same state as
// a rebuild from every batch (a duplicate is still recognized). A clean close writes one at the
// log end. A snapshot past the log end or a damaged one is deleted and an older one used; a
// truncation deletes the snapshots past the cut and restores a forgotten producer from one below
// it; retention deletes those below the log start.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeFileSystem, SegmentedLog } from '@brook/storage';
import { encodeRecordBatch, readBatchHeader } from '@brook/record-batch';
import { silentLogger } from '../logging/logger.js';
import { Partition } from './partition.js';
import { forEachLoggedBatch, loadProducerState, truncateLogAndProducers } from './producer-state-loader.js';
import { producerSnapshotFileName, ProducerSnapshotStore } from './producer-snapshot-files.js';
import type { LogSettings } from '../metadata/topic-configs.js';

const TOPIC_ID = '0123456789abcdef0123456789abcdef';
const fileSystem = new NodeFileSystem();
const directories: string[] = [];
afterEach(async () => {
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

const baseSettings: LogSettings = { retentionMs: -1, retentionBytes: -1, segmentBytes: 1 << 20, segmentMs: 3_600_000, maxMessageBytes: 1 << 20, flushPolicy: 'every-append', flushMs: 1000, flushMessages: -1, minInsyncReplicas: 1 };
const openLog = (directory: string, settings: LogSettings = baseSettings) =>
  SegmentedLog.open({ fileSystem, directory, topicId: TOPIC_ID, ...settings, flushPolicy: { kind: 'every-append-group-commit' }, recoveryPoint: 0 });
const idempotent = (producerId: bigint, baseSequence: number, value: string) =>
  encodeRecordBatch({ producerId, producerEpoch: 0, baseSequence, records: [{ key: null, value: Buffer.from(value), headers: [], timestamp: 1n }] });
const snapshotFiles = async (directory: string) => (await readdir(directory)).filter((name) => name.endsWith('.snapshot')).sort();

async function tempDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'brook-snapshot-'));
  directories.push(directory);
  return directory;
}

/** The snapshot store each leader() partition saves through: its endOffsets() waits for the saves in flight. */
const storeOf = new WeakMap<Partition, ProducerSnapshotStore>();

async function leader(directory: string, settings: LogSettings = baseSettings): Promise<Partition> {
  const log = await openLog(directory, settings);
  const snapshots = new ProducerSnapshotStore(fileSystem, directory, silentLogger());
  const partition = new Partition('t', 0, TOPIC_ID, settings, directory, log, await loadProducerState(log, await snapshots.latest(log.logStartOffset, log.logEndOffset)), {
    localNodeId: 1,
    replicaLagMs: 10_000,
    snapshots,
  });
  await partition.applyAssignment({ topic: 't', partition: 0, leaderId: 1, leaderEpoch: 0, replicas: [1], isr: [1], partitionEpoch: 0 }, 1);
  storeOf.set(partition, snapshots);
  return partition;
}

async function leaderWithProducers(directory: string): Promise<Partition> {
  const partition = await leader(directory);
  for (let sequence = 0; sequence < 7; sequence++) await partition.append(idempotent(5n, sequence, `a${sequence}`));
  for (let sequence = 0; sequence < 3; sequence++) await partition.append(idempotent(9n, sequence, `b${sequence}`));
  return partition;
}

describe('producer snapshot files', () => {
  it('a clean close writes one; the next open restores the same state from it and keeps it', async () => {
    const directory = await tempDirectory();
    const partition = await leaderWithProducers(directory);
    await partition.close();
    expect(await snapshotFiles(directory)).toEqual([producerSnapshotFileName(10)]);

    const log = await openLog(directory);
    try {
      const snapshot = await new ProducerSnapshotStore(fileSystem, directory, silentLogger()).latest(log.logStartOffset, log.logEndOffset);
      expect(snapshot?.endOffset).toBe(10);
      expect(await snapshotFiles(directory)).toEqual([producerSnapshotFileName(10)]);
      const restored = await loadProducerState(log, snapshot);
      const rebuilt = await loadProducerState(log);
      expect(restored.entries()).toEqual(rebuilt.entries());
      expect(restored.endOffset).toBe(10);
      // A retry of producer 5's last batch is still recognized as a duplicate.
      const retry = readBatchHeader(idempotent(5n, 6, 'a6'));
      expect(restored.check(retry, log.logEndOffset)).toMatchObject({ kind: 'duplicate', firstOffset: 6 });
    } finally {
      await log.close();
    }
  });

  it('deletes a snapshot past the log end and a damaged one, and falls back to an older one', async () => {
    const directory = await tempDirectory();
    const partition = await leaderWithProducers(directory);
    await partition.close();
    const log = await openLog(directory);
    try {
      const producers = await loadProducerState(log);
      const store = new ProducerSnapshotStore(fileSystem, directory, silentLogger());
      await store.save(4, []);
      await writeFile(join(directory, producerSnapshotFileName(999)), Buffer.from('past the end'));
      await writeFile(join(directory, producerSnapshotFileName(10)), Buffer.from('not a snapshot'));
      expect((await store.latest(log.logStartOffset, log.logEndOffset))?.endOffset).toBe(4);
      expect(await snapshotFiles(directory)).toEqual([producerSnapshotFileName(4)]);
      expect(producers.endOffset).toBe(10);
    } finally {
      await log.close();
    }
  });

  it('rolls write snapshots; after a crash the open replays only the batches past the newest one', async () => {
    const directory = await tempDirectory();
    // A segment holds a few dozen of these batches: 200 batches roll several times.
    const settings = { ...baseSettings, segmentBytes: 4096 };
    const partition = await leader(directory, settings);
    for (let sequence = 0; sequence < 200; sequence++) await partition.append(idempotent(BigInt(1 + (sequence % 3)), Math.floor(sequence / 3), `v${sequence}`));
    const segments = partition.log.segmentInfos().map((segment) => segment.baseOffset);
    expect(segments.length).toBeGreaterThan(3);
    const store = storeOf.get(partition)!;
    // One per roll, each right after the batch that started the new segment.
    expect(await store.endOffsets()).toEqual(segments.slice(1).map((base) => base + 1));
    // A crash: the log is reopened without the partition's close (no snapshot at the log end).
    await partition.log.close();

    const log = await openLog(directory, settings);
    try {
      const snapshot = await store.latest(log.logStartOffset, log.logEndOffset);
      expect(snapshot?.endOffset).toBe(segments.at(-1)! + 1);
      let replayed = 0;
      await forEachLoggedBatch(log, snapshot!.endOffset, () => replayed++);
      expect(replayed).toBe(log.logEndOffset - snapshot!.endOffset);
      expect(replayed).toBeLessThan(60);
      const restored = await loadProducerState(log, snapshot);
      expect(restored.entries()).toEqual((await loadProducerState(log)).entries());
      expect(restored.check(readBatchHeader(idempotent(3n, 65, 'v197')), log.logEndOffset)).toMatchObject({ kind: 'duplicate', firstOffset: 197 });
    } finally {
      await log.close();
    }
  });

  it('a truncation deletes the snapshots past the cut and restores a forgotten producer from one below it', async () => {
    const directory = await tempDirectory();
    const settings = { ...baseSettings, segmentBytes: 4096 };
    const partition = await leader(directory, settings);
    // Producer 7 writes early, then producer 8 writes enough to roll segments past it.
    for (let sequence = 0; sequence < 3; sequence++) await partition.append(idempotent(7n, sequence, `p${sequence}`));
    for (let sequence = 0; sequence < 150; sequence++) await partition.append(idempotent(8n, sequence, `q${sequence}`));
    const ends = await storeOf.get(partition)!.endOffsets();
    const store = new ProducerSnapshotStore(fileSystem, directory, silentLogger());
    expect(ends.length).toBeGreaterThanOrEqual(2);
    const cut = ends[1]! + 5;
    await partition.close();

    const log = await openLog(directory, settings);
    try {
      const producers = await loadProducerState(log, await store.latest(log.logStartOffset, log.logEndOffset));
      // Cutting below producer 8's first batch forgets it; producer 7 keeps its batches.
      await truncateLogAndProducers(log, producers, cut, store);
      expect(log.logEndOffset).toBe(cut);
      expect((await store.endOffsets()).every((end) => end <= cut)).toBe(true);
      expect(producers.entries()).toEqual((await loadProducerState(log)).entries());
      expect(producers.endOffset).toBe(cut);
      const truncatedAll = await loadProducerState(log);
      await truncateLogAndProducers(log, truncatedAll, 2, store);
      expect(truncatedAll.entries()).toEqual((await loadProducerState(log)).entries());
      expect(await store.endOffsets()).toEqual([]);
    } finally {
      await log.close();
    }
  });

  it('a truncation inside a batch also deletes a snapshot between the new log end and the cut', async () => {
    const directory = await tempDirectory();
    const log = await openLog(directory);
    try {
      const producers = await loadProducerState(log);
      const store = new ProducerSnapshotStore(fileSystem, directory, silentLogger());
      // Producer 2 keeps its first batch: nothing is forgotten, so no reload looks at the snapshots.
      const five = encodeRecordBatch({ producerId: 2n, producerEpoch: 0, baseSequence: 1, records: Array.from({ length: 5 }, (_, i) => ({ key: null, value: Buffer.from(`r${i}`), headers: [], timestamp: 1n })) });
      await log.append(idempotent(2n, 0, 'first'), { partitionLeaderEpoch: 0 });
      producers.update(readBatchHeader(idempotent(2n, 0, 'first')), 0);
      await log.append(five, { partitionLeaderEpoch: 0 });
      producers.update(readBatchHeader(five), 1);
      await store.save(3, producers.entries()); // not a batch boundary: only a damaged history would have it
      await truncateLogAndProducers(log, producers, 4, store);
      expect(log.logEndOffset).toBe(1);
      expect(await store.endOffsets()).toEqual([]);
      expect(producers.entries()).toEqual((await loadProducerState(log)).entries());
    } finally {
      await log.close();
    }
  });

  it('retention deletes the snapshots below the new log start', async () => {
    const directory = await tempDirectory();
    const settings = { ...baseSettings, segmentBytes: 4096, retentionBytes: 4096 };
    const partition = await leader(directory, settings);
    for (let sequence = 0; sequence < 200; sequence++) await partition.append(idempotent(4n, sequence, `r${sequence}`));
    const store = storeOf.get(partition)!;
    const before = await store.endOffsets();
    expect(await partition.log.deleteOldSegments()).toBeGreaterThan(0);
    await partition.forgetSnapshotsBelowLogStart();
    const after = await store.endOffsets();
    expect(after.length).toBeLessThan(before.length);
    expect(after.every((end) => end >= partition.logStartOffset)).toBe(true);
    await partition.close();
  });

  it('runs saves and deletions in call order', async () => {
    const directory = await tempDirectory();
    const store = new ProducerSnapshotStore(fileSystem, directory, silentLogger());
    const saved = [store.save(30, []), store.save(60, [])];
    await store.deleteAfter(40);
    await Promise.all(saved);
    expect(await store.endOffsets()).toEqual([30]);
    store.saveInBackground(90, []);
    await store.deleteAll();
    expect(await store.endOffsets()).toEqual([]);
  });
});
