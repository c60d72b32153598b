// The image-backed metadata view: reads follow the source's latest image (brokers from their
// registrations, topics with their overrides), and successive images become topic-created,
// topic-changed and topic-deleted events, announced in order even to slow listeners.
import { afterEach, describe, expect, it } from 'vitest';
import type { MetadataChange } from '../metadata/metadata-view.js';
import { silentLogger } from '../logging/logger.js';
import { FakeMetadataSource, registerBrokerRecord, testTopicId, topicRecords } from './cluster-test-fakes.js';
import { ImageMetadataView } from './image-metadata-view.js';

describe('ImageMetadataView', () => {
  const views: ImageMetadataView[] = [];
  afterEach(() => views.splice(0).forEach((view) => view.close()));

  function setUp(): { source: FakeMetadataSource; view: ImageMetadataView; changes: MetadataChange[] } {
    const source = new FakeMetadataSource();
    const view = new ImageMetadataView({ source, clusterId: 'test-cluster', nodeId: 1, logger: silentLogger() });
    views.push(view);
    const changes: MetadataChange[] = [];
    view.onChange((change) => void changes.push(change));
    return { source, view, changes };
  }

  it('answers from the latest image: brokers, topics, partitions, configs, controller', () => {
    const { source, view } = setUp();
    expect(view.topics()).toEqual([]);
    expect(view.controllerId()).toBe(-1);
    source.addLiveBrokers(1, 2);
    source.apply([registerBrokerRecord(3, 'rack-c')]);
    source.apply(topicRecords('orders', testTopicId(1), [[1, 2], [2, 1]], { 'retention.ms': '1000' }));
    source.apply(topicRecords('audit', testTopicId(2), [[2]]));
    source.activeController = 2;
    expect(view.clusterId).toBe('test-cluster');
    expect(view.localNodeId).toBe(1);
    expect(view.controllerId()).toBe(2);
    expect(view.brokers()).toEqual([
      { nodeId: 1, host: '127.0.0.1', port: 9001, rack: '', fenced: false },
      { nodeId: 2, host: '127.0.0.1', port: 9002, rack: '', fenced: false },
      { nodeId: 3, host: '127.0.0.1', port: 9003, rack: 'rack-c', fenced: true },
    ]);
    expect(view.topics().map((topic) => topic.name)).toEqual(['audit', 'orders']);
    expect(view.topic('orders')).toEqual({
      name: 'orders',
      topicId: testTopicId(1),
      configs: { 'retention.ms': '1000' },
      partitions: [
        { topic: 'orders', partition: 0, leaderId: 1, leaderEpoch: 0, replicas: [1, 2], isr: [1, 2], partitionEpoch: 0 },
        { topic: 'orders', partition: 1, leaderId: 2, leaderEpoch: 0, replicas: [2, 1], isr: [2, 1], partitionEpoch: 0 },
      ],
    });
    expect(view.partition('orders', 1)?.leaderId).toBe(2);
    expect(view.partition('orders', 2)).toBeUndefined();
    expect(view.topic('missing')).toBeUndefined();
    // Converted once per image: the same objects until the image changes.
    expect(view.topics()).toBe(view.topics());
    expect(view.topic('audit')).toBe(view.topics()[0]);
  });

  it('reuses the state of a topic an image did not touch', () => {
    const { source, view } = setUp();
    source.addLiveBrokers(1);
    source.apply(topicRecords('a', testTopicId(1), [[1]]));
    const before = view.topic('a');
    source.apply(topicRecords('b', testTopicId(2), [[1]]));
    expect(view.topic('a')).toBe(before);
  });

  it('announces creations, partition and config changes, and deletions in offset order', async () => {
    const { source, view, changes } = setUp();
    source.addLiveBrokers(1, 2);
    const id = testTopicId(1);
    source.apply(topicRecords('orders', id, [[1, 2]]));
    source.apply([{ type: 'PartitionChange', version: 0, topicId: id, partition: 0, leader: 2 }]);
    source.apply([{ type: 'Partition', version: 0, topicId: id, partition: 1, replicas: [2], isr: [2], leader: 2, leaderEpoch: 0, partitionEpoch: 0 }]);
    // A config change alone changes the topic too: its partitions take the new settings.
    source.apply([{ type: 'Config', version: 0, resource: { kind: 'topic', name: 'orders' }, key: 'retention.ms', value: '5' }]);
    source.apply([{ type: 'RemoveTopic', version: 0, topicId: id }]);
    await view.waitForOffset(source.image().offset, 1_000);
    expect(changes.map((change) => change.kind)).toEqual(['topic-created', 'topic-changed', 'topic-changed', 'topic-changed', 'topic-deleted']);
    const [, leaderMoved, grown, configured, deleted] = changes;
    expect(configured).toMatchObject({ topic: { configs: { 'retention.ms': '5' } }, previous: { configs: {} } });
    expect(leaderMoved).toMatchObject({ topic: { partitions: [{ leaderId: 2, leaderEpoch: 1 }] }, previous: { partitions: [{ leaderId: 1, leaderEpoch: 0 }] } });
    expect(grown?.kind === 'topic-changed' && [grown.previous.partitions.length, grown.topic.partitions.length]).toEqual([1, 2]);
    expect(deleted?.topic).toMatchObject({ name: 'orders', topicId: id, configs: { 'retention.ms': '5' } });
  });

  it('announces a re-created name as a deletion, then a creation', async () => {
    const { source, view, changes } = setUp();
    source.addLiveBrokers(1);
    source.apply(topicRecords('t', testTopicId(1), [[1]]));
    source.apply([{ type: 'RemoveTopic', version: 0, topicId: testTopicId(1) }, ...topicRecords('t', testTopicId(2), [[1]])]);
    await view.waitForOffset(source.image().offset, 1_000);
    expect(changes.map((change) => `${change.kind} ${change.topic.topicId.slice(-1)}`)).toEqual(['topic-created 1', 'topic-deleted 1', 'topic-created 2']);
  });

  it('waits for slow listeners before announcing the next image, and counts applied offsets after them', async () => {
    const { source, view } = setUp();
    source.addLiveBrokers(1);
    const seen: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    view.onChange(async (change) => {
      seen.push(`start ${change.kind}`);
      if (change.kind === 'topic-created') await gate;
      seen.push(`end ${change.kind}`);
    });
    view.onChange(() => {
      throw new Error('a broken listener does not stop the others');
    });
    source.apply(topicRecords('t', testTopicId(1), [[1]]));
    const created = source.image().offset;
    source.apply([{ type: 'RemoveTopic', version: 0, topicId: testTopicId(1) }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(['start topic-created']);
    expect(view.appliedOffset()).toBeLessThan(created);
    await expect(view.waitForOffset(created, 20)).rejects.toMatchObject({ code: 'REQUEST_TIMED_OUT' });
    release();
    await view.waitForOffset(source.image().offset, 1_000);
    expect(seen).toEqual(['start topic-created', 'end topic-created', 'start topic-deleted', 'end topic-deleted']);
  });

  it('rejects waiters when closed and stops announcing', async () => {
    const { source, view, changes } = setUp();
    const waiting = view.waitForOffset(10, 10_000);
    view.close();
    await expect(waiting).rejects.toMatchObject({ code: 'REQUEST_TIMED_OUT' });
    source.addLiveBrokers(1);
    source.apply(topicRecords('t', testTopicId(1), [[1]]));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(changes).toEqual([]);
  });
});
