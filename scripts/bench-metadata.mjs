#!/usr/bin/env node
// The control-plane benchmark (issue 5, item 5; a benchmark, not a test: it reports, it does not
// pass or fail): `pnpm bench:metadata [--topics 1000] [--partitions 10] [--replication-factor 3]
// [--batch 25] [--nodes 3] [--poll-ms 10] [--timeout-s 900] [--keep]`. Run `pnpm build` first.
//
// On a fresh local cluster of combined nodes with the server's default (production) timeouts,
// all on 127.0.0.1 with ports chosen up front and a temporary directory:
//   1. creates the topics in batched CreateTopics requests (one in flight, sent to the nodes in
//      turn, so most are forwarded to the active controller) and times the whole creation;
//   2. while it does, polls every broker's Metadata for each answered batch's topics and records,
//      per topic, the time from the CreateTopics answer until all brokers show it with a leader
//      for every partition (the propagation time; p50/p99/max over every topic);
//   3. reads each node's memory (VmRSS and VmHWM from /proc/<pid>/status);
//   4. kill -9 of the active controller, then times until a survivor's DescribeQuorum names a
//      new one and until a CreateTopics through a survivor succeeds (the failover time with all
//      that metadata in the log);
// and prints a table against the targets (creation <= 30 s, propagation p99 <= 500 ms,
// failover <= 2 s) with the ratio value/target. Every process is killed by its pid and the
// temporary directory removed at the end, on an error, on SIGINT/SIGTERM and at --timeout-s.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const protocolEntry = new URL('../packages/protocol/dist/index.js', import.meta.url);
const serverBin = fileURLToPath(new URL('../packages/broker/dist/bin/brook-server.js', import.meta.url));
if (!existsSync(protocolEntry) || !existsSync(serverBin)) {
  console.error('bench:metadata: the packages are not built; run `pnpm build` first');
  process.exit(2);
}
const { createBrookClient, fromServiceError, errorCodeByNumber, rpcMessageSizeOptions } = await import(protocolEntry.href);

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`bench:metadata: --${name} needs a positive integer`);
    process.exit(2);
  }
  return value;
}

const settings = {
  topics: option('topics', 1000),
  partitions: option('partitions', 10),
  replicationFactor: option('replication-factor', 3),
  batch: option('batch', 25),
  nodes: option('nodes', 3),
  pollMs: option('poll-ms', 10),
  timeoutS: option('timeout-s', 900),
  keep: process.argv.includes('--keep'),
};
const TARGETS = { creationMs: 30_000, propagationP99Ms: 500, failoverMs: 2000 };
const CHANNEL_OPTIONS = { ...rpcMessageSizeOptions(), 'grpc.initial_reconnect_backoff_ms': 100, 'grpc.min_reconnect_backoff_ms': 100, 'grpc.max_reconnect_backoff_ms': 500 };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function call(client, method, request, timeoutMs) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + timeoutMs }, (error, response) => (error ? reject(fromServiceError(error)) : resolve(response)));
  });
}

