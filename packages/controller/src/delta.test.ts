// Checks replay: a sequence of records builds the expected image, epochs are bumped by the
// PartitionChangeBuilder rules, unchanged parts are shared between images, and each named
// invariant throws MetadataInvariantError when a record would break it.
import { describe, expect, it } from 'vitest';
import { MetadataDelta, replay, replayBatch } from './delta.js';
import { MetadataInvariantError } from './errors.js';
import { EMPTY_IMAGE, topicByName } from './image.js';
import type { MetadataImage } from './image.js';
import type { MetadataRecord } from './records.js';

const tid = 'a'.repeat(32);
const register = (brokerId: number): MetadataRecord => ({ type: 'RegisterBroker', version: 0, brokerId, incarnationId: 'b'.repeat(32), listeners: [], rack: null });
const unfence = (brokerId: number, brokerEpoch: number): MetadataRecord => ({ type: 'UnfenceBroker', version: 0, brokerId, brokerEpoch });

function cluster(): MetadataImage {
  let image = replayBatch(EMPTY_IMAGE, [register(1), register(2), register(3)], 0);
  image = replayBatch(image, [unfence(1, 0), unfence(2, 0), unfence(3, 0)], 1);
  return replayBatch(image, [
    { type: 'Topic', version: 0, name: 't', topicId: tid },
    { type: 'Partition', version: 0, topicId: tid, partition: 0, replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1, leaderEpoch: 0, partitionEpoch: 0 },
  ], 2);
}

function invariantOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof MetadataInvariantError) return e.invariant;
    throw e;
  }
  return 'none';
}

describe('replay', () => {
  it('builds brokers with epoch = offset, fenced at registration, and topics', () => {
    const image = cluster();
    expect(image.offset).toBe(2);
    expect(image.brokers.get(2)).toMatchObject({ epoch: 0, fenced: false });
    const fresh = replay(image, register(4), 3);
    expect(fresh.brokers.get(4)).toMatchObject({ epoch: 3, fenced: true });
    expect(topicByName(image, 't')?.partitions[0]).toEqual({ replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1, leaderEpoch: 0, partitionEpoch: 0 });
  });

  it('bumps the leader epoch only on a leader change and the partition epoch on every change', () => {
    let image = cluster();
    image = replay(image, { type: 'PartitionChange', version: 0, topicId: tid, partition: 0, isr: [1, 2] }, 3);
    expect(image.topicsById.get(tid)?.partitions[0]).toMatchObject({ leaderEpoch: 0, partitionEpoch: 1 });
    image = replay(image, { type: 'PartitionChange', version: 0, topicId: tid, partition: 0, leader: 2 }, 4);
    expect(image.topicsById.get(tid)?.partitions[0]).toMatchObject({ leader: 2, leaderEpoch: 1, partitionEpoch: 2 });
    image = replay(image, { type: 'PartitionChange', version: 0, topicId: tid, partition: 0, leader: 2, isr: [2] }, 5);
    expect(image.topicsById.get(tid)?.partitions[0]).toMatchObject({ leader: 2, leaderEpoch: 1, partitionEpoch: 3 });
  });

  it('shares unchanged parts with the previous image', () => {
    const image = cluster();
    const next = replay(image, { type: 'Config', version: 0, resource: { kind: 'topic', name: 't' }, key: 'retention.ms', value: '5' }, 3);
    expect(next.brokers).toBe(image.brokers);
    expect(next.topicsById).toBe(image.topicsById);
    expect(next.configs.get('topic:t')?.get('retention.ms')).toBe('5');
    expect(image.configs.size).toBe(0);
  });

  it('removes a topic with its configs and reports it in the delta', () => {
    let image = replay(cluster(), { type: 'Config', version: 0, resource: { kind: 'topic', name: 't' }, key: 'retention.ms', value: '5' }, 3);
    const delta = new MetadataDelta(image);
    delta.replay({ type: 'RemoveTopic', version: 0, topicId: tid }, 4);
    expect(delta.removedTopics.has(tid)).toBe(true);
    image = delta.apply();
    expect(image.topicsById.size).toBe(0);
    expect(image.topicIdsByName.size).toBe(0);
    expect(image.configs.size).toBe(0);
  });

  it('asserts its invariants', () => {
    const image = cluster();
    const change = (c: Partial<{ isr: number[]; leader: number; replicas: number[] }>): MetadataRecord => ({ type: 'PartitionChange', version: 0, topicId: tid, partition: 0, ...c });
    expect(invariantOf(() => replay(image, change({ isr: [2, 3] }), 3))).toBe('LeaderInIsr');
    expect(invariantOf(() => replay(image, change({ isr: [1, 4] }), 3))).toBe('IsrSubsetOfReplicas');
    expect(invariantOf(() => replay(image, change({ isr: [] , leader: -1 }), 3))).toBe('NonEmptyIsr');
    expect(invariantOf(() => replay(image, { type: 'FenceBroker', version: 0, brokerId: 1, brokerEpoch: 0 }, 3))).toBe('FencedBrokerLeadsNothing');
    expect(invariantOf(() => replay(image, { type: 'FenceBroker', version: 0, brokerId: 2, brokerEpoch: 0 }, 3))).toBe('FencedBrokerOutOfIsr');
    expect(invariantOf(() => replay(image, { type: 'FenceBroker', version: 0, brokerId: 2, brokerEpoch: 9 }, 3))).toBe('CurrentBrokerEpoch');
    expect(invariantOf(() => replay(image, register(1), 1))).toBe('MonotonicOffset');
    expect(invariantOf(() => replay(image, { type: 'Topic', version: 0, name: 't', topicId: 'c'.repeat(32) }, 3))).toBe('UniqueTopicName');
    expect(invariantOf(() => replay(image, { type: 'Partition', version: 0, topicId: tid, partition: 5, replicas: [1], isr: [1], leader: 1, leaderEpoch: 0, partitionEpoch: 0 }, 3))).toBe('DensePartitions');
    expect(invariantOf(() => replay(image, { type: 'ProducerIdsBlock', version: 0, brokerId: 1, brokerEpoch: 0, firstProducerId: 7, size: 1000 }, 3))).toBe('ContiguousProducerIds');
    const fenced4 = replay(image, register(4), 3);
    expect(invariantOf(() => replay(fenced4, change({ replicas: [1, 2, 3, 4], isr: [1, 4], leader: 4 }), 4))).toBe('LeaderUnfenced');
  });
});
