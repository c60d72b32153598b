// The control plane across three real brook-server processes (combined broker and controller,
// test-sized timeouts: election 300 ms, heartbeat 100 ms, session 1 s), black box through the
// BrookClient gRPC API. One story, in order:
//   1. the three nodes form one quorum and register as three unfenced brokers;
//   2. a topic of 6 partitions with replication factor 3 looks the same on every broker
//      (leaders, replicas, ISR, epochs) and its leaders are spread two per broker;
//   3. kill -9 of the active controller: a new one serves (a CreateTopics through a survivor
//      succeeds) within 2 s and no topic is forgotten or changes id; the old one restarts and
//      is unfenced again;
//   4. kill -9 of a broker: within the session timeout + 1 s it is fenced, out of every ISR and
//      leads nothing; restarted, it registers again and is unfenced;
//   5. SIGSTOP of the active controller past the election timeout, then SIGCONT: another node is
//      active, the old one steps down, forwards CreateTopics and DescribeQuorum, and every write
//      it answered as done is in the quorum's log (no write accepted by it as controller);
//   6. every node ends with the same metadata.
// Figures (failover and fencing times) are printed. Processes are stopped by pid and the
// directories removed by the harness (afterAll), also after a failure.
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { TopicMetadata__Output } from '@brook/protocol';
import { TEST_CLUSTER_TIMEOUTS, errorName, sleep, startCluster, type BrookCluster, type ClusterNode } from '../harness/index.js';

const { electionTimeoutMs, brokerSessionTimeoutMs } = TEST_CLUSTER_TIMEOUTS;
const TOPIC = 'orders';
let cluster: BrookCluster;
const figures: Array<[string, number, string]> = [];
/** Every topic a CreateTopics answered as created: name -> id. */
const created = new Map<string, string>();

function figure(name: string, ms: number, bound = ''): number {
  figures.push([name, Math.round(ms), bound]);
  console.log(`cluster e2e: ${name}: ${Math.round(ms)} ms${bound === '' ? '' : ` (bound ${bound})`}`);
  return ms;
}

interface PartitionView {
  partition: number;
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
}

interface TopicView {
  id: string;
  partitions: PartitionView[];
}

function viewOf(topic: TopicMetadata__Output): TopicView {
  const partitions = topic.partitions
    .map((p) => ({ partition: p.partition, leader: p.leaderId, leaderEpoch: p.leaderEpoch, replicas: [...p.replicas], isr: [...p.isr].sort((a, b) => a - b) }))
    .sort((a, b) => a.partition - b.partition);
  return { id: topic.topicId, partitions };
}

/** name -> view of every topic `node` knows. */
async function topicsOn(node: ClusterNode): Promise<Map<string, TopicView>> {
  const metadata = await cluster.metadata(node);
  return new Map(metadata.topics.filter((t) => t.errorCode === 0).map((t) => [t.name, viewOf(t)]));
}

/** The topic as each live node shows it, once every live node shows it satisfying `ok`. */
async function topicOnEveryNode(name: string, ok: (view: TopicView) => boolean, timeoutMs: number): Promise<Map<number, TopicView>> {
  return cluster.waitFor(async () => {
    const views = new Map<number, TopicView>();
    for (const node of cluster.live()) {
      const topic = await cluster.describeTopic(name, node);
      if (topic === undefined || !ok(viewOf(topic))) return undefined;
      views.set(node.nodeId, viewOf(topic));
    }
    return views;
  }, timeoutMs, { what: `topic ${name} on every live node` });
}

async function createTopic(name: string, numPartitions: number, replicationFactor: number, via?: ClusterNode): Promise<string> {
  const response = await cluster.createTopics([{ name, numPartitions, replicationFactor }], via);
  const result = response.topics[0];
  expect(result === undefined ? 'no result' : errorName(result.errorCode), result?.errorMessage).toBe('NONE');
  created.set(name, result?.topicId ?? '');
  return result?.topicId ?? '';
}

/** When `node`'s log says it became Raft leader of `term` (wall clock), if its log says so; informational only. */
function raftLeaderSince(node: ClusterNode, term: number): number | undefined {
  for (const line of node.log().split('\n').reverse()) {
    if (!line.includes('"raft role changed"') || !line.includes('"role":"leader"')) continue;
    try {
      const entry = JSON.parse(line) as { time?: string; term?: number };
      if (entry.term === term && entry.time !== undefined) return Date.parse(entry.time);
    } catch {
      // Not a JSON line.
    }
  }
  return undefined;
}

