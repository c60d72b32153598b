// The divergence protocol (KIP-101, KIP-279, KIP-320's truncation on fetch): the leader's
// divergingEpochFor and the follower's truncationFor, one example per case Kafka names, then a
// seeded property on random pairs of diverged logs built as leader elections build them (a
// shared prefix, then each log extended in epochs the other never saw, possibly continuing the
// shared last epoch on one side): running fetch -> diverging epoch -> truncate until the leader
// answers in-sync leaves the follower exactly at the longest prefix the logs share, so nothing
// the logs agree on (everything below the HW included) is ever cut. Also epoch fencing, the
// follower's fetch position and OFFSET_OUT_OF_RANGE. SEED=<n> reproduces a failure.
import fc from 'fast-check';
import { LeaderEpochCache, UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET } from '@brook/storage';
import { describe, expect, it } from 'vitest';
import { FollowerFetchState, divergingEpochFor, outOfRangeAction, truncationFor, type LeaderLogView } from './follower-state.js';
import { checkLeaderEpoch } from './leader-epoch-fence.js';

const SEED = Number(process.env.SEED ?? 20_261_123);

/** A log as the epoch of each offset; its cache assigns each epoch where it starts. */
function cacheOf(epochsByOffset: readonly number[]): LeaderEpochCache {
  const cache = new LeaderEpochCache();
  epochsByOffset.forEach((epoch, offset) => cache.assign(epoch, offset));
  return cache;
}

function leaderView(epochsByOffset: readonly number[], leaderEpoch: number): LeaderLogView {
  const epochs = cacheOf(epochsByOffset);
  const own = epochsByOffset.indexOf(leaderEpoch);
  return { epochs, logEndOffset: epochsByOffset.length, leaderEpoch, leaderEpochStartOffset: own === -1 ? epochsByOffset.length : own };
}

describe('divergingEpochFor (leader side)', () => {
  // Leader log: epoch 1 at 0-3, epoch 3 at 4-7, epoch 5 at 8-9 (its own epoch).
  const leader = leaderView([1, 1, 1, 1, 3, 3, 3, 3, 5, 5], 5);

  it('lets a follower that is a prefix of the leader log fetch', () => {
    expect(divergingEpochFor(3, 8, leader)).toEqual({ kind: 'in-sync' });
    expect(divergingEpochFor(1, 3, leader)).toEqual({ kind: 'in-sync' });
    expect(divergingEpochFor(5, 10, leader)).toEqual({ kind: 'in-sync' });
    expect(divergingEpochFor(UNDEFINED_EPOCH, 0, leader)).toEqual({ kind: 'in-sync' });
  });

  it('answers the end of the epoch when the follower has more of it than the leader', () => {
    expect(divergingEpochFor(1, 6, leader)).toEqual({ kind: 'diverging', divergingEpoch: { epoch: 1, endOffset: 4 } });
  });

  it('answers the largest epoch below an epoch the leader never wrote, and its end', () => {
    expect(divergingEpochFor(4, 9, leader)).toEqual({ kind: 'diverging', divergingEpoch: { epoch: 3, endOffset: 8 } });
    expect(divergingEpochFor(2, 4, leader)).toEqual({ kind: 'diverging', divergingEpoch: { epoch: 1, endOffset: 4 } });
  });

  it('counts its own epoch from its start offset before its first append', () => {
    const fresh = leaderView([1, 1, 3, 3], 6);
    expect(fresh.epochs.latestEpoch).toBe(3);
    expect(divergingEpochFor(4, 6, fresh)).toEqual({ kind: 'diverging', divergingEpoch: { epoch: 3, endOffset: 4 } });
    expect(divergingEpochFor(3, 4, fresh)).toEqual({ kind: 'in-sync' });
    expect(divergingEpochFor(2, 1, leaderView([], 2))).toEqual({ kind: 'diverging', divergingEpoch: { epoch: 2, endOffset: 0 } });
  });

  it('refuses a last fetched epoch newer than the leader epoch', () => {
    expect(divergingEpochFor(6, 0, leader)).toMatchObject({ kind: 'rejected', code: 'UNKNOWN_LEADER_EPOCH' });
  });
});

