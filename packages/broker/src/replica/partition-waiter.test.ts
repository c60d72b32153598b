// PartitionWaiter: a wake-up before the wait is not lost, reset forgets it, only the events asked
// for wake it, and dispose unsubscribes.
import { describe, expect, it } from 'vitest';
import { PartitionSignals } from './partition-signals.js';
import type { Partition } from './partition.js';
import { PartitionWaiter } from './partition-waiter.js';

/** The part of a Partition a waiter subscribes to, over real PartitionSignals. */
function fakePartition(name: string): { partition: Partition; signals: PartitionSignals } {
  const signals = new PartitionSignals();
  const partition = { name, onLogEnd: (listener: () => void) => signals.on('log-end', listener), onHighWatermark: (listener: () => void) => signals.on('high-watermark', listener) };
  return { partition: partition as unknown as Partition, signals };
}

describe('PartitionWaiter', () => {
  it('remembers a wake-up until the next wait, forgets it on reset, and stops listening on dispose', async () => {
    const a = fakePartition('a');
    const b = fakePartition('b');
    const waiter = new PartitionWaiter([a.partition, b.partition], ['log-end']);
    b.signals.notify('log-end');
    // Woken before the wait: it resolves at once.
    await waiter.wait(10_000, []);
    waiter.reset();
    expect(await settlesWithin(waiter.wait(50, []), 10)).toBe(false);
    const waiting = waiter.wait(10_000, []);
    a.signals.notify('high-watermark'); // not an event this waiter listens to
    expect(await settlesWithin(waiting, 20)).toBe(false);
    a.signals.notify('log-end');
    expect(await settlesWithin(waiting, 1_000)).toBe(true);
    waiter.reset();
    waiter.dispose();
    a.signals.notify('log-end');
    expect(await settlesWithin(waiter.wait(50, []), 10)).toBe(false);
  });

  it('resolves at its timeout or abort when nothing signals', async () => {
    const a = fakePartition('a');
    const waiter = new PartitionWaiter([a.partition]);
    const started = Date.now();
    await waiter.wait(20, []);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    const abort = new AbortController();
    const waiting = waiter.wait(10_000, [abort.signal]);
    abort.abort();
    await waiting;
    waiter.dispose();
  });
});

/** Whether `promise` settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
