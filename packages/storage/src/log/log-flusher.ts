// When the log fsyncs, and who waits for it (ARCHITECTURE.md "The produce path", step 4;
// PROTOCOL-NOTES.md section 3, "Durability").
//
// 'every-append-group-commit' (the default): every append asks for a sync; concurrent requests
// share one (GroupCommit), so an acknowledged acks=all write is on disk on every ISR member and
// the cost stays near one fsync per disk rotation rather than one per append. JetStream's 2025
// Jepsen report (acknowledged writes lost to a two-minute fsync interval) is why this is the
// default.
// 'interval': Kafka's flush.ms / flush.messages; syncs run every `intervalMs` or after
// `intervalMessages` records. Whoever explicitly waits for durability (flushedUpTo) still gets a
// sync at once under either policy: waiting for a timer that may never fire is never right.
import { StorageError } from '../errors.js';
import { GroupCommit } from './group-commit.js';

export type FlushPolicy =
  | { kind: 'every-append-group-commit' }
  | { kind: 'interval'; intervalMs?: number; intervalMessages?: number };

interface Waiter {
  offset: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class LogFlusher {
  private durable: number;
  private waiters: Waiter[] = [];
  private messagesSinceSync = 0;
  private readonly groupCommit: GroupCommit;
  private timer: ReturnType<typeof setInterval> | undefined;

  /** `sync` makes everything appended so far durable and returns the offset it covered. */
  constructor(
    private readonly policy: FlushPolicy,
    durableOffset: number,
    private readonly sync: () => Promise<number>,
    private readonly logEndOffset: () => number,
  ) {
    this.durable = durableOffset;
    this.groupCommit = new GroupCommit(() => this.syncAndSettle());
    if (policy.kind === 'interval' && policy.intervalMs !== undefined) {
      this.timer = setInterval(() => {
        if (this.durable < this.logEndOffset()) this.requestSync().catch(() => undefined);
      }, policy.intervalMs);
      this.timer.unref();
    }
  }

  /** Everything below this offset is durable. */
  get durableOffset(): number {
    return this.durable;
  }

  onAppend(recordCount: number): void {
    if (this.policy.kind === 'every-append-group-commit') {
      // A failed sync fails the log and rejects every waiter; nobody awaits this promise.
      this.requestSync().catch(() => undefined);
      return;
    }
    this.messagesSinceSync += recordCount;
    if (this.policy.intervalMessages !== undefined && this.messagesSinceSync >= this.policy.intervalMessages) {
      this.requestSync().catch(() => undefined);
    }
  }

  requestSync(): Promise<void> {
    return this.groupCommit.request();
  }

  /** Resolves once every offset below `offset` is durable. */
  waitFor(offset: number): Promise<void> {
    if (offset <= this.durable) return Promise.resolve();
    const waiting = new Promise<void>((resolve, reject) => this.waiters.push({ offset, resolve, reject }));
    this.requestSync().catch(() => undefined);
    return waiting;
  }

  idle(): Promise<void> {
    return this.groupCommit.idle();
  }

  /**
   * The log was cut back to `logEndOffset`: durability cannot be above it, and waiters for
   * offsets past it will never see the bytes they waited for.
   */
  truncatedTo(logEndOffset: number): void {
    this.durable = Math.min(this.durable, logEndOffset);
    this.rejectWaiters((waiter) => waiter.offset > logEndOffset, () => new StorageError('OFFSET_OUT_OF_RANGE', `the log was truncated to ${logEndOffset} before the awaited offsets became durable`));
  }

  /** The log restarted empty at `offset` (truncateFullyAndStartAt): it is durable there. */
  restartAt(offset: number): void {
    this.truncatedTo(offset);
    this.durable = offset;
  }

  fail(error: unknown): void {
    this.rejectWaiters(() => true, () => error);
  }

  close(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.fail(new StorageError('LOG_CLOSED', 'the log closed before the awaited offsets became durable'));
  }

  private async syncAndSettle(): Promise<void> {
    let covered: number;
    try {
      covered = await this.sync();
    } catch (error) {
      this.fail(error);
      throw error;
    }
    this.messagesSinceSync = 0;
    this.durable = Math.max(this.durable, covered);
    const ready = this.waiters.filter((waiter) => waiter.offset <= this.durable);
    this.waiters = this.waiters.filter((waiter) => waiter.offset > this.durable);
    for (const waiter of ready) waiter.resolve();
  }

  private rejectWaiters(which: (waiter: Waiter) => boolean, error: () => unknown): void {
    const rejected = this.waiters.filter(which);
    this.waiters = this.waiters.filter((waiter) => !which(waiter));
    for (const waiter of rejected) waiter.reject(error());
  }
}