function others(...excluded: number[]): ClusterNode[] {
  return cluster.live().filter((node) => !excluded.includes(node.nodeId));
}

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, extraArgs: ['--leader-imbalance-check-interval-ms', '1000'] });
}, 90_000);

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.log(`cluster e2e: failed; ${cluster?.diagnostics() ?? 'no cluster'}`));
});

afterAll(async () => {
  console.log(`cluster e2e figures:\n${figures.map(([name, ms, bound]) => `  ${name.padEnd(58)} ${String(ms).padStart(6)} ms  ${bound}`).join('\n')}`);
  await cluster?.stop();
});

// One story on one cluster: each test starts by bringing every node back (restoreAll).
it('forms one quorum of three voters and registers three unfenced brokers', async () => {
  const quorums = await Promise.all(cluster.nodes.map((node) => cluster.describeQuorum(node)));
  expect(new Set(quorums.map((q) => q.leaderId)).size).toBe(1);
  expect(quorums[0]?.voters.map((v) => v.nodeId)).toEqual([1, 2, 3]);
  for (const node of cluster.nodes) {
    const described = await cluster.describeCluster(node);
    expect(described.clusterId).toBe(cluster.clusterId);
    expect(described.controllerId).toBe(quorums[0]?.leaderId);
    expect(described.brokers.map((b) => [b.nodeId, b.fenced])).toEqual([[1, false], [2, false], [3, false]]);
    expect(described.node?.nodeId).toBe(node.nodeId);
    expect([...(described.node?.roles ?? [])].sort()).toEqual(['broker', 'controller']);
  }
});

it('shows a topic of 6 partitions x 3 replicas identically on every broker, leaders spread evenly', async () => {
  const started = performance.now();
  const topicId = await createTopic(TOPIC, 6, 3, cluster.node(1));
  const answered = performance.now();
  const views = await topicOnEveryNode(TOPIC, (view) => view.partitions.length === 6 && view.partitions.every((p) => p.leader >= 0), 5000);
  figure('CreateTopics 6x3 answered', answered - started);
  figure('CreateTopics answered -> on all 3 brokers', performance.now() - answered);
  const [first, ...rest] = [...views.values()];
  for (const view of rest) expect(view).toEqual(first);
  expect(first?.id).toBe(topicId);
  const leaders = new Map<number, number>();
  for (const p of first?.partitions ?? []) {
    expect([...p.replicas].sort()).toEqual([1, 2, 3]);
    expect(p.isr).toEqual([1, 2, 3]);
    expect(p.leader).toBe(p.replicas[0]);
    leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1);
  }
  expect([...leaders.entries()].sort()).toEqual([[1, 2], [2, 2], [3, 2]]);
});

it('kill -9 of the active controller: a new one serves within 2 s and nothing is forgotten', async () => {
  await cluster.restoreAll();
  const before = await topicsOn(cluster.live()[0] as ClusterNode);
  const old = await cluster.activeController();
  const survivors = others(old.nodeId);
  const killedAt = performance.now();
  const killedAtWall = Date.now();
  await cluster.node(old.nodeId).kill9();
  const successor = await cluster.activeController({ excluding: [old.nodeId], timeoutMs: 10_000 });
  figure('controller kill -9 -> DescribeQuorum names a new one', performance.now() - killedAt);
  const electedAt = raftLeaderSince(cluster.node(successor.nodeId), successor.epoch);
  if (electedAt !== undefined) figure(`controller kill -9 -> node ${successor.nodeId} Raft leader of term ${successor.epoch} (its log)`, electedAt - killedAtWall);
  let attempt = 0;
  const probe = await cluster.waitFor(async () => {
    const via = survivors[attempt % survivors.length] as ClusterNode;
    const name = `after-failover-${attempt++}`;
    const result = (await cluster.createTopics([{ name, numPartitions: 3, replicationFactor: 2 }], via, 1000)).topics[0];
    return result?.errorCode === 0 ? { name, id: result.topicId } : undefined;
  }, 10_000, { what: 'a CreateTopics through a surviving broker', intervalMs: 10 });
  const servedMs = figure('controller kill -9 -> CreateTopics succeeds via a survivor', performance.now() - killedAt, '<= 2000 ms');
  expect(successor.nodeId).not.toBe(old.nodeId);
  expect(successor.epoch).toBeGreaterThan(old.epoch);
  expect(servedMs).toBeLessThanOrEqual(2000);

  for (const node of survivors) {
    const after = await topicsOn(node);
    for (const [name, view] of before) expect({ name, id: after.get(name)?.id, partitions: after.get(name)?.partitions.length }).toEqual({ name, id: view.id, partitions: view.partitions.length });
  }
  created.set(probe.name, probe.id);
  await topicOnEveryNode(probe.name, (view) => view.id === probe.id, 5000);

  const restartedAt = performance.now();
  await cluster.node(old.nodeId).restart();
  await cluster.waitHealthy(15_000);
  figure(`old controller (node ${old.nodeId}) restart -> unfenced everywhere`, performance.now() - restartedAt);
  const onRestarted = await topicsOn(cluster.node(old.nodeId));
  for (const [name, view] of before) expect(onRestarted.get(name)?.id, name).toBe(view.id);
  expect(onRestarted.get(probe.name)?.id).toBe(probe.id);
});

