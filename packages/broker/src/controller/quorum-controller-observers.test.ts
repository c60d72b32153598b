// What the active controller tells the nodes that follow the metadata log without a vote:
// FetchMetadata (the committed batches, long-polling for the next one, a snapshot when the
// asker is behind the retained log) and DescribeQuorum (voters' and observers' progress).
import { afterEach, describe, expect, it } from 'vitest';
import { controllerIdHint, isBrookError } from '@brook/protocol';
import type { BrookControllerClient, FetchMetadataResponse__Output } from '@brook/protocol';
import { decodeRecords, decodeSnapshot, EMPTY_IMAGE, encodeSnapshot, replayBatch } from '@brook/controller';
import type { MetadataImage } from '@brook/controller';
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

/** Registers brokers and unfences them: two batches per broker. */
async function registerBrokers(client: BrookControllerClient, ids: readonly number[]): Promise<void> {
  for (const brokerId of ids) {
    const registered = await controllerCall(client, 'RegisterBroker', { clusterId: TEST_CLUSTER_ID, brokerId, incarnationId: incarnationId(), listeners: [], rack: 'r1' });
    const brokerEpoch = Number(registered.brokerEpoch);
    await controllerCall(client, 'BrokerHeartbeat', { brokerId, brokerEpoch, currentMetadataOffset: brokerEpoch, wantFence: false, wantShutdown: false });
  }
}

function fetch(client: BrookControllerClient, nodeId: number, afterOffset: number, maxWaitMs = 0): Promise<FetchMetadataResponse__Output> {
  return controllerCall(client, 'FetchMetadata', { clusterId: TEST_CLUSTER_ID, nodeId, afterOffset, maxWaitMs, maxBytes: 0 });
}

/** What an observer would build from one answer, starting from `image`. */
function applyFetched(image: MetadataImage, response: FetchMetadataResponse__Output): MetadataImage {
  let next = response.snapshot === null ? image : decodeSnapshot(response.snapshot.image);
  for (const batch of response.batches) next = replayBatch(next, decodeRecords(batch.records), Number(batch.offset));
  return next;
}

