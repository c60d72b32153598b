// `pnpm bench:produce`: Brook's produce and consume throughput and latency over gRPC on one
// machine, beside the storage engine's own append benchmark so the ratio shows what the network
// path costs. A benchmark, not a test: it prints figures and ratios to the targets of issue 3 and
// never fails on a number (TESTING.md, "Benchmarks are not tests").
//
// One node (the broker's bin on 127.0.0.1 port 0, a temporary data directory, stopped at the
// end) and, per measurement, one `brook perf` process, acks=1:
//   1. 1 KiB records, as fast as possible: records/s, MB/s, latency percentiles
//   2. 100 B records, as fast as possible
//   3. 1 KiB records at a fixed 5000 records/s: latency percentiles (the p99 target)
//   4. `brook perf consume` over the topic of run 1: the read rate
//   5. `pnpm bench:storage` (the storage engine's append throughput), when built
// Every run is bounded by a record count and a time limit. BENCH_SCALE (default 1) multiplies the
// record counts; BENCH_PARTITIONS (default 3) sets the partitions of each topic.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startLocalNode, type LocalNode } from './local-node.js';

const cliBin = fileURLToPath(new URL('../bin/brook.js', import.meta.url));
const storageBench = fileURLToPath(new URL('../../../storage/dist/bench/storage-bench.js', import.meta.url));
const scale = Number(process.env['BENCH_SCALE'] ?? '1');
const partitions = process.env['BENCH_PARTITIONS'] ?? '3';
const RUN_TIME_LIMIT_MS = 120_000;
// Throughput runs use large batches, as Kafka's throughput benchmarks set batch.size; the fixed
// rate run keeps the producer's defaults (linger 5 ms, 256 KiB batches), what an application gets.
// (linger 0 was tried: every few records then become their own Produce RPC, and on a busy
// machine the RPC rate, not the linger, sets the tail.)
const THROUGHPUT_PRODUCER_FLAGS = ['--batch-bytes', '524288', '--linger-ms', '5'];
const LATENCY_PRODUCER_FLAGS: string[] = [];

interface PerfJson {
  records: number;
  bytes: number;
  elapsedMs: number;
  recordsPerSecond: number;
  megabytesPerSecond: number;
  latencyMs?: { avg: number; max: number; p50: number; p95: number; p99: number; p999: number };
}