it('kill -9 of a broker: fenced, out of every ISR and leading nothing within the session timeout + 1 s; back after a restart', async () => {
  await cluster.restoreAll();
  const controller = await cluster.activeController();
  const before = viewOf((await cluster.describeTopic(TOPIC, cluster.node(controller.nodeId))) as TopicMetadata__Output);
  // The broker (not the controller) that leads the most partitions another ISR member could take over.
  const victim = others(controller.nodeId)
    .map((node) => ({ node, led: before.partitions.filter((p) => p.leader === node.nodeId && p.isr.some((id) => id !== node.nodeId)).length }))
    .sort((a, b) => b.led - a.led)[0]?.node as ClusterNode;
  const led = before.partitions.filter((p) => p.leader === victim.nodeId);
  console.log(`cluster e2e: killing broker ${victim.nodeId} (controller ${controller.nodeId}); before: ${JSON.stringify(before.partitions)}`);
  // The re-election is what is tested: at least one partition it leads has another ISR member.
  const movable = led.filter((p) => p.isr.some((id) => id !== victim.nodeId));
  expect(movable.length, `partitions led by node ${victim.nodeId} with another ISR member`).toBeGreaterThan(0);
  // A partition whose ISR is the victim alone keeps it there with no leader (KIP-841; no unclean election).
  const onlyIsr = (p: PartitionView): boolean => p.isr.every((id) => id === victim.nodeId);
  const settled = (view: TopicView): boolean => view.partitions.every((p) => {
    const was = before.partitions[p.partition] as PartitionView;
    return onlyIsr(was) ? p.leader === -1 : p.leader >= 0 && p.leader !== victim.nodeId && !p.isr.includes(victim.nodeId);
  });
  const killedAt = performance.now();
  await victim.kill9();

  const bound = brokerSessionTimeoutMs + 1000;
  const views = await topicOnEveryNode(TOPIC, settled, bound + 5000);
  const releaderMs = figure(`broker kill -9 -> ${movable.length} partitions it led have new leaders, it is out of every ISR`, performance.now() - killedAt, `<= ${bound} ms`);
  await cluster.waitFor(async () => {
    for (const node of cluster.live()) {
      const broker = (await cluster.describeCluster(node, true)).brokers.find((b) => b.nodeId === victim.nodeId);
      if (broker?.fenced !== true) return false;
      if ((await cluster.metadata(node, [TOPIC])).brokers.some((b) => b.nodeId === victim.nodeId)) return false;
    }
    return true;
  }, bound + 5000, { what: `node ${victim.nodeId} shown fenced by every live node` });
  const fencedMs = figure('broker kill -9 -> shown fenced by every live node', performance.now() - killedAt, `<= ${bound} ms`);
  expect(releaderMs).toBeLessThanOrEqual(bound);
  expect(fencedMs).toBeLessThanOrEqual(bound);
  const [first, ...rest] = [...views.values()];
  for (const view of rest) expect(view).toEqual(first);
  for (const was of led) {
    const now = first?.partitions[was.partition] as PartitionView;
    if (onlyIsr(was)) {
      console.log(`cluster e2e: partition ${was.partition} had ISR [${was.isr.join(', ')}]: no leader until node ${victim.nodeId} is back`);
      continue;
    }
    expect(now.isr, `partition ${was.partition}`).toContain(now.leader);
    // (The ISR may have grown since `before` was read: replicas catch up and rejoin meanwhile.)
    expect(was.replicas).toContain(now.leader);
    expect(now.leaderEpoch).toBeGreaterThan(was.leaderEpoch);
  }

  const restartedAt = performance.now();
  await victim.restart();
  await cluster.waitFor(async () => {
    for (const node of cluster.live()) {
      const broker = (await cluster.describeCluster(node, true)).brokers.find((b) => b.nodeId === victim.nodeId);
      if (broker === undefined || broker.fenced) return false;
    }
    return true;
  }, 15_000, { what: `node ${victim.nodeId} registered again and unfenced on every node` });
  figure('broker restart -> registered and unfenced on every node', performance.now() - restartedAt);
  const rejoined = await topicOnEveryNode(TOPIC, (view) => view.partitions.every((p) => p.isr.includes(victim.nodeId)), 5000).then(() => true, () => false);
  figure(`broker restart -> back in every ISR (informational; ${rejoined ? 'rejoined' : 'not within 5 s'})`, performance.now() - restartedAt);
});

