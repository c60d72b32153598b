// DelayedProduceQueue: waiters complete in offset order when the high watermark passes them, in
// arrival order among equals; a deadline answers REQUEST_TIMED_OUT, or
// NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR is below min.insync.replicas; failAll answers
// everything. A seeded property checks against a plain model that every waiter is answered
// exactly once and never acknowledged before the HW reached it. SEED=<n> reproduces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelayedProduceQueue } from './delayed-produce.js';

const SEED = Number(process.env.SEED ?? 20_261_123);

describe('DelayedProduceQueue', () => {
  it('acknowledges the prefix the high watermark passed, in offset then arrival order', () => {
    const queue = new DelayedProduceQueue<string>();
    queue.add('c', 30, 9_000);
    queue.add('a', 10, 9_000);
    queue.add('b1', 20, 9_000);
    queue.add('b2', 20, 9_000);
    expect(queue.settle(19, 1_000, true)).toEqual([{ token: 'a' }]);
    expect(queue.settle(20, 1_000, true)).toEqual([{ token: 'b1' }, { token: 'b2' }]);
    expect(queue.size).toBe(1);
  });

  it('answers NOT_ENOUGH_REPLICAS_AFTER_APPEND for a reached offset once the ISR is below min', () => {
    const queue = new DelayedProduceQueue<number>();
    queue.add(1, 10, 5_000);
    expect(queue.settle(10, 1_000, false)).toEqual([{ token: 1, error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' }]);
  });

  it('times waiters out at their deadline, saying why when the ISR is short', () => {
    const queue = new DelayedProduceQueue<number>();
    queue.add(1, 10, 5_000);
    queue.add(2, 20, 6_000);
    queue.add(3, 30, 7_000);
    expect(queue.nextDeadlineMs()).toBe(5_000);
    expect(queue.settle(0, 4_999, true)).toEqual([]);
    expect(queue.settle(0, 5_000, true)).toEqual([{ token: 1, error: 'REQUEST_TIMED_OUT' }]);
    expect(queue.settle(0, 6_000, false)).toEqual([{ token: 2, error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' }]);
    expect(queue.failAll()).toEqual([{ token: 3, error: 'NOT_LEADER_OR_FOLLOWER' }]);
    expect(queue.nextDeadlineMs()).toBeUndefined();
  });

  it(`answers every waiter exactly once and never early (SEED=${SEED})`, () => {
    const event = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), offset: fc.integer({ min: 1, max: 60 }), waitMs: fc.integer({ min: 0, max: 500 }) }),
      fc.record({ kind: fc.constant('settle' as const), hwStep: fc.integer({ min: 0, max: 10 }), elapsedMs: fc.integer({ min: 0, max: 200 }), enough: fc.boolean() }),
    );
    fc.assert(fc.property(fc.array(event, { maxLength: 80 }), (events) => {
      const queue = new DelayedProduceQueue<number>();
      const waiting = new Map<number, { offset: number; deadlineMs: number }>();
      const answered = new Set<number>();
      let highWatermark = 0;
      let nowMs = 0;
      let next = 0;
      for (const e of events) {
        if (e.kind === 'add') {
          queue.add(next, highWatermark + e.offset, nowMs + e.waitMs);
          waiting.set(next, { offset: highWatermark + e.offset, deadlineMs: nowMs + e.waitMs });
          next += 1;
          continue;
        }
        highWatermark += e.hwStep;
        nowMs += e.elapsedMs;
        for (const completion of queue.settle(highWatermark, nowMs, e.enough)) {
          const waiter = waiting.get(completion.token);
          expect(waiter).toBeDefined();
          expect(answered.has(completion.token)).toBe(false);
          answered.add(completion.token);
          if (completion.error === undefined) expect(waiter?.offset).toBeLessThanOrEqual(highWatermark);
          else expect(waiter !== undefined && (waiter.deadlineMs <= nowMs || !e.enough)).toBe(true);
        }
        for (const [token, waiter] of waiting) {
          if (!answered.has(token)) expect(waiter.offset > highWatermark && waiter.deadlineMs > nowMs).toBe(true);
        }
      }
      expect(queue.size + answered.size).toBe(next);
    }), { seed: SEED, numRuns: 500 });
  });
});
