// ProduceStream and FetchStream on one real broker. ProduceStream: requests on one stream are answered with their correlation
// ids and the same answers a unary Produce gives (offsets in arrival order, per-partition errors),
// a message without a request gets INVALID_REQUEST without ending the stream, and the stream ends
// once the producer closes its side, after every request was answered. FetchStream: a long poll
// and a fetch with data on one stream are answered in completion order, the long poll when a
// produce wakes it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientDuplexStream } from '@grpc/grpc-js';
import { encodeRecordBatch } from '@brook/record-batch';
import { errorCodeNumber, type FetchStreamResponse__Output, type ProduceStreamRequest, type ProduceStreamResponse__Output } from '@brook/protocol';
import { startTestServer, unaryCall, type TestServer } from '../testing/index.js';

let broker: TestServer;

beforeEach(async () => {
  broker = await startTestServer();
  await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 's', numPartitions: 2 }] });
});
afterEach(async () => {
  await broker.close();
});

const batch = (value: string) => Buffer.from(encodeRecordBatch({ records: [{ key: null, value: Buffer.from(value), headers: [], timestamp: 1n }] }));

type Stream = ClientDuplexStream<ProduceStreamRequest, ProduceStreamResponse__Output>;

/** Collects a stream's answers; `until(n)` resolves once n have arrived in all. */
function collect(stream: Stream): { answers: ProduceStreamResponse__Output[]; until: (count: number) => Promise<void> } {
  const answers: ProduceStreamResponse__Output[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  stream.on('data', (answer: ProduceStreamResponse__Output) => {
    answers.push(answer);
    for (const waiter of waiters) if (answers.length >= waiter.count) waiter.resolve();
  });
  const until = (count: number): Promise<void> =>
    answers.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }));
  return { answers, until };
}

describe('ProduceStream', () => {
  it('answers each request with its correlation id, as a unary Produce would', async () => {
    const stream = broker.client.ProduceStream();
    const requests: ProduceStreamRequest[] = [1, 2, 3].map((n) => ({
      correlationId: n,
      request: { acks: n === 2 ? 1 : -1, topics: [{ name: 's', partitions: [{ partition: n === 3 ? 1 : 0, records: batch(`v${n}`) }] }] },
    }));
    requests.push({ correlationId: 4, request: { acks: 7, topics: [{ name: 's', partitions: [{ partition: 0, records: batch('bad acks') }] }] } });
    requests.push({ correlationId: 5 });
    const collected = collect(stream);
    for (const request of requests) stream.write(request);
    await collected.until(5);
    const byId = new Map(collected.answers.map((answer) => [Number(answer.correlationId), answer]));
    expect(byId.get(1)?.response?.topics[0]?.partitions[0]).toMatchObject({ partition: 0, errorCode: 0, baseOffset: '0' });
    expect(byId.get(2)?.response?.topics[0]?.partitions[0]).toMatchObject({ partition: 0, errorCode: 0, baseOffset: '1' });
    expect(byId.get(3)?.response?.topics[0]?.partitions[0]).toMatchObject({ partition: 1, errorCode: 0, baseOffset: '0' });
    expect(byId.get(4)?.response?.topics[0]?.partitions[0]?.errorCode).toBe(errorCodeNumber('INVALID_REQUIRED_ACKS'));
    expect(byId.get(5)?.errorCode).toBe(errorCodeNumber('INVALID_REQUEST'));
    // The stream is still open: another request is answered.
    stream.write({ correlationId: 6, request: { acks: -1, topics: [{ name: 's', partitions: [{ partition: 0, records: batch('v6') }] }] } });
    await collected.until(6);
    expect(collected.answers[5]?.correlationId).toBe('6');
    expect(collected.answers[5]?.response?.topics[0]?.partitions[0]).toMatchObject({ errorCode: 0, baseOffset: '2' });
    const ended = new Promise<void>((resolve) => stream.once('end', resolve));
    stream.end();
    await ended;
  });

  it('ends at shutdown once its requests are answered, so the graceful stop does not wait out its grace period', async () => {
    const own = await startTestServer({ config: { shutdownTimeoutMs: 20_000 } });
    try {
      await unaryCall(own.client, 'CreateTopics', { topics: [{ name: 's', numPartitions: 1 }] });
      const stream = own.client.ProduceStream();
      const collected = collect(stream);
      const ended = new Promise<void>((resolve) => {
        stream.once('end', resolve);
        stream.once('error', () => resolve());
      });
      stream.write({ correlationId: 1, request: { acks: -1, topics: [{ name: 's', partitions: [{ partition: 0, records: batch('v') }] }] } });
      await collected.until(1);
      const startedMs = Date.now();
      await own.handle.close();
      expect(Date.now() - startedMs).toBeLessThan(10_000);
      await ended;
    } finally {
      await own.close();
    }
  });

  it('FetchStream answers in completion order: data at once, a long poll when a produce wakes it', async () => {
    const fetches = broker.client.FetchStream();
    const answers: FetchStreamResponse__Output[] = [];
    const arrived = (count: number): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => {
          if (answers.length >= count) resolve();
          else setTimeout(check, 10);
        };
        check();
      });
    fetches.on('data', (answer: FetchStreamResponse__Output) => answers.push(answer));
    fetches.on('error', () => undefined); // the cancel at the end
    await unaryCall(broker.client, 'Produce', { acks: -1, topics: [{ name: 's', partitions: [{ partition: 0, records: batch('p0') }] }] });
    fetches.write({ correlationId: 1, request: { maxWaitMs: 20_000, minBytes: 1, topics: [{ name: 's', partitions: [{ partition: 1, fetchOffset: 0 }] }] } });
    fetches.write({ correlationId: 2, request: { maxWaitMs: 20_000, minBytes: 1, topics: [{ name: 's', partitions: [{ partition: 0, fetchOffset: 0 }] }] } });
    await arrived(1);
    expect(answers[0]?.correlationId).toBe('2');
    expect(answers[0]?.response?.topics[0]?.partitions[0]?.records.length).toBeGreaterThan(0);
    await unaryCall(broker.client, 'Produce', { acks: -1, topics: [{ name: 's', partitions: [{ partition: 1, records: batch('p1') }] }] });
    await arrived(2);
    expect(answers[1]?.correlationId).toBe('1');
    expect(answers[1]?.response?.topics[0]?.partitions[0]?.highWatermark).toBe('1');
    fetches.cancel();
  });
});

