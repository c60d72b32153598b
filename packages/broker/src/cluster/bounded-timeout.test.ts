// Waits bounded by callers: Infinity sets no timer, a bound past Node's limit is clamped rather
// than firing at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { boundedTimeout } from './bounded-timeout.js';

describe('boundedTimeout', () => {
  afterEach(() => vi.useRealTimers());

  it('sets no timer for an endless wait, and clamps a huge one', () => {
    vi.useFakeTimers();
    const fired: string[] = [];
    expect(boundedTimeout(Number.POSITIVE_INFINITY, () => fired.push('infinite'))).toBeUndefined();
    const huge = boundedTimeout(2 ** 40, () => fired.push('huge'));
    const short = boundedTimeout(10, () => fired.push('short'));
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual(['short']);
    vi.advanceTimersByTime(0x7fffffff);
    expect(fired).toEqual(['short', 'huge']);
    clearTimeout(huge);
    clearTimeout(short);
  });
});
