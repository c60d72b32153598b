// Admin over real gRPC against the in-process fake cluster: topic create/delete/list/describe,
// per-topic failures reported as one BrookAdminError that keeps the successes, listOffsets by
// earliest/latest/time at the leaders, describeCluster (fenced brokers, racks), describeQuorum,
// and retries of request-level retriable failures only. Topic configs: admin-configs.test.ts.
import { BrookError } from '@brook/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Brook } from '../brook.js';
import { FakeBrookCluster } from '../testing/fake-cluster.js';
import { BrookAdminError } from './admin-error.js';
import { encodeRecordBatch } from '@brook/record-batch';

let cluster: FakeBrookCluster;
let brook: Brook;

beforeEach(async () => {
  cluster = await FakeBrookCluster.start({ brokers: 2 });
  brook = new Brook({ brokers: cluster.addresses, clientId: 'admin-test', retry: { initialBackoffMs: 5, maxBackoffMs: 20 } });
});

afterEach(async () => {
  await brook.close();
  cluster.close();
});

describe('Admin topics', () => {
  it('creates, lists, describes and deletes topics', async () => {
    const admin = brook.admin();
    const created = await admin.createTopics([{ topic: 'orders', numPartitions: 3, configs: { 'retention.ms': '1000' } }, { topic: 'audit' }]);
    expect(created.map((t) => [t.topic, t.numPartitions])).toEqual([['orders', 3], ['audit', 1]]);
    expect(created[0]!.configs).toEqual([{ name: 'retention.ms', value: '1000', source: 'CONFIG_SOURCE_TOPIC', readOnly: false }]);
    expect(await admin.listTopics()).toEqual(['audit', 'orders']);
    const [orders] = await admin.describeTopics(['orders']);
    expect(orders!.partitions.map((p) => p.leader)).toEqual([1, 2, 1]);
    expect(orders!.partitions[1]).toMatchObject({ partition: 1, replicas: [2], isr: [2] });
    expect(await admin.deleteTopics(['audit'])).toEqual([{ topic: 'audit', topicId: expect.any(String) }]);
    expect(await admin.listTopics()).toEqual(['orders']);
  });

  it('reports per-topic failures as one BrookAdminError that keeps the successes', async () => {
    const admin = brook.admin();
    await admin.createTopics([{ topic: 'exists' }]);
    const error = await admin.createTopics([{ topic: 'exists' }, { topic: 'fresh' }, { topic: 'bad name!' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrookAdminError);
    expect(error).toBeInstanceOf(BrookError);
    const adminError = error as BrookAdminError;
    // The error's code is the first failure's: the name the client refused before sending.
    expect(adminError.code).toBe('INVALID_TOPIC_EXCEPTION');
    expect(adminError.retriable).toBe(false);
    expect([...adminError.failures].map(([name, e]) => [name, e.code])).toEqual([
      ['bad name!', 'INVALID_TOPIC_EXCEPTION'],
      ['exists', 'TOPIC_ALREADY_EXISTS'],
    ]);
    expect(adminError.succeeded.map((t) => (t as { topic: string }).topic)).toEqual(['fresh']);
    // The invalid name never reached the server: the client checks names first.
    const sent = cluster.callsOf('CreateTopics').at(-1)!.request as { topics: Array<{ name: string }> };
    expect(sent.topics.map((t) => t.name)).toEqual(['exists', 'fresh']);
  });

  it('rejects describing and deleting unknown topics with UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const admin = brook.admin();
    await expect(admin.describeTopics(['nope'])).rejects.toMatchObject({ code: 'UNKNOWN_TOPIC_OR_PARTITION' });
    await expect(admin.deleteTopics(['nope'])).rejects.toMatchObject({ code: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });
});

describe('Admin retries', () => {
  it('retries a request-level retriable failure and succeeds', async () => {
    cluster.failNext('CreateTopics', 'NOT_CONTROLLER', { level: 'request', times: 2 });
    await expect(brook.admin().createTopics([{ topic: 'later' }])).resolves.toHaveLength(1);
    expect(cluster.callsOf('CreateTopics')).toHaveLength(3);
  });

  it('does not retry a non-retriable request-level failure', async () => {
    cluster.failNext('CreateTopics', 'INVALID_REQUEST', { level: 'request', times: 5 });
    await expect(brook.admin().createTopics([{ topic: 'x' }])).rejects.toMatchObject({ code: 'INVALID_REQUEST', retriable: false });
    expect(cluster.callsOf('CreateTopics')).toHaveLength(1);
  });

  it('gives up after the configured number of retries', async () => {
    cluster.failNext('DescribeCluster', 'NOT_CONTROLLER', { level: 'request', times: 100 });
    const limited = new Brook({ brokers: cluster.addresses, clientId: 'r', retry: { retries: 2, initialBackoffMs: 1, maxBackoffMs: 2 } });
    await expect(limited.admin().describeCluster()).rejects.toMatchObject({ code: 'NOT_CONTROLLER' });
    expect(cluster.callsOf('DescribeCluster')).toHaveLength(3);
    await limited.close();
  });

  it('moves to another broker when one is unreachable', async () => {
    cluster.stopBroker(1);
    const description = await brook.admin().describeCluster();
    expect(description.node?.nodeId).toBe(2);
    expect(description.brokers.map((b) => b.nodeId)).toEqual([1, 2]);
  });
});

describe('Admin offsets', () => {
  it('answers earliest, latest and by time from each partition leader', async () => {
    cluster.createTopic('t', 2);
    const append = (partition: number, timestamps: number[]): void => {
      cluster.partition('t', partition).append(Buffer.from(encodeRecordBatch({ records: timestamps.map((ts) => ({ key: null, value: Buffer.from('v'), timestamp: BigInt(ts) })) })));
    };
    append(0, [1000, 2000, 3000]);
    append(1, [5000]);
    const answers = await brook.admin().listOffsets([
      { topic: 't', partition: 0, timestamp: 'earliest' },
      { topic: 't', partition: 0, timestamp: 'latest' },
      { topic: 't', partition: 0, timestamp: 1500 },
      { topic: 't', partition: 1, timestamp: new Date(9000) },
    ]);
    expect(answers.map((a) => [a.partition, a.offset, a.timestamp])).toEqual([
      [0, 0n, -1n],
      [0, 3n, -1n],
      [0, 1n, 2000n],
      [1, -1n, -1n],
    ]);
    // Partition 0 is led by broker 1 and partition 1 by broker 2: the first wave sends one RPC to
    // each leader; a request names a partition once, so the two further questions about
    // partition 0 take one RPC each.
    const calls = cluster.callsOf('ListOffsets');
    expect(calls.slice(0, 2).map((c) => c.nodeId).sort()).toEqual([1, 2]);
    expect(calls.slice(2).map((c) => c.nodeId)).toEqual([1, 1]);
  });

  it('refreshes metadata and asks the new leader after NOT_LEADER_OR_FOLLOWER', async () => {
    cluster.createTopic('moving', 1, [1]);
    const admin = brook.admin();
    await admin.listOffsets([{ topic: 'moving', partition: 0, timestamp: 'latest' }]);
    cluster.moveLeader('moving', 0, 2);
    const [answer] = await admin.listOffsets([{ topic: 'moving', partition: 0, timestamp: 'latest' }]);
    expect(answer!.offset).toBe(0n);
    expect(cluster.callsOf('ListOffsets').map((c) => c.nodeId)).toEqual([1, 1, 2]);
  });

  it('reports an unknown partition as a BrookAdminError', async () => {
    cluster.createTopic('small', 1);
    const limited = new Brook({ brokers: cluster.addresses, clientId: 'r', retry: { retries: 1, initialBackoffMs: 1, maxBackoffMs: 2 } });
    const error = (await limited.admin().listOffsets([{ topic: 'small', partition: 4, timestamp: 'latest' }]).catch((e: unknown) => e)) as BrookAdminError;
    expect(error).toBeInstanceOf(BrookAdminError);
    expect(error.failures.get('small/4')?.code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    await limited.close();
  });
});

describe('Admin cluster and quorum', () => {
  it('lists fenced brokers only when asked, with their racks', async () => {
    cluster.setRack(1, 'rack-a');
    cluster.fenceBroker(2);
    const admin = brook.admin();
    const serving = await admin.describeCluster();
    expect(serving.brokers).toEqual([{ nodeId: 1, host: '127.0.0.1', port: expect.any(Number), rack: 'rack-a', fenced: false }]);
    const all = await admin.describeCluster({ includeFenced: true });
    expect(all.brokers.map((b) => [b.nodeId, b.rack, b.fenced])).toEqual([
      [1, 'rack-a', false],
      [2, '', true],
    ]);
    expect((cluster.callsOf('DescribeCluster').at(-1)!.request as { includeFencedBrokers: boolean }).includeFencedBrokers).toBe(true);
    expect((await admin.describeCluster({ includeFencedBrokers: true })).brokers).toHaveLength(2);
  });

  it('describes the quorum with int64 offsets as bigints', async () => {
    cluster.quorum = {
      leaderId: 2,
      leaderEpoch: 7,
      highWatermark: '9007199254740993',
      voters: [
        { nodeId: 1, logEndOffset: '9007199254740990', lag: 3, lastContactMsAgo: 120 },
        { nodeId: 2, logEndOffset: '9007199254740993', lag: 0, lastContactMsAgo: 0 },
      ],
      observers: [{ nodeId: 4, logEndOffset: -1, lag: -1, lastContactMsAgo: -1 }],
    };
    const quorum = await brook.admin().describeQuorum();
    expect(quorum).toEqual({
      leaderId: 2,
      leaderEpoch: 7,
      highWatermark: 9007199254740993n,
      voters: [
        { nodeId: 1, logEndOffset: 9007199254740990n, lag: 3n, lastContactMsAgo: 120 },
        { nodeId: 2, logEndOffset: 9007199254740993n, lag: 0n, lastContactMsAgo: 0 },
      ],
      observers: [{ nodeId: 4, logEndOffset: -1n, lag: -1n, lastContactMsAgo: -1 }],
    });
  });

  it('retries DescribeQuorum while no controller is elected', async () => {
    cluster.failNext('DescribeQuorum', 'NOT_CONTROLLER', { level: 'request', times: 2 });
    expect((await brook.admin().describeQuorum()).voters.map((v) => v.nodeId)).toEqual([1, 2]);
    expect(cluster.callsOf('DescribeQuorum')).toHaveLength(3);
  });

  it('describes replicas, ISR and offline replicas per partition, and leaders moving off a fenced broker', async () => {
    const admin = brook.admin();
    await admin.createTopics([{ topic: 'replicated', numPartitions: 2, replicationFactor: 2 }]);
    const [before] = await admin.describeTopics(['replicated']);
    expect(before!.partitions.map((p) => [p.leader, p.leaderEpoch, p.replicas, p.isr, p.offlineReplicas])).toEqual([
      [1, 0, [1, 2], [1, 2], []],
      [2, 0, [2, 1], [2, 1], []],
    ]);
    cluster.fenceBroker(2);
    const [after] = await admin.describeTopics(['replicated']);
    expect(after!.partitions.map((p) => [p.leader, p.leaderEpoch, p.replicas, p.isr, p.offlineReplicas])).toEqual([
      [1, 0, [1, 2], [1], [2]],
      [1, 1, [2, 1], [1], [2]],
    ]);
    cluster.unfenceBroker(2);
    const [healed] = await admin.describeTopics(['replicated']);
    expect(healed!.partitions.map((p) => p.isr)).toEqual([[1, 2], [2, 1]]);
  });
});
