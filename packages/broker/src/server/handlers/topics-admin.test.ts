// Checks CreateTopics, DeleteTopics, Metadata and DescribeCluster against an in-process broker
// (port 0, temporary directory) through the protocol's client stub: the per-topic error codes
// (bad names, replication factor, configs, duplicates), effective configs, validate_only, and
// that deletion removes the topic and its data.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeByNumber } from '@brook/protocol';
import { startTestServer, unaryCall, type TestServer } from '../../testing/index.js';

let broker: TestServer;

beforeAll(async () => {
  broker = await startTestServer({ config: { retentionMs: 3_600_000 } });
});
afterAll(async () => {
  await broker.close();
});

describe('CreateTopics', () => {
  it('creates a topic with defaults and reports effective configs with their sources', async () => {
    const response = await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'orders', numPartitions: 3, configs: { 'retention.bytes': '1048576' } }] });
    const result = response.topics[0];
    expect(result?.errorCode).toBe(0);
    expect(result?.numPartitions).toBe(3);
    expect(result?.replicationFactor).toBe(1);
    // The controller's topic ids: 16 random bytes as 32 lowercase hex characters.
    expect(result?.topicId).toMatch(/^[0-9a-f]{32}$/);
    const configs = Object.fromEntries((result?.configs ?? []).map((c) => [c.name, [c.value, c.source]]));
    expect(configs['retention.bytes']).toEqual(['1048576', 'CONFIG_SOURCE_TOPIC']);
    expect(configs['max.message.bytes']).toEqual(['1048588', 'CONFIG_SOURCE_BUILT_IN_DEFAULT']);
    expect(existsSync(join(broker.dataDir, 'partitions', 'orders-2'))).toBe(true);
  });

  it('answers each topic on its own with the right error code', async () => {
    const response = await unaryCall(broker.client, 'CreateTopics', {
      topics: [
        { name: 'orders' },
        { name: 'bad name!' },
        { name: 'rf3', replicationFactor: 3 },
        { name: 'cfg', configs: { 'retention.ms': 'soon' } },
        { name: 'cfg2', configs: { 'cleanup.policies': 'delete' } },
        { name: 'parts', numPartitions: -5 },
        { name: 'twice' },
        { name: 'twice' },
        { name: 'fine' },
      ],
    });
    const codes = response.topics.map((t) => [t.name, errorCodeByNumber(t.errorCode)]);
    expect(codes).toEqual([
      ['orders', 'TOPIC_ALREADY_EXISTS'],
      ['bad name!', 'INVALID_TOPIC_EXCEPTION'],
      ['rf3', 'INVALID_REPLICATION_FACTOR'],
      ['cfg', 'INVALID_CONFIG'],
      ['cfg2', 'INVALID_CONFIG'],
      ['parts', 'INVALID_PARTITIONS'],
      ['twice', 'INVALID_REQUEST'],
      ['twice', 'INVALID_REQUEST'],
      ['fine', 'NONE'],
    ]);
    expect(response.topics[4]?.errorMessage).toContain('cleanup.policies');
  });

  it('refuses a name that collides with an existing one in metric names', async () => {
    await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'a.b' }] });
    const response = await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'a_b' }] });
    expect(errorCodeByNumber(response.topics[0]?.errorCode ?? 0)).toBe('INVALID_TOPIC_EXCEPTION');
  });

  it('answers REQUEST_TIMED_OUT past timeout_ms, and the creation still completes', async () => {
    const response = await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'slow', numPartitions: 64 }], timeoutMs: 1 });
    expect(response.topics.map((t) => [t.name, errorCodeByNumber(t.errorCode)])).toEqual([['slow', 'REQUEST_TIMED_OUT']]);
    await expect
      .poll(async () => (await unaryCall(broker.client, 'Metadata', { topics: ['slow'] })).topics[0]?.partitions.length, { timeout: 30_000 })
      .toBe(64);
  });

  it('creates nothing with validate_only', async () => {
    const response = await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'dry', numPartitions: 2 }], validateOnly: true });
    expect(response.topics[0]).toMatchObject({ errorCode: 0, numPartitions: 2, topicId: '' });
    const metadata = await unaryCall(broker.client, 'Metadata', { topics: ['dry'] });
    expect(errorCodeByNumber(metadata.topics[0]?.errorCode ?? 0)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });
});

describe('Metadata and DescribeCluster', () => {
  it('lists this broker, the cluster id and every topic with leaders', async () => {
    const metadata = await unaryCall(broker.client, 'Metadata', {});
    expect(metadata.brokers).toEqual([{ nodeId: 1, host: '127.0.0.1', port: Number(broker.handle.clientAddress.split(':')[1]), rack: '', fenced: false }]);
    expect(metadata.clusterId).toBe(broker.handle.clusterId);
    expect(metadata.controllerId).toBe(1);
    const orders = metadata.topics.find((t) => t.name === 'orders');
    expect(orders?.partitions.map((p) => [p.partition, p.leaderId, p.leaderEpoch, p.replicas, p.isr])).toEqual([
      [0, 1, 0, [1], [1]],
      [1, 1, 0, [1], [1]],
      [2, 1, 0, [1], [1]],
    ]);
    expect(metadata.topics.map((t) => t.name)).toEqual([...metadata.topics.map((t) => t.name)].sort());
  });

  it('reports unknown and invalid names as errors', async () => {
    const metadata = await unaryCall(broker.client, 'Metadata', { topics: ['nope', '..'] });
    expect(metadata.topics.map((t) => errorCodeByNumber(t.errorCode))).toEqual(['UNKNOWN_TOPIC_OR_PARTITION', 'INVALID_TOPIC_EXCEPTION']);
  });

  it('describes the cluster and the answering node', async () => {
    const cluster = await unaryCall(broker.client, 'DescribeCluster', {});
    expect(cluster.clusterId).toBe(broker.handle.clusterId);
    expect(cluster.node?.nodeId).toBe(1);
    expect(cluster.node?.roles).toEqual(['broker', 'controller']);
    expect(Number(cluster.node?.uptimeMs)).toBeGreaterThanOrEqual(0);
  });
});

describe('DeleteTopics', () => {
  it('deletes a topic and its data, and refuses unknown ones', async () => {
    await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'doomed', numPartitions: 2 }] });
    const response = await unaryCall(broker.client, 'DeleteTopics', { names: ['doomed', 'never-was'] });
    expect(response.topics.map((t) => errorCodeByNumber(t.errorCode))).toEqual(['NONE', 'UNKNOWN_TOPIC_OR_PARTITION']);
    expect(response.topics[0]?.topicId).not.toBe('');
    expect(existsSync(join(broker.dataDir, 'partitions', 'doomed-0'))).toBe(false);
    const produce = await unaryCall(broker.client, 'Produce', { acks: 1, topics: [{ name: 'doomed', partitions: [{ partition: 0, records: Buffer.alloc(61) }] }] });
    expect(errorCodeByNumber(produce.topics[0]?.partitions[0]?.errorCode ?? 0)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('gives a re-created topic a new id and an empty log', async () => {
    const first = await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'phoenix' }] });
    await unaryCall(broker.client, 'DeleteTopics', { names: ['phoenix'] });
    const second = await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'phoenix' }] });
    expect(second.topics[0]?.errorCode).toBe(0);
    expect(second.topics[0]?.topicId).not.toBe(first.topics[0]?.topicId);
  });
});
