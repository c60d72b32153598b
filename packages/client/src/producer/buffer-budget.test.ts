// The producer's buffer budget on its own: reservations within the bound pass at once, a
// reservation past it waits, waiters are served first come first served as bytes are released,
// a later small reservation does not overtake an earlier waiting one, and a reservation larger
// than the whole budget is admitted alone once the budget is empty.
import { describe, expect, it } from 'vitest';
import { BufferBudget } from './buffer-budget.js';

describe('BufferBudget', () => {
  it('admits within the bound at once and makes the next reservation wait', async () => {
    let waits = 0;
    const budget = new BufferBudget(100, () => waits++);
    expect(budget.reserve(60)).toBeUndefined();
    expect(budget.reserve(40)).toBeUndefined();
    const blocked = budget.reserve(1);
    expect(blocked).toBeInstanceOf(Promise);
    expect(budget.exhausted).toBe(true);
    expect(waits).toBe(1);
    budget.release(40);
    await blocked;
    expect(budget.used).toBe(61);
    expect(budget.exhausted).toBe(false);
  });

  it('serves waiters in order: a small later reservation waits behind a large earlier one', async () => {
    const budget = new BufferBudget(100, () => undefined);
    budget.reserve(90);
    const order: string[] = [];
    const large = budget.reserve(50)!.then(() => order.push('large'));
    const small = budget.reserve(5)!.then(() => order.push('small'));
    // 10 bytes are free: enough for the small one, but it must not overtake the large one.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual([]);
    budget.release(90);
    await Promise.all([large, small]);
    expect(order).toEqual(['large', 'small']);
    expect(budget.used).toBe(55);
  });

  it('admits a reservation larger than the budget only when nothing else is reserved', async () => {
    const budget = new BufferBudget(100, () => undefined);
    budget.reserve(10);
    const huge = budget.reserve(500);
    expect(huge).toBeInstanceOf(Promise);
    budget.release(10);
    await huge;
    expect(budget.used).toBe(500);
    expect(() => budget.release(501)).toThrow('released more than reserved');
  });
});
