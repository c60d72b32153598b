// Bookkeeping for acks=all produce requests waiting on one partition's high watermark (Kafka's
// DelayedProduce in the produce purgatory, for one partition). Pure: the broker adds a waiter
// after the append, then asks `settle(highWatermark, nowMs, enoughReplicas)` whenever the high
// watermark may have moved and when the earliest deadline passes (`nextDeadlineMs`), and answers
// what comes back. Waiters are kept sorted by the offset they wait for, so the ones a new high
// watermark completes are a prefix.
//
// Answers, as Kafka's Partition.checkEnoughReplicasReachOffset gives them:
// - the high watermark passed the batch: acknowledged, or NOT_ENOUGH_REPLICAS_AFTER_APPEND when
//   the ISR has meanwhile fallen below min.insync.replicas;
// - the deadline passed first: NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR is below
//   min.insync.replicas (that is why the frozen high watermark never got there; Kafka says
//   REQUEST_TIMED_OUT here), REQUEST_TIMED_OUT otherwise. The batch stays in the log either way.
// - leadership moved: NOT_LEADER_OR_FOLLOWER for all (`failAll`).

export type DelayedProduceError = 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' | 'REQUEST_TIMED_OUT' | 'NOT_LEADER_OR_FOLLOWER';

export interface DelayedProduceWaiter<T> {
  token: T;
  /** The batch's last offset + 1: done once the high watermark reaches it. */
  requiredOffset: number;
  deadlineMs: number;
}

export interface DelayedProduceCompletion<T> {
  token: T;
  /** Absent when the batch is acknowledged. */
  error?: DelayedProduceError;
}

export class DelayedProduceQueue<T> {
  private waiters: DelayedProduceWaiter<T>[] = [];

  get size(): number {
    return this.waiters.length;
  }

  /** Adds a waiter, after any waiting for the same offset (answers keep the order of arrival). */
  add(token: T, requiredOffset: number, deadlineMs: number): void {
    const index = this.firstIndexAbove(requiredOffset);
    this.waiters.splice(index, 0, { token, requiredOffset, deadlineMs });
  }

  /** The earliest deadline of a waiter, for the broker's one timer; undefined when empty. */
  nextDeadlineMs(): number | undefined {
    let earliest: number | undefined;
    for (const waiter of this.waiters) if (earliest === undefined || waiter.deadlineMs < earliest) earliest = waiter.deadlineMs;
    return earliest;
  }

  /** Removes and returns every waiter the high watermark completes or whose deadline passed. */
  settle(highWatermark: number, nowMs: number, enoughReplicas: boolean): DelayedProduceCompletion<T>[] {
    const reached = this.firstIndexAbove(highWatermark);
    const completed: DelayedProduceCompletion<T>[] = this.waiters
      .slice(0, reached)
      .map((waiter) => (enoughReplicas ? { token: waiter.token } : { token: waiter.token, error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' }));
    const waiting = this.waiters.slice(reached);
    const timedOutError: DelayedProduceError = enoughReplicas ? 'REQUEST_TIMED_OUT' : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';
    for (const waiter of waiting) if (waiter.deadlineMs <= nowMs) completed.push({ token: waiter.token, error: timedOutError });
    this.waiters = waiting.filter((waiter) => waiter.deadlineMs > nowMs);
    return completed;
  }

  /** Removes and answers every waiter with `error` (leadership lost, partition closed). */
  failAll(error: DelayedProduceError = 'NOT_LEADER_OR_FOLLOWER'): DelayedProduceCompletion<T>[] {
    const all = this.waiters.map((waiter) => ({ token: waiter.token, error }));
    this.waiters = [];
    return all;
  }

  /** The index of the first waiter whose requiredOffset is above `offset` (binary search). */
  private firstIndexAbove(offset: number): number {
    let low = 0;
    let high = this.waiters.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.waiters[middle]?.requiredOffset ?? Number.POSITIVE_INFINITY) <= offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
