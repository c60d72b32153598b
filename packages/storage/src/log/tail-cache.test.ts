// The tail cache: reads it serves equal, byte for byte, what the file read gives (a log with the
// cache against one without, fed the same seeded appends, follower appends, rolls, truncations,
// retention and reads), and its memory stays within its per-log and process-wide bounds, and its
// entries within their age.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FaultFileSystem, SeededRandom, buildTestBatch, buildTestBatches } from '../testing/index.js';
import { SegmentedLog } from './segmented-log.js';
import type { SegmentedLogOptions } from './log-config.js';
import { TailCache, TailCacheBudget } from './tail-cache.js';

async function openPair(budget: TailCacheBudget, overrides: Partial<SegmentedLogOptions> = {}) {
  const options = { directory: '/data/partitions/t-0', indexIntervalBytes: 256, segmentBytes: 16 * 1024, now: () => 1_700_000_000_000, ...overrides };
  const cached = await SegmentedLog.open({ ...options, fileSystem: new FaultFileSystem(new SeededRandom(1)), tailCacheBytes: 8 * 1024, tailCacheBudget: budget });
  const plain = await SegmentedLog.open({ ...options, fileSystem: new FaultFileSystem(new SeededRandom(1)), tailCacheBytes: 0 });
  return { cached, plain };
}