describe('truncationFor (follower side)', () => {
  it('truncates to the smaller of the two ends of the leader epoch', () => {
    const follower = cacheOf([1, 1, 1, 1, 1, 1, 2, 2]);
    expect(truncationFor({ epoch: 1, endOffset: 4 }, follower, 8)).toEqual({ truncateToOffset: 4, complete: true });
    expect(truncationFor({ epoch: 2, endOffset: 9 }, follower, 8)).toEqual({ truncateToOffset: 8, complete: true });
  });

  it('first cuts its own epochs above an epoch it does not have, then asks again', () => {
    // Follower: epoch 1 at 0-1, epoch 2 at 2-3, epoch 4 at 4-5. The leader answers epoch 3, ending at 5.
    const follower = cacheOf([1, 1, 2, 2, 4, 4]);
    expect(truncationFor({ epoch: 3, endOffset: 5 }, follower, 6)).toEqual({ truncateToOffset: 4, complete: false });
  });

  it('takes the leader offset when it has no epochs, and truncates nothing on an undefined answer', () => {
    expect(truncationFor({ epoch: 2, endOffset: 3 }, new LeaderEpochCache(), 5)).toEqual({ truncateToOffset: 3, complete: true });
    expect(truncationFor({ epoch: UNDEFINED_EPOCH, endOffset: 3 }, cacheOf([1]), 1)).toEqual({ truncateToOffset: 1, complete: true });
    expect(truncationFor({ epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET }, cacheOf([1, 1]), 2)).toEqual({ truncateToOffset: 2, complete: true });
  });
});

describe(`fetch, diverge, truncate until in sync (SEED=${SEED})`, () => {
  const run = fc.record({ side: fc.constantFrom('leader' as const, 'follower' as const), length: fc.integer({ min: 1, max: 4 }) });
  const history = fc.record({
    prefix: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }),
    runs: fc.array(run, { maxLength: 8 }),
    continueShared: fc.constantFrom('none' as const, 'leader' as const, 'follower' as const, 'both' as const),
    spareEpochs: fc.integer({ min: 0, max: 2 }),
  });

  it('leaves the follower at exactly the longest prefix both logs share', () => {
    let secondRounds = 0;
    fc.assert(fc.property(history, (h) => {
      const { leaderLog, followerLog, leaderEpoch } = buildLogs(h);
      const shared = commonPrefixLength(leaderLog, followerLog);
      let follower = [...followerLog];
      const view = leaderView(leaderLog, leaderEpoch);
      for (let round = 0; ; round++) {
        expect(round, 'resolves within a few rounds').toBeLessThan(10);
        const check = divergingEpochFor(follower[follower.length - 1] ?? UNDEFINED_EPOCH, follower.length, view);
        if (check.kind === 'in-sync') break;
        if (check.kind !== 'diverging') throw new Error(`unexpected ${check.kind}`);
        const plan = truncationFor(check.divergingEpoch, cacheOf(follower), follower.length);
        if (!plan.complete) secondRounds += 1;
        expect(plan.truncateToOffset, 'never below what the logs share').toBeGreaterThanOrEqual(shared);
        follower = follower.slice(0, plan.truncateToOffset);
      }
      expect(follower.length).toBe(Math.min(shared, followerLog.length));
      expect(leaderLog.slice(0, follower.length)).toEqual(follower);
    }), { seed: SEED, numRuns: 3000 });
    // The generator must reach KIP-279's case: a leader epoch the follower never had.
    expect(secondRounds).toBeGreaterThan(50);
  });
});

interface History {
  prefix: number[];
  runs: { side: 'leader' | 'follower'; length: number }[];
  continueShared: 'none' | 'leader' | 'follower' | 'both';
  spareEpochs: number;
}

/**
 * Epochs are handed out in increasing order; each run of the leader or the follower gets a fresh
 * epoch the other log never saw, so records agree exactly where (epoch, offset) agree. 'both'
 * continues the shared last epoch on both sides, as when the old leader's last writes reached
 * both replicas in part.
 */
