// How the producer handles failures, against the fake cluster over real gRPC: retriable errors
// are retried with backoff (per partition and for the whole call) up to the retry limit;
// NOT_LEADER_OR_FOLLOWER refreshes metadata and reroutes to the new leader; non-retriable errors
// (and CORRUPT_MESSAGE) reach the caller at once; a retried batch keeps its partition's order.
import { describe, expect, it } from 'vitest';
import { errorCodeNumber } from '@brook/protocol';
import { startTestBrookServer } from '@brook/protocol/testing';
import { Brook } from '../brook.js';
import { FakeBrookCluster } from '../testing/fake-cluster.js';
import { produceRequests, producerFixture, sleepMs, waitFor } from './producer-test-support.js';

describe('Producer retries', () => {
  it('retries a retriable partition error and succeeds without duplicating the batch', async () => {
    const f = await producerFixture();
    f.cluster.createTopic('r', 1);
    f.cluster.failNext('Produce', 'REQUEST_TIMED_OUT', { times: 2, topic: 'r', partition: 0 });
    const sent = await f.brook.producer({ lingerMs: 0 }).send({ topic: 'r', messages: [{ value: 'once' }] });
    expect(sent[0]!.offset).toBe(0n);
    expect(produceRequests(f.cluster)).toHaveLength(3);
    expect(f.cluster.partition('r', 0).records()).toHaveLength(1);
    await f.close();
  });

  it('retries a request-level network failure', async () => {
    const f = await producerFixture();
    f.cluster.createTopic('n', 1);
    f.cluster.failNext('Produce', 'NETWORK_EXCEPTION', { level: 'request' });
    await expect(f.brook.producer({ lingerMs: 0 }).send({ topic: 'n', messages: [{ value: 'v' }] })).resolves.toHaveLength(1);
    expect(produceRequests(f.cluster)).toHaveLength(2);
    await f.close();
  });

  it('gives up after the configured retries with the last retriable error', async () => {
    const f = await producerFixture({}, 2);
    f.cluster.createTopic('g', 1);
    f.cluster.failNext('Produce', 'NOT_ENOUGH_REPLICAS', { times: 100 });
    await expect(f.brook.producer({ lingerMs: 0 }).send({ topic: 'g', messages: [{ value: 'v' }] })).rejects.toMatchObject({ code: 'NOT_ENOUGH_REPLICAS', retriable: true });
    expect(produceRequests(f.cluster)).toHaveLength(3);
    await f.close();
  });

  it('without an explicit retry count, retries until the delivery timeout (a failover outlasts five retries)', async () => {
    const cluster = await FakeBrookCluster.start();
    const brook = new Brook({ brokers: cluster.addresses, clientId: 'producer-test', retry: { initialBackoffMs: 5, maxBackoffMs: 20 } });
    try {
      cluster.createTopic('long', 1);
      cluster.failNext('Produce', 'NOT_LEADER_OR_FOLLOWER', { times: 12, topic: 'long', partition: 0 });
      const sent = await brook.producer({ lingerMs: 0 }).send({ topic: 'long', messages: [{ value: 'survives' }] });
      expect(sent[0]!.offset).toBe(0n);
      expect(produceRequests(cluster)).toHaveLength(13);
    } finally {
      await brook.close();
      cluster.close();
    }
  });

  it('refreshes metadata on NOT_LEADER_OR_FOLLOWER and reroutes to the new leader', async () => {
    const f = await producerFixture({ brokers: 2 });
    f.cluster.createTopic('move', 1, [1]);
    const producer = f.brook.producer({ lingerMs: 0 });
    await producer.send({ topic: 'move', messages: [{ value: 'before' }] });
    f.cluster.moveLeader('move', 0, 2);
    const sent = await producer.send({ topic: 'move', messages: [{ value: 'after' }] });
    expect(sent[0]!.offset).toBe(1n);
    expect(f.cluster.callsOf('Produce').map((c) => c.nodeId)).toEqual([1, 1, 2]);
    // The second Produce to node 2 carried the new leader epoch learned from the refresh.
    expect(produceRequests(f.cluster)[2]!.topics[0]!.partitions[0]!.leaderEpoch).toBe(1);
    expect(f.cluster.callsOf('Metadata').length).toBeGreaterThanOrEqual(2);
    await f.close();
  });

  it('keeps partition order when a batch is retried (maxInFlight 1)', async () => {
    const f = await producerFixture();
    f.cluster.createTopic('o', 1);
    f.cluster.failNext('Produce', 'REQUEST_TIMED_OUT', { times: 1, topic: 'o' });
    const producer = f.brook.producer({ lingerMs: 0, maxInFlight: 1, batchBytes: 100 });
    const sends = Array.from({ length: 10 }, (_, i) => producer.send({ topic: 'o', messages: [{ value: `m${i}-${'x'.repeat(60)}` }] }));
    const offsets = (await Promise.all(sends)).map((r) => r[0]!.offset);
    expect(offsets).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i)));
    expect(f.cluster.partition('o', 0).records().map((r) => r.value!.toString().split('-')[0])).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    await f.close();
  });
});

