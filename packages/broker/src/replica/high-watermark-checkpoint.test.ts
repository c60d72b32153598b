// The high watermark checkpointed before a stop (Kafka's replication-offset-checkpoint) is where a
// reopened replica's high watermark starts: as a follower, and as a leader whose ISR follower has
// not fetched yet (before, it started at the log start and committed records were invisible until
// the ISR fetched again); it is clamped to the log, and it never moves back once the role's state
// knows more. (partition-manager.test.ts: the manager writes it and reads it at the next open.)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeFileSystem, SegmentedLog } from '@brook/storage';
import { encodeRecordBatch } from '@brook/record-batch';
import { Partition } from './partition.js';
import { loadProducerState } from './producer-state-loader.js';
import type { LogSettings } from '../metadata/topic-configs.js';

const TOPIC_ID = '0123456789abcdef0123456789abcdef';
const fileSystem = new NodeFileSystem();
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const settings: LogSettings = { retentionMs: -1, retentionBytes: -1, segmentBytes: 1 << 20, segmentMs: 3_600_000, maxMessageBytes: 1 << 20, flushPolicy: 'every-append', flushMs: 1000, flushMessages: -1, minInsyncReplicas: 1 };
const batch = (count: number) => encodeRecordBatch({ records: Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`v${i}`), headers: [], timestamp: 1n })) });
const assignment = (leaderId: number, leaderEpoch: number) => ({ topic: 't', partition: 0, leaderId, leaderEpoch, replicas: [1, 2], isr: [1, 2], partitionEpoch: 0 });

async function logWith(records: number): Promise<{ directory: string; log: SegmentedLog }> {
  const directory = await mkdtemp(join(tmpdir(), 'brook-hw-'));
  cleanup.push(() => rm(directory, { recursive: true, force: true }));
  const log = await SegmentedLog.open({ fileSystem, directory, topicId: TOPIC_ID, ...settings, flushPolicy: { kind: 'every-append-group-commit' }, recoveryPoint: 0 });
  if (records > 0) await log.append(batch(records), { partitionLeaderEpoch: 0 });
  await log.flush();
  return { directory, log };
}

async function replica(records: number, initialHighWatermark: number | undefined): Promise<Partition> {
  const { directory, log } = await logWith(records);
  const partition = new Partition('t', 0, TOPIC_ID, settings, directory, log, await loadProducerState(log), {
    localNodeId: 1,
    replicaLagMs: 10_000,
    ...(initialHighWatermark === undefined ? {} : { initialHighWatermark }),
  });
  cleanup.push(() => partition.close());
  return partition;
}

describe('the checkpointed high watermark', () => {
  it('is where a reopened follower and leader start, before the ISR fetches', async () => {
    const follower = await replica(10, 7);
    expect(follower.highWatermark).toBe(7);
    await follower.applyAssignment(assignment(2, 1), 1);
    expect(follower.highWatermark).toBe(7);

    const leader = await replica(10, 7);
    await leader.applyAssignment(assignment(1, 1), 1);
    // Follower 2 is in the ISR and has not fetched: without the checkpoint this was 0.
    expect(leader.highWatermark).toBe(7);
    // It fetches up to 10: the high watermark moves on from 7, never back.
    leader.recordFollowerFetch(2, 1, 10);
    expect(leader.highWatermark).toBe(10);

    const fresh = await replica(10, undefined);
    await fresh.applyAssignment(assignment(1, 1), 1);
    expect(fresh.highWatermark).toBe(0);
  });

  it('is clamped to the log', async () => {
    const shorter = await replica(4, 9);
    expect(shorter.highWatermark).toBe(4);
    await shorter.applyAssignment(assignment(1, 1), 1);
    expect(shorter.highWatermark).toBe(4);
  });
});
