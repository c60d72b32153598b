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
//   1. 500k 1 KiB records as fast as possible: records/s, MB/s, ack latency;
//   2. 1.5M 100 B records as fast as possible;
//      (100k and 300k until the figures reached 130 MB/s and 700k records/s: runs of under a
//      second, which one collector pause or scheduling hiccup moved by 15%; these are 3-4 s);
//      each after a warm-up of a fifth as many records in the same producer process, not
//      measured (Kafka's producer perf test's --warmup-records): the figures are the steady state
//      of a warm JIT, not a one-second run's start-up;
//   3. 1 KiB records at a fixed 5000 records/s with a consumer in the same process: ack latency
//      and end-to-end latency (the send's timestamp in the value -> the consumer's receipt),
//      after 10 s at the same rate, unmeasured (the OpenMessaging Benchmark warms up for a minute
//      by default): at this rate the code of each message is run only a few hundred times a
//      second, and V8 takes 10-15 s to optimize it; the per-second p99 of the first 10 s was 1.5-3
//      times the later seconds'. The JetStream kit's servers have no JIT; its warm-up is a run of
//      the same length before the measured one;
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
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Brook } from '@brook/client';
import { resolveServerBin, serverNodeFlags } from '../server-bin.js';
import { PARTITIONS, producerOptions, SENDS_IN_FLIGHT, WARMED_UP, type WorkerResult, type WorkerSpec } from './bench-cluster-worker.js';
import { jetstream, type JetStreamFigures } from './bench-jetstream.js';
import { cleanup, killByPid, log, NODE_ARGS, reservePorts, seeded, startProcess, started, tempDirs, until, type Started } from './bench-processes.js';

const workerFile = fileURLToPath(new URL('./bench-cluster-worker.js', import.meta.url));
const HARD_LIMIT_MS = Number(process.env['BENCH_CLUSTER_HARD_LIMIT_MS'] ?? '285000');
const RUN_TIME_LIMIT_MS = 30_000;
const TARGETS = { megabytesPerSecond1k: 100, recordsPerSecond100: 300_000, ackP99Ms: 15, e2eP99Ms: 15 };
let json = false;

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

/**
 * The machine's CPU ticks so far from /proc/stat's first line: all of them, and those the
 * hypervisor gave to other guests while this one wanted to run (steal). Undefined off Linux.
 */
