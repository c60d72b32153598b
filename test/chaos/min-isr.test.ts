// Chaos: min.insync.replicas (issue 6, item 7, third bullet). Three real brook-server processes
// with test-sized timeouts; node 1 is the only metadata voter (nodes 2 and 3 are broker-only), so
// two brokers can die while the controller keeps answering. A topic of one partition, replication
// factor 3, min.insync.replicas=2:
//   1. with every replica in sync, acks=all produce succeeds;
//   2. kill -9 of nodes 2 and 3: once the ISR is node 1 alone, every acks=all produce is refused
//      with NOT_ENOUGH_REPLICAS (no retries, so the broker's own answer is seen) and none of those
//      records is ever in the log;
//   3. node 2 restarted: it rejoins the ISR and acks=all produce succeeds again; every record
//      acknowledged in 1 and 3 is at its acknowledged offset.
import { Brook, BrookError, type ProducerOptions, type RecordMetadata } from '@brook/client';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { errorName, startCluster, type BrookCluster } from '../harness/index.js';

const TOPIC = 'chaos-min-isr';
const SEED = Number(process.env['CHAOS_SEED'] ?? String(Date.now() % 1_000_000));
let cluster: BrookCluster;
let brook: Brook | undefined;

async function isrOf(): Promise<{ leader: number; isr: number[] } | undefined> {
  const p = (await cluster.describeTopic(TOPIC, cluster.node(1)))?.partitions[0];
  return p === undefined ? undefined : { leader: p.leaderId, isr: [...p.isr].sort((a, b) => a - b) };
}

beforeAll(async () => {
  console.log(`chaos min-isr: seed ${SEED} (CHAOS_SEED)`);
  cluster = await startCluster({ nodes: 3, controllerIds: [1] });
  const created = (await cluster.createTopics([{ name: TOPIC, numPartitions: 1, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }])).topics[0];
  expect(created === undefined ? 'no result' : errorName(created.errorCode), created?.errorMessage).toBe('NONE');
  await cluster.waitFor(async () => (await isrOf())?.isr.length === 3, 15_000, { what: 'ISR of 3' });
}, 60_000);

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.log(`chaos min-isr: failed (seed ${SEED}); ${cluster?.diagnostics() ?? 'no cluster'}`));
});

afterAll(async () => {
  await brook?.close().catch(() => undefined);
  await cluster?.stop();
});

it('min.insync.replicas=2 with two brokers down: NOT_ENOUGH_REPLICAS and nothing acknowledged; one back: produce resumes', async () => {
  brook = new Brook({ brokers: [cluster.node(1).clientAddress], clientId: 'chaos-min-isr', requestTimeoutMs: 5000, retry: { retries: 30, initialBackoffMs: 50, maxBackoffMs: 500, totalTimeoutMs: 20_000 } });
  const acked: Array<{ value: string; meta: RecordMetadata }> = [];
  const produce = async (producer: ReturnType<Brook['producer']>, values: string[]): Promise<void> => {
    const placed = await producer.send({ topic: TOPIC, messages: values.map((value) => ({ key: value, value })) });
    placed.forEach((meta, index) => acked.push({ value: values[index] as string, meta }));
  };
  const options = { acks: 'all', idempotent: true } as ProducerOptions;
  const retrying = brook.producer(options);
  await produce(retrying, Array.from({ length: 20 }, (_, i) => `before-${SEED}-${i}`));

  await Promise.all([cluster.node(2).kill9(), cluster.node(3).kill9()]);
  const shrunk = await cluster.waitFor(async () => {
    const view = await isrOf();
    return view !== undefined && view.leader === 1 && view.isr.length === 1 ? view : undefined;
  }, 15_000, { what: 'leader 1 with ISR [1] after nodes 2 and 3 died' });
  console.log(`chaos min-isr: nodes 2 and 3 killed; partition now ${JSON.stringify(shrunk)}`);

  // No retries: each refusal is the broker's own answer.
  const strict = new Brook({ brokers: [cluster.node(1).clientAddress], clientId: 'chaos-min-isr-strict', requestTimeoutMs: 5000, retry: { retries: 0, totalTimeoutMs: 5000 } });
  const refused: string[] = [];
  try {
    const producer = strict.producer({ ...options, deliveryTimeoutMs: 10_000 } as ProducerOptions);
    for (let i = 0; i < 5; i++) {
      const value = `refused-${SEED}-${i}`;
      const outcome = await producer.send({ topic: TOPIC, messages: [{ key: value, value }] }).then(
        () => 'acknowledged',
        (error: unknown) => (error instanceof BrookError ? error.code : String(error)),
      );
      refused.push(value);
      expect(outcome, `produce ${i} with the ISR below min.insync.replicas`).toBe('NOT_ENOUGH_REPLICAS');
    }
    await producer.close().catch(() => undefined);
  } finally {
    await strict.close().catch(() => undefined);
  }

  const restartedAt = Date.now();
  await cluster.node(2).start();
  await cluster.waitFor(async () => (await isrOf())?.isr.includes(2), 20_000, { what: 'node 2 back in the ISR' });
  console.log(`chaos min-isr: node 2 restarted and back in the ISR after ${Date.now() - restartedAt} ms`);
  await produce(retrying, Array.from({ length: 20 }, (_, i) => `after-${SEED}-${i}`));
  await retrying.close();

  // Read the whole partition: acknowledged records at their offsets, refused ones nowhere.
  const end = (await brook.admin().listOffsets([{ topic: TOPIC, partition: 0, timestamp: 'latest' }]))[0]?.offset ?? 0n;
  const log = new Map<bigint, string>();
  const consumer = brook.consumer({ maxWaitMs: 200 });
  consumer.assign([{ topic: TOPIC, partition: 0, offset: 'earliest' }]);
  const timer = setTimeout(() => void consumer.close(), 20_000);
  for await (const batch of consumer.batches()) {
    for (const message of batch.messages) log.set(message.offset, message.value === null ? '' : Buffer.from(message.value).toString());
    if (log.has(end - 1n)) break;
  }
  clearTimeout(timer);
  await consumer.close();
  expect(BigInt(log.size)).toBe(end);
  for (const { value, meta } of acked) expect(log.get(meta.offset), `acknowledged ${value} at ${meta.offset}`).toBe(value);
  const stored = new Set(log.values());
  for (const value of refused) expect(stored.has(value), `refused ${value} is in the log`).toBe(false);
  expect(acked).toHaveLength(40);
}, 90_000);
