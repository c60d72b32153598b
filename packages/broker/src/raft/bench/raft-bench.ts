#!/usr/bin/env node
// `pnpm bench:raft` (after `pnpm build`): Raft throughput and latency across three raft-node
// processes on 127.0.0.1, over the real gRPC transport with fsync'd level storage, plus the
// pure simulator's speed. A benchmark, not a test: it prints figures and never fails on them.
//
//   1. latency: proposals at a fixed --rate per second for --latency-seconds: commit latency
//      (propose to committed and applied on the leader) p50 / p99 / max
//   2. throughput: pipelined proposals of 100 B (up to --inflight outstanding) through the
//      leader, --count of them or --seconds, whichever ends first: committed proposals per second
//   3. simulation: the seeded Raft simulator (@brook/raft/testing) for --sim-seconds of CPU:
//      events per CPU second
//
// Proposals originate inside the leader process (the raft-node `propose` command), so the
// figures are Raft's, not a client protocol's. --cpu-prof writes V8 CPU profiles of the three
// processes to --cpu-prof-dir (default ./raft-bench-profiles).
import { cpus, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cpuUsage } from 'node:process';
import { runSimulation } from '@brook/raft/testing';
import { BenchProcess } from './bench-process.js';
import { freeLoopbackPort } from '../../testing/free-port.js';
import type { LoadResult } from '../bin/load-generator.js';
import type { RaftDriverStatus } from '../raft-driver.js';

interface BenchOptions {
  count: number;
  seconds: number;
  inflight: number;
  bytes: number;
  rate: number;
  latencySeconds: number;
  simSeconds: number;
  cpuProf: boolean;
  cpuProfDir: string;
  /** The core's inflightAppendsMax (append messages in flight per follower); 0 = its default. */
  inflightAppends: number;
}

function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    count: 200_000, seconds: 20, inflight: 4096, bytes: 100, rate: 1000, latencySeconds: 10, simSeconds: 5,
    cpuProf: false, cpuProfDir: 'raft-bench-profiles', inflightAppends: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const key = flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof BenchOptions;
    if (!(key in options)) throw new Error(`unknown option ${flag}`);
    if (typeof options[key] === 'boolean') {
      (options as unknown as Record<string, boolean>)[key] = true;
    } else if (typeof options[key] === 'string') {
      (options as unknown as Record<string, string>)[key] = argv[++i] ?? '';
    } else {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value < 0) throw new Error(`${flag} needs a non-negative number`);
      (options as unknown as Record<string, number>)[key] = value;
    }
  }
  return options;
}

async function startCluster(root: string, options: BenchOptions): Promise<BenchProcess[]> {
  const members: Record<string, string> = {};
  for (const id of [1, 2, 3]) members[String(id)] = `127.0.0.1:${await freeLoopbackPort()}`;
  const nodeArgs = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const processes = [1, 2, 3].map((id) => new BenchProcess(id, nodeArgs, {
    id, clusterId: 'raft-bench', dataDir: join(root, `node-${id}`), host: '127.0.0.1',
    port: Number(members[String(id)]?.split(':')[1]), members,
    // Production-like timers: 10 ms ticks, a 1 s election timeout, heartbeats every 100 ms.
    tickMs: 10, electionTimeoutTicks: 100, heartbeatIntervalTicks: 10, logLevel: 'warn',
    // Compaction keeps the in-memory log (and so the heap the GC walks) bounded, as in production.
    snapshotEveryEntries: 10_000,
    ...(options.inflightAppends > 0 ? { tuning: { inflightAppendsMax: options.inflightAppends } } : {}),
  }));
  await Promise.all(processes.map((p) => p.ready));
  return processes;
}

async function findLeader(processes: readonly BenchProcess[]): Promise<BenchProcess> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const process of processes) {
      const status = await process.request<{ role: string }>('status');
      if (status.role === 'leader') return process;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no leader elected within 15 s');
}

