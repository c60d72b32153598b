// The idempotent producer against the fake cluster, which checks sequences per partition as
// Kafka 3.x's leader does (duplicates of the last five batches answered with their offsets):
// lazy InitProducerId, per-partition sequences, deduplicated retries after a lost response,
// ordering under retriable errors with 5 batches in flight, producer id reset and fencing, the
// non-idempotent mode, and the configuration rules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDEMPOTENT_MAX_IN_FLIGHT, ProducerConfigError, resolveProducerOptions } from './producer-options.js';
import { SEQUENCE_MAX, incrementSequence } from './producer-identity.js';
import { producerFixture, type ProducerFixture } from './producer-test-support.js';

let f: ProducerFixture;

beforeEach(async () => {
  f = await producerFixture({ brokers: 2 });
});

afterEach(async () => {
  await f.close();
});

/** Every batch header of a partition's fake log. */
function headers(topic: string, partition: number) {
  const log = f.cluster.partition(topic, partition);
  return Array.from({ length: log.batchCount }, (_, index) => log.batchHeader(index)!);
}

const values = (topic: string, partition: number): string[] => f.cluster.partition(topic, partition).records().map((r) => r.value!.toString());

describe('idempotent producer', () => {
  it('asks for a producer id on the first send only, and numbers batches per partition', async () => {
    f.cluster.createTopic('seq', 2);
    const producer = f.brook.producer({ lingerMs: 0 });
    expect(producer.options.idempotent).toBe(true);
    expect(f.cluster.callsOf('InitProducerId')).toHaveLength(0);
    for (let round = 0; round < 3; round++) {
      await producer.send({ topic: 'seq', messages: [{ value: 'a', partition: 0 }, { value: 'b', partition: 0 }, { value: 'c', partition: 1 }] });
    }
    expect(f.cluster.callsOf('InitProducerId')).toHaveLength(1);
    expect(producer.producerId).toEqual({ producerId: 1000n, producerEpoch: 0 });
    expect(headers('seq', 0).map((h) => [h.producerId, h.producerEpoch, h.baseSequence])).toEqual([
      [1000n, 0, 0],
      [1000n, 0, 2],
      [1000n, 0, 4],
    ]);
    expect(headers('seq', 1).map((h) => h.baseSequence)).toEqual([0, 1, 2]);
  });

  it('deduplicates a batch retried after its response was lost, reporting the original offsets once', async () => {
    f.cluster.createTopic('lost', 1);
    const producer = f.brook.producer({ lingerMs: 0 });
    await producer.send({ topic: 'lost', messages: [{ value: 'first' }] });
    f.cluster.loseProduceResponses(1);
    const sent = await producer.send({ topic: 'lost', messages: [{ value: 'x' }, { value: 'y' }] });
    expect(sent.map((m) => m.offset)).toEqual([1n, 2n]);
    expect(values('lost', 0)).toEqual(['first', 'x', 'y']);
    expect(f.cluster.callsOf('Produce')).toHaveLength(3);
  });

  it('keeps each partition in order with 5 batches in flight under retriable errors and lost responses', async () => {
    f.cluster.createTopic('order', 2);
    const producer = f.brook.producer({ lingerMs: 0, batchBytes: 80, maxInFlight: IDEMPOTENT_MAX_IN_FLIGHT });
    f.cluster.failNext('Produce', 'NOT_LEADER_OR_FOLLOWER', { times: 3, topic: 'order', partition: 0 });
    f.cluster.failNext('Produce', 'NOT_ENOUGH_REPLICAS', { times: 2, topic: 'order', partition: 1 });
    f.cluster.loseProduceResponses(2);
    const release = f.cluster.holdProduce();
    const sends = Array.from({ length: 60 }, (_, i) => producer.send({ topic: 'order', messages: [{ value: String(i), partition: i % 2 }] }));
    setTimeout(release, 20);
    const offsets = (await Promise.all(sends)).map(([m]) => m!);
    for (const partition of [0, 1]) {
      const expected = Array.from({ length: 30 }, (_, k) => String(2 * k + partition));
      expect(values('order', partition)).toEqual(expected);
      // Every acknowledged offset holds the record that was acknowledged there.
      const stored = f.cluster.partition('order', partition).records();
      offsets.forEach((m, i) => {
        if (m.partition === partition) expect(stored[Number(m.offset)]!.value!.toString()).toBe(String(i));
      });
    }
  });

  it('fails the batch on UNKNOWN_PRODUCER_ID and gives later batches a new producer id', async () => {
    f.cluster.createTopic('reset', 1);
    const producer = f.brook.producer({ lingerMs: 0 });
    await producer.send({ topic: 'reset', messages: [{ value: 'a' }] });
    f.cluster.failNext('Produce', 'UNKNOWN_PRODUCER_ID');
    await expect(producer.send({ topic: 'reset', messages: [{ value: 'b' }] })).rejects.toMatchObject({ code: 'UNKNOWN_PRODUCER_ID' });
    await producer.send({ topic: 'reset', messages: [{ value: 'c' }] });
    expect(f.cluster.callsOf('InitProducerId')).toHaveLength(2);
    expect(headers('reset', 0).map((h) => [h.producerId, h.baseSequence])).toEqual([
      [1000n, 0],
      [1001n, 0],
    ]);
    expect(values('reset', 0)).toEqual(['a', 'c']);
  });

  it('fails for good once fenced (INVALID_PRODUCER_EPOCH)', async () => {
    f.cluster.createTopic('fenced', 1);
    const producer = f.brook.producer({ lingerMs: 0 });
    f.cluster.failNext('Produce', 'INVALID_PRODUCER_EPOCH');
    await expect(producer.send({ topic: 'fenced', messages: [{ value: 'a' }] })).rejects.toMatchObject({ code: 'INVALID_PRODUCER_EPOCH' });
    await expect(producer.send({ topic: 'fenced', messages: [{ value: 'b' }] })).rejects.toMatchObject({ code: 'INVALID_PRODUCER_EPOCH' });
    expect(f.cluster.partition('fenced', 0).batchCount).toBe(0);
  });

  it('retries InitProducerId on retriable errors, and fails sends for good on a refusal', async () => {
    f.cluster.createTopic('init', 1);
    f.cluster.failNext('InitProducerId', 'REQUEST_TIMED_OUT', { level: 'request', times: 2 });
    await f.brook.producer({ lingerMs: 0 }).send({ topic: 'init', messages: [{ value: 'a' }] });
    expect(f.cluster.callsOf('InitProducerId')).toHaveLength(3);
    f.cluster.failNext('InitProducerId', 'INVALID_REQUEST', { level: 'request' });
    const refused = f.brook.producer({ lingerMs: 0 });
    await expect(refused.send({ topic: 'init', messages: [{ value: 'b' }] })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(refused.send({ topic: 'init', messages: [{ value: 'c' }] })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(values('init', 0)).toEqual(['a']);
  });

  it('follows a leader move: the new leader (same producer state) accepts the next sequence', async () => {
    f.cluster.createTopic('moved', 1, [1]);
    const producer = f.brook.producer({ lingerMs: 0 });
    await producer.send({ topic: 'moved', messages: [{ value: 'a' }] });
    f.cluster.moveLeader('moved', 0, 2);
    await producer.send({ topic: 'moved', messages: [{ value: 'b' }] });
    expect(headers('moved', 0).map((h) => h.baseSequence)).toEqual([0, 1]);
    expect(f.cluster.callsOf('Produce').at(-1)!.nodeId).toBe(2);
  });
});

describe('non-idempotent producer', () => {
  it('sends batches without a producer id and never calls InitProducerId', async () => {
    f.cluster.createTopic('plain', 1);
    const producer = f.brook.producer({ lingerMs: 0, idempotent: false });
    f.cluster.failNext('Produce', 'NOT_LEADER_OR_FOLLOWER');
    await producer.send({ topic: 'plain', messages: [{ value: 'a' }] });
    await f.brook.producer({ lingerMs: 0, acks: 1 }).send({ topic: 'plain', messages: [{ value: 'b' }] });
    expect(headers('plain', 0).map((h) => [h.producerId, h.baseSequence])).toEqual([
      [-1n, -1],
      [-1n, -1],
    ]);
    expect(f.cluster.callsOf('InitProducerId')).toHaveLength(0);
  });
});

describe('idempotence options', () => {
  it('is on by default with acks all, and quietly off when acks or maxInFlight rule it out', () => {
    expect(resolveProducerOptions({})).toMatchObject({ idempotent: true, acks: -1, maxInFlight: 5 });
    expect(resolveProducerOptions({ acks: 1 }).idempotent).toBe(false);
    expect(resolveProducerOptions({ maxInFlight: 6 }).idempotent).toBe(false);
    expect(resolveProducerOptions({ idempotent: false, acks: 0 }).idempotent).toBe(false);
  });

  it('refuses idempotent: true with acks other than all or more than 5 in flight', () => {
    expect(() => resolveProducerOptions({ idempotent: true, acks: 1 })).toThrow(ProducerConfigError);
    expect(() => resolveProducerOptions({ idempotent: true, acks: 0 })).toThrow(/acks must be 'all'/);
    expect(() => resolveProducerOptions({ idempotent: true, maxInFlight: 6 })).toThrow(/maxInFlight must be at most 5/);
    expect(() => f.brook.producer({ idempotent: true, acks: 1 })).toThrow(ProducerConfigError);
  });

  it('wraps sequences from 2^31 - 1 to 0', () => {
    expect(incrementSequence(5, 3)).toBe(8);
    expect(incrementSequence(SEQUENCE_MAX, 1)).toBe(0);
    expect(incrementSequence(SEQUENCE_MAX - 1, 3)).toBe(1);
  });
});
