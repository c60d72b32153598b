// The retry policy: the backoff grows exponentially with bounded jitter and a cap; withRetry
// retries retriable BrookErrors only, and stops at the retry count and at the total deadline.
import { BrookError } from '@brook/protocol';
import { describe, expect, it } from 'vitest';
import { backoffMs, withRetry } from './retry.js';

const options = { retries: 5, initialBackoffMs: 100, maxBackoffMs: 1000, totalTimeoutMs: 30_000 };

describe('backoffMs', () => {
  it('doubles from the initial backoff within +-20% jitter, capped at the maximum', () => {
    expect(backoffMs(0, options, () => 0)).toBe(80);
    expect(backoffMs(0, options, () => 0.5)).toBe(100);
    expect(backoffMs(0, options, () => 0.999999)).toBe(120);
    expect(backoffMs(2, options, () => 0.5)).toBe(400);
    expect(backoffMs(10, options, () => 0.999999)).toBe(1000);
    expect(backoffMs(10, options, () => 0)).toBe(800);
  });
});

describe('withRetry', () => {
  const fast = { ...options, initialBackoffMs: 1, maxBackoffMs: 2 };

  it('retries retriable errors until the operation succeeds', async () => {
    let attempts = 0;
    const seen: string[] = [];
    const result = await withRetry(
      async () => {
        attempts++;
        if (attempts < 3) throw new BrookError('NOT_LEADER_OR_FOLLOWER');
        return 'ok';
      },
      fast,
      { onRetriableError: (error) => void seen.push(error.code) },
    );
    expect(result).toBe('ok');
    expect(seen).toEqual(['NOT_LEADER_OR_FOLLOWER', 'NOT_LEADER_OR_FOLLOWER']);
  });

  it('never retries a non-retriable BrookError or a non-Brook error', async () => {
    let attempts = 0;
    await expect(withRetry(async () => { attempts++; throw new BrookError('MESSAGE_TOO_LARGE'); }, fast)).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    await expect(withRetry(async () => { attempts++; throw new TypeError('bug'); }, fast)).rejects.toThrow(TypeError);
    expect(attempts).toBe(2);
  });

  it('stops after `retries` retries with the last error', async () => {
    let attempts = 0;
    await expect(withRetry(async () => { attempts++; throw new BrookError('REQUEST_TIMED_OUT', `attempt ${attempts}`); }, { ...fast, retries: 3 })).rejects.toThrow('attempt 4');
    expect(attempts).toBe(4);
  });

  it('stops when the next backoff would pass the total deadline', async () => {
    let attempts = 0;
    const started = Date.now();
    const slow = { retries: 100, initialBackoffMs: 40, maxBackoffMs: 40, totalTimeoutMs: 100 };
    await expect(withRetry(async () => { attempts++; throw new BrookError('NETWORK_EXCEPTION'); }, slow)).rejects.toMatchObject({ code: 'NETWORK_EXCEPTION' });
    expect(attempts).toBeLessThanOrEqual(4);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
