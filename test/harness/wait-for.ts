// Bounded polling for black-box tests: ask again until the answer is there or the time is up.
export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}

export interface WaitForOptions {
  /** What is awaited, for the timeout's message. */
  what?: string;
  /** Pause between attempts; default 25 ms. */
  intervalMs?: number;
}

type Answer<T> = T | undefined | null | false;

/**
 * Calls `predicate` until it returns a value other than undefined, null or false, and resolves
 * with that value; a predicate that throws counts as "not yet". Rejects with WaitTimeoutError
 * (naming `what`, the last value or error) once `timeoutMs` has passed; an attempt still running
 * then is not waited for.
 */
export async function waitFor<T>(predicate: () => Answer<T> | Promise<Answer<T>>, timeoutMs: number, options: WaitForOptions = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'no attempt finished';
  for (let attempt = 1; ; attempt++) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<typeof expiredMark>((resolve) => {
      timer = setTimeout(() => resolve(expiredMark), Math.max(0, deadline - Date.now()));
    });
    try {
      const answer = await Promise.race([Promise.resolve().then(predicate), expired]);
      if (answer !== expiredMark) {
        if (answer !== undefined && answer !== null && answer !== false) return answer as T;
        last = answer;
      }
    } catch (error) {
      last = error;
    } finally {
      clearTimeout(timer);
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? `${last.name}: ${last.message}` : JSON.stringify(last);
      throw new WaitTimeoutError(`${options.what ?? 'condition'} not reached within ${timeoutMs} ms (${attempt} attempts; last: ${detail})`);
    }
    await sleep(Math.min(options.intervalMs ?? 25, Math.max(0, deadline - Date.now())));
  }
}

const expiredMark = Symbol('expired');

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