/** A budget on a clock the test sets (`at(ms)`), entries aged out after `maxAgeMs`. */
function budgetOnClock(maxAgeMs: number) {
  let clockMs = 0;
  const budget = new TailCacheBudget({ maxBytes: 1_000_000, maxAgeMs, now: () => clockMs });
  return { budget, at: (ms: number) => void (clockMs = ms) };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('TailCache', () => {
  // Seeds 1-8 without the age bound; 9-12 with a clock the steps move, so that age evictions
  // (at admissions and by the sweep) fall between the appends and reads.
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
    it(`serves the same bytes as the file read (seed ${seed})`, async () => {
      const aged = seed > 8;
      if (aged) vi.useFakeTimers();
      let clockMs = 0;
      const random = new SeededRandom(seed);
      const read = TailCache.prototype.read;
      let served = 0;
      vi.spyOn(TailCache.prototype, 'read').mockImplementation(function (this: TailCache, ...args) {
        const answer = read.apply(this, args);
        if (answer !== undefined) served++;
        return answer;
      });
      const budget = new TailCacheBudget({ maxBytes: 12 * 1024, maxAgeMs: aged ? 100 : 0, now: () => clockMs });
      const { cached, plain } = await openPair(budget);
      const both = async <T>(step: (log: SegmentedLog) => Promise<T>): Promise<[T, T]> => [await step(cached), await step(plain)];
      let epoch = 0;
      for (let step = 0; step < 400; step++) {
        const dice = random.next();
        if (aged) {
          const stepMs = Math.floor(random.next() * 30);
          clockMs += stepMs;
          vi.advanceTimersByTime(stepMs);
        }
        if (dice < 0.45) {
          const recordCount = 1 + Math.floor(random.next() * 5);
          const payloadBytes = 16 + Math.floor(random.next() * 1500);
          // Each log stamps its own copy (append writes offsets into the buffer).
          await both((log) => log.append(buildTestBatch({ recordCount, payloadBytes }), { partitionLeaderEpoch: epoch }));
        } else if (dice < 0.55) {
          const counts = Array.from({ length: 1 + Math.floor(random.next() * 3) }, () => ({ recordCount: 1 + Math.floor(random.next() * 3), partitionLeaderEpoch: epoch }));
          await both((log) => log.appendAsFollower(buildTestBatches(log.logEndOffset, counts)));
        } else if (dice < 0.58) {
          await both((log) => log.roll());
        } else if (dice < 0.62 && cached.logEndOffset > cached.logStartOffset) {
          const to = cached.logStartOffset + Math.floor(random.next() * (cached.logEndOffset - cached.logStartOffset));
          epoch++;
          await both((log) => log.truncateTo(to));
        } else if (dice < 0.64 && cached.logEndOffset > cached.logStartOffset) {
          const before = cached.logStartOffset + Math.floor(random.next() * (cached.logEndOffset - cached.logStartOffset));
          await both((log) => log.deleteRecordsBefore(before));
        } else {
          const span = cached.logEndOffset - cached.logStartOffset;
          // Half the reads near the end, where followers and consumers read.
          const near = random.next() < 0.5;
          const from = near ? Math.max(cached.logStartOffset, cached.logEndOffset - Math.floor(random.next() * 8)) : cached.logStartOffset + Math.floor(random.next() * (span + 1));
          const maxBytes = Math.floor(random.next() * 6000);
          const maxOffset = random.next() < 0.5 ? undefined : cached.logStartOffset + Math.floor(random.next() * (span + 2));
          const options = maxOffset === undefined ? {} : { maxOffset };
          const [a, b] = await both((log) => log.read(from, maxBytes, options));
          expect({ ...a, bytes: Buffer.from(a.bytes).toString('hex') }, `read(${from}, ${maxBytes}, ${String(maxOffset)}) at step ${step}`).toEqual({ ...b, bytes: Buffer.from(b.bytes).toString('hex') });
        }
        expect(cached.logEndOffset).toBe(plain.logEndOffset);
        expect(budget.used).toBeLessThanOrEqual(12 * 1024);
      }
      await cached.close();
      await plain.close();
      expect(budget.used).toBe(0);
      // The comparison means something only if the cache answered many of the reads.
      expect(served).toBeGreaterThan(25);
    });
  }

  it('keeps each cache within its bound and all of them within the budget, oldest out first', () => {
    const budget = new TailCacheBudget({ maxBytes: 3000 });
    const one = new TailCache(2000, budget);
    const two = new TailCache(2000, budget);
    one.add(0, 0, new Uint8Array(1000));
    one.add(1, 1, new Uint8Array(1000));
    one.add(2, 2, new Uint8Array(1000)); // over its own 2000: offset 0 goes
    expect(one.firstOffset).toBe(1);
    two.add(10, 10, new Uint8Array(1000)); // 3000 in all: fits
    two.add(11, 11, new Uint8Array(1000)); // 4000: the process-wide oldest (one's offset 1) goes
    expect(one.firstOffset).toBe(2);
    expect(budget.used).toBe(3000);
    expect(one.read(1, 10_000, 100)).toBeUndefined();
    expect(two.read(10, 10_000, 100)?.nextOffset).toBe(12);
    one.add(7, 7, new Uint8Array(10)); // not contiguous: the cache restarts
    expect(one.firstOffset).toBe(7);
    one.clear();
    two.clear();
    expect(budget.used).toBe(0);
  });

  it('evicts entries older than maxAgeMs when the next one is admitted', () => {
    const { budget, at } = budgetOnClock(100);
    const cache = new TailCache(1_000_000, budget);
    cache.add(0, 0, new Uint8Array(1000));
    at(50);
    cache.add(1, 1, new Uint8Array(1000));
    expect(cache.firstOffset).toBe(0);
    at(120); // offset 0 is 120 ms old, offset 1 70 ms
    cache.add(2, 2, new Uint8Array(1000));
    expect(cache.firstOffset).toBe(1);
    expect(budget.used).toBe(2000);
    expect(cache.read(0, 10_000, 100)).toBeUndefined();
    expect(cache.read(1, 10_000, 100)?.nextOffset).toBe(3);
    cache.clear();
  });

  it('sweeps aged entries of an idle cache without further appends, then stops its timer', () => {
    vi.useFakeTimers();
    const { budget, at } = budgetOnClock(100);
    const one = new TailCache(1_000_000, budget);
    const two = new TailCache(1_000_000, budget);
    one.add(0, 0, new Uint8Array(500));
    at(60);
    two.add(5, 5, new Uint8Array(500));
    expect(vi.getTimerCount()).toBe(1);
    at(110);
    vi.advanceTimersByTime(50); // the sweep every maxAgeMs / 2: one's entry is 110 ms old
    expect(one.firstOffset).toBeUndefined();
    expect(two.firstOffset).toBe(5);
    expect(budget.used).toBe(500);
    at(200);
    vi.advanceTimersByTime(50);
    expect(two.firstOffset).toBeUndefined();
    expect(budget.used).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    // A later admission starts the sweep again.
    two.add(6, 6, new Uint8Array(10));
    expect(vi.getTimerCount()).toBe(1);
    two.clear();
    at(400);
    vi.advanceTimersByTime(50);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps entries until bytes push them out when maxAgeMs is 0, with no timer', () => {
    vi.useFakeTimers();
    const { budget, at } = budgetOnClock(0);
    const cache = new TailCache(1_000_000, budget);
    cache.add(0, 0, new Uint8Array(100));
    at(1_000_000);
    cache.add(1, 1, new Uint8Array(100));
    vi.advanceTimersByTime(10_000);
    expect(cache.firstOffset).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    cache.clear();
  });

  it('refuses an age that is negative or not finite', () => {
    for (const maxAgeMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new TailCacheBudget({ maxBytes: 1000, maxAgeMs }), String(maxAgeMs)).toThrow(RangeError);
    }
  });
});
