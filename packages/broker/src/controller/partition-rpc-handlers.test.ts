// AlterPartition and AllocateProducerIds over gRPC on a one-voter quorum: ISR shrink and expand
// with the epoch guards, several partitions in one request, and producer id blocks that never
// overlap.
import { afterEach, describe, expect, it } from 'vitest';
import { errorCodeNumber } from '@brook/protocol';
import type { BrookControllerClient } from '@brook/protocol';
import { topicByName } from '@brook/controller';
import { ControllerTestCluster, controllerCall, incarnationId, TEST_CLUSTER_ID } from './controller-test-cluster.js';

let cluster: ControllerTestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

async function registerUnfenced(client: BrookControllerClient, brokerIds: readonly number[]): Promise<Map<number, number>> {
  const epochs = new Map<number, number>();
  for (const brokerId of brokerIds) {
    const registered = await controllerCall(client, 'RegisterBroker', {
      clusterId: TEST_CLUSTER_ID, brokerId, incarnationId: incarnationId(), listeners: [{ name: 'client', host: 'localhost', port: 9000 + brokerId }], rack: '',
    });
    epochs.set(brokerId, Number(registered.brokerEpoch));
  }
  for (const [brokerId, epoch] of epochs) {
    await controllerCall(client, 'BrokerHeartbeat', { brokerId, brokerEpoch: epoch, currentMetadataOffset: epoch, wantFence: false, wantShutdown: false });
  }
  return epochs;
}

describe('controller partition RPCs', () => {
  it('shrinks and expands ISRs of several partitions in one AlterPartition, guarded by epochs', async () => {
    cluster = await ControllerTestCluster.start(1);
    const node = await cluster.active();
    const epochs = await registerUnfenced(node.client, [1, 2, 3]);
    await controllerCall(node.client, 'CreateTopics', { request: { topics: [{ name: 't', numPartitions: 2, replicationFactor: 3 }] } });
    const topic = topicByName(node.controller.image(), 't')!;
    const leaderOf = (p: number): number => topic.partitions[p]!.leader;
    // Partition 0 and 1 have different leaders; ask partition 0's leader to drop one follower.
    const leader = leaderOf(0);
    const follower = topic.partitions[0]!.isr.find((id) => id !== leader)!;
    const shrunk = topic.partitions[0]!.isr.filter((id) => id !== follower);
    const request = (isr: readonly number[], partitionEpoch: number, leaderEpoch = topic.partitions[0]!.leaderEpoch) => ({
      brokerId: leader, brokerEpoch: epochs.get(leader)!,
      partitions: [{ topicId: topic.topicId, partition: 0, leaderEpoch, partitionEpoch, newIsr: isr.map((id) => ({ brokerId: id, brokerEpoch: epochs.get(id)! })) }],
    });
    const first = await controllerCall(node.client, 'AlterPartition', request(shrunk, topic.partitions[0]!.partitionEpoch));
    expect(first.partitions[0]).toMatchObject({ errorCode: 0, leaderId: leader, isr: shrunk, partitionEpoch: topic.partitions[0]!.partitionEpoch + 1 });
    expect(Number(first.metadataOffset)).toBeGreaterThan(0);
    // A proposal based on the old partition epoch is refused; a stale leader epoch is fenced.
    const stale = await controllerCall(node.client, 'AlterPartition', request(topic.partitions[0]!.isr, topic.partitions[0]!.partitionEpoch));
    expect(stale.partitions[0]?.errorCode).toBe(errorCodeNumber('INVALID_UPDATE_VERSION'));
    const fenced = await controllerCall(node.client, 'AlterPartition', request(topic.partitions[0]!.isr, first.partitions[0]!.partitionEpoch, topic.partitions[0]!.leaderEpoch - 1));
    expect(fenced.partitions[0]?.errorCode).toBe(errorCodeNumber('FENCED_LEADER_EPOCH'));
    const expanded = await controllerCall(node.client, 'AlterPartition', request([...shrunk, follower], first.partitions[0]!.partitionEpoch));
    expect(expanded.partitions[0]).toMatchObject({ errorCode: 0, isr: [...shrunk, follower] });
    expect(topicByName(node.controller.image(), 't')!.partitions[0]!.isr).toEqual([...shrunk, follower]);
    // Two partitions in one request: the one this broker does not lead is refused on its own.
    const other = topic.partitions[1]!;
    const mixed = await controllerCall(node.client, 'AlterPartition', {
      brokerId: leader, brokerEpoch: epochs.get(leader)!,
      partitions: [
        { topicId: topic.topicId, partition: 1, leaderEpoch: other.leaderEpoch, partitionEpoch: other.partitionEpoch, newIsr: other.isr.map((id) => ({ brokerId: id, brokerEpoch: -1 })) },
        { topicId: topic.topicId, partition: 0, leaderEpoch: topic.partitions[0]!.leaderEpoch, partitionEpoch: expanded.partitions[0]!.partitionEpoch, newIsr: shrunk.map((id) => ({ brokerId: id, brokerEpoch: -1 })) },
      ],
    });
    expect(mixed.partitions.map((p) => p.errorCode)).toEqual([leaderOf(1) === leader ? 0 : errorCodeNumber('NOT_LEADER_OR_FOLLOWER'), 0]);
  });

  it('hands out producer id blocks that never overlap, and refuses a stale broker epoch', async () => {
    cluster = await ControllerTestCluster.start(1);
    const node = await cluster.active();
    const epochs = await registerUnfenced(node.client, [1, 2]);
    const a = await controllerCall(node.client, 'AllocateProducerIds', { brokerId: 1, brokerEpoch: epochs.get(1)! });
    const b = await controllerCall(node.client, 'AllocateProducerIds', { brokerId: 2, brokerEpoch: epochs.get(2)! });
    expect(a.count).toBeGreaterThan(0);
    expect(Number(b.firstProducerId)).toBeGreaterThanOrEqual(Number(a.firstProducerId) + a.count);
    const error = await controllerCall(node.client, 'AllocateProducerIds', { brokerId: 1, brokerEpoch: epochs.get(1)! - 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STALE_BROKER_EPOCH' });
  });
});
