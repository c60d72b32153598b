// The consumer over real gRPC against the fake cluster: earliest/latest/numeric starts, skipping
// records below the fetch offset inside a batch, seek, pause/resume, one Fetch per leader per
// round, long-polling, OFFSET_OUT_OF_RANGE under each reset policy, rerouting after a leader
// move, gzip batches produced by the SDK's producer, run(), and an unknown topic.
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchRequest__Output } from '@brook/protocol';
import { waitFor } from '../producer/producer-test-support.js';
import { appendValues, collect, consumerFixture, sleepMs, values, type ConsumerFixture } from './consumer-test-support.js';

let f: ConsumerFixture;

afterEach(async () => {
  await f.close();
});

describe('Consumer positions', () => {
  it('reads from earliest with keys, values, headers, timestamps and the high watermark', async () => {
    f = await consumerFixture();
    f.cluster.createTopic('t', 1);
    appendValues(f.cluster, 't', 0, ['a', 'b', 'c']);
    const consumer = f.brook.consumer({ maxWaitMs: 100 });
    consumer.assign([{ topic: 't', partition: 0, offset: 'earliest' }]);
    const [batch] = await collect(consumer, 3);
    expect(batch!.highWatermark).toBe(3n);
    expect(batch!.messages.map((m) => [m.offset, m.key?.toString(), m.value?.toString(), m.timestamp])).toEqual([
      [0n, 'ka', 'a', 1000n],
      [1n, 'kb', 'b', 1001n],
      [2n, 'kc', 'c', 1002n],
    ]);
    expect(batch!.messages[1]!.headers).toEqual([{ key: 'h', value: Buffer.from('b') }]);
    expect(consumer.assignment()).toEqual([{ topic: 't', partition: 0, offset: 3n, paused: false }]);
  });

  it('starts at latest: only records appended after the assignment arrive', async () => {
    f = await consumerFixture();
    f.cluster.createTopic('t', 1);
    appendValues(f.cluster, 't', 0, ['old1', 'old2']);
    const consumer = f.brook.consumer({ maxWaitMs: 2000 });
    consumer.assign([{ topic: 't', partition: 0, offset: 'latest' }]);
    const collected = collect(consumer, 1);
    // Appended only once 'latest' is resolved and a fetch is long-polling for what comes next.
    await waitFor(() => f.cluster.callsOf('Fetch').length >= 1);
    appendValues(f.cluster, 't', 0, ['new']);
    const started = Date.now();
    expect(values(await collected)).toEqual(['new']);
    // Long poll: the waiting fetch answered on the append, well before maxWaitMs.
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('starts at a numeric offset and skips the records of the first batch below it', async () => {
    f = await consumerFixture();
    f.cluster.createTopic('t', 1);
    appendValues(f.cluster, 't', 0, ['0', '1', '2', '3', '4', '5']);
    for (const offset of [4, 4n, '4']) {
      const consumer = f.brook.consumer({ maxWaitMs: 100 });
      consumer.assign([{ topic: 't', partition: 0, offset }]);
      const batches = await collect(consumer, 2);
      expect(batches[0]!.messages.map((m) => m.offset)).toEqual([4n, 5n]);
      await consumer.close();
    }
    expect(() => f.brook.consumer().assign([{ topic: 't', partition: 0, offset: -1 }])).toThrow(RangeError);
  });

  it('seeks back and re-reads', async () => {
    f = await consumerFixture();
    f.cluster.createTopic('t', 1);
    appendValues(f.cluster, 't', 0, ['a', 'b']);
    const consumer = f.brook.consumer({ maxWaitMs: 100 });
    consumer.assign([{ topic: 't', partition: 0, offset: 'earliest' }]);
    expect(values(await collect(consumer, 2))).toEqual(['a', 'b']);
    consumer.seek({ topic: 't', partition: 0, offset: 1 });
    expect(values(await collect(consumer, 1))).toEqual(['b']);
    expect(() => consumer.seek({ topic: 't', partition: 9, offset: 0 })).toThrow('not assigned');
  });
});

describe('Consumer pause, resume and fetch grouping', () => {
  it('does not fetch paused partitions until resumed', async () => {
    f = await consumerFixture();
    f.cluster.createTopic('t', 2);
    appendValues(f.cluster, 't', 0, ['p0']);
    appendValues(f.cluster, 't', 1, ['p1']);
    const consumer = f.brook.consumer({ maxWaitMs: 100 });
    consumer.assign([
      { topic: 't', partition: 0, offset: 'earliest' },
      { topic: 't', partition: 1, offset: 'earliest' },
    ]);
    consumer.pause([{ topic: 't', partitions: [1] }]);
    expect(consumer.paused()).toEqual([{ topic: 't', partition: 1 }]);
    expect(values(await collect(consumer, 1))).toEqual(['p0']);
    await sleepMs(150);
    const fetched = f.cluster.callsOf('Fetch').flatMap((c) => (c.request as FetchRequest__Output).topics[0]!.partitions.map((p) => p.partition));
    expect(fetched).not.toContain(1);
    consumer.resume([{ topic: 't' }]);
    expect(values(await collect(consumer, 1))).toEqual(['p1']);
  });

  it('sends one Fetch per leader covering all its assigned partitions', async () => {
    f = await consumerFixture(2);
    f.cluster.createTopic('t', 4);
    for (let p = 0; p < 4; p++) appendValues(f.cluster, 't', p, [`v${p}`]);
    const consumer = f.brook.consumer({ maxWaitMs: 100, minBytes: 1 });
    consumer.assign([0, 1, 2, 3].map((partition) => ({ topic: 't', partition, offset: 0 })));
    expect(values(await collect(consumer, 4)).sort()).toEqual(['v0', 'v1', 'v2', 'v3']);
    const first = f.cluster.callsOf('Fetch').slice(0, 2);
    const byNode = new Map(first.map((c) => [c.nodeId, (c.request as FetchRequest__Output).topics[0]!.partitions.map((p) => p.partition).sort()]));
    // Partitions 0 and 2 are led by broker 1, 1 and 3 by broker 2 (the fake assigns in turn).
    expect(byNode).toEqual(new Map([[1, [0, 2]], [2, [1, 3]]]));
  });
});

describe('Consumer errors and recovery', () => {
  it.each([
    ['earliest', ['a', 'b']],
    ['latest', ['later']],
  ] as const)('resets an out-of-range position to %s', async (resetPolicy, expected) => {
    f = await consumerFixture();
    f.cluster.createTopic('t', 1);
    appendValues(f.cluster, 't', 0, ['a', 'b']);
    const consumer = f.brook.consumer({ maxWaitMs: 300, resetPolicy });
    consumer.assign([{ topic: 't', partition: 0, offset: 100 }]);
    const collected = collect(consumer, expected.length);
    // Appended only after the reset: once a fetch asked for another offset than 100.
    const fetchOffsets = (): string[] => f.cluster.callsOf('Fetch').map((c) => String((c.request as FetchRequest__Output).topics[0]!.partitions[0]!.fetchOffset));
    await waitFor(() => fetchOffsets().some((offset) => offset !== '100'));
    appendValues(f.cluster, 't', 0, ['later']);
    expect(values(await collected).slice(0, expected.length)).toEqual(expected);
  });

  it("ends the iteration with OFFSET_OUT_OF_RANGE under resetPolicy 'none'", async () => {
    f = await consumerFixture();
    f.cluster.createTopic('t', 1);
    const consumer = f.brook.consumer({ resetPolicy: 'none' });
    consumer.assign([{ topic: 't', partition: 0, offset: 5 }]);
    await expect(collect(consumer, 1)).rejects.toMatchObject({ code: 'OFFSET_OUT_OF_RANGE' });
  });

  it('follows a moved leader after NOT_LEADER_OR_FOLLOWER', async () => {
    f = await consumerFixture(2);
    f.cluster.createTopic('t', 1, [1]);
    appendValues(f.cluster, 't', 0, ['a']);
    const consumer = f.brook.consumer({ maxWaitMs: 100 });
    consumer.assign([{ topic: 't', partition: 0, offset: 0 }]);
    expect(values(await collect(consumer, 1))).toEqual(['a']);
    f.cluster.moveLeader('t', 0, 2);
    appendValues(f.cluster, 't', 0, ['b']);
    expect(values(await collect(consumer, 1))).toEqual(['b']);
    expect(f.cluster.callsOf('Fetch').at(-1)!.nodeId).toBe(2);
  });

  it('follows a leader hint when metadata cannot be refreshed', async () => {
    f = await consumerFixture(2, true);
    f.cluster.createTopic('t', 1, [1]);
    appendValues(f.cluster, 't', 0, ['a']);
    const consumer = f.brook.consumer({ maxWaitMs: 100 });
    consumer.assign([{ topic: 't', partition: 0, offset: 0 }]);
    expect(values(await collect(consumer, 1))).toEqual(['a']);
    f.cluster.moveLeader('t', 0, 2);
    f.cluster.failNext('Metadata', 'NETWORK_EXCEPTION', { level: 'request', times: 1000 });
    appendValues(f.cluster, 't', 0, ['b']);
    expect(values(await collect(consumer, 1))).toEqual(['b']);
  });

  it('retries a retriable fetch failure and rejects an unknown topic', async () => {
    f = await consumerFixture();
    f.cluster.createTopic('t', 1);
    appendValues(f.cluster, 't', 0, ['a']);
    f.cluster.failNext('Fetch', 'NETWORK_EXCEPTION', { level: 'request', times: 2 });
    const consumer = f.brook.consumer({ maxWaitMs: 100 });
    consumer.assign([{ topic: 't', partition: 0, offset: 0 }]);
    expect(values(await collect(consumer, 1))).toEqual(['a']);
    const lost = f.brook.consumer();
    lost.assign([{ topic: 'missing', partition: 0, offset: 'earliest' }]);
    await expect(collect(lost, 1)).rejects.toMatchObject({ code: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });
});

describe('Consumer with the producer', () => {
  it('round-trips gzip batches and run() delivers every message until close', async () => {
    f = await consumerFixture();
    f.cluster.createTopic('z', 2);
    const producer = f.brook.producer({ compression: 'gzip', lingerMs: 5 });
    const sent = await producer.send({ topic: 'z', messages: Array.from({ length: 50 }, (_, i) => ({ key: `key-${i % 5}`, value: `value ${i} `.repeat(20) })) });
    const consumer = f.brook.consumer({ maxWaitMs: 100 });
    consumer.assign([0, 1].map((partition) => ({ topic: 'z', partition, offset: 'earliest' as const })));
    const received: string[] = [];
    const running = consumer.run({
      eachMessage: async ({ partition, message }) => {
        received.push(`${partition}:${message.offset}:${message.key?.toString()}`);
        if (received.length === 50) await consumer.close();
      },
    });
    await running;
    expect(received.sort()).toEqual(sent.map((m, i) => `${m.partition}:${m.offset}:key-${i % 5}`).sort());
  });

  it('run() with eachBatch gets whole batches, and an idle run ends on close()', async () => {
    f = await consumerFixture();
    f.cluster.createTopic('b', 1);
    appendValues(f.cluster, 'b', 0, ['1', '2', '3']);
    const consumer = f.brook.consumer({ maxWaitMs: 100 });
    consumer.assign([{ topic: 'b', partition: 0, offset: 'earliest' }]);
    const sizes: number[] = [];
    const running = consumer.run({ eachBatch: (batch) => void sizes.push(batch.messages.length) });
    await waitFor(() => sizes.length === 1);
    // Nothing more to read: the run long-polls until close() ends it.
    await sleepMs(150);
    await consumer.close();
    await running;
    expect(sizes).toEqual([3]);
  });
});
