// The seeded simulation as a CI test: 300 seeds each of 3 and 5 voters, each with one or two
// learners, under the full fault schedule (see simulation.ts). Every invariant is checked after
// every handled Ready; a failure names the invariant and prints `reproduce: SEED=<n>` with the
// command that replays it (`pnpm build && pnpm sim --seeds 1 --start <n> --voters <v> --ticks 1600`).
import { describe, expect, test } from 'vitest';
import { runSimulation, SimulationFailure } from './simulation.js';
import type { SimulationResult } from './simulation.js';

const SEEDS = 300;
/** Chaos ticks per seed in CI, a little under the soak's 2000 to keep the file well under a minute. */
const CHAOS_TICKS = 1600;

function runSeeds(voters: 3 | 5): SimulationResult[] {
  const results: SimulationResult[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    try {
      results.push(runSimulation({ seed, voters, chaosTicks: CHAOS_TICKS }));
    } catch (error) {
      if (error instanceof SimulationFailure) {
        console.error(`reproduce: SEED=${error.seed} (pnpm sim --seeds 1 --start ${error.seed} --voters ${voters} --ticks ${CHAOS_TICKS})`);
      }
      throw error;
    }
  }
  return results;
}

describe.each([3, 5] as const)('simulation with %i voters and learners', (voters) => {
  test(`${SEEDS} seeds keep every invariant and recover after healing`, () => {
    const results = runSeeds(voters);
    // The schedule must actually have exercised the faults it claims to, or a pass means little.
    const total = (key: keyof SimulationResult) => results.reduce((sum, r) => sum + r[key], 0);
    expect(total('crashes')).toBeGreaterThan(SEEDS);
    expect(total('snapshotsSent')).toBeGreaterThan(SEEDS / 2);
    expect(total('transfers')).toBeGreaterThan(SEEDS);
    expect(results.filter((r) => r.leaders > 1).length).toBeGreaterThan(SEEDS * 0.8);
    expect(total('committed')).toBeGreaterThan(SEEDS * 20);
  });
});

test('the same seed replays the same run', () => {
  expect(runSimulation({ seed: 42, voters: 5 })).toEqual(runSimulation({ seed: 42, voters: 5 }));
});

test('the checks catch a driver that sends a Ready before persisting it', () => {
  // The same schedule with the contract broken: a node that crashes between sending and
  // syncing has promised votes or entries it no longer holds. This is the failure the disk
  // model (only synced writes survive a crash) exists to expose.
  const failures: string[] = [];
  for (let seed = 1; seed <= 10; seed++) {
    try {
      runSimulation({ seed, voters: 3, driverFault: 'send-before-persist', crashBeforeSyncRate: 0.03 });
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
  expect(failures.length).toBeGreaterThan(0);
  for (const message of failures) {
    expect(message).toMatch(/CommitWithinLog|LeaderCompleteness|CommittedNeverLost|ElectionSafety|LogMatching|StateMachineSafety/);
    expect(message).toMatch(/reproduce: SEED=\d+/);
  }
});

test('a failure names the seed to reproduce it', () => {
  const broken = runWithFailingApplication();
  expect(broken).toBeInstanceOf(SimulationFailure);
  expect((broken as Error).message).toContain('reproduce: SEED=7');
});

function runWithFailingApplication(): unknown {
  try {
    runSimulation({
      seed: 7,
      voters: 3,
      application: () => ({
        apply(entry) {
          if (entry.kind === 'normal') throw new Error('application refused the entry');
        },
        appliedIndex: () => 0,
        takeSnapshot: () => new Uint8Array(0),
        restoreSnapshot() {},
      }),
    });
  } catch (error) {
    return error;
  }
  return undefined;
}
