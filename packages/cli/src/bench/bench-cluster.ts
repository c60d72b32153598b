// `pnpm bench:cluster [--json] [--seed N] [--scale X] [--no-jetstream] [--only 1k,100b,latency,failover]`: Brook's replicated
// produce path on a 3-node local cluster beside NATS JetStream R3 on the same machine (issue 6,
// item 8). A benchmark, not a test: it prints figures, ratios and targets, never fails on a number
// (TESTING.md, "Benchmarks are not tests"). Run `pnpm build` first.
//
// Brook: three combined broker+controller nodes (the broker's bin, server-default timeouts and the
// default flush policy, every-append group commit), all on 127.0.0.1 with free ports chosen up
// front and a temporary directory; one topic per run with 3 partitions and replication factor 3.
// ONE producer process (this file in worker mode), acks=all, idempotent, bounded in flight
// (at most SENDS_IN_FLIGHT send calls and the SDK's bufferBytesMax of unacknowledged bytes):
//   1. 1 KiB records as fast as possible: records/s, MB/s, ack latency;
//   2. 100 B records as fast as possible;
//      each after a warm-up of a fifth as many records in the same producer process, not
//      measured (Kafka's producer perf test's --warmup-records): the figures are the steady state
//      of a warm JIT, not a one-second run's start-up;
//   3. 1 KiB records at a fixed 5000 records/s with a consumer in the same process: ack latency
//      and end-to-end latency (the send's timestamp in the value -> the consumer's receipt),
//      after 2 s at the same rate, unmeasured: the first few hundred milliseconds of a cold
//      cluster and producer (connections, producer id, JIT) are a steady-state p99's whole 1%
//      otherwise (the JetStream kit measures from its first message; its servers have no JIT);
//   4. kill -9 of a partition leader (not the active controller) while a probe producer sends
//      to that partition every 10 ms: the unavailability window is the time from the kill until a
//      send issued after the kill is acknowledged.
// JetStream: 3 nats-server processes (R3 stream, file storage) on free loopback ports in a
// temporary directory, driven by the ready kit in ../shared/bench/jetstream (js-bench.js pub and
// lat); nats-server is installed with apt-get when missing and the nats@2 npm client under
// ~/.cache/brook-bench/nats. When either cannot be had, the JetStream columns say why.
//
// Everything is bounded: record counts, per-run time limits, and a hard limit for the whole run
// (BENCH_CLUSTER_HARD_LIMIT_MS, default 285 s). Every process started here is killed by its pid
// and every temporary directory removed at the end, on an error, on SIGINT/SIGTERM and at the hard
// limit. --json prints one JSON object (figures, params, seed) on stdout; progress goes to stderr
// (`pnpm -s bench:cluster --json` keeps pnpm's own banner off stdout). To profile, set
// BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR": the nodes and the producer get the flags and
// are stopped with SIGTERM first so they write their profiles. BENCH_LATENCY_LINGER_MS (default 5,
// Kafka 4's linger.ms) sets the paced run's linger.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, homedir, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Brook, type ProducerMessage, type ProducerOptions } from '@brook/client';
import { resolveServerBin, SERVER_NODE_FLAGS } from '../server-bin.js';

const thisFile = fileURLToPath(import.meta.url);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const PARTITIONS = 3;
const SENDS_IN_FLIGHT = 16;
const HARD_LIMIT_MS = Number(process.env['BENCH_CLUSTER_HARD_LIMIT_MS'] ?? '285000');
const RUN_TIME_LIMIT_MS = 30_000;
/** Extra node flags for the Brook nodes and the producer process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
const NODE_ARGS = (process.env['BENCH_NODE_ARGS'] ?? '').split(/\s+/).filter((arg) => arg.length > 0);
const TARGETS = { megabytesPerSecond1k: 100, recordsPerSecond100: 300_000, ackP99Ms: 15, e2eP99Ms: 15 };

// ---- worker mode: the one producer process -------------------------------------------------

interface WorkerSpec {
  mode: 'throughput' | 'latency';
  brokers: string[];
  topic: string;
  records: number;
  recordBytes: number;
  /** Records per second for 'latency'. */
  rate: number;
  timeLimitMs: number;
  seed: number;
  /** Throughput mode: records sent and acknowledged before the measured run (JIT, connections, batch sizes settle), as Kafka's producer perf test's --warmup-records. */
  warmupRecords?: number;
  /** Latency mode: how long to send at the same rate, unmeasured, before the measured run. */
  warmupMs?: number;
}

/** What the worker prints on stdout once its warm-up is acknowledged: the measured run starts. */
const WARMED_UP = 'warmed-up';

interface WorkerResult {
  records: number;
  bytes: number;
  elapsedMs: number;
  recordsPerSecond: number;
  megabytesPerSecond: number;
  failedSends: number;
  firstError: string | null;
  ackMs: Percentiles | null;
  e2eMs: Percentiles | null;
  e2eRecords: number;
  /** The producer process's CPU time over the run, in ms (user + system). */
  producerCpuMs: number;
  /** The three nodes' CPU time over the run, in ms (from /proc), and its share of the machine. */
  brokersCpuMs?: number;
  machineCpuPercent?: number;
}

interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

function percentiles(values: Float64Array | number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const at = (q: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));
  return { p50: at(0.5), p99: at(0.99), max: at(1) };
}

/** The producer options of every Brook run: acks=all, idempotent (issue 6), bounded in flight. */
function producerOptions(extra: Partial<ProducerOptions>): ProducerOptions {
  // `idempotent` is the SDK's switch for the idempotent producer (issue 6, item 5; its default is true).
  return { acks: 'all', idempotent: true, maxInFlight: 5, bufferBytesMax: 32 * 1024 * 1024, deliveryTimeoutMs: 60_000, ...extra } as ProducerOptions;
}

async function worker(spec: WorkerSpec): Promise<WorkerResult> {
  const brook = new Brook({ brokers: spec.brokers, clientId: `bench-cluster-${spec.mode}`, requestTimeoutMs: 10_000 });
  const throughput = spec.mode === 'throughput';
  // Throughput: large batches, as Kafka's throughput benchmarks set batch.size. Latency: the
  // default linger (5 ms) with 256 KiB batches, so that linger, not batch.size, closes a batch:
  // with 16 KiB batches of 1 KiB records and 5 requests in flight per broker, the producer
  // cannot carry 5k records/s at acks=all here, and the figure becomes a queueing time.
  const producer = brook.producer(producerOptions(throughput ? { batchBytes: 512 * 1024, lingerMs: 5 } : { batchBytes: 256 * 1024, lingerMs: Number(process.env['BENCH_LATENCY_LINGER_MS'] ?? '5') }));
  const acks = new Float64Array(spec.records);
  let ackCount = 0;
  const e2e = new Float64Array(spec.records);
  let e2eCount = 0;
  let failedSends = 0;
  let firstError: string | null = null;
  let consumerDone: Promise<void> = Promise.resolve();
  let consumer: ReturnType<Brook['consumer']> | undefined;
  /** Records sent before this time (the warm-up's) are not measured end to end. */
  let measuredFrom = Number.POSITIVE_INFINITY;
  if (!throughput) {
    consumer = brook.consumer({ maxWaitMs: 100 });
    consumer.assign(Array.from({ length: PARTITIONS }, (_, partition) => ({ topic: spec.topic, partition, offset: 'latest' as const })));
    const reader = consumer;
    consumerDone = (async () => {
      for await (const batch of reader.batches()) {
        const now = performance.now();
        for (const message of batch.messages) {
          const value = message.value;
          if (value === null || value.byteLength < 8 || e2eCount >= e2e.length) continue;
          const sentAt = Buffer.from(value.buffer, value.byteOffset, 8).readDoubleLE(0);
          if (sentAt >= measuredFrom) e2e[e2eCount++] = now - sentAt;
        }
        if (e2eCount >= spec.records) break;
      }
    })().catch(() => undefined);
    await sleep(500); // the consumer positions itself at the end first
  }

  const shared = Buffer.alloc(spec.recordBytes, 0x41);
  const chunk = throughput ? Math.max(1, Math.floor(256 * 1024 / Math.max(1, spec.recordBytes))) : 0;
  const inFlight = new Set<Promise<void>>();
  let measuring = false;
  let stop = false;
  const submit = (messages: ProducerMessage[]): void => {
    const at = performance.now();
    const count = messages.length;
    const measured = measuring;
    const send = producer.send({ topic: spec.topic, messages }).then(
      () => {
        if (!measured) return;
        const latency = performance.now() - at;
        for (let i = 0; i < count && ackCount < acks.length; i++) acks[ackCount++] = latency;
      },
      (error: unknown) => {
        failedSends++;
        firstError ??= error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
        if (failedSends > 100) stop = true;
      },
    );
    const tracked = send.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  // Paced: each record is its own message with the send time in its first 8 bytes; sends what is
  // due `rate` per second since `phaseStart`, up to `total`, then sleeps a millisecond.
  const pacedTick = async (phaseStart: number, sentSoFar: number, total: number): Promise<number> => {
    const due = Math.min(total, Math.floor(((performance.now() - phaseStart) / 1000) * spec.rate));
    const messages: ProducerMessage[] = [];
    for (; sentSoFar < due; sentSoFar++) {
      const value = Buffer.alloc(spec.recordBytes, 0x42);
      value.writeDoubleLE(performance.now(), 0);
      messages.push({ value });
    }
    if (messages.length > 0) submit(messages);
    if (inFlight.size >= SENDS_IN_FLIGHT * 64) await Promise.race(inFlight);
    await sleep(1);
    return sentSoFar;
  };
  if (throughput && (spec.warmupRecords ?? 0) > 0) {
    const warmupStarted = performance.now();
    for (let warm = 0; warm < spec.warmupRecords! && !stop && performance.now() - warmupStarted < spec.timeLimitMs; ) {
      const n = Math.min(chunk, spec.warmupRecords! - warm);
      submit(Array.from({ length: n }, () => ({ value: shared })));
      warm += n;
      if (inFlight.size >= SENDS_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.race([Promise.all(inFlight), sleep(20_000)]);
  }
  if (!throughput && (spec.warmupMs ?? 0) > 0) {
    const warmupStarted = performance.now();
    for (let warm = 0; performance.now() - warmupStarted < spec.warmupMs! && !stop; ) warm = await pacedTick(warmupStarted, warm, Number.POSITIVE_INFINITY);
    await Promise.race([Promise.all(inFlight), sleep(20_000)]);
  }
  process.stdout.write(`${WARMED_UP}\n`);
  measuring = true;
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  measuredFrom = started;
  let sent = 0;
  while (sent < spec.records && !stop && performance.now() - started < spec.timeLimitMs) {
    if (throughput) {
      const n = Math.min(chunk, spec.records - sent);
      submit(Array.from({ length: n }, () => ({ value: shared })));
      sent += n;
      if (inFlight.size >= SENDS_IN_FLIGHT) await Promise.race(inFlight);
    } else {
      sent = await pacedTick(started, sent, spec.records);
    }
  }
  await Promise.race([Promise.all(inFlight), sleep(20_000)]);
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  if (!throughput) await Promise.race([consumerDone, sleep(3000)]);
  await consumer?.close().catch(() => undefined);
  await Promise.race([brook.close().catch(() => undefined), sleep(5000)]);
  const bytes = ackCount * spec.recordBytes;
  return {
    records: ackCount,
    bytes,
    elapsedMs: Math.round(elapsedMs),
    recordsPerSecond: Math.round(ackCount / (elapsedMs / 1000)),
    megabytesPerSecond: Number((bytes / 1e6 / (elapsedMs / 1000)).toFixed(1)),
    failedSends,
    firstError,
    ackMs: percentiles(acks.subarray(0, ackCount)),
    e2eMs: percentiles(e2e.subarray(0, e2eCount)),
    e2eRecords: e2eCount,
    producerCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
}

/** A process's CPU time so far in ms (utime + stime from /proc), or undefined when it is gone. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of proc(5) (utime, stime) in clock ticks; Linux reports 100 per second.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function nodesCpuMs(nodes: readonly BrookNode[]): number {
  return nodes.reduce((sum, node) => sum + (processCpuMs(node.process?.child.pid) ?? 0), 0);
}

// ---- orchestrator: processes, ports, cleanup -------------------------------------------------

interface Started {
  name: string;
  child: ChildProcess;
  exited: boolean;
}

const started = new Set<Started>();
const tempDirs = new Set<string>();
let json = false;

function log(line: string): void {
  process.stderr.write(line + '\n');
}

function startProcess(name: string, command: string, args: string[], options: { logFile?: string; env?: NodeJS.ProcessEnv; stdout?: 'pipe' | 'ignore' } = {}): Started {
  const fd = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', fd ?? options.stdout ?? 'ignore', fd ?? 'inherit'] });
    const entry: Started = { name, child, exited: false };
    child.once('exit', () => (entry.exited = true));
    child.once('error', () => (entry.exited = true));
    started.add(entry);
    return entry;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function killByPid(entry: Started): void {
  if (entry.exited || entry.child.pid === undefined) return;
  try {
    process.kill(entry.child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function cleanup(): Promise<void> {
  if (NODE_ARGS.length > 0) {
    // Profiling: a clean exit writes the profile, so SIGTERM first and SIGKILL what lingers.
    for (const entry of started) if (!entry.exited && entry.child.pid !== undefined) entry.child.kill('SIGTERM');
    const graceUntil = Date.now() + 10_000;
    while ([...started].some((entry) => !entry.exited) && Date.now() < graceUntil) await sleep(50);
  }
  for (const entry of started) killByPid(entry);
  const deadline = Date.now() + 5000;
  while ([...started].some((entry) => !entry.exited) && Date.now() < deadline) await sleep(20);
  started.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Free loopback ports below the ephemeral range (no outgoing connection can take one meanwhile). */
async function reservePorts(count: number, random: () => number): Promise<number[]> {
  const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  const ports = new Set<number>();
  for (let probe = 0; ports.size < count && probe < 1000; probe++) {
    const port = 20_000 + Math.floor(random() * (low - 20_000));
    if (!ports.has(port) && (await canBind(port))) ports.add(port);
  }
  if (ports.size < count) throw new Error(`found only ${ports.size} of ${count} free ports`);
  return [...ports];
}

/** Mulberry32, so the port choice and padding follow the printed seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- Brook cluster -------------------------------------------------------------------------

interface BrookNode {
  id: number;
  clientAddress: string;
  dataDir: string;
  logFile: string;
  args: string[];
  process: Started | undefined;
}

function readyPid(dataDir: string): number | undefined {
  try {
    return (JSON.parse(readFileSync(join(dataDir, 'broker.ready.json'), 'utf8')) as { pid: number }).pid;
  } catch {
    return undefined;
  }
}

async function startNode(node: BrookNode): Promise<void> {
  node.process = startProcess(`brook node ${node.id}`, process.execPath, [...SERVER_NODE_FLAGS, ...NODE_ARGS, resolveServerBin(), ...node.args], { logFile: node.logFile });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (node.process.exited) throw new Error(`brook node ${node.id} exited before it was ready; see ${node.logFile}:\n${readFileSync(node.logFile, 'utf8').split('\n').slice(-15).join('\n')}`);
    if (readyPid(node.dataDir) === node.process.child.pid) return;
    await sleep(50);
  }
  throw new Error(`brook node ${node.id} was not ready within 60 s; see ${node.logFile}`);
}

async function startBrookCluster(root: string, random: () => number): Promise<BrookNode[]> {
  const ports = await reservePorts(9, random);
  const clusterId = randomBytes(16).toString('base64url');
  const voters = [1, 2, 3].map((id) => `${id}@127.0.0.1:${ports[(id - 1) * 3 + 2]}`).join(',');
  const nodes: BrookNode[] = [1, 2, 3].map((id) => {
    const dataDir = join(root, `node-${id}`, 'data');
    mkdirSync(dataDir, { recursive: true });
    const clientAddress = `127.0.0.1:${ports[(id - 1) * 3]}`;
    return {
      id, clientAddress, dataDir, logFile: join(root, `node-${id}.log`), process: undefined,
      args: [
        '--node-id', String(id), '--data-dir', dataDir, '--roles', 'broker,controller', '--controllers', voters, `--cluster-id=${clusterId}`,
        '--listen', clientAddress, '--admin-listen', `127.0.0.1:${ports[(id - 1) * 3 + 1]}`, '--internal-listen', `127.0.0.1:${ports[(id - 1) * 3 + 2]}`,
        '--default-replication-factor', '3', '--log-level', 'warn',
      ],
    };
  });
  await Promise.all(nodes.map((node) => startNode(node)));
  return nodes;
}

async function until<T>(what: string, timeoutMs: number, attempt: () => Promise<T | undefined>, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
    await sleep(intervalMs);
  }
}

async function createTopic(admin: ReturnType<Brook['admin']>, topic: string): Promise<void> {
  await admin.createTopics([{ topic, numPartitions: PARTITIONS, replicationFactor: 3 }]);
  await until(`topic ${topic} led with a full ISR`, 30_000, async () => {
    const [described] = await admin.describeTopics([topic]);
    return described !== undefined && described.partitions.length === PARTITIONS && described.partitions.every((p) => p.leader >= 0 && p.isr.length === 3) ? true : undefined;
  }, 100);
}

async function runWorker(spec: WorkerSpec, nodes: readonly BrookNode[]): Promise<WorkerResult | null> {
  let nodesCpuAtStart = nodesCpuMs(nodes);
  let wallAtStart = performance.now();
  const entry = startProcess(`producer (${spec.mode})`, process.execPath, [...NODE_ARGS, thisFile, '--worker', JSON.stringify(spec)], { stdout: 'pipe' });
  let stdout = '';
  entry.child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    // The measured run starts now: the CPU figures leave the warm-up out.
    if (text.includes(WARMED_UP)) {
      nodesCpuAtStart = nodesCpuMs(nodes);
      wallAtStart = performance.now();
    }
  });
  const exitCode = await new Promise<number | null>((resolve) => entry.child.once('close', (code) => resolve(code)));
  started.delete(entry);
  const brokersCpuMs = nodesCpuMs(nodes) - nodesCpuAtStart;
  try {
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '') as WorkerResult;
    // From the end of the warm-up to the worker's exit, against every core.
    const machineCpuPercent = Math.round(((brokersCpuMs + result.producerCpuMs) / ((performance.now() - wallAtStart) * availableParallelism())) * 100);
    return { ...result, brokersCpuMs, machineCpuPercent };
  } catch {
    log(`bench:cluster: the ${spec.mode} producer printed no result (exit ${exitCode})`);
    return null;
  }
}

interface Failover {
  killedNode: number;
  partition: number;
  windowMs: number;
  newLeader: number;
  metadataMs: number | null;
  probesSent: number;
}

/** kill -9 of the leader of a partition not led by the active controller; time until a send issued after the kill is acknowledged. */
async function failover(nodes: BrookNode[], topic: string): Promise<Failover> {
  const brook = new Brook({ brokers: nodes.map((n) => n.clientAddress), clientId: 'bench-cluster-failover', requestTimeoutMs: 2000, retry: { retries: 1000, initialBackoffMs: 20, maxBackoffMs: 100, totalTimeoutMs: 60_000 } });
  try {
    const admin = brook.admin();
    const controller = (await admin.describeCluster()).controllerId;
    const [described] = await admin.describeTopics([topic]);
    const target = described?.partitions.find((p) => p.leader !== controller) ?? described?.partitions[0];
    if (target === undefined) throw new Error('no partition to fail over');
    const victim = nodes.find((n) => n.id === target.leader);
    if (victim?.process === undefined) throw new Error(`leader ${target.leader} is not a node started here`);
    const producer = brook.producer(producerOptions({ lingerMs: 0, deliveryTimeoutMs: 60_000 }));
    const send = (): Promise<unknown> => producer.send({ topic, messages: [{ partition: target.partition, value: 'probe' }] });
    for (let i = 0; i < 50; i++) await send(); // warm: connections, metadata, producer id
    log(`bench:cluster: kill -9 of node ${victim.id} (pid ${victim.process.child.pid}), leader of ${topic}-${target.partition} (controller: node ${controller})`);
    killByPid(victim.process);
    const killedAt = performance.now();
    let metadataMs: number | null = null;
    let newLeader = -1;
    const watcher = new Brook({ brokers: nodes.filter((n) => n !== victim).map((n) => n.clientAddress), clientId: 'bench-cluster-watch', requestTimeoutMs: 1000 });
    const watching = (async () => {
      while (performance.now() - killedAt < 60_000) {
        const [now] = await watcher.admin().describeTopics([topic]).catch(() => []);
        const leader = now?.partitions.find((p) => p.partition === target.partition)?.leader ?? -1;
        if (leader >= 0 && leader !== victim.id) {
          metadataMs = performance.now() - killedAt;
          newLeader = leader;
          return;
        }
        await sleep(20);
      }
    })();
    let firstAck: number | undefined;
    let probes = 0;
    const pending = new Set<Promise<unknown>>();
    while (firstAck === undefined && performance.now() - killedAt < 60_000) {
      probes++;
      const probe = send().then(() => (firstAck ??= performance.now() - killedAt), () => undefined);
      const tracked = probe.finally(() => pending.delete(tracked));
      pending.add(tracked);
      await sleep(10);
    }
    await Promise.race([watching, sleep(2000)]);
    await Promise.race([watcher.close(), sleep(2000)]);
    await Promise.race([producer.close(), sleep(5000)]);
    if (firstAck === undefined) throw new Error(`no produce to ${topic}-${target.partition} succeeded within 60 s of the kill`);
    return { killedNode: victim.id, partition: target.partition, windowMs: Math.round(firstAck), newLeader, metadataMs: metadataMs === null ? null : Math.round(metadataMs), probesSent: probes };
  } finally {
    await Promise.race([brook.close(), sleep(5000)]);
  }
}

// ---- JetStream ------------------------------------------------------------------------------

interface JetStreamFigures {
  pub1k?: { pub_msgs_s: number; pub_MBps: number };
  pub100?: { pub_msgs_s: number; pub_MBps: number };
  lat?: { ack_p50_us: number; ack_p99_us: number; e2e_p50_us: number; e2e_p99_us: number; achieved_rate: number; errs: number };
  skipped?: string;
}

function kitDir(): string {
  return process.env['BENCH_JETSTREAM_KIT'] ?? join(repoRoot, '..', 'shared', 'bench', 'jetstream');
}

function ensureNatsServer(): string | null {
  const which = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' });
  if (which.status === 0) return null;
  if (process.getuid?.() !== 0 && spawnSync('sh', ['-c', 'command -v sudo'], { encoding: 'utf8' }).status !== 0) return 'nats-server is not installed, and installing it needs root (or sudo)';
  log('bench:cluster: installing nats-server (apt-get install -y nats-server)');
  const prefix = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const install = spawnSync(prefix[0] ?? 'apt-get', [...prefix.slice(1), ...(prefix.length > 0 ? ['apt-get'] : []), 'install', '-y', 'nats-server'], { encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0) return `apt-get install -y nats-server failed (exit ${install.status}): ${(install.stderr || install.stdout || '').trim().split('\n').slice(-2).join(' ')}`;
  return spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).status === 0 ? null : 'nats-server is still not on PATH after apt-get';
}

function ensureNatsClient(): { dir: string } | { skipped: string } {
  const dir = process.env['NATS_DIR'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'brook-bench', 'nats');
  if (existsSync(join(dir, 'node_modules', 'nats', 'package.json'))) return { dir };
  mkdirSync(dir, { recursive: true });
  log(`bench:cluster: installing the nats@2 client under ${dir} (npm install --prefix)`);
  const install = spawnSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', 'nats@2'], { encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0 || !existsSync(join(dir, 'node_modules', 'nats', 'package.json'))) return { skipped: `npm install nats@2 failed (exit ${install.status}): ${(install.stderr || '').trim().split('\n').slice(-2).join(' ')}` };
  return { dir };
}

async function runKit(args: string[], env: NodeJS.ProcessEnv): Promise<Record<string, number> | null> {
  const entry = startProcess(`js-bench ${args[0]}`, process.execPath, [join(kitDir(), 'js-bench.js'), ...args], { env, stdout: 'pipe' });
  let stdout = '';
  entry.child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  const exitCode = await new Promise<number | null>((resolve) => entry.child.once('close', (code) => resolve(code)));
  started.delete(entry);
  try {
    return JSON.parse(stdout.trim().split('\n').pop() ?? '') as Record<string, number>;
  } catch {
    log(`bench:cluster: js-bench ${args.join(' ')} printed no result (exit ${exitCode})`);
    return null;
  }
}

async function jetstream(random: () => number, counts: { records1k: number; records100: number; latencySeconds: number; latencyWarmupSeconds: number }): Promise<JetStreamFigures> {
  if (!existsSync(join(kitDir(), 'js-bench.js'))) return { skipped: `no JetStream kit at ${kitDir()}` };
  const noServer = ensureNatsServer();
  if (noServer !== null) return { skipped: noServer };
  const client = ensureNatsClient();
  if ('skipped' in client) return { skipped: client.skipped };
  const root = mkdtempSync(join(tmpdir(), 'brook-bench-jetstream-'));
  tempDirs.add(root);
  const ports = await reservePorts(9, random);
  const servers: string[] = [];
  const routes = [1, 2, 3].map((i) => `nats-route://127.0.0.1:${ports[(i - 1) * 3 + 2]}`).join(', ');
  const processes: Started[] = [];
  for (const i of [1, 2, 3]) {
    const client = ports[(i - 1) * 3] as number;
    const monitor = ports[(i - 1) * 3 + 1] as number;
    const cluster = ports[(i - 1) * 3 + 2] as number;
    mkdirSync(join(root, `n${i}`));
    // The kit's cluster.sh configuration, on free ports.
    writeFileSync(join(root, `n${i}.conf`), [
      `server_name: n${i}`, `listen: 127.0.0.1:${client}`, `http: 127.0.0.1:${monitor}`,
      `jetstream { store_dir: "${join(root, `n${i}`)}", max_memory_store: 1GB, max_file_store: 20GB }`,
      `cluster { name: bench, listen: 127.0.0.1:${cluster}, routes: [ ${routes} ] }`, '',
    ].join('\n'));
    servers.push(`127.0.0.1:${client}`);
    processes.push(startProcess(`nats-server n${i}`, 'nats-server', ['-c', join(root, `n${i}.conf`), '-l', join(root, `n${i}.log`)]));
  }
  try {
    await until('a healthy JetStream cluster', 30_000, async () => {
      const health = await Promise.all([1, 2, 3].map((i) => fetch(`http://127.0.0.1:${ports[(i - 1) * 3 + 1]}/healthz?js-enabled-only=true`).then((r) => r.ok, () => false)));
      return health.every(Boolean) ? true : undefined;
    }, 250);
    await sleep(2000); // as cluster.sh does: the meta group elects its leader
    log(`bench:cluster: JetStream up (pids ${processes.map((p) => p.child.pid).join(', ')}) on ${servers.join(', ')}`);
    const env = { ...process.env, NATS_DIR: client.dir, NATS_SERVERS: servers.join(',') };
    log(`\n== JetStream R3: ${counts.records1k} x 1 KiB, 1000 outstanding acks`);
    const pub1k = await runKit(['pub', '3', String(counts.records1k), '1024', '1000'], env);
    log(`== JetStream R3: ${counts.records100} x 100 B, 1000 outstanding acks`);
    const pub100 = await runKit(['pub', '3', String(counts.records100), '100', '1000'], env);
    // As Brook's paced run, after a warm-up at the same rate (the kit has no warm-up option: a short
    // run of its own, whose figures are dropped).
    log(`== JetStream R3: 1 KiB at 5000/s for ${counts.latencyWarmupSeconds} s (warm-up, not measured), then ${counts.latencySeconds} s`);
    await runKit(['lat', '3', '5000', String(counts.latencyWarmupSeconds), '1024'], env);
    const lat = await runKit(['lat', '3', '5000', String(counts.latencySeconds), '1024'], env);
    for (const figures of [pub1k, pub100, lat]) if (figures !== null) log(`   ${JSON.stringify(figures)}`);
    return {
      ...(pub1k === null ? {} : { pub1k: pub1k as unknown as JetStreamFigures['pub1k'] }),
      ...(pub100 === null ? {} : { pub100: pub100 as unknown as JetStreamFigures['pub100'] }),
      ...(lat === null ? {} : { lat: lat as unknown as JetStreamFigures['lat'] }),
    };
  } finally {
    for (const entry of processes) killByPid(entry);
  }
}

// ---- the table ------------------------------------------------------------------------------

interface Row {
  metric: string;
  brook: number | null;
  jetstream: number | null;
  unit: string;
  higherIsBetter: boolean;
  target: number | null;
}

function fmt(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  return value >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toFixed(digits);
}

function table(rows: Row[]): string {
  const header = ['metric', 'Brook', 'JetStream', 'Brook/JS', 'target', 'vs target'];
  const lines = rows.map((row) => {
    const ratio = row.brook !== null && row.jetstream !== null && row.jetstream !== 0 ? `${(row.brook / row.jetstream).toFixed(2)}x` : 'n/a';
    const target = row.target === null ? '' : `${row.higherIsBetter ? '>=' : '<='} ${fmt(row.target, 0)} ${row.unit}`;
    const meets = row.target === null || row.brook === null ? '' : (row.higherIsBetter ? row.brook >= row.target : row.brook <= row.target) ? 'met' : 'NOT met';
    return [row.metric, `${fmt(row.brook)} ${row.unit}`, row.jetstream === null ? 'n/a' : `${fmt(row.jetstream)} ${row.unit}`, ratio, target, meets];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const render = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}

// ---- main -----------------------------------------------------------------------------------

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  json = process.argv.includes('--json');
  const seed = Number(argValue('--seed') ?? process.env['BENCH_SEED'] ?? String(Date.now() % 1_000_000));
  const scale = Number(argValue('--scale') ?? process.env['BENCH_SCALE'] ?? '1');
  const withJetStream = !process.argv.includes('--no-jetstream');
  const only = argValue('--only')?.split(',');
  const skip = (phase: 'failover' | '1k' | '100b' | 'latency'): boolean => only !== undefined && !only.includes(phase);
  if (!Number.isFinite(seed) || !Number.isFinite(scale) || scale <= 0) throw new Error('--seed and --scale take numbers (scale > 0)');
  const random = seeded(seed);
  const params = {
    seed, scale, partitions: PARTITIONS, replicationFactor: 3, acks: 'all', idempotent: true, flushPolicy: 'server default (every-append group commit)',
    timeouts: 'server defaults', sendsInFlight: SENDS_IN_FLIGHT, producerMaxInFlightPerPartition: 5, bufferBytesMax: 32 * 1024 * 1024,
    records1k: Math.round(100_000 * scale), records100: Math.round(300_000 * scale), warmupRecords1k: Math.round(20_000 * scale), warmupRecords100: Math.round(60_000 * scale), latencyRate: 5000, latencySeconds: 10, latencyWarmupSeconds: 2, latencyRecordBytes: 1024,
    runTimeLimitMs: RUN_TIME_LIMIT_MS, hardLimitMs: HARD_LIMIT_MS, cores: availableParallelism(), loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  };
  log(`bench:cluster: ${JSON.stringify(params)}`);
  const root = mkdtempSync(join(tmpdir(), 'brook-bench-cluster-'));
  tempDirs.add(root);
  const nodes = await startBrookCluster(root, random);
  log(`bench:cluster: Brook nodes ${nodes.map((n) => `${n.id}: pid ${n.process?.child.pid} ${n.clientAddress}`).join(', ')}; data in ${root}`);
  const brokers = nodes.map((n) => n.clientAddress);
  const brook = new Brook({ brokers, clientId: 'bench-cluster-admin' });
  const admin = brook.admin();
  await until('a healthy cluster (3 unfenced brokers)', 30_000, async () => {
    const cluster = await admin.describeCluster();
    return cluster.brokers.filter((b) => !b.fenced).length === 3 ? true : undefined;
  }, 100);
  for (const topic of ['bench-1k', 'bench-100b', 'bench-latency', 'bench-failover']) await createTopic(admin, topic);
  await Promise.race([brook.close(), sleep(5000)]);

  log('\n== Brook: 1 KiB records, acks=all, idempotent, unthrottled');
  const large = skip('1k') ? null : await runWorker({ mode: 'throughput', brokers, topic: 'bench-1k', records: params.records1k, recordBytes: 1024, rate: 0, timeLimitMs: RUN_TIME_LIMIT_MS, seed, warmupRecords: params.warmupRecords1k }, nodes);
  log(`   ${JSON.stringify(large)}`);
  log('== Brook: 100 B records, acks=all, idempotent, unthrottled');
  const small = skip('100b') ? null : await runWorker({ mode: 'throughput', brokers, topic: 'bench-100b', records: params.records100, recordBytes: 100, rate: 0, timeLimitMs: RUN_TIME_LIMIT_MS, seed, warmupRecords: params.warmupRecords100 }, nodes);
  log(`   ${JSON.stringify(small)}`);
  log(`== Brook: 1 KiB records at ${params.latencyRate}/s for ${params.latencySeconds} s, consumer in the same process`);
  const paced = skip('latency') ? null : await runWorker({ mode: 'latency', brokers, topic: 'bench-latency', records: params.latencyRate * params.latencySeconds, recordBytes: 1024, rate: params.latencyRate, timeLimitMs: params.latencySeconds * 1000 + 5000, seed, warmupMs: params.latencyWarmupSeconds * 1000 }, nodes);
  log(`   ${JSON.stringify(paced)}`);
  log('== Brook: kill -9 of a partition leader');
  const failed = skip('failover') ? null : await failover(nodes, 'bench-failover').catch((error: unknown) => {
    log(`bench:cluster: failover measurement failed: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });
  log(`   ${JSON.stringify(failed)}`);
  if (NODE_ARGS.length > 0) await cleanup(); // SIGTERM first: the profiled nodes write their profiles
  for (const node of nodes) if (node.process !== undefined) killByPid(node.process);

  const js: JetStreamFigures = withJetStream
    ? await jetstream(random, { records1k: Math.round(100_000 * scale), records100: Math.round(200_000 * scale), latencySeconds: params.latencySeconds, latencyWarmupSeconds: params.latencyWarmupSeconds }).catch((error: unknown) => ({ skipped: `JetStream run failed: ${error instanceof Error ? error.message : String(error)}` }))
    : { skipped: '--no-jetstream' };
  if (js.skipped !== undefined) log(`bench:cluster: JetStream columns skipped: ${js.skipped}`);

  const us = (value: number | undefined): number | null => (value === undefined || value === null ? null : value / 1000);
  const rows: Row[] = [
    { metric: 'produce 1 KiB: MB/s', brook: large?.megabytesPerSecond ?? null, jetstream: js.pub1k?.pub_MBps ?? null, unit: 'MB/s', higherIsBetter: true, target: TARGETS.megabytesPerSecond1k },
    { metric: 'produce 1 KiB: records/s', brook: large?.recordsPerSecond ?? null, jetstream: js.pub1k?.pub_msgs_s ?? null, unit: 'rec/s', higherIsBetter: true, target: null },
    { metric: 'produce 100 B: records/s', brook: small?.recordsPerSecond ?? null, jetstream: js.pub100?.pub_msgs_s ?? null, unit: 'rec/s', higherIsBetter: true, target: TARGETS.recordsPerSecond100 },
    { metric: 'produce 100 B: MB/s', brook: small?.megabytesPerSecond ?? null, jetstream: js.pub100?.pub_MBps ?? null, unit: 'MB/s', higherIsBetter: true, target: null },
    { metric: 'ack p50 at 5k/s (1 KiB)', brook: paced?.ackMs?.p50 ?? null, jetstream: us(js.lat?.ack_p50_us), unit: 'ms', higherIsBetter: false, target: null },
    { metric: 'ack p99 at 5k/s (1 KiB)', brook: paced?.ackMs?.p99 ?? null, jetstream: us(js.lat?.ack_p99_us), unit: 'ms', higherIsBetter: false, target: TARGETS.ackP99Ms },
    { metric: 'end-to-end p50 at 5k/s', brook: paced?.e2eMs?.p50 ?? null, jetstream: us(js.lat?.e2e_p50_us), unit: 'ms', higherIsBetter: false, target: null },
    { metric: 'end-to-end p99 at 5k/s', brook: paced?.e2eMs?.p99 ?? null, jetstream: us(js.lat?.e2e_p99_us), unit: 'ms', higherIsBetter: false, target: TARGETS.e2eP99Ms },
    { metric: 'ack p50, 1 KiB unthrottled', brook: large?.ackMs?.p50 ?? null, jetstream: null, unit: 'ms', higherIsBetter: false, target: null },
    { metric: 'ack p99, 1 KiB unthrottled', brook: large?.ackMs?.p99 ?? null, jetstream: null, unit: 'ms', higherIsBetter: false, target: null },
    { metric: 'leader kill -9 -> produce ok', brook: failed?.windowMs ?? null, jetstream: null, unit: 'ms', higherIsBetter: false, target: null },
  ];
  const summary = { params, brook: { large, small, paced, failover: failed }, jetstream: js, rows };
  if (json) {
    process.stdout.write(JSON.stringify(summary) + '\n');
  } else {
    process.stdout.write(`\n== bench:cluster (seed ${seed}, scale ${scale}; 3 nodes on 127.0.0.1, RF3, acks=all, idempotent, one producer process; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores at the end)\n`);
    process.stdout.write(table(rows) + '\n');
    for (const [name, run] of [['1 KiB', large], ['100 B', small], ['5k/s', paced]] as const) {
      if (run !== null && (run.failedSends > 0 || run.records === 0)) process.stdout.write(`note: ${name} run: ${run.records} records acknowledged, ${run.failedSends} sends failed (first: ${run.firstError ?? 'none'})\n`);
    }
    for (const [name, run] of [['1 KiB', large], ['100 B', small], ['5k/s', paced]] as const) {
      if (run?.brokersCpuMs !== undefined) process.stdout.write(`note: ${name} run: CPU ${(run.brokersCpuMs / 1000).toFixed(1)} s in the three nodes, ${(run.producerCpuMs / 1000).toFixed(1)} s in the producer process; ${run.machineCpuPercent ?? '?'}% of the machine's ${availableParallelism()} cores over the run\n`);
    }
    if (paced !== null) process.stdout.write(`note: 5k/s run achieved ${paced.recordsPerSecond} records/s; end-to-end measured on ${paced.e2eRecords} records\n`);
    if (failed !== null) process.stdout.write(`note: failover: node ${failed.killedNode} (leader of bench-failover-${failed.partition}) killed; metadata named node ${failed.newLeader} after ${failed.metadataMs ?? 'n/a'} ms; first acknowledged send issued after the kill at ${failed.windowMs} ms (the server-default broker session timeout, 4.5 s)\n`);
    if (js.skipped !== undefined) process.stdout.write(`note: JetStream skipped: ${js.skipped}\n`);
  }
}

if (process.argv[2] === '--worker') {
  const spec = JSON.parse(process.argv[3] ?? '{}') as WorkerSpec;
  const hard = setTimeout(() => process.exit(3), spec.timeLimitMs + 60_000);
  worker(spec).then(
    (result) => {
      clearTimeout(hard);
      process.stdout.write(JSON.stringify(result) + '\n');
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`bench:cluster worker: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
} else {
  const hard = setTimeout(() => {
    log(`bench:cluster: hard time limit of ${HARD_LIMIT_MS} ms reached; stopping everything`);
    void cleanup().finally(() => process.exit(2));
  }, HARD_LIMIT_MS);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  main().then(
    async () => {
      clearTimeout(hard);
      await cleanup();
      process.exit(0);
    },
    async (error: unknown) => {
      clearTimeout(hard);
      log(`bench:cluster: ${error instanceof Error ? error.message : String(error)}`);
      await cleanup();
      process.exit(1);
    },
  );
}