describe('Producer non-retriable errors', () => {
  it.each(['MESSAGE_TOO_LARGE', 'INVALID_TOPIC_EXCEPTION', 'CORRUPT_MESSAGE', 'INVALID_RECORD'] as const)('rejects the batch with %s without retrying', async (code) => {
    const f = await producerFixture();
    f.cluster.createTopic('e', 1);
    f.cluster.failNext('Produce', code, { times: 5 });
    // One record: a larger batch refused as MESSAGE_TOO_LARGE would be split and sent again.
    await expect(f.brook.producer({ lingerMs: 0 }).send({ topic: 'e', messages: [{ value: 'v' }] })).rejects.toMatchObject({ code });
    expect(produceRequests(f.cluster)).toHaveLength(1);
    await f.close();
  });

  it('rejects only the failing partition batch; other partitions of the same RPC succeed', async () => {
    const f = await producerFixture({ messageBytesMax: 300 });
    f.cluster.createTopic('mix', 2);
    const producer = f.brook.producer({ lingerMs: 60_000 });
    const small = producer.send({ topic: 'mix', messages: [{ value: 'ok', partition: 0 }] });
    const large = producer.send({ topic: 'mix', messages: [{ value: 'x'.repeat(400), partition: 1 }] });
    // Both batches are ready at once when flushed, so one request carries both.
    void producer.flush();
    await expect(large).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    expect((await small)[0]!.offset).toBe(0n);
    expect(produceRequests(f.cluster)).toHaveLength(1);
    await f.close();
  });

  it('rejects an unknown topic after retrying its metadata, and an invalid topic name at once', async () => {
    const f = await producerFixture({}, 2);
    const producer = f.brook.producer();
    await expect(producer.send({ topic: 'missing', messages: [{ value: 'v' }] })).rejects.toMatchObject({ code: 'UNKNOWN_TOPIC_OR_PARTITION' });
    await expect(producer.send({ topic: 'bad/name', messages: [{ value: 'v' }] })).rejects.toMatchObject({ code: 'INVALID_TOPIC_EXCEPTION' });
    expect(produceRequests(f.cluster)).toHaveLength(0);
    await f.close();
  });
});

describe('Producer in-flight limit', () => {
  it('keeps at most maxInFlight Produce requests in flight per broker', async () => {
    const f = await producerFixture();
    f.cluster.createTopic('inflight', 1);
    const release = f.cluster.holdProduce();
    const producer = f.brook.producer({ lingerMs: 0, maxInFlight: 2, batchBytes: 64 });
    const sends = Array.from({ length: 6 }, (_, i) => producer.send({ topic: 'inflight', messages: [{ value: `${i}`.repeat(60) }] }));
    await waitFor(() => produceRequests(f.cluster).length >= 2);
    await sleepMs(100);
    expect(produceRequests(f.cluster)).toHaveLength(2);
    release();
    const offsets = (await Promise.all(sends)).map((r) => r[0]!.offset);
    expect(offsets.sort((a, b) => Number(a - b))).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
    expect(produceRequests(f.cluster).length).toBeGreaterThanOrEqual(3);
    await f.close();
  });
});

describe('Producer request size cap', () => {
  it('leaves a batch that does not fit the request for the next one, closed to further appends', async () => {
    const cluster = await FakeBrookCluster.start();
    // A 4 KiB gRPC limit caps a request near 3.6 KiB, so two 2.5 KiB batches need two requests.
    const brook = new Brook({ brokers: cluster.addresses, clientId: 'cap', rpcMessageBytesMax: 4096, retry: { initialBackoffMs: 5, maxBackoffMs: 20 } });
    cluster.createTopic('cap', 2);
    const release = cluster.holdProduce();
    const producer = brook.producer({ lingerMs: 20, maxInFlight: 1, batchBytes: 3000 });
    const value = 'v'.repeat(2500);
    const first = [0, 1].map((partition) => producer.send({ topic: 'cap', messages: [{ value, partition }] }));
    await waitFor(() => produceRequests(cluster).length >= 1);
    await sleepMs(50);
    expect(produceRequests(cluster)).toHaveLength(1);
    // The batch left behind was encoded to measure it; a new record must open a new batch.
    const later = producer.send({ topic: 'cap', messages: [{ value: 'small', partition: 1 }] });
    release();
    await Promise.all([...first, later]);
    expect(cluster.partition('cap', 1).records().map((r) => r.value!.length)).toEqual([2500, 5]);
    expect(produceRequests(cluster).every((r) => r.topics.flatMap((t) => t.partitions).length === 1)).toBe(true);
    await brook.close();
    cluster.close();
  });
});