describe('FetchMetadata', () => {
  it('serves the committed batches after an offset, which replay to the controller\'s image', async () => {
    const c = await startCluster(3);
    const active = await c.active();
    await registerBrokers(active.client, [1, 2, 3]);
    await controllerCall(active.client, 'CreateTopics', { request: { topics: [{ name: 'logs', numPartitions: 2 }] } });
    const image = active.controller.image();

    const all = await fetch(active.client, 9, -1);
    expect(all.snapshot).toBeNull();
    expect(Number(all.highWatermark)).toBe(image.offset);
    expect(all.leaderId).toBe(active.id);
    expect(Number(all.leaderEpoch)).toBe(active.controller.currentTerm());
    const offsets = all.batches.map((b) => Number(b.offset));
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(offsets.at(-1)).toBe(image.offset);
    expect(encodeSnapshot(applyFetched(EMPTY_IMAGE, all))).toEqual(encodeSnapshot(image));

    const rest = await fetch(active.client, 9, offsets[2]!);
    expect(rest.batches.map((b) => Number(b.offset))).toEqual(offsets.slice(3));
  });

  it('long-polls until the next batch is applied, or answers empty when max_wait_ms passes', async () => {
    const c = await startCluster(3);
    const active = await c.active();
    await registerBrokers(active.client, [1]);
    const end = active.controller.image().offset;

    const started = Date.now();
    const empty = await fetch(active.client, 9, end, 150);
    expect(empty.batches).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    const waiting = fetch(active.client, 9, end, 4_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const polledAt = Date.now();
    await registerBrokers(active.client, [2]);
    const answer = await waiting;
    expect(Date.now() - polledAt).toBeLessThan(2_000);
    expect(Number(answer.batches[0]!.offset)).toBeGreaterThan(end);
  });

  it('answers NOT_CONTROLLER with the active id from a follower, and at once when the active controller stops', async () => {
    const c = await startCluster(3);
    const active = await c.active();
    const follower = c.running().find((n) => n !== active)!;
    const refused = await fetch(follower.client, 9, -1).catch((e: unknown) => e);
    expect(isBrookError(refused, 'NOT_CONTROLLER')).toBe(true);
    expect(controllerIdHint(refused)).toBe(active.id);

    const end = active.controller.image().offset;
    const waiting = fetch(active.client, 9, end, 4_000).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stoppedAt = Date.now();
    // The controller closes while its gRPC server still runs, so the answer is its own (a
    // server shut down at once could cut the call before the status is written).
    const closing = active.controller.close();
    const answer = await waiting;
    await closing;
    expect(Date.now() - stoppedAt).toBeLessThan(2_000);
    expect(isBrookError(answer, 'NOT_CONTROLLER')).toBe(true);
    // The closing controller hands leadership over first: the hint is unknown (-1) or its successor.
    expect(controllerIdHint(answer)).not.toBe(active.id);
  });

  it('sends a snapshot and the batches after it to an observer behind the retained log', async () => {
    const c = await startCluster(3, { metadataSnapshotEntries: 4 });
    const active = await c.active();
    await registerBrokers(active.client, [1, 2, 3, 4, 5, 6, 7, 8]);
    const image = active.controller.image();
    const fromStart = await fetch(active.client, 9, -1);
    expect(fromStart.snapshot).not.toBeNull();
    const snapshotOffset = Number(fromStart.snapshot!.offset);
    expect(snapshotOffset).toBeGreaterThan(0);
    expect(fromStart.batches.every((b) => Number(b.offset) > snapshotOffset)).toBe(true);
    expect(encodeSnapshot(applyFetched(EMPTY_IMAGE, fromStart))).toEqual(encodeSnapshot(image));
    // An observer that is only a little behind gets batches alone.
    const recent = await fetch(active.client, 9, snapshotOffset);
    expect(recent.snapshot).toBeNull();
    // Every controller's image is the same, whether it got there by entries or a snapshot.
    for (const node of c.running()) {
      await node.controller.waitForOffset(image.offset, 5_000);
      expect(encodeSnapshot(node.controller.image())).toEqual(encodeSnapshot(image));
    }
  });
});

describe('DescribeQuorum', () => {
  it('reports the leader, term, commit index, every voter\'s progress and the observers', async () => {
    const c = await startCluster(3);
    const active = await c.active();
    await registerBrokers(active.client, [1, 2]);
    await fetch(active.client, 12, -1);
    const observerEnd = active.controller.image().offset;
    await fetch(active.client, 11, observerEnd);
    // A voter that fetches is still a voter, not an observer.
    await fetch(active.client, active.id === 1 ? 2 : 1, -1);
    await registerBrokers(active.client, [3]);

    const described = await eventually(async () => {
      const q = await controllerCall(active.client, 'DescribeQuorum', {});
      return q.voters.every((v) => v.lag === '0') ? q : undefined;
    }, 5_000, 'followers caught up');
    expect(described.leaderId).toBe(active.id);
    expect(Number(described.leaderEpoch)).toBe(active.controller.currentTerm());
    expect(described.voters.map((v) => v.nodeId)).toEqual([1, 2, 3]);
    for (const voter of described.voters) {
      expect(Number(voter.logEndOffset)).toBe(Number(described.highWatermark));
      const ago = Number(voter.lastContactMsAgo);
      if (voter.nodeId === active.id) expect(ago).toBe(0);
      else expect(ago).toBeGreaterThanOrEqual(0);
      expect(ago).toBeLessThan(1_000);
    }
    const imageOffset = active.controller.image().offset;
    expect(described.observers.map((o) => [o.nodeId, Number(o.logEndOffset), Number(o.lag)])).toEqual([
      [11, observerEnd, imageOffset - observerEnd],
      [12, -1, imageOffset + 1],
    ]);
    const follower = c.running().find((n) => n !== active)!;
    const refused = await controllerCall(follower.client, 'DescribeQuorum', {}).catch((e: unknown) => e);
    expect(controllerIdHint(refused)).toBe(active.id);
  });
});