function machineTicks(): { total: number; steal: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((sum, value) => sum + value, 0), steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/** The share of the machine's CPU time stolen by the hypervisor since `from`, in percent. */
function stealPercentSince(from: { total: number; steal: number } | undefined): number | undefined {
  const now = machineTicks();
  if (from === undefined || now === undefined || now.total <= from.total) return undefined;
  return Number((((now.steal - from.steal) / (now.total - from.total)) * 100).toFixed(1));
}

function nodesCpuMs(nodes: readonly BrookNode[]): number {
  return nodes.reduce((sum, node) => sum + (processCpuMs(node.process?.child.pid) ?? 0), 0);
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
  node.process = startProcess(`brook node ${node.id}`, process.execPath, [...serverNodeFlags(), ...NODE_ARGS, resolveServerBin(), ...node.args], { logFile: node.logFile });
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
  let ticksAtStart = machineTicks();
  const entry = startProcess(`producer (${spec.mode})`, process.execPath, [...NODE_ARGS, workerFile, JSON.stringify(spec)], { stdout: 'pipe' });
  let stdout = '';
  entry.child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    // The measured run starts now: the CPU figures leave the warm-up out.
    if (text.includes(WARMED_UP)) {
      nodesCpuAtStart = nodesCpuMs(nodes);
      wallAtStart = performance.now();
      ticksAtStart = machineTicks();
    }
  });
  const exitCode = await new Promise<number | null>((resolve) => entry.child.once('close', (code) => resolve(code)));
  started.delete(entry);
  const brokersCpuMs = nodesCpuMs(nodes) - nodesCpuAtStart;
  const stealPercent = stealPercentSince(ticksAtStart);
  try {
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '') as WorkerResult;
    // From the end of the warm-up to the worker's exit, against every core.
    const machineCpuPercent = Math.round(((brokersCpuMs + result.producerCpuMs) / ((performance.now() - wallAtStart) * availableParallelism())) * 100);
    return { ...result, brokersCpuMs, machineCpuPercent, ...(stealPercent === undefined ? {} : { stealPercent }) };
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
    timeouts: 'server defaults', sendsInFlight: SENDS_IN_FLIGHT, producerMaxInFlightPerPartition: 5, bufferBytesMax: 32 * 1024 * 1024, batchBytes: { throughput: 1024 * 1024, latency: 256 * 1024 }, lingerMs: 5,
    records1k: Math.round(500_000 * scale), records100: Math.round(1_500_000 * scale), warmupRecords1k: Math.round(100_000 * scale), warmupRecords100: Math.round(300_000 * scale), latencyRate: 5000, latencySeconds: 10, latencyWarmupSeconds: 10, latencyRecordBytes: 1024,
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

  const ticksBeforeJetStream = machineTicks();
  const js: JetStreamFigures = withJetStream
    ? await jetstream(random, { records1k: Math.round(100_000 * scale), records100: Math.round(200_000 * scale), latencySeconds: params.latencySeconds, latencyWarmupSeconds: params.latencyWarmupSeconds }).catch((error: unknown) => ({ skipped: `JetStream run failed: ${error instanceof Error ? error.message : String(error)}` }))
    : { skipped: '--no-jetstream' };
  if (js.skipped !== undefined) log(`bench:cluster: JetStream columns skipped: ${js.skipped}`);
  const jetStreamStealPercent = js.skipped === undefined ? stealPercentSince(ticksBeforeJetStream) : undefined;

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
  const summary = { params, brook: { large, small, paced, failover: failed }, jetstream: { ...js, stealPercent: jetStreamStealPercent ?? null }, rows };
  if (json) {
    process.stdout.write(JSON.stringify(summary) + '\n');
  } else {
    process.stdout.write(`\n== bench:cluster (seed ${seed}, scale ${scale}; 3 nodes on 127.0.0.1, RF3, acks=all, idempotent, one producer process; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores at the end)\n`);
    process.stdout.write(table(rows) + '\n');
    for (const [name, run] of [['1 KiB', large], ['100 B', small], ['5k/s', paced]] as const) {
      if (run !== null && (run.failedSends > 0 || run.records === 0)) process.stdout.write(`note: ${name} run: ${run.records} records acknowledged, ${run.failedSends} sends failed (first: ${run.firstError ?? 'none'})\n`);
    }
    for (const [name, run] of [['1 KiB', large], ['100 B', small], ['5k/s', paced]] as const) {
      if (run?.brokersCpuMs !== undefined) process.stdout.write(`note: ${name} run: CPU ${(run.brokersCpuMs / 1000).toFixed(1)} s in the three nodes, ${(run.producerCpuMs / 1000).toFixed(1)} s in the producer process; ${run.machineCpuPercent ?? '?'}% of the machine's ${availableParallelism()} cores over the run${run.stealPercent === undefined ? '' : `, ${run.stealPercent}% of its CPU time stolen by the hypervisor`}\n`);
    }
    if (jetStreamStealPercent !== undefined) process.stdout.write(`note: JetStream runs: ${jetStreamStealPercent}% of the machine's CPU time stolen by the hypervisor\n`);
    if (paced !== null) process.stdout.write(`note: 5k/s run achieved ${paced.recordsPerSecond} records/s; end-to-end measured on ${paced.e2eRecords} records\n`);
    if (failed !== null) process.stdout.write(`note: failover: node ${failed.killedNode} (leader of bench-failover-${failed.partition}) killed; metadata named node ${failed.newLeader} after ${failed.metadataMs ?? 'n/a'} ms; first acknowledged send issued after the kill at ${failed.windowMs} ms (the server-default broker session timeout, 4.5 s)\n`);
    if (js.skipped !== undefined) process.stdout.write(`note: JetStream skipped: ${js.skipped}\n`);
  }
}

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
