// The acks=all produces waiting on one partition's high watermark: DelayedProduceQueue's
// bookkeeping (replication/delayed-produce.ts) with a timer per waiter for its deadline and the
// BrookError each outcome is answered with.
import { BrookError } from '@brook/protocol';
import { DelayedProduceQueue, type DelayedProduceError } from '../replication/delayed-produce.js';

interface ProduceWaiter {
  resolve: () => void;
  reject: (error: BrookError) => void;
}

export class ProduceWaiters {
  private readonly queue = new DelayedProduceQueue<ProduceWaiter>();

  /** `name` is the partition's, for error messages; `onDeadline` settles the queue when a timer fires. */
  constructor(
    private readonly name: string,
    private readonly onDeadline: () => void,
  ) {}

  get size(): number {
    return this.queue.size;
  }

  /** Resolves once settle() finds the high watermark at `requiredOffset`; rejects per settle() or failAll(). */
  wait(requiredOffset: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(this.onDeadline, timeoutMs + 1);
      const finish: ProduceWaiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.queue.add(finish, requiredOffset, Date.now() + timeoutMs);
    });
  }

  settle(highWatermark: number, nowMs: number, enoughReplicas: boolean): void {
    if (this.queue.size === 0) return;
    for (const done of this.queue.settle(highWatermark, nowMs, enoughReplicas)) {
      if (done.error === undefined) done.token.resolve();
      else done.token.reject(this.errorFor(done.error));
    }
  }

  failAll(code: DelayedProduceError): void {
    for (const done of this.queue.failAll(code)) done.token.reject(this.errorFor(code));
  }

  private errorFor(code: DelayedProduceError): BrookError {
    switch (code) {
      case 'NOT_ENOUGH_REPLICAS_AFTER_APPEND':
        return new BrookError(code, `${this.name}: the in-sync replicas fell below min.insync.replicas before the batch was replicated; it stays in the log`);
      case 'REQUEST_TIMED_OUT':
        return new BrookError(code, `${this.name}: the batch was not replicated to every in-sync replica in time; it may still be`);
      case 'NOT_LEADER_OR_FOLLOWER':
        return new BrookError(code, `${this.name}: leadership moved before the batch was replicated`);
    }
  }
}
