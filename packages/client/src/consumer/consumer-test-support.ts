// Shared helpers of the consumer's tests: a fake cluster with a Brook, appending records
// straight into the fake log, and collecting a number of messages from an iteration.
import { encodeRecordBatch } from '@brook/record-batch';
import { Brook } from '../brook.js';
import { FakeBrookCluster } from '../testing/fake-cluster.js';
import type { Consumer } from './consumer.js';
import type { ConsumerBatch } from './consumer-types.js';

export interface ConsumerFixture {
  readonly cluster: FakeBrookCluster;
  readonly brook: Brook;
  close(): Promise<void>;
}

export async function consumerFixture(brokers = 1, leaderHints = false): Promise<ConsumerFixture> {
  const cluster = await FakeBrookCluster.start({ brokers, leaderHints });
  const brook = new Brook({ brokers: cluster.addresses, clientId: 'consumer-test', retry: { retries: 3, initialBackoffMs: 5, maxBackoffMs: 20 } });
  return {
    cluster,
    brook,
    async close() {
      await brook.close();
      cluster.close();
    },
  };
}

/** Appends one batch of records with values `values` (keys k<value>) to a fake partition. */
export function appendValues(cluster: FakeBrookCluster, topic: string, partition: number, values: readonly string[], compression: 'none' | 'gzip' = 'none'): void {
  const records = values.map((value, index) => ({ key: Buffer.from(`k${value}`), value: Buffer.from(value), timestamp: 1000n + BigInt(index), headers: [{ key: 'h', value: Buffer.from(value) }] }));
  cluster.partition(topic, partition).append(Buffer.from(encodeRecordBatch({ records, compression })));
}

/** Iterates until `count` messages arrived (or the timeout passed), then stops iterating. */
export async function collect(consumer: Consumer, count: number, timeoutMs = 5000): Promise<ConsumerBatch[]> {
  const batches: ConsumerBatch[] = [];
  let seen = 0;
  const timer = setTimeout(() => void consumer.close(), timeoutMs);
  try {
    for await (const batch of consumer.batches()) {
      batches.push(batch);
      seen += batch.messages.length;
      if (seen >= count) break;
    }
  } finally {
    clearTimeout(timer);
  }
  return batches;
}

export const values = (batches: readonly ConsumerBatch[]): string[] => batches.flatMap((b) => b.messages.map((m) => m.value!.toString()));
export const sleepMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
