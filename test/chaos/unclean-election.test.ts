// Chaos: unclean leader election stays off (issue 6, item 7, fifth bullet; PROTOCOL-NOTES 3).
// Three real brook-server processes; node 1 is the only metadata voter (nodes 2 and 3 are
// broker-only), so brokers 2 and 3 can both die while the controller keeps answering. A topic of
// 3 partitions with replication factor 2; the test uses the partition whose replicas are 2 and 3
// (leader X, follower Y):
//   1. kill -9 of Y: the ISR shrinks to [X]; records acknowledged (acks=all) now live on X only;
//   2. kill -9 of X: the partition has no leader (-1), ISR still [X];
//   3. Y restarted (alive, unfenced, stale): for 3 s (3 session timeouts) every live node shows
//      the partition leaderless with ISR [X]; Y is never elected;
//   4. X restarted: it leads again, Y catches up and rejoins the ISR, and every acknowledged
//      record is at its acknowledged offset.
import { Brook, type ProducerOptions, type RecordMetadata } from '@brook/client';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { TEST_CLUSTER_TIMEOUTS, errorName, sleep, startCluster, type BrookCluster } from '../harness/index.js';

const TOPIC = 'chaos-unclean';
const SEED = Number(process.env['CHAOS_SEED'] ?? String(Date.now() % 1_000_000));
let cluster: BrookCluster;
let brook: Brook | undefined;

interface View {
  leader: number;
  isr: number[];
  replicas: number[];
}

async function viewOf(partition: number, via = cluster.node(1)): Promise<View | undefined> {
  const p = (await cluster.describeTopic(TOPIC, via))?.partitions.find((each) => each.partition === partition);
  return p === undefined ? undefined : { leader: p.leaderId, isr: [...p.isr].sort((a, b) => a - b), replicas: [...p.replicas].sort((a, b) => a - b) };
}

beforeAll(async () => {
  console.log(`chaos unclean-election: seed ${SEED} (CHAOS_SEED)`);
  cluster = await startCluster({ nodes: 3, controllerIds: [1] });
  const created = (await cluster.createTopics([{ name: TOPIC, numPartitions: 3, replicationFactor: 2 }])).topics[0];
  expect(created === undefined ? 'no result' : errorName(created.errorCode), created?.errorMessage).toBe('NONE');
}, 60_000);

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.log(`chaos unclean-election: failed (seed ${SEED}); ${cluster?.diagnostics() ?? 'no cluster'}`));
});

afterAll(async () => {
  await brook?.close().catch(() => undefined);
  await cluster?.stop();
});

it('with the only in-sync replica dead, the partition stays offline instead of electing a stale replica', async () => {
  const views = await cluster.waitFor(async () => {
    const all = await Promise.all([0, 1, 2].map((p) => viewOf(p)));
    return all.every((v) => v !== undefined && v.leader >= 0 && v.isr.length === 2) ? (all as View[]) : undefined;
  }, 15_000, { what: 'every partition led with an ISR of 2' });
  const partition = views.findIndex((v) => v.replicas.join() === '2,3');
  expect(partition, `a partition on brokers 2 and 3 only: ${JSON.stringify(views)}`).toBeGreaterThanOrEqual(0);
  const x = (views[partition] as View).leader;
  const y = x === 2 ? 3 : 2;
  console.log(`chaos unclean-election: partition ${partition} replicas [2, 3], leader ${x}; stale-to-be ${y}`);

  await cluster.node(y).kill9();
  await cluster.waitFor(async () => (await viewOf(partition))?.isr.join() === String(x), 15_000, { what: `ISR [${x}] after node ${y} died` });
  brook = new Brook({ brokers: [cluster.node(1).clientAddress, cluster.node(x).clientAddress], clientId: 'chaos-unclean', requestTimeoutMs: 5000, retry: { retries: 30, initialBackoffMs: 50, maxBackoffMs: 500, totalTimeoutMs: 20_000 } });
  const producer = brook.producer({ acks: 'all', idempotent: true } as ProducerOptions);
  const values = Array.from({ length: 50 }, (_, i) => `only-on-${x}-${SEED}-${i}`);
  const placed: RecordMetadata[] = await producer.send({ topic: TOPIC, messages: values.map((value) => ({ partition, key: value, value })) });
  await producer.close();
  expect(placed.every((meta) => meta.partition === partition)).toBe(true);

  await cluster.node(x).kill9();
  await cluster.waitFor(async () => (await viewOf(partition))?.leader === -1, 15_000, { what: `partition ${partition} leaderless after node ${x} died` });
  await cluster.node(y).start();
  await cluster.waitFor(async () => {
    const broker = (await cluster.describeCluster(cluster.node(1))).brokers.find((b) => b.nodeId === y);
    return broker !== undefined && !broker.fenced;
  }, 15_000, { what: `stale node ${y} registered and unfenced` });
  const watchMs = 3 * TEST_CLUSTER_TIMEOUTS.brokerSessionTimeoutMs;
  const until = Date.now() + watchMs;
  let samples = 0;
  while (Date.now() < until) {
    for (const node of cluster.live()) {
      const view = await viewOf(partition, node);
      expect(view?.leader, `partition ${partition} leader as node ${node.nodeId} shows it, with ${x} dead and stale ${y} alive`).toBe(-1);
      expect(view?.isr, `partition ${partition} ISR on node ${node.nodeId}`).toEqual([x]);
      samples++;
    }
    await sleep(100);
  }
  console.log(`chaos unclean-election: partition ${partition} stayed leaderless for ${watchMs} ms with node ${y} alive (${samples} samples)`);

  await cluster.node(x).start();
  await cluster.waitFor(async () => {
    const view = await viewOf(partition);
    return view?.leader === x && view.isr.length === 2;
  }, 20_000, { what: `node ${x} leading partition ${partition} again with node ${y} back in the ISR` });
  const consumer = brook.consumer({ maxWaitMs: 200 });
  consumer.assign([{ topic: TOPIC, partition, offset: 'earliest' }]);
  const log = new Map<bigint, string>();
  const last = placed.reduce((max, meta) => (meta.offset > max ? meta.offset : max), -1n);
  const timer = setTimeout(() => void consumer.close(), 20_000);
  for await (const batch of consumer.batches()) {
    for (const message of batch.messages) log.set(message.offset, message.value === null ? '' : Buffer.from(message.value).toString());
    if (log.has(last)) break;
  }
  clearTimeout(timer);
  await consumer.close();
  placed.forEach((meta, index) => expect(log.get(meta.offset), `acknowledged ${values[index]} at ${meta.offset}`).toBe(values[index]));
}, 90_000);