describe('Producer batch splitting', () => {
  it('splits a batch the broker refuses as too large until the halves fit, keeping order', async () => {
    const f = await producerFixture({ messageBytesMax: 1000 });
    f.cluster.createTopic('split', 1);
    // maxInFlight 1: each half goes alone, so the order of requests below is deterministic.
    const producer = f.brook.producer({ lingerMs: 50, batchBytes: 10_000, maxInFlight: 1 });
    const sent = await producer.send({ topic: 'split', messages: Array.from({ length: 8 }, (_, i) => ({ value: `${i}`.repeat(300) })) });
    expect(sent.map((m) => m.offset)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n]);
    expect(f.cluster.partition('split', 0).records().map((r) => r.value!.toString()[0])).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    // 8 records (refused), 4 + 4 (refused), then 2 + 2 + 2 + 2 accepted.
    const recordCounts = produceRequests(f.cluster).map((r) => r.topics[0]!.partitions[0]!.records.readInt32BE(57));
    expect(recordCounts).toEqual([8, 4, 2, 2, 4, 2, 2]);
    expect(producer.bufferedBytes).toBe(0);
    await f.close();
  });

  it('flush waits for the halves of a split batch', async () => {
    const f = await producerFixture({ messageBytesMax: 700 });
    f.cluster.createTopic('split', 1);
    const producer = f.brook.producer({ lingerMs: 60_000, batchBytes: 10_000 });
    const sending = producer.send({ topic: 'split', messages: Array.from({ length: 4 }, () => ({ value: 'x'.repeat(300) })) });
    await producer.flush();
    expect(f.cluster.partition('split', 0).records()).toHaveLength(4);
    await expect(sending).resolves.toHaveLength(4);
    await f.close();
  });
});

describe('Producer leader hints', () => {
  it('follows the leader named in a NOT_LEADER_OR_FOLLOWER answer without waiting for metadata', async () => {
    const f = await producerFixture({ brokers: 2, leaderHints: true });
    f.cluster.createTopic('hint', 1, [1]);
    const producer = f.brook.producer({ lingerMs: 0 });
    await producer.send({ topic: 'hint', messages: [{ value: 'before' }] });
    f.cluster.moveLeader('hint', 0, 2);
    // Metadata answers fail for a while: only the hint can tell where the partition went.
    f.cluster.failNext('Metadata', 'NETWORK_EXCEPTION', { level: 'request', times: 1000 });
    const sent = await producer.send({ topic: 'hint', messages: [{ value: 'after' }] });
    expect(sent[0]!.offset).toBe(1n);
    expect(f.cluster.callsOf('Produce').map((c) => c.nodeId)).toEqual([1, 1, 2]);
    await f.close();
  });
});

describe('Producer record errors', () => {
  it('names the records a broker rejected in the BrookError message', async () => {
    // A hand-written server: the fake cluster never lists record errors.
    let serverPort = 0;
    // A bare server without InitProducerId: the producer is not idempotent here.
    const server = await startTestBrookServer({
      Metadata: (_call, callback) =>
        callback(null, { brokers: [{ nodeId: 1, host: '127.0.0.1', port: serverPort }], topics: [{ name: 'r', partitions: [{ partition: 0, leaderId: 1, replicas: [1], isr: [1] }] }] }),
      Produce: (_call, callback) =>
        callback(null, {
          topics: [{ name: 'r', partitions: [{ partition: 0, errorCode: errorCodeNumber('INVALID_RECORD'), errorMessage: 'bad records', recordErrors: [{ batchIndex: 1, message: 'timestamp too old' }], baseOffset: -1 }] }],
        }),
    });
    serverPort = server.port;
    const brook = new Brook({ brokers: [server.address], clientId: 'record-errors' });
    const error = await brook.producer({ lingerMs: 0, idempotent: false }).send({ topic: 'r', messages: [{ value: 'a' }, { value: 'b' }] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_RECORD', message: 'r/0: bad records (record 1: timestamp too old)' });
    await brook.close();
    server.close();
  });
});
