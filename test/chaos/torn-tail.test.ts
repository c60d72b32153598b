// Chaos: a follower restarted with a torn log tail (issue 6, item 7, fourth bullet; TESTING.md
// layer 4, "a torn log tail"). Three real brook-server processes with test-sized timeouts; one
// partition, replication factor 3:
//   1. acks=all records in several batches; a follower F (not the leader, not the active
//      controller) gets kill -9;
//   2. while F is down, its active segment (the last .log file of <dataDir>/partitions/<topic>-0)
//      loses its last CHAOS_TORN_BYTES bytes (default: a seeded 1..200), as a crash in the middle
//      of a write leaves it; more records are acknowledged by the other two;
//   3. F restarted: it recovers (truncates the torn batch), fetches the rest from the leader and
//      rejoins the ISR; after one more acknowledged record per replica set, the nodes are stopped
//      and `brook debug dump-log --verify` of the three copies is clean and identical.
import { readdirSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { Brook, type ProducerOptions, type RecordMetadata } from '@brook/client';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runBrook } from '../e2e/cli-process.js';
import { errorName, startCluster, type BrookCluster } from '../harness/index.js';

const TOPIC = 'chaos-torn';
const SEED = Number(process.env['CHAOS_SEED'] ?? String(Date.now() % 1_000_000));
const TORN_BYTES = Number(process.env['CHAOS_TORN_BYTES'] ?? String(1 + (SEED % 200)));
let cluster: BrookCluster;
let brook: Brook | undefined;

async function viewOf(): Promise<{ leader: number; isr: number[] } | undefined> {
  const p = (await cluster.describeTopic(TOPIC))?.partitions[0];
  return p === undefined ? undefined : { leader: p.leaderId, isr: [...p.isr].sort((a, b) => a - b) };
}

beforeAll(async () => {
  console.log(`chaos torn-tail: seed ${SEED} (CHAOS_SEED), ${TORN_BYTES} bytes torn off (CHAOS_TORN_BYTES)`);
  cluster = await startCluster({ nodes: 3 });
  const created = (await cluster.createTopics([{ name: TOPIC, numPartitions: 1, replicationFactor: 3 }])).topics[0];
  expect(created === undefined ? 'no result' : errorName(created.errorCode), created?.errorMessage).toBe('NONE');
  await cluster.waitFor(async () => (await viewOf())?.isr.length === 3, 15_000, { what: 'ISR of 3' });
}, 60_000);

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.log(`chaos torn-tail: failed (seed ${SEED}); ${cluster?.diagnostics() ?? 'no cluster'}`));
});

afterAll(async () => {
  await brook?.close().catch(() => undefined);
  await cluster?.stop();
});

it('a follower restarted with a torn log tail recovers, catches up and rejoins the ISR with a log identical to the others', async () => {
  brook = new Brook({ brokers: cluster.nodes.map((node) => node.clientAddress), clientId: 'chaos-torn-tail', requestTimeoutMs: 5000, retry: { retries: 30, initialBackoffMs: 50, maxBackoffMs: 500, totalTimeoutMs: 20_000 } });
  const producer = brook.producer({ acks: 'all', idempotent: true, lingerMs: 0 } as ProducerOptions);
  const acked: Array<{ value: string; meta: RecordMetadata }> = [];
  const produce = async (prefix: string, batches: number): Promise<void> => {
    for (let b = 0; b < batches; b++) {
      const values = Array.from({ length: 10 }, (_, i) => `${prefix}-${SEED}-${b}-${i}`);
      const placed = await producer.send({ topic: TOPIC, messages: values.map((value) => ({ partition: 0, key: value, value })) });
      placed.forEach((meta, index) => acked.push({ value: values[index] as string, meta }));
    }
  };
  await produce('before', 20);

  const controller = await cluster.activeController();
  const { leader } = (await viewOf()) as { leader: number };
  const follower = cluster.nodes.find((node) => node.nodeId !== leader && node.nodeId !== controller.nodeId) ?? cluster.nodes.find((node) => node.nodeId !== leader);
  if (follower === undefined) throw new Error('no follower');
  await follower.kill9();
  const directory = join(follower.dataDir, 'partitions', `${TOPIC}-0`);
  const segment = readdirSync(directory).filter((name) => name.endsWith('.log')).sort().pop();
  expect(segment, `a segment in ${directory}`).toBeDefined();
  const path = join(directory, segment as string);
  const size = statSync(path).size;
  expect(size).toBeGreaterThan(TORN_BYTES);
  truncateSync(path, size - TORN_BYTES);
  console.log(`chaos torn-tail: node ${follower.nodeId} (follower; leader ${leader}, controller ${controller.nodeId}) killed; ${path} cut from ${size} to ${size - TORN_BYTES} bytes`);
  const torn = await runBrook(['debug', 'dump-log', '--format', 'json', directory], { brokers: '127.0.0.1:1' });
  console.log(`chaos torn-tail: its dump before the restart: ${torn.stdout.trim().split('\n').pop()}`);

  await cluster.waitFor(async () => !(await viewOf())?.isr.includes(follower.nodeId), 15_000, { what: `node ${follower.nodeId} out of the ISR` });
  await produce('while-down', 10);

  const restartedAt = Date.now();
  await follower.start();
  await cluster.waitFor(async () => (await viewOf())?.isr.length === 3, 30_000, { what: `node ${follower.nodeId} back in the ISR` });
  console.log(`chaos torn-tail: node ${follower.nodeId} restarted and back in the ISR after ${Date.now() - restartedAt} ms`);
  await produce('after', 5);
  await producer.close();

  // Everything acknowledged is readable at its offset.
  const last = acked.reduce((max, { meta }) => (meta.offset > max ? meta.offset : max), -1n);
  const log = new Map<bigint, string>();
  const consumer = brook.consumer({ maxWaitMs: 200 });
  consumer.assign([{ topic: TOPIC, partition: 0, offset: 'earliest' }]);
  const timer = setTimeout(() => void consumer.close(), 20_000);
  for await (const batch of consumer.batches()) {
    for (const message of batch.messages) log.set(message.offset, message.value === null ? '' : Buffer.from(message.value).toString());
    if (log.has(last)) break;
  }
  clearTimeout(timer);
  await consumer.close();
  for (const { value, meta } of acked) expect(log.get(meta.offset), `acknowledged ${value} at ${meta.offset}`).toBe(value);
  await brook.close();
  brook = undefined;

  // The last acknowledgement came with the ISR full: every copy holds all of it. Offline, the
  // three copies must be clean (--verify) and identical.
  for (const node of cluster.nodes) expect((await node.stop()).signal, `node ${node.nodeId} stopped by SIGTERM`).toBe(null);
  const dumps = new Map<number, string>();
  for (const node of cluster.nodes) {
    const dir = join(node.dataDir, 'partitions', `${TOPIC}-0`);
    const dumped = await runBrook(['debug', 'dump-log', '--format', 'json', '--records', '--verify', dir], { brokers: '127.0.0.1:1' });
    expect(dumped.code, `dump-log --verify ${dir}: ${dumped.stderr}${dumped.stdout.trim().split('\n').pop()}`).toBe(0);
    dumps.set(node.nodeId, dumped.stdout);
  }
  console.log(`chaos torn-tail: every copy: ${dumps.get(follower.nodeId)?.trim().split('\n').pop()}`);
  for (const node of cluster.nodes) expect(dumps.get(node.nodeId), `node ${node.nodeId}'s copy equals node ${leader}'s`).toBe(dumps.get(leader));
}, 90_000);
