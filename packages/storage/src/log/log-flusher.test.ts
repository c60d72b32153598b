// LogFlusher.setPolicy while appends and syncs are in flight: each sync here is a promise the test
// finishes by hand and covers the log end offset as it stood when the sync began (as syncDirty
// does), so a test can switch the policy with a sync running and waiters queued, then check that
// every waiter settles exactly once, that one sync runs at a time, and that the new policy's
// timer and record count start at the switch. Timers are vitest's fake timers, except where the
// check is about Node's own timer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogFlusher, type FlushPolicy } from './log-flusher.js';

const manual: FlushPolicy = { kind: 'interval' };
const everyAppend: FlushPolicy = { kind: 'every-append-group-commit' };

function controlledFlusher(policy: FlushPolicy) {
  let logEndOffset = 0;
  let started = 0;
  let running = 0;
  let runningMax = 0;
  const releases: Array<() => void> = [];
  const flusher = new LogFlusher(
    policy,
    0,
    () => {
      started++;
      running++;
      runningMax = Math.max(runningMax, running);
      const covered = logEndOffset;
      return new Promise<number>((resolve) =>
        releases.push(() => {
          running--;
          resolve(covered);
        }),
      );
    },
    () => logEndOffset,
  );
  return {
    flusher,
    /** An append of `records` records: the log end moves, then the flusher hears of it. */
    append(records: number) {
      logEndOffset += records;
      flusher.onAppend();
    },
    async finishNextSync() {
      releases.shift()?.();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    },
    syncsStarted: () => started,
    runningMax: () => runningMax,
  };
}

