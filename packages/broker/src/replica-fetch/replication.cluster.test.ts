// Three combined nodes in process, real gRPC between them: produced batches reach every replica
// through ReplicaFetch, acks=all answers once the whole ISR has them, consumers see them only
// below the high watermark, a stopped follower leaves the ISR and rejoins it after catching up,
// and a new leader after the old one stops still holds every acknowledged record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeByNumber, type BrookClientClient } from '@brook/protocol';
import { decodeRecordBatch, encodeRecordBatch, splitBatches } from '@brook/record-batch';
import { startTestCluster, type TestCluster } from '../testing/test-cluster.js';
import { unaryCall } from '../testing/unary-call.js';

const TOPIC = 'replicated';
let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startTestCluster();
  const created = await unaryCall(cluster.client(1), 'CreateTopics', { topics: [{ name: TOPIC, numPartitions: 1, replicationFactor: 3 }] });
  expect(created.topics[0]?.errorCode).toBe(0);
}, 60_000);

afterAll(async () => {
  await cluster?.close();
});

const batch = (values: string[], producer?: { producerId: bigint; baseSequence: number }) =>
  Buffer.from(encodeRecordBatch({ records: values.map((value) => ({ key: null, value: Buffer.from(value), headers: [], timestamp: 1n })), ...(producer === undefined ? {} : { ...producer, producerEpoch: 0 }) }));

async function partitionState(client: BrookClientClient, topic = TOPIC): Promise<{ leader: number; isr: number[]; epoch: number }> {
  const metadata = await unaryCall(client, 'Metadata', { topics: [topic] });
  const partition = metadata.topics[0]?.partitions[0];
  return { leader: partition?.leaderId ?? -1, isr: [...(partition?.isr ?? [])].sort(), epoch: partition?.leaderEpoch ?? -1 };
}

function anyRunning(): BrookClientClient {
  const running = cluster.nodes.find((node) => node.client !== undefined);
  if (running?.client === undefined) throw new Error('no node running');
  return running.client;
}

async function produce(leader: number, values: string[], acks = -1, topic = TOPIC, records = batch(values)): Promise<{ error: string; baseOffset: number }> {
  const response = await unaryCall(cluster.client(leader), 'Produce', { acks, timeoutMs: 10_000, topics: [{ name: topic, partitions: [{ partition: 0, records }] }] });
  const result = response.topics[0]?.partitions[0];
  return { error: errorCodeByNumber(result?.errorCode ?? -1) ?? 'UNKNOWN', baseOffset: Number(result?.baseOffset) };
}

/** Reads the partition from offset 0 up to the high watermark (a read covers one segment at most). */
async function consume(nodeId: number): Promise<{ error: string; highWatermark: number; values: string[] }> {
  const values: string[] = [];
  for (let offset = 0; ;) {
    const response = await unaryCall(cluster.client(nodeId), 'Fetch', { maxWaitMs: 0, topics: [{ name: TOPIC, partitions: [{ partition: 0, fetchOffset: offset }] }] });
    const result = response.topics[0]?.partitions[0];
    const error = errorCodeByNumber(result?.errorCode ?? -1) ?? 'UNKNOWN';
    const batches = [...splitBatches(result?.records ?? Buffer.alloc(0))];
    for (const view of batches) values.push(...decodeRecordBatch(view.bytes).records.map((r) => Buffer.from(r.value ?? []).toString()));
    const last = batches[batches.length - 1];
    if (error !== 'NONE' || last === undefined) return { error, highWatermark: Number(result?.highWatermark), values };
    offset = Number(last.header.baseOffset) + last.header.lastOffsetDelta + 1;
  }
}

async function offsetsOn(nodeId: number): Promise<{ highWatermark: number; logEndOffset: number } | undefined> {
  return (await cluster.status(nodeId)).partitions.find((p) => p.topic === TOPIC && p.partition === 0);
}

