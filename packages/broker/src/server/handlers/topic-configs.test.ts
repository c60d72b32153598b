// IncrementalAlterConfigs and DescribeConfigs against an in-process broker (port 0, temporary
// directory) through the protocol's client stub: set and delete with their sources, the per-topic
// errors (unknown topic, unknown key, bad value, a key named twice, an operation this contract
// does not know), validate_only, and that the partitions take a change at once: a lower
// max.message.bytes refuses a batch the next moment, min.insync.replicas above the ISR refuses
// acks=all, and both undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeByNumber, type ConfigOperation } from '@brook/protocol';
import { encodeRecordBatch } from '@brook/record-batch';
import { startTestServer, unaryCall, type TestServer } from '../../testing/index.js';

let broker: TestServer;

beforeAll(async () => {
  broker = await startTestServer({ config: { retentionMs: 3_600_000 } });
  const created = await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'events', numPartitions: 2, configs: { 'retention.bytes': '1048576' } }] });
  expect(created.topics[0]?.errorCode).toBe(0);
});
afterAll(async () => {
  await broker.close();
});

/** A number the contract does not define (7) is sent as is: the broker must refuse it. */
type Operation = 'CONFIG_OPERATION_SET' | 'CONFIG_OPERATION_DELETE' | number;

async function alter(topics: Array<{ name: string; configs: Array<{ name: string; operation: Operation; value?: string }> }>, validateOnly = false): Promise<string[]> {
  const response = await unaryCall(broker.client, 'IncrementalAlterConfigs', { topics: topics.map((t) => ({ name: t.name, configs: t.configs.map((c) => ({ ...c, operation: c.operation as ConfigOperation, value: c.value ?? '' })) })), validateOnly });
  return response.topics.map((result) => `${result.name}: ${errorCodeByNumber(result.errorCode) ?? result.errorCode}${result.errorMessage === '' ? '' : ` (${result.errorMessage})`}`);
}

async function configsOf(topic: string): Promise<Record<string, string>> {
  const response = await unaryCall(broker.client, 'DescribeConfigs', { topics: [topic] });
  const result = response.topics[0];
  if (result === undefined || result.errorCode !== 0) throw new Error(`describe ${topic}: ${result?.errorCode} ${result?.errorMessage}`);
  return Object.fromEntries(result.configs.map((c) => [c.name, `${c.value} ${String(c.source).replace('CONFIG_SOURCE_', '')}`]));
}

async function produce(value: Buffer, acks: number): Promise<string> {
  const records = Buffer.from(encodeRecordBatch({ records: [{ key: null, value, headers: [], timestamp: 1_700_000_000_000n }] }));
  const response = await unaryCall(broker.client, 'Produce', { acks, timeoutMs: 2_000, topics: [{ name: 'events', partitions: [{ partition: 0, records }] }] });
  const result = response.topics[0]?.partitions[0];
  return errorCodeByNumber(result?.errorCode ?? -1) ?? String(result?.errorCode);
}

describe('DescribeConfigs', () => {
  it('gives every key with its effective value and source, and an error per unknown or invalid topic', async () => {
    const configs = await configsOf('events');
    expect(configs).toMatchObject({ 'retention.bytes': '1048576 TOPIC', 'max.message.bytes': '1048588 BUILT_IN_DEFAULT' });
    expect(configs['retention.ms']).toMatch(/^3600000 /);
    expect(Object.keys(configs)).toEqual([...Object.keys(configs)].sort());
    const response = await unaryCall(broker.client, 'DescribeConfigs', { topics: ['missing', 'bad name!'] });
    expect(response.topics.map((t) => [t.name, errorCodeByNumber(t.errorCode), t.configs.length])).toEqual([
      ['missing', 'UNKNOWN_TOPIC_OR_PARTITION', 0],
      ['bad name!', 'INVALID_TOPIC_EXCEPTION', 0],
    ]);
  });
});

