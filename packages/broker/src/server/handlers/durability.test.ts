// Checks the high watermark choice: it is the durable end of the log. Under the interval flush
// policy (a long interval here), an acks=1 batch is appended but not yet fsynced: consumers do not
// see it (the high watermark stays), ListOffsets latest does not count it, and the broker does
// not force an fsync for it. An acks=-1 produce then makes the log fsync at once, which covers
// both batches, and the high watermark moves.
import { describe, expect, it } from 'vitest';
import { errorCodeByNumber } from '@brook/protocol';
import { encodeRecordBatch } from '@brook/record-batch';
import { startTestServer, unaryCall } from '../../testing/index.js';

const batch = (value: string) => Buffer.from(encodeRecordBatch({ records: [{ key: null, value: Buffer.from(value), headers: [], timestamp: 1n }] }));

describe('high watermark = durable log end', () => {
  it('hides unsynced batches from consumers; acks=-1 fsyncs and moves the high watermark', async () => {
    const broker = await startTestServer({ config: { flushPolicy: 'interval', flushIntervalMs: 3_600_000 } });
    try {
      await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'lazy' }] });
      const appended = await unaryCall(broker.client, 'Produce', { acks: 1, topics: [{ name: 'lazy', partitions: [{ partition: 0, records: batch('written') }] }] });
      expect(appended.topics[0]?.partitions[0]).toMatchObject({ errorCode: 0, baseOffset: '0' });

      const fetched = await unaryCall(broker.client, 'Fetch', { topics: [{ name: 'lazy', partitions: [{ partition: 0, fetchOffset: 0 }] }] });
      expect(fetched.topics[0]?.partitions[0]).toMatchObject({ errorCode: 0, highWatermark: '0' });
      expect(fetched.topics[0]?.partitions[0]?.records.length).toBe(0);
      // Offset 1 is the log end: not out of range, only not readable yet.
      const atEnd = await unaryCall(broker.client, 'Fetch', { topics: [{ name: 'lazy', partitions: [{ partition: 0, fetchOffset: 1 }] }] });
      expect(errorCodeByNumber(atEnd.topics[0]?.partitions[0]?.errorCode ?? -1)).toBe('NONE');
      const latest = await unaryCall(broker.client, 'ListOffsets', { topics: [{ name: 'lazy', partitions: [{ partition: 0, timestampMs: -1 }] }] });
      expect(latest.topics[0]?.partitions[0]?.offset).toBe('0');

      // acks=-1 asks the log for the fsync at once, whatever the policy; the sync covers the
      // earlier batch too, so both become visible.
      const waited = await unaryCall(broker.client, 'Produce', { acks: -1, timeoutMs: 10_000, topics: [{ name: 'lazy', partitions: [{ partition: 0, records: batch('durable') }] }] });
      expect(waited.topics[0]?.partitions[0]).toMatchObject({ errorCode: 0, baseOffset: '1' });
      const visible = await unaryCall(broker.client, 'Fetch', { topics: [{ name: 'lazy', partitions: [{ partition: 0, fetchOffset: 0 }] }] });
      expect(visible.topics[0]?.partitions[0]?.highWatermark).toBe('2');
      expect(visible.topics[0]?.partitions[0]?.records.includes(Buffer.from('written'))).toBe(true);
    } finally {
      await broker.close();
    }
  });
});