/** Counts how often a promise settles, and how: a waiter settled twice would show here. */
function settlements(promise: Promise<void>) {
  const seen = { resolved: 0, rejected: 0 };
  promise.then(
    () => seen.resolved++,
    () => seen.rejected++,
  );
  return seen;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('LogFlusher.setPolicy between every-append and interval', () => {
  it('interval -> every-append with a sync running: the unsynced tail and later appends get syncs, one at a time, every waiter once', async () => {
    const log = controlledFlusher(manual);
    log.append(5);
    const first = settlements(log.flusher.waitFor(5));
    expect(log.syncsStarted()).toBe(1);
    log.append(3);
    expect(log.syncsStarted()).toBe(1);
    log.flusher.setPolicy(everyAppend);
    log.append(2);
    const second = settlements(log.flusher.waitFor(10));
    expect(log.syncsStarted()).toBe(1);
    await log.finishNextSync();
    expect(first).toEqual({ resolved: 1, rejected: 0 });
    expect(second).toEqual({ resolved: 0, rejected: 0 });
    expect(log.flusher.durableOffset).toBe(5);
    expect(log.syncsStarted()).toBe(2);
    await log.finishNextSync();
    expect(second).toEqual({ resolved: 1, rejected: 0 });
    expect(first).toEqual({ resolved: 1, rejected: 0 });
    expect(log.flusher.durableOffset).toBe(10);
    expect(log.syncsStarted()).toBe(2);
    expect(log.runningMax()).toBe(1);
  });

  it('interval -> every-append with nothing running syncs what the interval policy left, then every append', async () => {
    const log = controlledFlusher(manual);
    log.append(4);
    expect(log.syncsStarted()).toBe(0);
    log.flusher.setPolicy(everyAppend);
    expect(log.syncsStarted()).toBe(1);
    await log.finishNextSync();
    expect(log.flusher.durableOffset).toBe(4);
    log.append(1);
    expect(log.syncsStarted()).toBe(2);
    await log.finishNextSync();
    expect(log.flusher.durableOffset).toBe(5);
  });

  it('every-append -> interval: the running sync still settles its waiters; appends then wait for the record count', async () => {
    const log = controlledFlusher(everyAppend);
    log.append(2);
    const waiting = settlements(log.flusher.waitFor(2));
    log.flusher.setPolicy({ kind: 'interval', intervalMessages: 3 });
    await log.finishNextSync();
    expect(waiting).toEqual({ resolved: 1, rejected: 0 });
    // The sync the waiter queued behind the first: it covers nothing new.
    await log.finishNextSync();
    const syncsBefore = log.syncsStarted();
    log.append(2);
    expect(log.syncsStarted()).toBe(syncsBefore);
    log.append(1);
    expect(log.syncsStarted()).toBe(syncsBefore + 1);
    expect(log.runningMax()).toBe(1);
  });

});

describe('LogFlusher interval counting and timers', () => {
  it('a new interval policy counts records from the switch, not from the last sync', () => {
    const log = controlledFlusher({ kind: 'interval', intervalMessages: 10 });
    log.append(8);
    log.flusher.setPolicy({ kind: 'interval', intervalMessages: 5 });
    log.append(3);
    expect(log.syncsStarted()).toBe(0);
    log.append(2);
    expect(log.syncsStarted()).toBe(1);
  });

  it('a sync that ends forgets none of the records appended while it ran', async () => {
    const log = controlledFlusher({ kind: 'interval', intervalMessages: 3 });
    log.append(1);
    void log.flusher.waitFor(1);
    log.append(1);
    await log.finishNextSync();
    expect(log.flusher.durableOffset).toBe(1);
    log.append(1);
    expect(log.syncsStarted()).toBe(1);
    log.append(1);
    expect(log.syncsStarted()).toBe(2);
  });

  it('a new interval timer starts at the switch; switching to every-append stops it; an equal policy changes nothing', async () => {
    vi.useFakeTimers();
    const log = controlledFlusher({ kind: 'interval', intervalMs: 100 });
    log.append(1);
    vi.advanceTimersByTime(90);
    log.flusher.setPolicy({ kind: 'interval', intervalMs: 50 });
    vi.advanceTimersByTime(40);
    expect(log.syncsStarted()).toBe(0);
    vi.advanceTimersByTime(10);
    expect(log.syncsStarted()).toBe(1);
    await log.finishNextSync();
    log.append(1);
    vi.advanceTimersByTime(30);
    log.flusher.setPolicy({ kind: 'interval', intervalMs: 50 });
    vi.advanceTimersByTime(20);
    expect(log.syncsStarted()).toBe(2);
    log.flusher.setPolicy(everyAppend);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('caps a timer longer than Node can hold instead of letting Node run it every millisecond', async () => {
    const log = controlledFlusher({ kind: 'interval', intervalMs: Number.MAX_SAFE_INTEGER });
    log.append(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(log.syncsStarted()).toBe(0);
    log.flusher.close();
  });

  it('refuses a new policy after close', () => {
    const log = controlledFlusher(manual);
    log.flusher.close();
    expect(() => log.flusher.setPolicy(everyAppend)).toThrow(/after close/);
  });
});

describe('LogFlusher.waitFor', () => {
  it('needs no second sync for offsets the running one covers, and asks for one past them', async () => {
    const c = controlledFlusher(everyAppend);
    c.append(3); // every-append: the append starts a sync covering [0, 3)
    expect(c.syncsStarted()).toBe(1);
    const within = settlements(c.flusher.waitFor(3));
    await c.finishNextSync();
    expect(within.resolved).toBe(1);
    expect(c.syncsStarted()).toBe(1);

    const m = controlledFlusher(manual);
    m.append(2);
    const first = settlements(m.flusher.waitFor(2)); // starts a sync covering [0, 2)
    m.append(2);
    const past = settlements(m.flusher.waitFor(4)); // past it: one more sync, queued
    await m.finishNextSync();
    expect([first.resolved, past.resolved]).toEqual([1, 0]);
    await m.finishNextSync();
    expect([first.resolved, past.resolved, m.syncsStarted(), m.runningMax()]).toEqual([1, 1, 2, 1]);
  });
});
