#!/usr/bin/env node
// The Raft simulation soak: `pnpm sim --seeds N [--voters 3|5] [--start S] [--ticks T]`. Runs seeds
// S .. S+N-1 of the seeded cluster simulation from the built package (run `pnpm build` first),
// stops at the first failure with `reproduce: SEED=<n>`, and reports events per CPU second.
// Without --voters, each seed runs with 3 and then with 5 voters.
import { existsSync } from 'node:fs';
import { cpuUsage } from 'node:process';
import { performance } from 'node:perf_hooks';

const entry = new URL('../packages/raft/dist/testing/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('sim: packages/raft is not built; run `pnpm build` first');
  process.exit(2);
}
const { runSimulation, SimulationFailure } = await import(entry.href);

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`sim: --${name} needs a non-negative integer`);
    process.exit(2);
  }
  return value;
}

const seeds = option('seeds', 100);
const start = option('start', 1);
const votersOption = option('voters', 0);
const chaosTicks = option('ticks', 2000);
if (![0, 3, 5].includes(votersOption)) {
  console.error('sim: --voters must be 3 or 5');
  process.exit(2);
}
const voterCounts = votersOption === 0 ? [3, 5] : [votersOption];

const cpuStart = cpuUsage();
const wallStart = performance.now();
let runs = 0;
let events = 0;
let ticks = 0;
let committed = 0;
let crashes = 0;
let snapshots = 0;
let transfers = 0;
let livenessTicksMax = 0;
for (let seed = start; seed < start + seeds; seed++) {
  for (const voters of voterCounts) {
    try {
      const result = runSimulation({ seed, voters, chaosTicks });
      runs++;
      events += result.events;
      ticks += result.ticks;
      committed += result.committed;
      crashes += result.crashes;
      snapshots += result.snapshotsSent;
      transfers += result.transfers;
      livenessTicksMax = Math.max(livenessTicksMax, result.livenessTicks);
    } catch (error) {
      if (error instanceof SimulationFailure) {
        console.error(`sim: FAILED with ${voters} voters: ${error.message}`);
        console.error(`reproduce: SEED=${error.seed} (pnpm sim --seeds 1 --start ${error.seed} --voters ${voters} --ticks ${chaosTicks})`);
        process.exit(1);
      }
      throw error;
    }
  }
  if ((seed - start + 1) % 1000 === 0) console.log(`sim: ${seed - start + 1} seeds ...`);
}
const cpu = cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const wallSeconds = (performance.now() - wallStart) / 1000;
console.log(
  `sim: ${runs} runs (seeds ${start}..${start + seeds - 1}, voters ${voterCounts.join('+')}) passed: ` +
    `${events} events, ${ticks} ticks, ${committed} entries committed, ${crashes} crashes, ${snapshots} snapshots sent, ${transfers} leadership transfers, ` +
    `slowest recovery ${livenessTicksMax} ticks`,
);
console.log(
  `sim: ${wallSeconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU, ${Math.round(events / cpuSeconds)} events per CPU second`,
);
