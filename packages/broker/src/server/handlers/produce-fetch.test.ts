// Checks Produce, Fetch and ListOffsets against an in-process broker: acks 0, 1 and -1, offsets
// assigned in order, one RPC for many partitions with per-partition errors, the limits (topic
// max.message.bytes, corrupt and unsupported batches, bad acks), reading back byte-identical
// records, the high watermark and OFFSET_OUT_OF_RANGE, the fetch size rules, and offsets by
// time. Batches are built with @brook/record-batch as any client would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeByNumber } from '@brook/protocol';
import { decodeRecordBatch, encodeRecordBatch, splitBatches } from '@brook/record-batch';
import { startTestServer, unaryCall, type TestServer } from '../../testing/index.js';

let broker: TestServer;

function batch(values: string[], timestamp = 1_700_000_000_000n, options: { producerId?: bigint } = {}): Buffer {
  const records = values.map((value, i) => ({ key: null, value: Buffer.from(value), headers: [], timestamp: timestamp + BigInt(i) }));
  return Buffer.from(encodeRecordBatch({ records, ...(options.producerId === undefined ? {} : { producerId: options.producerId, producerEpoch: 0, baseSequence: 0 }) }));
}

async function produce(topic: string, partition: number, records: Buffer, acks = 1) {
  const response = await unaryCall(broker.client, 'Produce', { acks, topics: [{ name: topic, partitions: [{ partition, records }] }] });
  const result = response.topics[0]?.partitions[0];
  if (result === undefined) throw new Error('no partition result');
  return { ...result, error: errorCodeByNumber(result.errorCode) };
}

async function fetchOne(topic: string, partition: number, fetchOffset: number, extra: { partitionMaxBytes?: number; maxBytes?: number } = {}) {
  const response = await unaryCall(broker.client, 'Fetch', { maxWaitMs: 0, maxBytes: extra.maxBytes ?? 0, topics: [{ name: topic, partitions: [{ partition, fetchOffset, partitionMaxBytes: extra.partitionMaxBytes ?? 0 }] }] });
  const result = response.topics[0]?.partitions[0];
  if (result === undefined) throw new Error('no partition result');
  return { ...result, error: errorCodeByNumber(result.errorCode) };
}

function values(records: Buffer): string[] {
  return [...splitBatches(records)].flatMap((view) => decodeRecordBatch(view.bytes).records.map((r) => Buffer.from(r.value ?? []).toString()));
}

beforeAll(async () => {
  broker = await startTestServer();
  await unaryCall(broker.client, 'CreateTopics', {
    topics: [
      { name: 'events', numPartitions: 2 },
      { name: 'small', configs: { 'max.message.bytes': '200' } },
    ],
  });
});
afterAll(async () => {
  await broker.close();
});

describe('Produce', () => {
  it('assigns consecutive offsets and acknowledges acks=1 and acks=-1', async () => {
    const first = await produce('events', 0, batch(['a', 'b', 'c']), 1);
    const second = await produce('events', 0, batch(['d']), -1);
    expect([first.error, first.baseOffset, second.error, second.baseOffset]).toEqual(['NONE', '0', 'NONE', '3']);
    expect(second.logStartOffset).toBe('0');
    expect(second.logAppendTimeMs).toBe('-1');
  });

  it('answers acks=0 without offsets, and the batch still lands', async () => {
    const answer = await produce('events', 1, batch(['fire', 'forget']), 0);
    expect([answer.error, answer.baseOffset]).toEqual(['NONE', '-1']);
    await expect.poll(async () => (await fetchOne('events', 1, 0)).highWatermark).toBe('2');
  });

  it('answers every partition of one RPC on its own', async () => {
    const response = await unaryCall(broker.client, 'Produce', {
      acks: -1,
      topics: [
        { name: 'events', partitions: [{ partition: 0, records: batch(['x']) }, { partition: 9, records: batch(['y']) }] },
        { name: 'missing', partitions: [{ partition: 0, records: batch(['z']) }] },
      ],
    });
    const codes = response.topics.flatMap((t) => t.partitions.map((p) => [t.name, p.partition, errorCodeByNumber(p.errorCode)]));
    expect(codes).toEqual([
      ['events', 0, 'NONE'],
      ['events', 9, 'UNKNOWN_TOPIC_OR_PARTITION'],
      ['missing', 0, 'UNKNOWN_TOPIC_OR_PARTITION'],
    ]);
  });

  it('refuses batches that break a limit or a rule, and appends nothing for them', async () => {
    const before = (await fetchOne('small', 0, 0)).highWatermark;
    expect((await produce('small', 0, batch(['x'.repeat(300)]))).error).toBe('MESSAGE_TOO_LARGE');
    const corrupt = batch(['ok']);
    corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 1) ^ 0xff, corrupt.length - 1);
    expect((await produce('small', 0, corrupt)).error).toBe('CORRUPT_MESSAGE');
    expect((await produce('small', 0, Buffer.alloc(20))).error).toBe('CORRUPT_MESSAGE');
    const snappy = batch(['ok']);
    snappy.writeInt16BE(2, 21);
    expect((await produce('small', 0, snappy)).error).toBe('UNSUPPORTED_COMPRESSION_TYPE');
    expect((await produce('small', 0, batch(['ok']), 2)).error).toBe('INVALID_REQUIRED_ACKS');
    expect((await fetchOne('small', 0, 0)).highWatermark).toBe(before);
  });

  it('answers a retried idempotent batch with its original offsets and appends it once (KIP-98)', async () => {
    const first = await unaryCall(broker.client, 'Produce', { acks: -1, topics: [{ name: 'events', partitions: [{ partition: 1, records: batch(['once'], 5n, { producerId: 9n }) }] }] });
    const retry = await unaryCall(broker.client, 'Produce', { acks: -1, topics: [{ name: 'events', partitions: [{ partition: 1, records: batch(['once'], 5n, { producerId: 9n }) }] }] });
    const [original, repeated] = [first.topics[0]?.partitions[0], retry.topics[0]?.partitions[0]];
    expect(original?.errorCode).toBe(0);
    expect(repeated).toMatchObject({ errorCode: 0, baseOffset: original?.baseOffset });
    expect((await fetchOne('events', 1, 0)).highWatermark).toBe(String(Number(original?.baseOffset) + 1));
  });

  it('reports a batch that can never be accepted even with acks=0', async () => {
    expect((await produce('small', 0, batch(['x'.repeat(300)]), 0)).error).toBe('MESSAGE_TOO_LARGE');
  });

  it('checks the leader epoch the producer sends (KIP-320)', async () => {
    const send = (leaderEpoch: number) => unaryCall(broker.client, 'Produce', { acks: 1, topics: [{ name: 'events', partitions: [{ partition: 0, records: batch(['e']), leaderEpoch }] }] });
    const newer = (await send(1)).topics[0]?.partitions[0];
    expect(errorCodeByNumber(newer?.errorCode ?? 0)).toBe('UNKNOWN_LEADER_EPOCH');
    expect(errorCodeByNumber((await send(0)).topics[0]?.partitions[0]?.errorCode ?? -1)).toBe('NONE');
  });
});

