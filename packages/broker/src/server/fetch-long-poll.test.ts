// Checks the Fetch long poll: a fetch with min_bytes waits, is woken by an append to any of the
// partitions it reads, answers at max_wait_ms with nothing when nothing comes, answers at once
// when data is already there, serves many waiters at once without a listener-leak warning, and
// is released at once when the broker shuts down.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '@brook/record-batch';
import { startTestServer, unaryCall, type TestServer } from '../testing/index.js';

let broker: TestServer;

beforeEach(async () => {
  broker = await startTestServer({ config: { fetchMaxWaitMs: 20_000 } });
  await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'poll', numPartitions: 2 }] });
});
afterEach(async () => {
  await broker.close();
});

const oneRecord = () => Buffer.from(encodeRecordBatch({ records: [{ key: null, value: Buffer.from('v'), headers: [], timestamp: 1n }] }));

function longFetch(maxWaitMs: number, minBytes = 1) {
  return unaryCall(broker.client, 'Fetch', {
    maxWaitMs,
    minBytes,
    topics: [{ name: 'poll', partitions: [{ partition: 0, fetchOffset: 0 }, { partition: 1, fetchOffset: 0 }] }],
  });
}

describe('Fetch long poll', () => {
  it('is woken by an append to any requested partition', async () => {
    const started = Date.now();
    const waiting = longFetch(15_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await unaryCall(broker.client, 'Produce', { acks: 1, topics: [{ name: 'poll', partitions: [{ partition: 1, records: oneRecord() }] }] });
    const response = await waiting;
    const elapsedMs = Date.now() - started;
    expect(response.topics[0]?.partitions[1]?.records.length).toBeGreaterThan(0);
    expect(response.topics[0]?.partitions[1]?.highWatermark).toBe('1');
    expect(elapsedMs).toBeGreaterThanOrEqual(150);
    // Woken by the append, not by the 15 s timeout (a loose bound for a busy machine).
    expect(elapsedMs).toBeLessThan(10_000);
  });

  it('answers empty at max_wait_ms when nothing arrives', async () => {
    const started = Date.now();
    const response = await longFetch(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(response.topics[0]?.partitions.map((p) => p.records.length)).toEqual([0, 0]);
  });

  it('answers at once when min_bytes is already there', async () => {
    await unaryCall(broker.client, 'Produce', { acks: -1, topics: [{ name: 'poll', partitions: [{ partition: 0, records: oneRecord() }] }] });
    const started = Date.now();
    const response = await longFetch(15_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.topics[0]?.partitions[0]?.records.length).toBeGreaterThan(0);
  });

  it('keeps waiting while fewer than min_bytes are available', async () => {
    await unaryCall(broker.client, 'Produce', { acks: -1, topics: [{ name: 'poll', partitions: [{ partition: 0, records: oneRecord() }] }] });
    const started = Date.now();
    const response = await longFetch(400, 1_000_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(response.topics[0]?.partitions[0]?.records.length).toBeGreaterThan(0);
  });

  it('serves many concurrent long polls without a listener-leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const polls = Array.from({ length: 20 }, () => longFetch(5_000));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await unaryCall(broker.client, 'Produce', { acks: 1, topics: [{ name: 'poll', partitions: [{ partition: 0, records: oneRecord() }] }] });
      const responses = await Promise.all(polls);
      expect(responses.every((response) => (response.topics[0]?.partitions[0]?.records.length ?? 0) > 0)).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('is released when the broker shuts down', async () => {
    const started = Date.now();
    const waiting = longFetch(15_000).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await broker.handle.close();
    expect(await waiting).toBe('answered');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