describe('replication across three brokers', () => {
  it('replicates produced batches to every follower; acks=all answers once the ISR has them', async () => {
    await expect.poll(async () => (await partitionState(anyRunning())).isr, { timeout: 10_000 }).toEqual([1, 2, 3]);
    const { leader } = await partitionState(anyRunning());
    await expect.poll(async () => (await produce(leader, ['a', 'b'])).error, { timeout: 10_000 }).toBe('NONE');
    // acks=all answered: the high watermark is past the batch, so consumers see it at once.
    const seen = await consume(leader);
    expect(seen.values).toEqual(['a', 'b']);
    expect(seen.highWatermark).toBe(2);
    for (const node of cluster.nodes) await expect.poll(() => offsetsOn(node.nodeId), { timeout: 5_000 }).toMatchObject({ logEndOffset: 2 });
    // A follower answers clients with NOT_LEADER_OR_FOLLOWER: no follower fetching, no follower produce.
    const follower = cluster.nodes.find((node) => node.nodeId !== leader)?.nodeId ?? -1;
    expect((await consume(follower)).error).toBe('NOT_LEADER_OR_FOLLOWER');
    expect((await produce(follower, ['x'])).error).toBe('NOT_LEADER_OR_FOLLOWER');
  });

  it('keeps producing with a follower stopped, and the follower rejoins the ISR after catching up', async () => {
    const { leader } = await partitionState(anyRunning());
    const follower = cluster.nodes.find((node) => node.nodeId !== leader)?.nodeId ?? -1;
    await cluster.stop(follower);
    await expect.poll(async () => (await partitionState(cluster.client(leader))).isr, { timeout: 10_000 }).not.toContain(follower);
    expect((await produce(leader, ['while-away'])).error).toBe('NONE');
    await cluster.start(follower);
    await expect.poll(async () => (await partitionState(cluster.client(leader))).isr, { timeout: 15_000 }).toContain(follower);
    await expect.poll(() => offsetsOn(follower), { timeout: 5_000 }).toMatchObject({ logEndOffset: 3 });
  }, 40_000);

  it('a new leader holds every acknowledged record after the old leader stops', async () => {
    const before = await partitionState(anyRunning());
    expect((await produce(before.leader, ['last-before-failover'])).error).toBe('NONE');
    await cluster.stop(before.leader);
    await expect.poll(async () => (await partitionState(anyRunning())).leader, { timeout: 15_000 }).not.toBe(before.leader);
    const after = await partitionState(anyRunning());
    expect(after.epoch).toBeGreaterThan(before.epoch);
    await expect.poll(async () => (await consume(after.leader)).values, { timeout: 10_000 }).toEqual(['a', 'b', 'while-away', 'last-before-failover']);
    await expect.poll(async () => (await produce(after.leader, ['after-failover'])).error, { timeout: 10_000 }).toBe('NONE');
    await cluster.start(before.leader);
    // The old leader follows the new one and catches up.
    await expect.poll(() => offsetsOn(before.leader), { timeout: 15_000 }).toMatchObject({ logEndOffset: 5 });
  }, 60_000);

  it('a new leader answers a retry of its predecessor\'s idempotent batch with the original offsets', async () => {
    const topic = 'idempotent';
    expect((await unaryCall(anyRunning(), 'CreateTopics', { topics: [{ name: topic, numPartitions: 1, replicationFactor: 3 }] })).topics[0]?.errorCode).toBe(0);
    await expect.poll(async () => (await partitionState(anyRunning(), topic)).isr, { timeout: 10_000 }).toEqual([1, 2, 3]);
    const before = await partitionState(anyRunning(), topic);
    const records = batch(['exactly-once'], { producerId: 4242n, baseSequence: 0 });
    // Retried until the leader has opened the partition: an idempotent batch is safe to retry.
    await expect.poll(async () => (await produce(before.leader, [], -1, topic, Buffer.from(records))).error, { timeout: 10_000 }).toBe('NONE');
    const first = await produce(before.leader, [], -1, topic, Buffer.from(records));
    expect(first.error).toBe('NONE');
    await cluster.stop(before.leader);
    await expect.poll(async () => (await partitionState(anyRunning(), topic)).leader, { timeout: 15_000 }).not.toBe(before.leader);
    const after = await partitionState(anyRunning(), topic);
    // The producer never heard the answer and retries on the new leader: same offsets, no second copy.
    await expect.poll(async () => await produce(after.leader, [], -1, topic, Buffer.from(records)), { timeout: 10_000 }).toEqual({ error: 'NONE', baseOffset: first.baseOffset });
    const next = await produce(after.leader, [], -1, topic, Buffer.from(batch(['next'], { producerId: 4242n, baseSequence: 1 })));
    expect(next).toEqual({ error: 'NONE', baseOffset: first.baseOffset + 1 });
    const gap = await produce(after.leader, [], -1, topic, Buffer.from(batch(['gap'], { producerId: 4242n, baseSequence: 5 })));
    expect(gap.error).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    await cluster.start(before.leader);
  }, 60_000);

  it('min.insync.replicas=2: NOT_ENOUGH_REPLICAS with two brokers down, produce resumes when one returns', async () => {
    const topic = 'strict';
    const created = await unaryCall(anyRunning(), 'CreateTopics', { topics: [{ name: topic, numPartitions: 1, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }] });
    expect(created.topics[0]?.errorCode).toBe(0);
    await expect.poll(async () => (await partitionState(anyRunning(), topic)).isr, { timeout: 10_000 }).toEqual([1, 2, 3]);
    const { leader } = await partitionState(anyRunning(), topic);
    await expect.poll(async () => (await produce(leader, ['two-copies'], -1, topic)).error, { timeout: 10_000 }).toBe('NONE');
    const followers = cluster.nodes.map((node) => node.nodeId).filter((id) => id !== leader);
    for (const follower of followers) await cluster.stop(follower);
    await expect.poll(async () => (await partitionState(cluster.client(leader), topic)).isr, { timeout: 10_000 }).toEqual([leader]);
    expect((await produce(leader, ['refused'], -1, topic)).error).toBe('NOT_ENOUGH_REPLICAS');
    // acks=1 is not bound by min.insync.replicas, but its record stays invisible while the HW is frozen.
    expect((await produce(leader, ['leader-only'], 1, topic)).error).toBe('NONE');
    const frozen = await unaryCall(cluster.client(leader), 'Fetch', { maxWaitMs: 0, topics: [{ name: topic, partitions: [{ partition: 0, fetchOffset: 0 }] }] });
    expect(frozen.topics[0]?.partitions[0]?.highWatermark).toBe('1');
    await cluster.start(followers[0] ?? -1);
    await expect.poll(async () => (await produce(leader, ['resumed'], -1, topic)).error, { timeout: 20_000, interval: 500 }).toBe('NONE');
    await cluster.start(followers[1] ?? -1);
  }, 90_000);
});
