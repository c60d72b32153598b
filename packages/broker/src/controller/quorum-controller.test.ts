// The controller role end to end: three QuorumControllers in one process over real gRPC (Raft
// and BrookController on each node's listener), driven as brokers would drive them. Election and
// the NOT_CONTROLLER redirect, registration and heartbeats, topics created on the active
// controller and replayed by all three, session expiry, failover, and a quorum of one.
import { afterEach, describe, expect, it } from 'vitest';
import { controllerIdHint, errorCodeNumber, isBrookError } from '@brook/protocol';
import type { BrookControllerClient } from '@brook/protocol';
import { alterPartition, encodeSnapshot, topicByName, topicConfig } from '@brook/controller';
import { ControllerTestCluster, controllerCall, eventually, incarnationId, TEST_CLUSTER_ID } from './controller-test-cluster.js';
import type { TestControllerSettings } from './controller-test-cluster.js';

let cluster: ControllerTestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

async function startCluster(size: number, settings: TestControllerSettings = {}): Promise<ControllerTestCluster> {
  cluster = await ControllerTestCluster.start(size, settings);
  return cluster;
}

async function register(client: BrookControllerClient, brokerId: number): Promise<number> {
  const response = await controllerCall(client, 'RegisterBroker', {
    clusterId: TEST_CLUSTER_ID, brokerId, incarnationId: incarnationId(),
    listeners: [{ name: 'client', host: 'localhost', port: 9000 + brokerId }], rack: '',
  });
  return Number(response.brokerEpoch);
}

function heartbeat(client: BrookControllerClient, brokerId: number, brokerEpoch: number) {
  return controllerCall(client, 'BrokerHeartbeat', { brokerId, brokerEpoch, currentMetadataOffset: brokerEpoch, wantFence: false, wantShutdown: false });
}

/** Registers brokers and heartbeats each once, so all are unfenced; returns their epochs. */
async function registerUnfenced(client: BrookControllerClient, brokerIds: readonly number[]): Promise<Map<number, number>> {
  const epochs = new Map<number, number>();
  for (const id of brokerIds) epochs.set(id, await register(client, id));
  for (const id of brokerIds) expect(await heartbeat(client, id, epochs.get(id)!)).toMatchObject({ isFenced: false, isCaughtUp: true });
  return epochs;
}