/** Calls `attempt` until it returns something other than undefined (errors count as "not yet"); throws after timeoutMs. */
async function until(what, timeoutMs, attempt, intervalMs = 10) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      if (error.fatal === true) throw error;
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last === undefined ? '' : ` (last error: ${last.message})`}`);
    await sleep(intervalMs);
  }
}

// ---- ports and processes -------------------------------------------------------------------

function canBind(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Free loopback ports below the ephemeral range, so no outgoing connection can hold one (see test/harness/ports.ts). */
async function reservePorts(count) {
  const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  const ports = new Set();
  for (let probe = 0; ports.size < count && probe < 500; probe++) {
    const port = 20_000 + Math.floor(Math.random() * (low - 20_000));
    if (!ports.has(port) && (await canBind(port))) ports.add(port);
  }
  if (ports.size < count) throw new Error(`found only ${ports.size} of ${count} free ports`);
  return [...ports];
}

const root = mkdtempSync(join(tmpdir(), 'brook-bench-metadata-'));
const nodes = [];

async function startNodes() {
  const ports = await reservePorts(settings.nodes * 3);
  const clusterId = randomBytes(16).toString('base64url');
  const voters = Array.from({ length: settings.nodes }, (_, i) => `${i + 1}@127.0.0.1:${ports[i * 3 + 2]}`).join(',');
  for (let i = 0; i < settings.nodes; i++) {
    const id = i + 1;
    const node = { id, dataDir: join(root, `node-${id}`), logFile: join(root, `node-${id}.log`), clientAddress: `127.0.0.1:${ports[i * 3]}`, exited: false };
    mkdirSync(node.dataDir);
    const args = ['--max-semi-space-size=8', '--initial-old-space-size=128', serverBin, '--node-id', String(id), '--data-dir', node.dataDir, '--roles', 'broker,controller', '--controllers', voters, `--cluster-id=${clusterId}`,
      '--listen', node.clientAddress, '--admin-listen', `127.0.0.1:${ports[i * 3 + 1]}`, '--internal-listen', `127.0.0.1:${ports[i * 3 + 2]}`];
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('BROOK_')));
    const logFd = openSync(node.logFile, 'a');
    node.child = spawn(process.execPath, args, { env, stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    node.exit = new Promise((resolve) => node.child.once('exit', (code, signal) => {
      node.exited = true;
      resolve({ code, signal });
    }));
    node.client = createBrookClient(node.clientAddress, undefined, CHANNEL_OPTIONS);
    nodes.push(node);
  }
  for (const node of nodes) {
    await until(`node ${node.id} ready`, 60_000, () => {
      if (node.exited) throw Object.assign(new Error(`node ${node.id} exited before it was ready`), { fatal: true });
      const path = join(node.dataDir, 'broker.ready.json');
      return existsSync(path) && JSON.parse(readFileSync(path, 'utf8')).pid === node.child.pid ? true : undefined;
    }, 50).catch((error) => {
      throw new Error(`${error.message}\n${logTail(node)}`);
    });
  }
  await until('a healthy cluster (every broker unfenced, one controller)', 60_000, async () => {
    const views = await Promise.all(nodes.map((node) => call(node.client, 'DescribeCluster', { includeFencedBrokers: true }, 2000)));
    const healthy = views.every((view) => view.controllerId >= 0 && view.controllerId === views[0].controllerId && view.brokers.filter((b) => !b.fenced).length === settings.nodes);
    return healthy ? true : undefined;
  }, 100);
}

function logTail(node, lines = 20) {
  return `--- node ${node.id} (pid ${node.child?.pid}), log ${node.logFile}:\n${existsSync(node.logFile) ? readFileSync(node.logFile, 'utf8').split('\n').slice(-lines).join('\n') : ''}`;
}

function memory(node) {
  const path = `/proc/${node.child.pid}/status`;
  if (node.exited || !existsSync(path)) return { rss: NaN, hwm: NaN };
  const status = readFileSync(path, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

let cleanedUp = false;
async function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const node of nodes) {
    node.client?.close();
    if (!node.exited) process.kill(node.child.pid, 'SIGKILL');
  }
  await Promise.all(nodes.map((node) => node.exit));
  if (settings.keep) {
    console.log(`bench:metadata: kept ${root}`);
  } else {
    console.log(`bench:metadata: removing ${root}`);
    rmSync(root, { recursive: true, force: true });
  }
}

process.once('exit', () => {
  for (const node of nodes) if (!node.exited) process.kill(node.child.pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`bench:metadata: ${signal}; stopping the cluster`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ---- the measurements ----------------------------------------------------------------------

const topicName = (i) => `bench-${String(i).padStart(5, '0')}`;

/** Polls every node for `names` until each shows each of them with a leader per partition; resolves with per-topic times (ms after `answeredAt`). */
async function watchPropagation(names, answeredAt) {
  const seen = nodes.map(() => new Map());
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline && seen.some((bySeen) => bySeen.size < names.length)) {
    await Promise.all(nodes.map(async (node, n) => {
      if (seen[n].size === names.length) return;
      const metadata = await call(node.client, 'Metadata', { topics: names.filter((name) => !seen[n].has(name)) }, 5000).catch(() => undefined);
      const now = performance.now();
      for (const topic of metadata?.topics ?? []) {
        const complete = topic.errorCode === 0 && topic.partitions.length === settings.partitions && topic.partitions.every((p) => p.leaderId >= 0);
        if (complete) seen[n].set(topic.name, now - answeredAt);
      }
    }));
    await sleep(settings.pollMs);
  }
  return names.map((name) => Math.max(...seen.map((bySeen) => bySeen.get(name) ?? Infinity)));
}

async function createAll() {
  const propagation = [];
  const watchers = [];
  const failures = new Map();
  const requestMs = [];
  const started = performance.now();
  for (let first = 0, request = 0; first < settings.topics; first += settings.batch, request++) {
    const names = Array.from({ length: Math.min(settings.batch, settings.topics - first) }, (_, i) => topicName(first + i));
    const via = nodes[request % nodes.length];
    const topics = names.map((name) => ({ name, numPartitions: settings.partitions, replicationFactor: settings.replicationFactor }));
    const sentAt = performance.now();
    const response = await call(via.client, 'CreateTopics', { topics, timeoutMs: 30_000 }, 60_000);
    const answeredAt = performance.now();
    requestMs.push(answeredAt - sentAt);
    if ((request + 1) % 10 === 0) console.log(`bench:metadata: ${first + names.length} topics created in ${((answeredAt - started) / 1000).toFixed(1)} s`);
    const created = [];
    for (const result of response.topics) {
      if (result.errorCode === 0) created.push(result.name);
      else {
        const code = errorCodeByNumber(result.errorCode) ?? String(result.errorCode);
        failures.set(code, (failures.get(code) ?? 0) + 1);
      }
    }
    watchers.push(watchPropagation(created, answeredAt).then((times) => propagation.push(...times)));
  }
  const creationMs = performance.now() - started;
  await Promise.all(watchers);
  const counts = await until('every topic on every broker', 120_000, async () => {
    const all = await Promise.all(nodes.map((node) => call(node.client, 'Metadata', { topics: [] }, 30_000)));
    const perNode = all.map((m) => m.topics.filter((t) => t.name.startsWith('bench-') && t.errorCode === 0).length);
    return perNode.every((count) => count === settings.topics - [...failures.values()].reduce((a, b) => a + b, 0)) ? perNode : undefined;
  }, 200);
  return { creationMs, visibleEverywhereMs: performance.now() - started, propagation, failures, counts, requestMs };
}

async function failover() {
  const quorum = await call(nodes[0].client, 'DescribeQuorum', {}, 5000);
  const old = nodes[quorum.leaderId - 1];
  const survivors = nodes.filter((node) => node !== old);
  const killedAt = performance.now();
  process.kill(old.child.pid, 'SIGKILL');
  await old.exit;
  let asked = 0;
  const elected = await until('a new active controller', 60_000, async () => {
    const answer = await call(survivors[asked++ % survivors.length].client, 'DescribeQuorum', {}, 1000);
    return answer.leaderId >= 0 && answer.leaderId !== old.id ? answer : undefined;
  });
  const electedMs = performance.now() - killedAt;
  let attempt = 0;
  await until('a CreateTopics through a survivor', 60_000, async () => {
    const name = `failover-probe-${attempt}`;
    const response = await call(survivors[attempt++ % survivors.length].client, 'CreateTopics', { topics: [{ name, numPartitions: 1, replicationFactor: 2 }], timeoutMs: 2000 }, 3000);
    return response.topics[0]?.errorCode === 0 ? true : undefined;
  });
  return { oldId: old.id, newId: elected.leaderId, highWatermark: Number(quorum.highWatermark), electedMs, servedMs: performance.now() - killedAt, attempts: attempt };
}

function percentile(sorted, p) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function report(creation, memories, fail) {
  const sorted = [...creation.propagation].sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  const requests = [...creation.requestMs].sort((a, b) => a - b);
  const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : 'none');
  const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const rows = [
    [`creation of ${settings.topics} topics x ${settings.partitions} partitions, RF ${settings.replicationFactor}`, ms(creation.creationMs), `<= ${TARGETS.creationMs} ms`, (creation.creationMs / TARGETS.creationMs).toFixed(2)],
    ['propagation p99 (answered -> on every broker)', ms(p99), `<= ${TARGETS.propagationP99Ms} ms`, (p99 / TARGETS.propagationP99Ms).toFixed(2)],
    ['controller failover (kill -9 -> CreateTopics ok)', ms(fail.servedMs), `<= ${TARGETS.failoverMs} ms`, (fail.servedMs / TARGETS.failoverMs).toFixed(2)],
    ['propagation p50 / max', `${ms(percentile(sorted, 50))} / ${ms(sorted.at(-1))}`, '', ''],
    ['every topic on every broker (from the first request)', ms(creation.visibleEverywhereMs), '', ''],
    [`one CreateTopics of ${settings.batch} topics: p50 / p99`, `${ms(percentile(requests, 50))} / ${ms(percentile(requests, 99))}`, '', ''],
    ['kill -9 -> DescribeQuorum names a new controller', ms(fail.electedMs), '', ''],
    ...memories.map(({ id, rss, hwm }) => [`node ${id} memory: RSS (peak)`, `${mib(rss)} (${mib(hwm)})`, '', '']),
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => row[c].length), ['metric', 'value', 'target', 'ratio'][c].length));
  const line = (row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(`\nbench:metadata: ${settings.nodes} combined nodes on 127.0.0.1, default timeouts; CreateTopics of ${settings.batch} topics, one in flight`);
  console.log(line(['metric', 'value', 'target', 'ratio']));
  for (const row of rows) console.log(line(row));
  const failed = [...creation.failures.values()].reduce((a, b) => a + b, 0);
  if (failed > 0) console.log(`WARNING: ${failed} of ${settings.topics} topics were not created; the creation and propagation figures cover only the ${settings.topics - failed} that were`);
  console.log(`propagation samples: ${sorted.length} topics; failed creations: ${creation.failures.size === 0 ? 'none' : JSON.stringify(Object.fromEntries(creation.failures))}; ` +
    `topics per broker at the end: ${creation.counts.join(', ')}; failover: node ${fail.oldId} killed at metadata offset ${fail.highWatermark}, node ${fail.newId} took over, ${fail.attempts} CreateTopics attempt(s)`);
}

const overall = setTimeout(() => {
  console.error(`bench:metadata: not done within --timeout-s ${settings.timeoutS}; stopping`);
  for (const node of nodes) console.error(logTail(node));
  void cleanUp().finally(() => process.exit(1));
}, settings.timeoutS * 1000);

try {
  console.log(`bench:metadata: starting ${settings.nodes} nodes in ${root}`);
  await startNodes();
  const creation = await createAll();
  const memories = nodes.map((node) => ({ id: node.id, ...memory(node) }));
  const fail = await failover();
  report(creation, memories, fail);
} catch (error) {
  console.error(`bench:metadata: ${error.stack ?? error}`);
  for (const node of nodes) console.error(logTail(node));
  process.exitCode = 1;
} finally {
  clearTimeout(overall);
  await cleanUp();
}
