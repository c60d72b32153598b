// Retries with exponential backoff and jitter, for retriable BrookErrors only (the table's flag
// decides, never the gRPC status: protocol README, "Errors"). Bounded twice: by a number of
// retries and by a total deadline, so a dead cluster fails a call in bounded time whatever the
// per-attempt timeouts are. The backoff is Kafka's (KIP-580): initial * 2^attempt, capped, with
// +-20% jitter so that many clients that failed together do not retry together.
import { isBrookError } from '@brook/protocol';
import type { BrookError } from '@brook/protocol';

export interface RetryOptions {
  /** Attempts after the first. Default 5. */
  readonly retries: number;
  /** The first backoff, in ms. Default 100 (Kafka's retry.backoff.ms). */
  readonly initialBackoffMs: number;
  /** The largest backoff, in ms. Default 1000 (Kafka's retry.backoff.max.ms). */
  readonly maxBackoffMs: number;
  /** No retry starts later than this many ms after the first attempt. Default 30000. */
  readonly totalTimeoutMs: number;
}

export const RETRY_DEFAULTS: RetryOptions = { retries: 5, initialBackoffMs: 100, maxBackoffMs: 1000, totalTimeoutMs: 30_000 };

const JITTER = 0.2;

/** The wait before retry number `attempt` (0 for the first retry), in ms. */
export function backoffMs(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  const exponential = options.initialBackoffMs * 2 ** Math.min(attempt, 30);
  const capped = Math.min(exponential, options.maxBackoffMs);
  const jittered = capped * (1 - JITTER + 2 * JITTER * random());
  return Math.max(0, Math.min(Math.round(jittered), options.maxBackoffMs));
}

export interface RetryHooks {
  /** Called with each retriable error before its backoff (e.g. to refresh metadata). */
  readonly onRetriableError?: (error: BrookError, attempt: number) => void | Promise<void>;
  /** Stops retrying (the last error is thrown) once aborted. */
  readonly signal?: AbortSignal;
}

/**
 * Runs `operation` until it succeeds, fails with an error that is not a retriable BrookError, or
 * the retries or the total deadline are used up; then throws the last error.
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions, hooks: RetryHooks = {}): Promise<T> {
  const deadline = Date.now() + options.totalTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isBrookError(error) || !error.retriable || attempt >= options.retries) throw error;
      const wait = backoffMs(attempt, options);
      if (Date.now() + wait > deadline || hooks.signal?.aborted === true) throw error;
      await hooks.onRetriableError?.(error, attempt);
      await sleep(wait, hooks.signal);
    }
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
