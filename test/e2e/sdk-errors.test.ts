// The same failures as cli-errors.test.ts seen from the SDK and from the wire: each is a typed
// BrookError (or a per-partition error code) with the ErrorCode table's name, and none of them
// loses records written before. The raw gRPC calls check the broker's own answers, without the
// SDK's local checks in front of them.
import { promisify } from 'node:util';
import { Brook } from '@brook/client';
import { BrookError, createBrookClient, errorCodeByNumber, type BrookClientClient } from '@brook/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBrook } from './cli-process.js';
import { startBroker, type BrokerProcess } from '../harness/index.js';

let node: BrokerProcess;
let brook: Brook;
let wire: BrookClientClient;

beforeAll(async () => {
  node = await startBroker();
  brook = new Brook({ brokers: [node.clientAddress], clientId: 'e2e-sdk-errors', retry: { totalTimeoutMs: 3_000 } });
  wire = createBrookClient(node.clientAddress);
  expect((await runBrook(['topic', 'create', 'kept', '-p', '1'], { brokers: node.clientAddress })).code).toBe(0);
  expect((await runBrook(['produce', 'kept'], { brokers: node.clientAddress, input: 'one\ntwo\nthree\n' })).code).toBe(0);
});

afterAll(async () => {
  await brook?.close();
  wire?.close();
});

async function rejection(promise: Promise<unknown>): Promise<BrookError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BrookError);
  return error as BrookError;
}

describe('SDK and wire errors', () => {
  it('a bad topic name: INVALID_TOPIC_EXCEPTION from the SDK and from the broker itself', async () => {
    expect((await rejection(brook.admin().createTopics([{ topic: 'bad name', numPartitions: 1 }]))).code).toBe('INVALID_TOPIC_EXCEPTION');
    const createTopics = promisify(wire.CreateTopics.bind(wire)) as (request: object) => Promise<{ topics: Array<{ errorCode: number; errorMessage: string }> }>;
    for (const name of ['bad name', 'a/b', '..', 'x'.repeat(250)]) {
      const response = await createTopics({ topics: [{ name, numPartitions: 1, replicationFactor: 1 }] });
      expect(errorCodeByNumber(response.topics[0]?.errorCode ?? 0), name).toBe('INVALID_TOPIC_EXCEPTION');
    }
  });

  it('an unknown topic: UNKNOWN_TOPIC_OR_PARTITION', async () => {
    expect((await rejection(brook.admin().describeTopics(['no-such-topic']))).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('an oversized record: MESSAGE_TOO_LARGE from send, and the log unchanged', async () => {
    const producer = brook.producer({ acks: -1 });
    try {
      const error = await rejection(producer.send({ topic: 'kept', messages: [{ value: Buffer.alloc(2 * 1024 * 1024, 0x61) }] }));
      expect(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']).toContain(error.code);
      // The producer still works after refusing one record.
      const [ok] = await producer.send({ topic: 'kept', messages: [{ value: 'after' }] });
      expect(ok?.offset).toBe(3n);
    } finally {
      await producer.close();
    }
  });

  it('produce to an unknown topic: UNKNOWN_TOPIC_OR_PARTITION once the delivery timeout passes', async () => {
    const producer = brook.producer({ acks: -1, deliveryTimeoutMs: 2_000 });
    try {
      expect((await rejection(producer.send({ topic: 'no-such-topic', messages: [{ value: 'x' }] }))).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    } finally {
      await producer.close();
    }
  });

  it('a fetch past the end: OFFSET_OUT_OF_RANGE for the partition, and the log unchanged', async () => {
    const fetch = promisify(wire.Fetch.bind(wire)) as (request: object) => Promise<{ topics: Array<{ partitions: Array<{ errorCode: number; highWatermark: string }> }> }>;
    const response = await fetch({ maxWaitMs: 0, topics: [{ name: 'kept', partitions: [{ partition: 0, fetchOffset: 1000 }] }] });
    const partition = response.topics[0]?.partitions[0];
    expect(errorCodeByNumber(partition?.errorCode ?? 0)).toBe('OFFSET_OUT_OF_RANGE');
    expect(partition?.highWatermark).toBe('4');
    const [latest] = await brook.admin().listOffsets([{ topic: 'kept', partition: 0, timestamp: 'latest' }]);
    expect(latest?.offset).toBe(4n);
    const consumed = await runBrook(['consume', 'kept', '-e', '--format', '%o %v'], { brokers: node.clientAddress });
    expect(consumed.stdout).toBe('0 one\n1 two\n2 three\n3 after\n');
  });
});