interface Run {
  code: number | null;
  stdout: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    // Progress lines (stderr) go straight to the terminal; the summary (stdout) is parsed.
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

async function brook(node: LocalNode, args: string[]): Promise<Run> {
  return run(process.execPath, [cliBin, ...args], { ...process.env, BROOK_BROKERS: node.clientAddress });
}

async function perf(node: LocalNode, kind: 'produce' | 'consume', args: string[]): Promise<PerfJson | null> {
  const result = await brook(node, ['perf', kind, ...args, '--time-limit-ms', String(RUN_TIME_LIMIT_MS), '--format', 'json']);
  try {
    return JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as PerfJson;
  } catch {
    console.log(`bench: perf ${kind} ${args.join(' ')} printed no summary (exit ${result.code})`);
    return null;
  }
}

async function createTopic(node: LocalNode, name: string): Promise<void> {
  const result = await brook(node, ['topic', 'create', name, '-p', partitions]);
  if (result.code !== 0) throw new Error(`could not create topic ${name} (exit ${result.code})`);
}

/**
 * The storage benchmark's best append rate over the batch sizes it tries (one line per size:
 * "batch 64 KiB | append 222.9 MB/s ..."), with that line's batch size; null when not built.
 */
async function storageAppend(): Promise<{ megabytesPerSecond: number; batch: string } | null> {
  if (!existsSync(storageBench)) {
    console.log(`bench: ${storageBench} is not built; skipping the storage comparison`);
    return null;
  }
  console.log('\n== storage append benchmark (pnpm bench:storage)');
  const result = await run(process.execPath, [storageBench], process.env);
  process.stdout.write(result.stdout);
  let best: { megabytesPerSecond: number; batch: string } | null = null;
  for (const line of result.stdout.split('\n')) {
    const append = /append\s+([\d.]+)\s*Mi?B\/s/i.exec(line);
    if (!append) continue;
    const batch = /batch\s+(\d+\s*\S+)/i.exec(line)?.[1] ?? '?';
    const megabytesPerSecond = Number(append[1]);
    if (best === null || megabytesPerSecond > best.megabytesPerSecond) best = { megabytesPerSecond, batch };
  }
  return best;
}

function figure(value: number | undefined, digits = 1): string {
  return value === undefined ? 'n/a' : value.toFixed(digits);
}

function compare(label: string, value: number | undefined, target: number, unit: string, higherIsBetter = true): string {
  if (value === undefined) return `${label.padEnd(38)} n/a`;
  const ratio = higherIsBetter ? value / target : target / value;
  return `${label.padEnd(38)} ${figure(value).padStart(12)} ${unit.padEnd(10)} target ${higherIsBetter ? '>=' : '<='} ${String(target).padStart(7)}  ${(ratio * 100).toFixed(0)}% of target`;
}

async function main(): Promise<void> {
  const node = await startLocalNode();
  console.log(`bench: node pid ${node.pid} on ${node.clientAddress}, data in ${node.dataDir}, ${partitions} partitions per topic, scale ${scale}`);
  // Every process here shares the machine's cores with whatever else runs: say how busy it was.
  console.log(`bench: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start`);
  try {
    for (const topic of ['bench-1k', 'bench-100b', 'bench-latency']) await createTopic(node, topic);
    console.log(`\n== produce 1 KiB records, acks=1, unthrottled (${THROUGHPUT_PRODUCER_FLAGS.join(' ')})`);
    const large = await perf(node, 'produce', ['--topic', 'bench-1k', '--records', String(Math.round(300_000 * scale)), '--record-size', '1024', '--acks', '1', ...THROUGHPUT_PRODUCER_FLAGS]);
    console.log(`\n== produce 100 B records, acks=1, unthrottled (${THROUGHPUT_PRODUCER_FLAGS.join(' ')})`);
    const small = await perf(node, 'produce', ['--topic', 'bench-100b', '--records', String(Math.round(1_000_000 * scale)), '--record-size', '100', '--acks', '1', ...THROUGHPUT_PRODUCER_FLAGS]);
    console.log('\n== produce 1 KiB records, acks=1, at 5000 records/s (producer defaults)');
    const paced = await perf(node, 'produce', ['--topic', 'bench-latency', '--records', String(Math.round(50_000 * scale)), '--record-size', '1024', '--acks', '1', '--throughput', '5000', ...LATENCY_PRODUCER_FLAGS]);
    console.log('\n== consume the 1 KiB topic from the start');
    const consumed = large ? await perf(node, 'consume', ['--topic', 'bench-1k', '--records', String(large.records)]) : null;
    const storage = await storageAppend();

    console.log(`\n== summary (one node, one client process, acks=1, loopback; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores at the end)`);
    const latency = (p: PerfJson | null): string =>
      p?.latencyMs ? `p50 ${figure(p.latencyMs.p50, 2)} / p95 ${figure(p.latencyMs.p95, 2)} / p99 ${figure(p.latencyMs.p99, 2)} / p99.9 ${figure(p.latencyMs.p999, 2)} / max ${figure(p.latencyMs.max, 2)} ms` : 'n/a';
    console.log(compare('produce 1 KiB: MB/s', large?.megabytesPerSecond, 150, 'MB/s'));
    console.log(`${''.padEnd(38)} ${figure(large?.recordsPerSecond, 0).padStart(12)} records/s; latency ${latency(large)}`);
    console.log(compare('produce 100 B: records/s', small?.recordsPerSecond, 600_000, 'records/s'));
    console.log(`${''.padEnd(38)} ${figure(small?.megabytesPerSecond).padStart(12)} MB/s; latency ${latency(small)}`);
    console.log(compare('produce p99 at 5k records/s', paced?.latencyMs?.p99, 10, 'ms', false));
    console.log(`${''.padEnd(38)} achieved ${figure(paced?.recordsPerSecond, 0)} records/s; latency ${latency(paced)}`);
    console.log(compare('consume 1 KiB: MB/s', consumed?.megabytesPerSecond, 300, 'MB/s'));
    console.log(`${''.padEnd(38)} ${figure(consumed?.recordsPerSecond, 0).padStart(12)} records/s`);
    if (storage !== null && large) {
      const share = ((large.megabytesPerSecond / storage.megabytesPerSecond) * 100).toFixed(0);
      console.log(`storage append, no network (best: batch ${storage.batch}) ${figure(storage.megabytesPerSecond)} MB/s; produce 1 KiB over gRPC reaches ${share}% of it (the gRPC path costs the rest)`);
    }
  } finally {
    await node.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
