// Producer snapshots across a clean close: a leader's partition that closes writes
// `<logEnd>.snapshot`; opening the log again with it gives the same producer state as rebuilding
// from every batch (a duplicate is still recognized), replays only the batches after it, and
// consumes the file. A snapshot past the log end or a damaged one is deleted and ignored.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeFileSystem, SegmentedLog } from '@brook/storage';
import { encodeRecordBatch, readBatchHeader } from '@brook/record-batch';
import { silentLogger } from '../logging/logger.js';
import { Partition } from './partition.js';
import { loadProducerState } from './producer-state-loader.js';
import { producerSnapshotFileName, takeProducerSnapshot, writeProducerSnapshot } from './producer-snapshot-files.js';
import type { LogSettings } from '../metadata/topic-configs.js';

const TOPIC_ID = '0123456789abcdef0123456789abcdef';
const fileSystem = new NodeFileSystem();
const directories: string[] = [];
afterEach(async () => {
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

const settings: LogSettings = { retentionMs: -1, retentionBytes: -1, segmentBytes: 1 << 20, segmentMs: 3_600_000, maxMessageBytes: 1 << 20, flushPolicy: 'every-append', flushMs: 1000, flushMessages: -1, minInsyncReplicas: 1 };
const openLog = (directory: string) => SegmentedLog.open({ fileSystem, directory, topicId: TOPIC_ID, ...settings, flushPolicy: { kind: 'every-append-group-commit' }, recoveryPoint: 0 });
const idempotent = (producerId: bigint, baseSequence: number, value: string) =>
  encodeRecordBatch({ producerId, producerEpoch: 0, baseSequence, records: [{ key: null, value: Buffer.from(value), headers: [], timestamp: 1n }] });

async function leaderWithProducers(directory: string): Promise<Partition> {
  const log = await openLog(directory);
  const partition = new Partition('t', 0, TOPIC_ID, settings, directory, log, await loadProducerState(log), {
    localNodeId: 1,
    replicaLagMs: 10_000,
    saveProducerState: (endOffset, entries) => writeProducerSnapshot(fileSystem, directory, endOffset, entries),
  });
  await partition.applyAssignment({ topic: 't', partition: 0, leaderId: 1, leaderEpoch: 0, replicas: [1], isr: [1], partitionEpoch: 0 }, 1);
  for (let sequence = 0; sequence < 7; sequence++) await partition.append(idempotent(5n, sequence, `a${sequence}`));
  for (let sequence = 0; sequence < 3; sequence++) await partition.append(idempotent(9n, sequence, `b${sequence}`));
  return partition;
}

describe('producer snapshot files', () => {
  it('a clean close writes one; the next open restores the same state from it and consumes it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'brook-snapshot-'));
    directories.push(directory);
    const partition = await leaderWithProducers(directory);
    await partition.close();
    expect((await readdir(directory)).filter((name) => name.endsWith('.snapshot'))).toEqual([producerSnapshotFileName(10)]);

    const log = await openLog(directory);
    try {
      const snapshot = await takeProducerSnapshot(fileSystem, directory, log.logStartOffset, log.logEndOffset, silentLogger());
      expect(snapshot?.endOffset).toBe(10);
      expect((await readdir(directory)).filter((name) => name.endsWith('.snapshot'))).toEqual([]);
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

  it('ignores and deletes a snapshot past the log end or a damaged one', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'brook-snapshot-'));
    directories.push(directory);
    const partition = await leaderWithProducers(directory);
    await partition.close();
    await writeFile(join(directory, producerSnapshotFileName(999)), Buffer.from('past the end'));
    const damaged = join(directory, producerSnapshotFileName(10));
    await writeFile(damaged, Buffer.from('not a snapshot'));
    const log = await openLog(directory);
    try {
      expect(await takeProducerSnapshot(fileSystem, directory, log.logStartOffset, log.logEndOffset, silentLogger())).toBeUndefined();
      expect((await readdir(directory)).filter((name) => name.endsWith('.snapshot'))).toEqual([]);
    } finally {
      await log.close();
    }
  });
});
