// Shared setup of the producer's tests: a fake cluster and a Brook with fast retries.
import type { ProduceRequest__Output } from '@brook/protocol';
import { Brook } from '../brook.js';
import { FakeBrookCluster, type FakeClusterOptions } from '../testing/fake-cluster.js';

export interface ProducerFixture {
  readonly cluster: FakeBrookCluster;
  readonly brook: Brook;
  close(): Promise<void>;
}

export async function producerFixture(options: FakeClusterOptions = {}, retries = 5): Promise<ProducerFixture> {
  const cluster = await FakeBrookCluster.start(options);
  const brook = new Brook({ brokers: cluster.addresses, clientId: 'producer-test', retry: { retries, initialBackoffMs: 5, maxBackoffMs: 20 } });
  return {
    cluster,
    brook,
    async close() {
      await brook.close();
      cluster.close();
    },
  };
}

/** The Produce requests the cluster received, decoded. */
export function produceRequests(cluster: FakeBrookCluster): ProduceRequest__Output[] {
  return cluster.callsOf('Produce').map((c) => c.request as ProduceRequest__Output);
}

export const sleepMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 10 ms until it holds, failing after `timeoutMs` (slow CI machines). */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await sleepMs(10);
  }
}