describe('QuorumController', () => {
  it('elects one active controller; the others answer NOT_CONTROLLER naming it', async () => {
    const c = await startCluster(3);
    const active = await c.active();
    for (const follower of c.running().filter((n) => n !== active)) {
      expect(follower.controller.isActive()).toBe(false);
      const error = await register(follower.client, 7).catch((e: unknown) => e);
      expect(isBrookError(error, 'NOT_CONTROLLER')).toBe(true);
      expect(controllerIdHint(error)).toBe(active.id);
      expect(() => follower.controller.describeQuorum()).toThrow(/not the active controller/);
    }
  });

  it('registers a broker (epoch = the registration offset) and unfences it on a caught-up heartbeat', async () => {
    const c = await startCluster(3);
    const active = await c.active();
    const epoch = await register(active.client, 1);
    const broker = active.controller.image().brokers.get(1);
    expect(broker).toMatchObject({ epoch, fenced: true, rack: null, listeners: [{ name: 'client', host: 'localhost', port: 9001 }] });
    const behind = await controllerCall(active.client, 'BrokerHeartbeat', { brokerId: 1, brokerEpoch: epoch, currentMetadataOffset: epoch - 1, wantFence: false, wantShutdown: false });
    expect(behind).toEqual({ isCaughtUp: false, isFenced: true, shouldShutdown: false });
    // Pipelined: the second heartbeat runs on the speculative image (already unfenced) and writes
    // nothing, yet answers only once the unfencing batch has committed.
    const [first, second] = await Promise.all([
      heartbeat(active.client, 1, epoch),
      heartbeat(active.client, 1, epoch).then((answer) => ({ answer, fencedWhenAnswered: active.controller.image().brokers.get(1)?.fenced })),
    ]);
    expect(first).toEqual({ isCaughtUp: true, isFenced: false, shouldShutdown: false });
    expect(second).toEqual({ answer: { isCaughtUp: true, isFenced: false, shouldShutdown: false }, fencedWhenAnswered: false });
    const stale = await heartbeat(active.client, 1, epoch + 100).catch((e: unknown) => e);
    expect(isBrookError(stale, 'STALE_BROKER_EPOCH')).toBe(true);
    const foreign = await controllerCall(active.client, 'RegisterBroker', { clusterId: 'other', brokerId: 2, incarnationId: incarnationId(), listeners: [], rack: '' }).catch((e: unknown) => e);
    expect(isBrookError(foreign)).toBe(true);
    expect((foreign as Error).message).toMatch(/cluster 'other'/);
  });

  it('creates topics with RF 3 that all three controllers replay; validate_only writes nothing; deletes them', async () => {
    const c = await startCluster(3);
    const active = await c.active();
    await registerUnfenced(active.client, [1, 2, 3]);
    const offsetBefore = active.controller.image().offset;
    const dryRun = await controllerCall(active.client, 'CreateTopics', { request: { topics: [{ name: 'dry', numPartitions: 2, replicationFactor: 3 }], validateOnly: true } });
    expect(dryRun.metadataOffset).toBe('-1');
    expect(dryRun.response?.topics[0]).toMatchObject({ name: 'dry', errorCode: 0, topicId: '', numPartitions: 2, replicationFactor: 3 });
    expect(active.controller.image().offset).toBe(offsetBefore);

    const created = await controllerCall(active.client, 'CreateTopics', {
      request: { topics: [{ name: 'orders', numPartitions: 0, replicationFactor: -1, configs: { 'retention.ms': '60000' } }, { name: 'bad name!' }] },
    });
    const [orders, bad] = created.response!.topics;
    expect(orders).toMatchObject({ name: 'orders', errorCode: 0, numPartitions: 3, replicationFactor: 3 });
    expect(orders!.configs).toEqual([{ name: 'retention.ms', value: '60000', source: 'CONFIG_SOURCE_TOPIC', readOnly: false }]);
    expect(bad).toMatchObject({ errorCode: errorCodeNumber('INVALID_TOPIC_EXCEPTION'), numPartitions: -1 });
    const offset = Number(created.metadataOffset);
    expect(offset).toBeGreaterThan(offsetBefore);
    for (const node of c.running()) {
      await node.controller.waitForOffset(offset, 5_000);
      const topic = topicByName(node.controller.image(), 'orders');
      expect(topic?.topicId).toBe(orders!.topicId);
      expect(topic?.partitions.map((p) => [...p.replicas].sort())).toEqual([[1, 2, 3], [1, 2, 3], [1, 2, 3]]);
    }
    const again = await controllerCall(active.client, 'CreateTopics', { request: { topics: [{ name: 'orders' }] } });
    expect(again.response!.topics[0]!.errorCode).toBe(errorCodeNumber('TOPIC_ALREADY_EXISTS'));
    expect(again.metadataOffset).toBe('-1');

    const altered = await controllerCall(active.client, 'IncrementalAlterConfigs', {
      request: {
        topics: [
          { name: 'orders', configs: [{ name: 'retention.ms', operation: 'CONFIG_OPERATION_SET', value: '60000' }] },
          { name: 'missing', configs: [{ name: 'retention.ms', operation: 'CONFIG_OPERATION_SET', value: '1' }] },
        ],
      },
    });
    expect(altered.response!.topics.map((t) => [t.name, t.errorCode])).toEqual([['orders', 0], ['missing', errorCodeNumber('UNKNOWN_TOPIC_OR_PARTITION')]]);
    for (const node of c.running()) {
      await node.controller.waitForOffset(Number(altered.metadataOffset), 5_000);
      expect(topicConfig(node.controller.image(), 'orders').get('retention.ms')).toBe('60000');
    }
    const unknownOperation = controllerCall(active.client, 'IncrementalAlterConfigs', { request: { topics: [{ name: 'orders', configs: [{ name: 'retention.ms', operation: 9 as never, value: '1' }] }] } });
    await expect(unknownOperation).rejects.toMatchObject({ message: expect.stringContaining('unknown operation 9') });

    const deleted = await controllerCall(active.client, 'DeleteTopics', { request: { names: ['orders', 'missing'] } });
    expect(deleted.response!.topics).toEqual([
      { name: 'orders', topicId: orders!.topicId, errorCode: 0, errorMessage: '' },
      expect.objectContaining({ name: 'missing', errorCode: errorCodeNumber('UNKNOWN_TOPIC_OR_PARTITION') }),
    ]);
    for (const node of c.running()) {
      await node.controller.waitForOffset(Number(deleted.metadataOffset), 5_000);
      expect(topicByName(node.controller.image(), 'orders')).toBeUndefined();
    }
  });

  it('fences a broker whose session expires and moves its leaderships to live replicas', async () => {
    const c = await startCluster(3, { brokerSessionTimeoutMs: 600 });
    const active = await c.active();
    const epochs = await registerUnfenced(active.client, [1, 2, 3]);
    const created = await controllerCall(active.client, 'CreateTopics', { request: { topics: [{ name: 'events', numPartitions: 6, replicationFactor: 3 }] } });
    await active.controller.waitForOffset(Number(created.metadataOffset), 5_000);
    const ledBy3 = () => topicByName(active.controller.image(), 'events')!.partitions.filter((p) => p.leader === 3).length;
    expect(ledBy3()).toBeGreaterThan(0);
    // Brokers 1 and 2 keep heartbeating; broker 3 falls silent.
    const beating = setInterval(() => {
      for (const id of [1, 2]) heartbeat(active.client, id, epochs.get(id)!).catch(() => {});
    }, 100);
    try {
      await eventually(() => active.controller.image().brokers.get(3)?.fenced, 5_000, 'broker 3 fenced');
      const image = active.controller.image();
      expect(image.brokers.get(1)?.fenced).toBe(false);
      expect(image.brokers.get(2)?.fenced).toBe(false);
      expect(ledBy3()).toBe(0);
      for (const p of topicByName(image, 'events')!.partitions) {
        expect([1, 2]).toContain(p.leader);
        expect(p.isr).not.toContain(3);
      }
    } finally {
      clearInterval(beating);
    }
  });

  it('moves leadership back to the preferred replica as soon as it is unfenced and in sync again', async () => {
    const c = await startCluster(3, { brokerSessionTimeoutMs: 600 });
    const active = await c.active();
    const epochs = await registerUnfenced(active.client, [1, 2, 3]);
    const created = await controllerCall(active.client, 'CreateTopics', { request: { topics: [{ name: 'events', numPartitions: 6, replicationFactor: 3 }] } });
    await active.controller.waitForOffset(Number(created.metadataOffset), 5_000);
    const events = () => topicByName(active.controller.image(), 'events')!;
    const preferredBy3 = events().partitions.flatMap((p, i) => (p.replicas[0] === 3 ? [i] : []));
    expect(preferredBy3.length).toBeGreaterThan(0);
    const beating = new Set([1, 2]);
    const timer = setInterval(() => {
      for (const id of beating) heartbeat(active.client, id, epochs.get(id)!).catch(() => {});
    }, 100);
    try {
      await eventually(() => active.controller.image().brokers.get(3)?.fenced, 5_000, 'broker 3 fenced');
      beating.add(3);
      await eventually(() => active.controller.image().brokers.get(3)?.fenced === false, 5_000, 'broker 3 unfenced');
      // Each partition's leader takes broker 3 back into the ISR (AlterPartition); no periodic
      // check runs within the test (leaderImbalanceCheckIntervalMs is a minute).
      for (const partition of preferredBy3) {
        const p = events().partitions[partition]!;
        const leader = p.leader;
        await active.controller.runCommand((image) => alterPartition(image, {
          brokerId: leader, brokerEpoch: image.brokers.get(leader)!.epoch, topicId: events().topicId, partition,
          leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr: [...p.isr, 3].map((brokerId) => ({ brokerId, brokerEpoch: -1 })),
        }), Date.now() + 5_000);
      }
      await eventually(() => preferredBy3.every((i) => events().partitions[i]!.leader === 3), 5_000, 'broker 3 leading its preferred partitions');
    } finally {
      clearInterval(timer);
    }
  });

  it('fails over after a crash: a new active controller with the same image serves the next command', async () => {
    const c = await startCluster(3);
    const first = await c.active();
    await registerUnfenced(first.client, [1, 2, 3]);
    const created = await controllerCall(first.client, 'CreateTopics', { request: { topics: [{ name: 'before', numPartitions: 2 }] } });
    for (const node of c.running()) await node.controller.waitForOffset(Number(created.metadataOffset), 5_000);
    const imageBefore = encodeSnapshot(first.controller.image());
    await c.stop(first.id, { crash: true });

    const second = await c.active(5_000);
    expect(second.id).not.toBe(first.id);
    expect(encodeSnapshot(second.controller.image())).toEqual(imageBefore);
    const after = await controllerCall(second.client, 'CreateTopics', { request: { topics: [{ name: 'after', numPartitions: 1 }] } });
    expect(after.response!.topics[0]!.errorCode).toBe(0);
    for (const node of c.running()) {
      await node.controller.waitForOffset(Number(after.metadataOffset), 5_000);
      expect(topicByName(node.controller.image(), 'after')).toBeDefined();
      expect(topicByName(node.controller.image(), 'before')).toBeDefined();
    }
  });

  it('hands leadership over when the active controller closes: a successor is active within one election timeout', async () => {
    const electionTimeoutMs = 1_000;
    const c = await startCluster(3, { electionTimeoutMs });
    const first = await c.active(10_000);
    await registerUnfenced(first.client, [1]);
    const stoppedAt = Date.now();
    await c.stop(first.id);
    const second = await c.active(5_000);
    // Without the handover no follower would even start an election before a full election
    // timeout of silence.
    expect(Date.now() - stoppedAt).toBeLessThan(electionTimeoutMs);
    expect(second.controller.image().brokers.has(1)).toBe(true);
  });

  it('a restarted controller recovers its image from its own snapshot and log, then catches up', async () => {
    const c = await startCluster(3, { metadataSnapshotEntries: 4 });
    const active = await c.active();
    await registerUnfenced(active.client, [1, 2, 3]);
    await controllerCall(active.client, 'CreateTopics', { request: { topics: [{ name: 'first' }] } });
    const follower = c.running().find((n) => n !== active)!;
    await follower.controller.waitForOffset(active.controller.image().offset, 5_000);
    await c.stop(follower.id);
    for (const name of ['second', 'third', 'fourth']) await controllerCall(active.client, 'CreateTopics', { request: { topics: [{ name }] } });
    await registerUnfenced(active.client, [4, 5]);

    const restarted = await c.restart(follower.id);
    const target = active.controller.image();
    await restarted.controller.waitForOffset(target.offset, 5_000);
    expect(encodeSnapshot(restarted.controller.image())).toEqual(encodeSnapshot(target));
    expect(restarted.controller.isActive()).toBe(false);
  });

  it('a quorum of one becomes active well under the election timeout', async () => {
    const started = Date.now();
    const c = await startCluster(1, { electionTimeoutMs: 5_000 });
    const only = await c.active(1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    const epoch = await register(only.client, 1);
    expect(only.controller.image().brokers.get(1)?.epoch).toBe(epoch);
    // And again after a restart, with the image read back from its log.
    const image = encodeSnapshot(only.controller.image());
    await c.stop(only.id);
    const restartedAt = Date.now();
    const again = await c.restart(only.id);
    await eventually(() => again.controller.isActive(), 1_000, 'active again');
    expect(Date.now() - restartedAt).toBeLessThan(1_000);
    expect(encodeSnapshot(again.controller.image())).toEqual(image);
  });

  it('never proposes a batch that breaks a metadata invariant (it would stop every controller applying it)', async () => {
    const c = await startCluster(1);
    const only = await c.active(1_000);
    const before = only.controller.image();
    const poisoned = only.controller.runCommand(() => ({ records: [{ type: 'FenceBroker', version: 0, brokerId: 42, brokerEpoch: 1 }], response: null }), Date.now() + 1_000);
    await expect(poisoned).rejects.toThrow(/invariant BrokerRegistered/);
    const epoch = await register(only.client, 1);
    expect(only.controller.image().brokers.get(1)?.epoch).toBe(epoch);
    expect(only.controller.image().brokers.size).toBe(before.brokers.size + 1);
  });
});
