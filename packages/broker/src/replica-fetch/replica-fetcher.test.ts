// A leader and a follower Partition on real logs, the leader's ReplicaFetchService on a real gRPC
// server and the follower's ReplicaFetcher, without a controller (metadata is given by hand):
// divergence truncation on a leader change (KIP-279, never to the HW), acks=all waiting for the
// follower's fsynced fetch, ISR expansion on catch-up and shrink after replicaLagMs through the
// IsrUpdater, NOT_ENOUGH_REPLICAS below min.insync.replicas, fencing of a stale epoch, and the
// incremental fetch session (idle partitions left out both ways, their fetches still counted; a
// leader that does not know it gets full requests).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Server, ServerCredentials, type ServerDuplexStream } from '@grpc/grpc-js';
import { brookReplicationServiceDefinition, type AlterPartitionRequest, type ReplicaFetchRequest__Output, type ReplicaFetchResponse } from '@brook/protocol';
import { NodeFileSystem, SegmentedLog } from '@brook/storage';
import { encodeRecordBatch, splitBatches } from '@brook/record-batch';
import { silentLogger } from '../logging/logger.js';
import { Partition } from '../replica/partition.js';
import { loadProducerState } from '../replica/producer-state-loader.js';
import type { PartitionState } from '../metadata/metadata-view.js';
import { ReplicaFetchService } from './replica-fetch-service.js';
import { ReplicaFetcher } from './replica-fetcher.js';
import { IsrUpdater } from './isr-updater.js';

const CLUSTER = 'test-cluster';
const TOPIC_ID = '0123456789abcdef0123456789abcdef';
const LAG_MS = 300;
const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const batch = (value: string) => encodeRecordBatch({ records: [{ key: null, value: Buffer.from(value), headers: [], timestamp: 1n }] });

async function openPartition(nodeId: number, index = 0): Promise<Partition> {
  const directory = await mkdtemp(join(tmpdir(), `brook-replica-${nodeId}-${index}-`));
  const log = await SegmentedLog.open({ fileSystem: new NodeFileSystem(), directory, topicId: TOPIC_ID, segmentBytes: 1 << 20, segmentMs: 3_600_000, retentionMs: -1, retentionBytes: -1, maxMessageBytes: 1 << 20, flushPolicy: { kind: 'every-append-group-commit' }, recoveryPoint: 0 });
  const partition = new Partition('t', index, TOPIC_ID, { retentionMs: -1, retentionBytes: -1, segmentBytes: 1 << 20, segmentMs: 3_600_000, maxMessageBytes: 1 << 20, flushPolicy: 'every-append' as const, flushMs: 1000, flushMessages: -1, minInsyncReplicas: 1 }, directory, log, await loadProducerState(log), { localNodeId: nodeId, replicaLagMs: LAG_MS });
  cleanup.push(async () => {
    await partition.close();
    await rm(directory, { recursive: true, force: true });
  });
  return partition;
}

function state(leaderEpoch: number, isr: number[], partitionEpoch = 0, partition = 0): PartitionState {
  return { topic: 't', partition, leaderId: 1, leaderEpoch, replicas: [1, 2], isr, partitionEpoch };
}

type Stream = ServerDuplexStream<ReplicaFetchRequest__Output, ReplicaFetchResponse>;

/** Serves `leaders` (by partition index); `wrap` may watch or alter each stream before the service gets it. */
async function serveLeader(leaders: Partition | Partition[], wrap: (stream: Stream) => Stream = (stream) => stream): Promise<string> {
  const server = new Server();
  const byIndex = Array.isArray(leaders) ? leaders : [leaders];
  const service = new ReplicaFetchService({ clusterId: CLUSTER, partitions: { get: (_topic, index) => byIndex[index] }, maxWaitMs: 200, maxBytes: 1 << 20, shutdown: new AbortController().signal, logger: silentLogger() });
  server.addService(brookReplicationServiceDefinition(), { ReplicaFetch: (stream: Stream) => service.implementation().ReplicaFetch(wrap(stream)) });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  cleanup.push(async () => void server.forceShutdown());
  return `127.0.0.1:${port}`;
}

