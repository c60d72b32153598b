// The long-poll wait of one Fetch: woken when the high watermark of any partition it reads may
// have moved, when its time is up, or when the server or the caller gives up. It subscribes
// once for the whole call, before the first read, so a move between a read and the following
// wait is never missed (the wake-up is remembered until the next wait).
import type { Partition } from '../replica/partition.js';

export class HighWatermarkWaiter {
  private pending = false;
  private wake: (() => void) | undefined;
  private readonly unsubscribes: Array<() => void>;

  constructor(partitions: readonly Partition[]) {
    this.unsubscribes = partitions.map((partition) => partition.onHighWatermark(() => this.signal()));
  }

  /** Forgets wake-ups seen so far: call just before reading. */
  reset(): void {
    this.pending = false;
  }

  /** Resolves on the next wake-up (or at once if one came since reset), after `timeoutMs`, or on abort. */
  wait(timeoutMs: number, signals: readonly AbortSignal[]): Promise<void> {
    if (this.pending || signals.some((signal) => signal.aborted)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        for (const signal of signals) signal.removeEventListener('abort', finish);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(finish, Math.max(0, timeoutMs));
      for (const signal of signals) signal.addEventListener('abort', finish, { once: true });
      this.wake = finish;
    });
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.wake?.();
  }

  private signal(): void {
    this.pending = true;
    this.wake?.();
  }
}
