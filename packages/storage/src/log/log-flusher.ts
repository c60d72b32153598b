// When the log fsyncs, and who waits for it (ARCHITECTURE.md "The produce path", step 4;
// PROTOCOL-NOTES.md section 3, "Durability").
//
// 'every-append-group-commit' (the default): every append asks for a sync; concurrent requests
// share one (GroupCommit), so an acknowledged acks=all write is on disk on every ISR member and
// the cost stays near one fsync per disk rotation rather than one per append. JetStream's 2025
// Jepsen report (acknowledged writes lost to a two-minute fsync interval) is why this is the
// default.
// 'interval': Kafka's flush.ms / flush.messages; syncs run every `intervalMs` or once the log end
// is `intervalMessages` offsets past the durable offset (Kafka counts unflushed messages the same
// way, logEndOffset - recoveryPoint). Whoever explicitly waits for durability (flushedUpTo) still
// gets a sync at once under either policy: waiting for a timer that may never fire is never right.
// The policy can change while the log is open (setPolicy); every sync still goes through the one
// GroupCommit, so the bound on fsyncs in flight holds across a change.
import { StorageError } from '../errors.js';
import { GroupCommit } from './group-commit.js';

export type FlushPolicy =
  | { kind: 'every-append-group-commit' }
  | { kind: 'interval'; intervalMs?: number; intervalMessages?: number };

/**
 * Node runs a timer set longer than 2^31 - 1 ms after 1 ms instead (with a TimeoutOverflowWarning),
 * which would fsync continuously. Kafka's default flush.ms is Long.MAX_VALUE, so such values are
 * real: the timer is capped at 2^31 - 1 ms (24.8 days), as good as never for such a setting.
 */
const TIMER_DELAY_MAX_MS = 0x7fffffff;

interface Waiter {
  offset: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class LogFlusher {
  private durable: number;
  private waiters: Waiter[] = [];
  /**
   * Offsets from here count toward intervalMessages (with those above the durable offset): the
   * log end when the policy last changed, so that a count starts at the switch.
   */
  private countFromOffset: number;
  private readonly groupCommit: GroupCommit;
  private timer: ReturnType<typeof setInterval> | undefined;
  private policy: FlushPolicy;
  private closed = false;
  /** Syncs started and not yet ended. */
  private runningSyncs = 0;
  /** While syncs run: the log end when the latest of them started, which it covers at least. */
  private runningSyncCovers: number | undefined;

  /**
   * `sync` makes everything appended so far durable and returns the offset it covered; syncs that
   * run side by side (up to `maxConcurrentSyncs`) must return in the order they started.
   */
  constructor(
    policy: FlushPolicy,
    durableOffset: number,
    private readonly sync: () => Promise<number>,
    private readonly logEndOffset: () => number,
    maxConcurrentSyncs = 1,
  ) {
    this.policy = policy;
    this.durable = durableOffset;
    this.countFromOffset = durableOffset;
    this.groupCommit = new GroupCommit(() => this.syncAndSettle(), maxConcurrentSyncs);
    this.startTimer();
  }

  /** Everything below this offset is durable. */
  get durableOffset(): number {
    return this.durable;
  }

  /** The log end moved (an append was written). */
  onAppend(): void {
    if (this.policy.kind === 'every-append-group-commit') {
      // A failed sync fails the log and rejects every waiter; nobody awaits this promise.
      this.requestSync().catch(() => undefined);
      return;
    }
    const unsynced = this.logEndOffset() - Math.max(this.durable, this.countFromOffset);
    if (this.policy.intervalMessages !== undefined && unsynced >= this.policy.intervalMessages) {
      this.requestSync().catch(() => undefined);
    }
  }

  /**
   * Applies `policy` from now on (SegmentedLog.updateConfig); an equal policy changes nothing.
   * Waiters and the running or queued sync are left as they are: each waiter asked for a sync when
   * it began to wait, and a sync settles every waiter its covered offset reaches, once, whatever
   * the policy. Under 'interval' the timer and the offset count start again from now. Under
   * every-append the records appended under the old policy and not yet durable get a sync at once,
   * as if each had asked for one when it was appended.
   */
  setPolicy(policy: FlushPolicy): void {
    // Invariant: a closed flusher has no timer, and nothing may start one again.
    if (this.closed) throw new Error('LogFlusher.setPolicy after close');
    if (samePolicy(this.policy, policy)) return;
    this.stopTimer();
    this.policy = policy;
    this.countFromOffset = this.logEndOffset();
    this.startTimer();
    if (policy.kind === 'every-append-group-commit' && this.durable < this.logEndOffset()) this.requestSync().catch(() => undefined);
  }

  requestSync(): Promise<void> {
    return this.groupCommit.request();
  }

  /**
   * Resolves once every offset below `offset` is durable. A sync already running covers at least
   * the log end it started at: a waiter within that needs no further sync (a follower waits right
   * after the append that already asked for one; a second, empty sync would follow for nothing).
   */
  waitFor(offset: number): Promise<void> {
    if (offset <= this.durable) return Promise.resolve();
    const waiting = new Promise<void>((resolve, reject) => this.waiters.push({ offset, resolve, reject }));
    if (this.runningSyncCovers === undefined || offset > this.runningSyncCovers) this.requestSync().catch(() => undefined);
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
    this.countFromOffset = Math.min(this.countFromOffset, logEndOffset);
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
    this.closed = true;
    this.stopTimer();
    this.fail(new StorageError('LOG_CLOSED', 'the log closed before the awaited offsets became durable'));
  }

  private async syncAndSettle(): Promise<void> {
    let covered: number;
    // The sync covers the log end as it finds it, at or after this moment: at least this much.
    this.runningSyncs++;
    this.runningSyncCovers = this.logEndOffset();
    try {
      covered = await this.sync();
    } catch (error) {
      this.fail(error);
      throw error;
    } finally {
      if (--this.runningSyncs === 0) this.runningSyncCovers = undefined;
    }
    this.durable = Math.max(this.durable, covered);
    const ready = this.waiters.filter((waiter) => waiter.offset <= this.durable);
    this.waiters = this.waiters.filter((waiter) => waiter.offset > this.durable);
    for (const waiter of ready) waiter.resolve();
  }

  private startTimer(): void {
    if (this.policy.kind !== 'interval' || this.policy.intervalMs === undefined) return;
    this.timer = setInterval(() => {
      if (this.durable < this.logEndOffset()) this.requestSync().catch(() => undefined);
    }, Math.min(this.policy.intervalMs, TIMER_DELAY_MAX_MS));
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private rejectWaiters(which: (waiter: Waiter) => boolean, error: () => unknown): void {
    const rejected = this.waiters.filter(which);
    this.waiters = this.waiters.filter((waiter) => !which(waiter));
    for (const waiter of rejected) waiter.reject(error());
  }
}

function samePolicy(a: FlushPolicy, b: FlushPolicy): boolean {
  if (a.kind === 'every-append-group-commit' || b.kind === 'every-append-group-commit') return a.kind === b.kind;
  return a.intervalMs === b.intervalMs && a.intervalMessages === b.intervalMessages;
}