function buildLogs(h: History): { leaderLog: number[]; followerLog: number[]; leaderEpoch: number } {
  let epoch = 0;
  const prefix = h.prefix.flatMap((length) => Array<number>(length).fill(++epoch));
  const last = prefix[prefix.length - 1];
  const extra = (side: 'leader' | 'follower') => (last !== undefined && (h.continueShared === side || h.continueShared === 'both') ? [last, last] : []);
  const leaderTail = [...extra('leader')];
  const followerTail = [...extra('follower')];
  // Fresh epochs alternate between the sides in any order, so either may hold the larger ones.
  for (const { side, length } of h.runs) (side === 'leader' ? leaderTail : followerTail).push(...Array<number>(length).fill(++epoch));
  const leaderLog = [...prefix, ...leaderTail];
  // Only the leader writes in its own epoch: it is the leader log's last epoch or a newer one.
  const leaderWroteLast = epoch > 0 && leaderLog[leaderLog.length - 1] === epoch;
  const leaderEpoch = (leaderWroteLast ? epoch : epoch + 1) + h.spareEpochs;
  return { leaderLog, followerLog: [...prefix, ...followerTail], leaderEpoch };
}

function commonPrefixLength(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

describe('checkLeaderEpoch (KIP-320 fencing)', () => {
  it('fences an older epoch and defers to a newer one', () => {
    expect(checkLeaderEpoch(5, 5)).toBeUndefined();
    expect(checkLeaderEpoch(4, 5)?.code).toBe('FENCED_LEADER_EPOCH');
    expect(checkLeaderEpoch(6, 5)?.code).toBe('UNKNOWN_LEADER_EPOCH');
    expect(checkLeaderEpoch(-1, 5)?.code).toBe('FENCED_LEADER_EPOCH');
    expect(checkLeaderEpoch(-1, 5, false)).toBeUndefined();
  });
});

describe('FollowerFetchState', () => {
  it('offers a fetch only once its appends are fsynced, at its end with its last epoch', () => {
    const state = new FollowerFetchState(7, { logEndOffset: 10, durableEndOffset: 10, latestEpoch: 6, highWatermark: 8 });
    expect(state.nextFetch()).toEqual({ fetchOffset: 10, lastFetchedEpoch: 6, currentLeaderEpoch: 7 });
    state.onAppended(15, 7);
    expect(state.nextFetch()).toBeUndefined();
    state.onFlushed(12);
    expect(state.nextFetch()).toBeUndefined();
    state.onFlushed(15);
    expect(state.nextFetch()).toEqual({ fetchOffset: 15, lastFetchedEpoch: 7, currentLeaderEpoch: 7 });
    state.onLeaderHighWatermark(20);
    expect(state.highWatermark).toBe(15);
  });

  it('plans a truncation from its own end and refetches from where the log was cut', () => {
    const state = new FollowerFetchState(4, { logEndOffset: 6, durableEndOffset: 6, latestEpoch: 3, highWatermark: 5 });
    expect(state.onDivergingEpoch({ epoch: 2, endOffset: 4 }, cacheOf([1, 1, 2, 2, 3, 3]))).toEqual({ truncateToOffset: 4, complete: true });
    state.onTruncated(4, 2);
    expect(state.highWatermark).toBe(4);
    expect(state.nextFetch()).toEqual({ fetchOffset: 4, lastFetchedEpoch: 2, currentLeaderEpoch: 4 });
    expect(() => state.onAppended(3, 4)).toThrow(/FollowerEndMonotonic/);
  });
});

describe('outOfRangeAction', () => {
  it('truncates to a shorter leader log, restarts below its start, retries otherwise', () => {
    expect(outOfRangeAction(50, 0, 40)).toEqual({ kind: 'truncate', offset: 40 });
    expect(outOfRangeAction(50, 80, 120)).toEqual({ kind: 'restart-at', offset: 80 });
    expect(outOfRangeAction(50, 10, 120)).toEqual({ kind: 'retry', offset: 50 });
  });
});
