// The producer over real gRPC against the fake cluster: offsets per message, keyed placement as
// Kafka's partitioner, acks on the wire, linger and batch-size triggers (one RPC for many
// records, one RPC for many partitions), sticky partitioning, backpressure, gzip, flush and close.
import { decodeRecordBatch } from '@brook/record-batch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { partitionForKey } from '../partitioner/murmur2.js';
import { produceRequests, producerFixture, sleepMs, waitFor, type ProducerFixture } from './producer-test-support.js';

let f: ProducerFixture;

beforeEach(async () => {
  f = await producerFixture({ brokers: 1 });
});

afterEach(async () => {
  await f.close();
});

describe('Producer.send', () => {
  it('resolves each message with its partition and offset, and stores key, value, headers, timestamp', async () => {
    f.cluster.createTopic('t', 1);
    const producer = f.brook.producer({ lingerMs: 0 });
    const sent = await producer.send({
      topic: 't',
      messages: [
        { key: 'k1', value: 'v1', headers: { h: 'x', n: null }, timestamp: 1234 },
        { key: null, value: Buffer.from([0, 255]), headers: [{ key: 'dup', value: 'a' }, { key: 'dup', value: 'b' }], timestamp: new Date(5678) },
        { value: null },
      ],
    });
    expect(sent).toEqual([
      { topic: 't', partition: 0, offset: 0n },
      { topic: 't', partition: 0, offset: 1n },
      { topic: 't', partition: 0, offset: 2n },
    ]);
    const [first, second, third] = f.cluster.partition('t', 0).records();
    expect(first).toMatchObject({ key: Buffer.from('k1'), value: Buffer.from('v1'), timestamp: 1234n });
    expect(first!.headers).toEqual([{ key: 'h', value: Buffer.from('x') }, { key: 'n', value: null }]);
    expect(second).toMatchObject({ key: null, value: Buffer.from([0, 255]), timestamp: 5678n });
    expect(second!.headers.map((h) => h.value?.toString())).toEqual(['a', 'b']);
    expect(third!.value).toBeNull();
  });

  it('takes bigint timestamps and refuses ones that are not whole int64 milliseconds, appending nothing of that call', async () => {
    f.cluster.createTopic('ts', 1);
    const producer = f.brook.producer({ lingerMs: 0 });
    for (const timestamp of [1.5, new Date(Number.NaN), 2 ** 53, 1n << 63n]) {
      await expect(producer.send({ topic: 'ts', messages: [{ value: 'ok' }, { value: 'bad', timestamp }] })).rejects.toThrow(RangeError);
    }
    await expect(producer.send({ topic: 'ts', messages: [{ value: 'big', timestamp: (1n << 62n) + 1n }] })).resolves.toEqual([{ topic: 'ts', partition: 0, offset: 0n }]);
    expect(f.cluster.partition('ts', 0).records().map((record) => record.timestamp)).toEqual([(1n << 62n) + 1n]);
  });

  it('puts keyed messages on the partition Kafka would choose', async () => {
    f.cluster.createTopic('keyed', 7);
    const producer = f.brook.producer({ lingerMs: 0 });
    const keys = ['21', 'foobar', 'abc', 'order-1', 'order-2', 'user:42', ''];
    const sent = await producer.send({ topic: 'keyed', messages: keys.map((key) => ({ key, value: key })) });
    expect(sent.map((m) => m.partition)).toEqual(keys.map((key) => partitionForKey(key, 7)));
    // "abc" hashes to 479470107 (Kafka's UtilsTest): 479470107 % 7 = 4.
    expect(sent[2]!.partition).toBe(4);
    for (const [index, key] of keys.entries()) {
      const stored = f.cluster.partition('keyed', sent[index]!.partition).records().map((r) => r.key?.toString());
      expect(stored).toContain(key);
    }
  });

  it('sends acks as configured; acks=0 resolves with offset -1n', async () => {
    f.cluster.createTopic('a', 1);
    await f.brook.producer({ acks: 0, lingerMs: 0 }).send({ topic: 'a', messages: [{ value: 'x' }] }).then((r) => expect(r[0]!.offset).toBe(-1n));
    await f.brook.producer({ acks: 1, lingerMs: 0 }).send({ topic: 'a', messages: [{ value: 'x' }] });
    await f.brook.producer({ acks: 'all', lingerMs: 0 }).send({ topic: 'a', messages: [{ value: 'x' }] });
    expect(produceRequests(f.cluster).map((r) => r.acks)).toEqual([0, 1, -1]);
  });

  it('sends to explicit partitions and refuses one that does not exist', async () => {
    f.cluster.createTopic('p', 3);
    const producer = f.brook.producer({ lingerMs: 0 });
    expect((await producer.send({ topic: 'p', messages: [{ key: 'k', value: 'v', partition: 2 }] }))[0]!.partition).toBe(2);
    await expect(producer.send({ topic: 'p', messages: [{ value: 'v', partition: 3 }] })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('sendBatch sends to many topics and resolves in order', async () => {
    f.cluster.createTopic('x', 1);
    f.cluster.createTopic('y', 1);
    const sent = await f.brook.producer({ lingerMs: 0 }).sendBatch({ topicMessages: [{ topic: 'x', messages: [{ value: '1' }] }, { topic: 'y', messages: [{ value: '2' }, { value: '3' }] }] });
    expect(sent.map((m) => `${m.topic}:${m.offset}`)).toEqual(['x:0', 'y:0', 'y:1']);
  });
});

describe('Producer batching', () => {
  it('lingers: many concurrent sends to one partition travel in one RPC and one batch', async () => {
    f.cluster.createTopic('l', 1);
    const producer = f.brook.producer({ lingerMs: 100 });
    const sends = Array.from({ length: 100 }, (_, i) => producer.send({ topic: 'l', messages: [{ value: `m${i}` }] }));
    const offsets = (await Promise.all(sends)).map((r) => r[0]!.offset);
    expect(offsets).toEqual(Array.from({ length: 100 }, (_, i) => BigInt(i)));
    expect(produceRequests(f.cluster)).toHaveLength(1);
    expect(f.cluster.partition('l', 0).batchCount).toBe(1);
    expect(f.cluster.partition('l', 0).batchHeader(0)?.recordCount).toBe(100);
  });

  it('ships a full batch without waiting for linger, keeping batches within batchBytes', async () => {
    f.cluster.createTopic('b', 1);
    const producer = f.brook.producer({ lingerMs: 60_000, batchBytes: 1024 });
    const started = Date.now();
    const value = 'x'.repeat(100);
    const sends = Array.from({ length: 30 }, () => producer.send({ topic: 'b', messages: [{ value }] }));
    // The full batches go without waiting for the 60 s linger; flush then sends the last one.
    const log = f.cluster.partition('b', 0);
    await waitFor(() => log.batchCount >= 2);
    await producer.flush();
    await Promise.all(sends);
    expect(Date.now() - started).toBeLessThan(5000);
    for (let i = 0; i < log.batchCount; i++) expect(log.batchHeader(i)!.batchLength + 12).toBeLessThanOrEqual(1024);
    expect(log.records()).toHaveLength(30);
  });

  it('carries ready batches for many partitions of one leader in one Produce RPC', async () => {
    f.cluster.createTopic('many', 4);
    // A linger no test outlives, then one flush: all four batches are ready at the same moment,
    // so the outcome does not depend on how busy the machine is.
    const producer = f.brook.producer({ lingerMs: 60_000 });
    const sends = [0, 1, 2, 3].map((partition) => producer.send({ topic: 'many', messages: [{ value: 'v', partition }] }));
    await producer.flush();
    await Promise.all(sends);
    const requests = produceRequests(f.cluster);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.topics[0]!.partitions.map((p) => p.partition).sort()).toEqual([0, 1, 2, 3]);
  });

});

describe('Producer sticky partitioning and compression', () => {
  it('sticks unkeyed messages to one partition per batch, then moves to another', async () => {
    f.cluster.createTopic('s', 6);
    const producer = f.brook.producer({ lingerMs: 60_000 });
    const first = producer.send({ topic: 's', messages: Array.from({ length: 20 }, (_, i) => ({ value: `a${i}` })) });
    await producer.flush();
    const firstPartitions = new Set((await first).map((m) => m.partition));
    expect(firstPartitions.size).toBe(1);
    const second = producer.send({ topic: 's', messages: Array.from({ length: 20 }, (_, i) => ({ value: `b${i}` })) });
    await producer.flush();
    const secondPartitions = new Set((await second).map((m) => m.partition));
    expect(secondPartitions.size).toBe(1);
    expect([...secondPartitions][0]).not.toBe([...firstPartitions][0]);
  });

  it('moves the sticky partition when a batch fills up', async () => {
    f.cluster.createTopic('fill', 4);
    const producer = f.brook.producer({ lingerMs: 60_000, batchBytes: 500 });
    const sent = await Promise.all([producer.send({ topic: 'fill', messages: Array.from({ length: 12 }, () => ({ value: 'y'.repeat(100) })) }), producer.flush()]).then(([r]) => r);
    const partitions = sent.map((m) => m.partition);
    // Four 100-byte records fill a 500-byte batch; each full batch moves the topic on, so runs of
    // the same partition are whole batches.
    expect(new Set(partitions).size).toBeGreaterThan(1);
    for (const partition of new Set(partitions)) {
      const log = f.cluster.partition('fill', partition);
      for (let i = 0; i < log.batchCount; i++) expect(log.batchHeader(i)!.recordCount).toBeGreaterThanOrEqual(3);
    }
  });

  it('round-trips gzip batches', async () => {
    f.cluster.createTopic('z', 1);
    const producer = f.brook.producer({ compression: 'gzip', lingerMs: 0 });
    const value = 'compressible '.repeat(200);
    await producer.send({ topic: 'z', messages: [{ key: 'k', value }, { key: 'k2', value }] });
    const raw = produceRequests(f.cluster)[0]!.topics[0]!.partitions[0]!.records;
    const decoded = decodeRecordBatch(raw);
    expect(decoded.attributes.compression).toBe('gzip');
    expect(raw.byteLength).toBeLessThan(value.length);
    expect(f.cluster.partition('z', 0).records().map((r) => r.value?.toString())).toEqual([value, value]);
  });
});

describe('Producer backpressure, flush and close', () => {
  it('makes send wait when buffered bytes reach bufferBytesMax, and resume once acknowledged', async () => {
    f.cluster.createTopic('bp', 1);
    const release = f.cluster.holdProduce();
    const producer = f.brook.producer({ lingerMs: 0, bufferBytesMax: 4096 });
    const value = 'v'.repeat(3000);
    const a = producer.send({ topic: 'bp', messages: [{ value }] });
    let bAppended = false;
    const b = producer.send({ topic: 'bp', messages: [{ value }] }).then((r) => {
      bAppended = true;
      return r;
    });
    await waitFor(() => produceRequests(f.cluster).length >= 1);
    await sleepMs(100);
    expect(producer.bufferedBytes).toBeLessThanOrEqual(4096);
    expect(producer.bufferedBytes).toBeGreaterThan(3000);
    // Only A's record reached the broker: B is waiting for room, not buffered.
    expect(produceRequests(f.cluster)).toHaveLength(1);
    expect(bAppended).toBe(false);
    release();
    expect((await a)[0]!.offset).toBe(0n);
    expect((await b)[0]!.offset).toBe(1n);
    expect(producer.bufferedBytes).toBe(0);
  });

  it('refuses a record larger than the whole buffer instead of waiting forever', async () => {
    f.cluster.createTopic('big', 1);
    const producer = f.brook.producer({ bufferBytesMax: 1000 });
    await expect(producer.send({ topic: 'big', messages: [{ value: 'x'.repeat(2000) }] })).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    expect(produceRequests(f.cluster)).toHaveLength(0);
  });

  it('flush sends lingering batches at once; close flushes and refuses later sends', async () => {
    f.cluster.createTopic('c', 1);
    const producer = f.brook.producer({ lingerMs: 60_000 });
    const pending = producer.send({ topic: 'c', messages: [{ value: '1' }] });
    await producer.flush();
    expect((await pending)[0]!.offset).toBe(0n);
    // Started, not awaited: close must cover a send that is still looking up its topic.
    const beforeClose = producer.send({ topic: 'c', messages: [{ value: '2' }] });
    await producer.close();
    expect((await beforeClose)[0]!.offset).toBe(1n);
    await expect(producer.send({ topic: 'c', messages: [{ value: '3' }] })).rejects.toThrow('send after close');
  });
});