function simulationSpeed(seconds: number): { runs: number; events: number; eventsPerCpuSecond: number } {
  const start = cpuUsage();
  let events = 0;
  let runs = 0;
  let cpuSeconds = 0;
  for (let seed = 1; cpuSeconds < seconds; seed++) {
    events += runSimulation({ seed, voters: seed % 2 === 0 ? 5 : 3 }).events;
    runs++;
    const used = cpuUsage(start);
    cpuSeconds = (used.user + used.system) / 1e6;
  }
  return { runs, events, eventsPerCpuSecond: events / cpuSeconds };
}

async function totalCpuMicros(processes: readonly BenchProcess[]): Promise<number> {
  const statuses = await Promise.all(processes.map((p) => p.request<{ cpuMicros: number }>('status')));
  return statuses.reduce((sum, status) => sum + status.cpuMicros, 0);
}

const ms = (value: number): string => `${value.toFixed(2)} ms`;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const root = mkdtempSync(join(tmpdir(), 'brook-raft-bench-'));
  console.log(`bench:raft: 3 processes on 127.0.0.1, ${cpus().length} CPUs, level with fsync, ${options.bytes} B entries`);
  const processes = await startCluster(root, options);
  try {
    const leader = await findLeader(processes);
    await leader.request<LoadResult>('propose', { count: 2000, bytes: options.bytes, inflight: 256, ratePerSecond: 0, durationMsMax: 10_000, runId: 0 });
    // Latency first, on a young log: the throughput run leaves level compacting hundreds of
    // thousands of written and deleted entries for a while, which is not the steady state.
    await Promise.all(processes.map((p) => p.request('status'))); // resets the event-loop delay histograms
    const latency = await leader.request<LoadResult>('propose', {
      count: options.rate * options.latencySeconds, bytes: options.bytes, inflight: 1, ratePerSecond: options.rate,
      durationMsMax: options.latencySeconds * 1000 + 5000, runId: 2,
    });
    console.log(`latency at ${options.rate}/s for ${options.latencySeconds} s: ${latency.committed} committed, ` +
      `p50 ${ms(latency.latencyMsP50)}, p99 ${ms(latency.latencyMsP99)}, max ${ms(latency.latencyMsMax)} (failed ${latency.failed})`);
    for (const node of processes) {
      const status = await node.request<RaftDriverStatus & { eventLoopDelayMs: { p99: number; max: number } }>('status');
      console.log(`node ${node.id} (${status.role}): ${status.commit} committed, ${status.readyCycles} Ready cycles, ` +
        `${status.syncedWrites} fsync'd batches, persist p50 ${ms(status.persistMs.p50)} p99 ${ms(status.persistMs.p99)} (latest 1024), ` +
        `event-loop delay during the latency run p99 ${ms(status.eventLoopDelayMs.p99)} max ${ms(status.eventLoopDelayMs.max)}`);
    }
    const cpuBefore = await totalCpuMicros(processes);
    const throughput = await leader.request<LoadResult>('propose', {
      count: options.count, bytes: options.bytes, inflight: options.inflight, ratePerSecond: 0, durationMsMax: options.seconds * 1000, runId: 1,
    });
    console.log(`throughput: ${throughput.committed} committed in ${(throughput.elapsedMs / 1000).toFixed(2)} s = ` +
      `${Math.round(throughput.committedPerSecond)} proposals/s (inflight ${options.inflight}; failed ${throughput.failed}; ` +
      `latency under load p50 ${ms(throughput.latencyMsP50)}, p99 ${ms(throughput.latencyMsP99)})`);
    const cpuMicrosPerProposal = ((await totalCpuMicros(processes)) - cpuBefore) / Math.max(1, throughput.committed);
    console.log(`cost: ${cpuMicrosPerProposal.toFixed(1)} CPU µs per committed proposal over the 3 processes ` +
      `(so ${Math.round((cpus().length * 1e6) / cpuMicrosPerProposal)} proposals/s would saturate ${cpus().length} idle CPUs)`);
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    rmSync(root, { recursive: true, force: true });
  }
  if (options.cpuProf) console.log(`cpu profiles in ${options.cpuProfDir}/`);
  if (options.simSeconds > 0) {
    const sim = simulationSpeed(options.simSeconds);
    console.log(`simulation: ${sim.runs} seeded runs, ${sim.events} events, ${Math.round(sim.eventsPerCpuSecond)} events per CPU second`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench:raft: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
