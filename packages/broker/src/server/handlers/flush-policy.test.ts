// The flush.policy topic config through the client listener: CreateTopics takes it (and refuses a
// bad one), reports it among the effective configs with its source, and a topic under interval
// counts a write as soon as it is written (Kafka's behaviour): an acks=1 batch is visible to
// consumers at once even though the topic fsyncs only hourly. partition-durability.test.ts holds
// the fsync-level checks.
import { describe, expect, it } from 'vitest';
import { errorCodeByNumber } from '@brook/protocol';
import { encodeRecordBatch } from '@brook/record-batch';
import { startTestServer, unaryCall } from '../../testing/index.js';

const batch = (value: string) => Buffer.from(encodeRecordBatch({ records: [{ key: null, value: Buffer.from(value), headers: [], timestamp: 1n }] }));

describe('flush.policy topic config', () => {
  it('is validated, described with its source, and under interval makes written batches visible at once', async () => {
    const broker = await startTestServer();
    try {
      const bad = await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'bad', configs: { 'flush.policy': 'sometimes' } }] });
      expect(errorCodeByNumber(bad.topics[0]?.errorCode ?? -1)).toBe('INVALID_CONFIG');
      const created = await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'lazy', configs: { 'flush.policy': 'interval', 'flush.ms': '3600000' } }] });
      const configs = new Map(created.topics[0]?.configs.map((config) => [config.name, config]));
      expect(configs.get('flush.policy')).toMatchObject({ value: 'interval', source: 'CONFIG_SOURCE_TOPIC' });
      expect(configs.get('flush.ms')).toMatchObject({ value: '3600000', source: 'CONFIG_SOURCE_TOPIC' });
      expect(configs.get('min.insync.replicas')).toMatchObject({ value: '1' });

      const appended = await unaryCall(broker.client, 'Produce', { acks: 1, topics: [{ name: 'lazy', partitions: [{ partition: 0, records: batch('written') }] }] });
      expect(appended.topics[0]?.partitions[0]).toMatchObject({ errorCode: 0, baseOffset: '0' });
      const fetched = await unaryCall(broker.client, 'Fetch', { topics: [{ name: 'lazy', partitions: [{ partition: 0, fetchOffset: 0 }] }] });
      expect(fetched.topics[0]?.partitions[0]).toMatchObject({ errorCode: 0, highWatermark: '1' });
      expect(fetched.topics[0]?.partitions[0]?.records.includes(Buffer.from('written'))).toBe(true);
      const all = await unaryCall(broker.client, 'Produce', { acks: -1, timeoutMs: 10_000, topics: [{ name: 'lazy', partitions: [{ partition: 0, records: batch('acked') }] }] });
      expect(all.topics[0]?.partitions[0]).toMatchObject({ errorCode: 0, baseOffset: '1' });
    } finally {
      await broker.close();
    }
  });
});
