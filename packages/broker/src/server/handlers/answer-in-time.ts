// CreateTopics, DeleteTopics and IncrementalAlterConfigs answer within the request's timeout_ms: when the change takes
// longer (opening or deleting many partition logs), every topic of the request gets
// REQUEST_TIMED_OUT, and the change goes on and may still take effect, as the contract says.
import { BrookError } from '@brook/protocol';
import { withTimeout } from '../with-timeout.js';

export async function answerInTime<T>(operation: Promise<T[]>, timeoutMs: number, names: readonly string[], what: 'created' | 'deleted' | 'altered'): Promise<Array<T | { name: string; error: BrookError }>> {
  const timedOut = new BrookError('REQUEST_TIMED_OUT', `not ${what} within ${timeoutMs} ms; it may still be ${what}`);
  try {
    return await withTimeout(operation, timeoutMs, () => timedOut);
  } catch (error) {
    if (error !== timedOut) throw error;
    // The operation still runs; its outcome (or failure) is no longer anyone's answer.
    operation.catch(() => undefined);
    return names.map((name) => ({ name, error: timedOut }));
  }
}