it('SIGSTOP of the active controller past the election timeout, then SIGCONT: it steps down and accepts no write as controller', async () => {
  await cluster.restoreAll();
  const old = await cluster.activeController();
  const paused = cluster.node(old.nodeId);
  const rest = others(old.nodeId);
  const stoppedAt = performance.now();
  paused.sigstop();
  const successor = await cluster.activeController({ excluding: [old.nodeId], timeoutMs: 10_000 });
  figure('controller SIGSTOP -> another node is active', performance.now() - stoppedAt);
  expect(successor.epoch).toBeGreaterThan(old.epoch);
  await sleep(Math.max(0, 3 * electionTimeoutMs - (performance.now() - stoppedAt)));
  const whilePausedId = await createTopic('while-paused', 2, 2, rest[0]);

  const continuedAt = performance.now();
  paused.sigcont();
  // Sent at once, while the old controller may still believe it leads.
  const raced = await Promise.all([0, 1, 2].map(async (i) => {
    const name = `sent-to-old-${i}`;
    const result = await cluster.createTopics([{ name, numPartitions: 1, replicationFactor: 2 }], paused, 5000).then((r) => r.topics[0], (error: unknown) => error as Error);
    return { name, result };
  }));
  await cluster.waitFor(async () => {
    const quorum = await cluster.describeQuorum(paused);
    const described = await cluster.describeCluster(paused);
    return quorum.leaderId !== old.nodeId && quorum.leaderId >= 0 && Number(quorum.leaderEpoch) >= successor.epoch && described.controllerId === quorum.leaderId;
  }, 10_000, { what: `node ${old.nodeId} to name another active controller after SIGCONT` });
  figure('controller SIGCONT -> it names another active controller', performance.now() - continuedAt);

  // It was fenced as a broker while frozen; once unfenced it takes replicas again.
  await cluster.waitHealthy(15_000);
  figure('controller SIGCONT -> unfenced again everywhere', performance.now() - continuedAt);
  const forwardedId = await createTopic('forwarded-by-old', 1, 3, paused);
  const accepted = raced.filter(({ result }) => !(result instanceof Error) && result?.errorCode === 0);
  for (const { name, result } of raced) {
    if (result instanceof Error || result?.errorCode !== 0) console.log(`cluster e2e: CreateTopics ${name} sent to the old controller right after SIGCONT: ${result instanceof Error ? result.message : errorName(result?.errorCode ?? -1)}`);
  }
  // Whatever it answered as created is in the quorum's log: every node shows it with that id.
  for (const { name, result } of accepted) {
    if (!(result instanceof Error) && result !== undefined) created.set(name, result.topicId);
    await topicOnEveryNode(name, (view) => !(result instanceof Error) && view.id === result?.topicId, 5000);
  }
  await topicOnEveryNode('while-paused', (view) => view.id === whilePausedId, 5000);
  await topicOnEveryNode('forwarded-by-old', (view) => view.id === forwardedId, 5000);
  const quorum = await cluster.describeQuorum(paused);
  expect(quorum.leaderId).not.toBe(old.nodeId);
  console.log(`cluster e2e: ${accepted.length} of ${raced.length} CreateTopics sent to the old controller right after SIGCONT succeeded (all committed by the quorum)`);
});

it('ends with the same metadata on every node', async () => {
  await cluster.restoreAll();
  const views = await cluster.waitFor(async () => {
    const all = await Promise.all(cluster.live().map((node) => topicsOn(node)));
    const texts = all.map((topics) => JSON.stringify([...topics.entries()].sort(([a], [b]) => a.localeCompare(b))));
    return new Set(texts).size === 1 ? all : undefined;
  }, 10_000, { what: 'identical metadata on every node' });
  expect(views).toHaveLength(3);
  const ids = new Map([...(views[0]?.entries() ?? [])].map(([name, view]) => [name, view.id]));
  for (const [name, id] of created) expect(ids.get(name), name).toBe(id);
  console.log(`cluster e2e: ${ids.size} topics, identical on every node; all ${created.size} answered as created are there with their ids`);
});