function startFetcher(address: string, followers: Partition | Partition[]): ReplicaFetcher {
  const settings = { clusterId: CLUSTER, localNodeId: 2, brokerEpoch: () => 7, maxWaitMs: 100, maxBytes: 1 << 20, partitionMaxBytes: 1 << 20, backoffMs: 20, messageBytesMax: 4 << 20 };
  const all = Array.isArray(followers) ? followers : [followers];
  const fetcher = new ReplicaFetcher(1, address, () => all.filter((follower) => follower.isFollower), settings, silentLogger());
  cleanup.push(() => fetcher.close());
  return fetcher;
}

async function epochsOf(partition: Partition): Promise<number[]> {
  const read = await partition.readForReplica(partition.logStartOffset, 1 << 20);
  return [...splitBatches(read.bytes)].flatMap((view) => Array.from({ length: view.header.lastOffsetDelta + 1 }, () => view.header.partitionLeaderEpoch));
}

describe('ReplicaFetcher and ReplicaFetchService', () => {
  it('truncates a diverged follower to where the logs agree and catches up (KIP-279)', async () => {
    const leader = await openPartition(1);
    const follower = await openPartition(2);
    // Both wrote offset 0 in epoch 0; then the follower (a leader of epoch 0 that lost its
    // leadership) wrote 1-2 alone, while the new leader wrote 1-3 in epoch 1.
    await leader.log.append(batch('common'), { partitionLeaderEpoch: 0 });
    for (const value of ['x', 'y', 'z']) await leader.log.append(batch(value), { partitionLeaderEpoch: 1 });
    for (const value of ['common', 'lost-1', 'lost-2']) await follower.log.append(batch(value), { partitionLeaderEpoch: 0 });
    await leader.applyAssignment(state(1, [1]), 1);
    await follower.applyAssignment(state(1, [1]), 1);
    startFetcher(await serveLeader(leader), follower);
    await expect.poll(() => follower.logEndOffset, { timeout: 5_000 }).toBe(4);
    expect(await epochsOf(follower)).toEqual([0, 1, 1, 1]);
    await expect.poll(() => follower.highWatermark, { timeout: 5_000 }).toBe(4);
  });

  it('acks=all waits for the follower; the ISR expands on catch-up and shrinks when it stops fetching', async () => {
    const leader = await openPartition(1);
    const follower = await openPartition(2);
    await leader.applyAssignment(state(0, [1]), 1);
    await follower.applyAssignment(state(0, [1]), 1);
    const proposals: AlterPartitionRequest[] = [];
    const updater = new IsrUpdater({
      channel: { alterPartition: async (request) => (proposals.push(request), { partitions: [{ topicId: TOPIC_ID, partition: 0, errorCode: 0, errorMessage: '', leaderId: 1, leaderEpoch: 0, partitionEpoch: proposals.length, isr: request.partitions?.[0]?.newIsr?.map((m) => m.brokerId ?? -1) ?? [] }], metadataOffset: '1' }) },
      localNodeId: 1, brokerEpoch: () => 3, partitions: () => [leader], replicaLagMs: LAG_MS, requestTimeoutMs: 1_000, logger: silentLogger(),
    });
    cleanup.push(async () => updater.close());
    const fetcher = startFetcher(await serveLeader(leader), follower);
    await leader.append(batch('first'));
    await expect.poll(() => follower.logEndOffset, { timeout: 5_000 }).toBe(1);
    // The follower caught up: the leader proposes it back into the ISR with its broker epoch.
    await expect.poll(() => { updater.checkAll(); return proposals.length; }, { timeout: 5_000 }).toBe(1);
    expect(proposals[0]?.partitions?.[0]?.newIsr).toEqual([{ brokerId: 1, brokerEpoch: -1 }, { brokerId: 2, brokerEpoch: 7 }]);
    // The image commits it; with min ISR 2, acks=all completes only once the follower has it.
    await leader.applyAssignment(state(0, [1, 2], 1), 2);
    await follower.applyAssignment(state(0, [1, 2], 1), 2);
    const appended = await leader.append(batch('second'));
    await leader.waitForHighWatermark(appended.result.lastOffset + 1, 5_000);
    expect(follower.logEndOffset).toBe(2);
    // The follower stops fetching: after replicaLagMs the leader proposes it out.
    await fetcher.close();
    await leader.append(batch('third'));
    const waiting = leader.waitForHighWatermark(3, 1_000).then(() => 'acknowledged', (error: { code: string }) => error.code);
    await expect.poll(() => { updater.checkAll(); return proposals.length; }, { timeout: 5_000 }).toBe(2);
    expect(proposals[1]?.partitions?.[0]?.newIsr?.map((m) => m.brokerId)).toEqual([1]);
    // A removal counts at once for min.insync.replicas: the waiting produce fails (at its deadline,
    // as Kafka's DelayedProduce: the HW never reached it), new ones are refused before appending.
    expect(await waiting).toBe('NOT_ENOUGH_REPLICAS_AFTER_APPEND');
    expect(leader.checkEnoughReplicas('before-append')?.code).toBe('NOT_ENOUGH_REPLICAS');
    await leader.applyAssignment(state(0, [1], 2), 2);
    expect(leader.highWatermark).toBe(2);
  });

  it('an incremental session leaves idle partitions out of requests and answers, and still counts their fetches for the ISR (KIP-227)', async () => {
    const { leaders, followers } = await twoPartitionsInSync();
    const requests: ReplicaFetchRequest__Output[] = [];
    const answers: ReplicaFetchResponse[] = [];
    startFetcher(await serveLeader(leaders, (stream) => watch(stream, requests, answers)), followers);
    // Only partition 0 gets records, for longer than replicaLagMs; each is acknowledged by both.
    const until = Date.now() + 3 * LAG_MS;
    let records = 0;
    while (Date.now() < until) {
      const appended = await leaders[0]!.append(batch(`r${records++}`));
      await leaders[0]!.waitForHighWatermark(appended.result.lastOffset + 1, 5_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await expect.poll(() => followers[0]!.highWatermark, { timeout: 5_000 }).toBe(records);
    // The idle partition's follower stays in its ISR, and its fetches kept counting although its
    // requests left it out: its caught-up time is recent, so the next append there does not find
    // it lagging (a shrink proposed, the high watermark moved without it).
    expect(leaders[1]!.isrChange()).toBeUndefined();
    expect(leaders[1]!.leaderState?.isr).toEqual([1, 2]);
    expect(Date.now() - leaders[1]!.leaderState!.follower(2)!.lastCaughtUpTimeMs).toBeLessThan(LAG_MS);
    // The first request and answer carry both partitions; afterwards partition 1 is never in a
    // request (its position does not change) nor in an answer (nothing new), the answers are
    // incremental, and partition 0 is in requests as its position moves.
    expect(requests.length).toBeGreaterThan(records);
    expect(requests[0]!.partitions.map((p) => p.partition)).toEqual([0, 1]);
    expect(answers[0]!.partitions?.map((p) => p.partition)).toEqual([0, 1]);
    const later = requests.slice(1).flatMap((request) => request.partitions.map((p) => p.partition));
    expect(later).not.toContain(1);
    expect(later.filter((index) => index === 0).length).toBeGreaterThanOrEqual(records);
    expect(answers.slice(1).flatMap((answer) => answer.partitions?.map((p) => p.partition) ?? [])).not.toContain(1);
    expect(answers.every((answer) => answer.incremental === true)).toBe(true);
  });

  it('a leader that does not know incremental sessions gets full requests and replication works', async () => {
    const { leaders, followers } = await twoPartitionsInSync();
    const requests: ReplicaFetchRequest__Output[] = [];
    const answers: ReplicaFetchResponse[] = [];
    // An older leader does not read the incremental field: every request reaches it as a full one.
    startFetcher(await serveLeader(leaders, (stream) => watch(stream, requests, answers, (request) => ({ ...request, incremental: false, forgotten: [] }))), followers);
    for (let i = 0; i < 5; i++) {
      const appended = await leaders[i % 2]!.append(batch(`r${i}`));
      await leaders[i % 2]!.waitForHighWatermark(appended.result.lastOffset + 1, 5_000);
    }
    await expect.poll(() => followers.map((follower) => follower.highWatermark), { timeout: 5_000 }).toEqual([3, 2]);
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.every((request) => request.partitions.length === 2)).toBe(true);
    expect(answers.every((answer) => answer.incremental !== true && answer.partitions?.length === 2)).toBe(true);
  });

  it('fences a fetch carrying an older leader epoch and answers NOT_LEADER_OR_FOLLOWER from a follower', async () => {
    const leader = await openPartition(1);
    await leader.applyAssignment(state(3, [1]), 1);
    const service = new ReplicaFetchService({ clusterId: CLUSTER, partitions: { get: () => leader }, maxWaitMs: 0, maxBytes: 1 << 20, shutdown: new AbortController().signal, logger: silentLogger() });
    const ask = async (currentLeaderEpoch: number) => {
      const response = await service.fetch({ clusterId: CLUSTER, replicaId: 2, replicaEpoch: '1', maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20, partitions: [{ topic: 't', topicId: TOPIC_ID, partition: 0, currentLeaderEpoch, fetchOffset: '0', lastFetchedEpoch: -1, logStartOffset: '0', partitionMaxBytes: 1 << 20 }], incremental: false, forgotten: [] });
      return response.partitions?.[0]?.errorCode;
    };
    expect(await ask(2)).toBe(74);
    expect(await ask(4)).toBe(75);
    expect(await ask(3)).toBe(0);
    await expect(service.fetch({ clusterId: 'other', replicaId: 2, replicaEpoch: '1', maxWaitMs: 0, minBytes: 1, maxBytes: 1, partitions: [], incremental: false, forgotten: [] })).rejects.toMatchObject({ code: 'INCONSISTENT_CLUSTER_ID' });
    await leader.applyAssignment({ ...state(4, [2]), leaderId: 2 }, 1);
    expect(await ask(4)).toBe(6);
  });
});

/** Partitions 0 and 1 led by broker 1 and followed by broker 2, both in the ISR, min ISR 2. */
async function twoPartitionsInSync(): Promise<{ leaders: Partition[]; followers: Partition[] }> {
  const leaders = [await openPartition(1, 0), await openPartition(1, 1)];
  const followers = [await openPartition(2, 0), await openPartition(2, 1)];
  for (const [index, partition] of [...leaders, ...followers].entries()) await partition.applyAssignment(state(0, [1, 2], 0, index % 2), 2);
  return { leaders, followers };
}

/** Records a stream's requests (after `alter`, as the service sees them) and answers. */
function watch(stream: Stream, requests: ReplicaFetchRequest__Output[], answers: ReplicaFetchResponse[], alter: (request: ReplicaFetchRequest__Output) => ReplicaFetchRequest__Output = (request) => request): Stream {
  const on = stream.on.bind(stream);
  stream.on = ((event: string, listener: (...args: unknown[]) => void) => on(event, event === 'data' ? (request: ReplicaFetchRequest__Output) => { const seen = alter(request); requests.push(seen); listener(seen); } : listener)) as Stream['on'];
  const write = stream.write.bind(stream) as (answer: ReplicaFetchResponse) => boolean;
  stream.write = ((answer: ReplicaFetchResponse) => (answers.push(answer), write(answer))) as Stream['write'];
  return stream;
}