describe('Fetch', () => {
  it('returns the batches produced, byte for byte in content, with the high watermark', async () => {
    await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'readback' }] });
    await produce('readback', 0, batch(['one', 'two']), -1);
    await produce('readback', 0, batch(['three']), -1);
    const result = await fetchOne('readback', 0, 0);
    expect(result.error).toBe('NONE');
    expect(values(result.records)).toEqual(['one', 'two', 'three']);
    expect([result.highWatermark, result.lastStableOffset, result.logStartOffset]).toEqual(['3', '3', '0']);
    const fromMiddle = await fetchOne('readback', 0, 2);
    expect(values(fromMiddle.records)).toEqual(['three']);
    expect((await fetchOne('readback', 0, 3)).records.length).toBe(0);
  });

  it('answers OFFSET_OUT_OF_RANGE past the log end and below the start', async () => {
    const past = await fetchOne('readback', 0, 4);
    expect([past.error, past.highWatermark, past.logStartOffset, past.records.length]).toEqual(['OFFSET_OUT_OF_RANGE', '3', '0', 0]);
    expect((await fetchOne('readback', 0, -1)).error).toBe('OFFSET_OUT_OF_RANGE');
    expect((await fetchOne('nope', 0, 0)).error).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('returns at least one whole batch past partition_max_bytes, and no more', async () => {
    const result = await fetchOne('readback', 0, 0, { partitionMaxBytes: 1 });
    expect(values(result.records)).toEqual(['one', 'two']);
  });

  it('lets only the first non-empty partition pass max_bytes', async () => {
    await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'budget', numPartitions: 2 }] });
    await produce('budget', 0, batch(['p0']), -1);
    await produce('budget', 1, batch(['p1']), -1);
    const response = await unaryCall(broker.client, 'Fetch', { maxWaitMs: 0, maxBytes: 10, topics: [{ name: 'budget', partitions: [{ partition: 0, fetchOffset: 0 }, { partition: 1, fetchOffset: 0 }] }] });
    const [first, second] = response.topics[0]?.partitions ?? [];
    expect(values(first?.records ?? Buffer.alloc(0))).toEqual(['p0']);
    expect(second?.records.length).toBe(0);
    expect(second?.highWatermark).toBe('1');
  });
});

describe('ListOffsets', () => {
  it('finds earliest, latest, by timestamp and the max timestamp', async () => {
    await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'timed' }] });
    await produce('timed', 0, batch(['t0', 't1'], 1000n), -1);
    await produce('timed', 0, batch(['t2', 't3'], 5000n), -1);
    await produce('timed', 0, batch(['t4'], 3000n), -1);
    const ask = async (timestampMs: number) => {
      const response = await unaryCall(broker.client, 'ListOffsets', { topics: [{ name: 'timed', partitions: [{ partition: 0, timestampMs }] }] });
      const result = response.topics[0]?.partitions[0];
      return [errorCodeByNumber(result?.errorCode ?? -1), result?.offset, result?.timestampMs];
    };
    expect(await ask(-2)).toEqual(['NONE', '0', '-1']);
    expect(await ask(-1)).toEqual(['NONE', '5', '-1']);
    expect(await ask(1001)).toEqual(['NONE', '1', '1001']);
    expect(await ask(4000)).toEqual(['NONE', '2', '5000']);
    expect(await ask(5001)).toEqual(['NONE', '3', '5001']);
    expect(await ask(9999)).toEqual(['NONE', '-1', '-1']);
    expect(await ask(-3)).toEqual(['NONE', '3', '5001']);
    expect((await ask(-7))[0]).toBe('INVALID_REQUEST');
  });
});