describe('IncrementalAlterConfigs', () => {
  it('sets and deletes keys, leaving the others as they were', async () => {
    expect(await alter([{ name: 'events', configs: [{ name: 'retention.ms', operation: 'CONFIG_OPERATION_SET', value: '60000' }, { name: 'retention.bytes', operation: 'CONFIG_OPERATION_DELETE' }] }])).toEqual(['events: NONE']);
    expect(await configsOf('events')).toMatchObject({ 'retention.ms': '60000 TOPIC', 'retention.bytes': '-1 BUILT_IN_DEFAULT', 'segment.bytes': '1073741824 BUILT_IN_DEFAULT' });
    // validate_only checks and changes nothing.
    expect(await alter([{ name: 'events', configs: [{ name: 'retention.ms', operation: 'CONFIG_OPERATION_SET', value: '1' }] }], true)).toEqual(['events: NONE']);
    expect((await configsOf('events'))['retention.ms']).toBe('60000 TOPIC');
  });

  it('answers each topic on its own; a refused topic changes nothing', async () => {
    const results = await alter([
      { name: 'missing', configs: [{ name: 'retention.ms', operation: 'CONFIG_OPERATION_SET', value: '1' }] },
      { name: 'events', configs: [{ name: 'retention.ms', operation: 'CONFIG_OPERATION_SET', value: '5' }, { name: 'min.insync.replicas', operation: 'CONFIG_OPERATION_SET', value: '0' }] },
      { name: 'events', configs: [{ name: 'segment.ms', operation: 7 }] },
    ]);
    expect(results).toEqual([
      expect.stringMatching(/^missing: UNKNOWN_TOPIC_OR_PARTITION/),
      expect.stringMatching(/^events: INVALID_CONFIG .*min.insync.replicas=0/),
      expect.stringMatching(/^events: INVALID_REQUEST .*unknown operation 7/),
    ]);
    expect(await alter([{ name: 'events', configs: [{ name: 'cleanup.policy', operation: 'CONFIG_OPERATION_SET', value: 'compact' }] }])).toEqual([expect.stringMatching(/^events: INVALID_CONFIG .*unknown topic config "cleanup.policy"/)]);
    expect(await alter([{ name: 'events', configs: [{ name: 'segment.ms', operation: 'CONFIG_OPERATION_SET', value: '1000' }, { name: 'segment.ms', operation: 'CONFIG_OPERATION_DELETE' }] }])).toEqual([
      expect.stringMatching(/^events: INVALID_REQUEST .*segment.ms is named more than once/),
    ]);
    expect((await configsOf('events'))['retention.ms']).toBe('60000 TOPIC');
    expect((await configsOf('events'))['segment.ms']).toBe('604800000 BUILT_IN_DEFAULT');
  });

  it('applies a change to the open partitions at once: max.message.bytes and min.insync.replicas', async () => {
    const kilobytes = Buffer.alloc(4096, 7);
    expect(await produce(kilobytes, 1)).toBe('NONE');
    expect(await alter([{ name: 'events', configs: [{ name: 'max.message.bytes', operation: 'CONFIG_OPERATION_SET', value: '1024' }] }])).toEqual(['events: NONE']);
    expect(await produce(kilobytes, 1)).toBe('MESSAGE_TOO_LARGE');
    expect(await alter([{ name: 'events', configs: [{ name: 'max.message.bytes', operation: 'CONFIG_OPERATION_DELETE' }] }])).toEqual(['events: NONE']);
    expect(await produce(kilobytes, 1)).toBe('NONE');

    // One broker: the ISR is this node alone, below a min.insync.replicas of 2.
    expect(await alter([{ name: 'events', configs: [{ name: 'min.insync.replicas', operation: 'CONFIG_OPERATION_SET', value: '2' }] }])).toEqual(['events: NONE']);
    expect(await produce(Buffer.from('refused'), -1)).toBe('NOT_ENOUGH_REPLICAS');
    expect(await alter([{ name: 'events', configs: [{ name: 'min.insync.replicas', operation: 'CONFIG_OPERATION_SET', value: '1' }] }])).toEqual(['events: NONE']);
    expect(await produce(Buffer.from('accepted'), -1)).toBe('NONE');
  });

  it('switches the flush policy both ways with acks=all still answered', async () => {
    for (const policy of ['interval', 'every-append']) {
      expect(await alter([{ name: 'events', configs: [{ name: 'flush.policy', operation: 'CONFIG_OPERATION_SET', value: policy }] }])).toEqual(['events: NONE']);
      expect((await configsOf('events'))['flush.policy']).toBe(`${policy} TOPIC`);
      expect(await produce(Buffer.from(`after ${policy}`), -1)).toBe('NONE');
    }
  });
});
