// How the admin reports failures of some topics (or partitions) of a request. Decision: a method
// resolves only when every item succeeded; otherwise it rejects with one BrookAdminError, which
// is a BrookError (code and retriable of the first failure, so `instanceof BrookError` and
// `error.code` work for the one-topic case) and carries every failure by name plus the results
// of the items that did succeed, so a caller creating many topics loses nothing.
import { BrookError } from '@brook/protocol';

export class BrookAdminError<T = unknown> extends BrookError {
  /** Each failed item's error, keyed by topic name (or "topic/partition" for offsets). */
  readonly failures: ReadonlyMap<string, BrookError>;
  /** The results of the items that succeeded. */
  readonly succeeded: readonly T[];

  constructor(operation: string, total: number, failures: ReadonlyMap<string, BrookError>, succeeded: readonly T[]) {
    const [first] = failures.values();
    if (first === undefined) throw new TypeError('BrookAdminError needs at least one failure');
    const list = [...failures].map(([name, error]) => `${name}: ${error.code} (${error.message})`).join('; ');
    super(first.code, `${operation}: ${failures.size} of ${total} failed: ${list}`, { cause: first, retriable: first.retriable });
    this.failures = failures;
    this.succeeded = succeeded;
  }
}

/** Resolves to the results, or throws a BrookAdminError when any item failed. */
export function settleItems<T>(operation: string, total: number, failures: Map<string, BrookError>, succeeded: T[]): T[] {
  if (failures.size > 0) throw new BrookAdminError(operation, total, failures, succeeded);
  return succeeded;
}
