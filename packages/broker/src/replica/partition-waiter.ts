// The long-poll wait of one Fetch or ReplicaFetch: woken when any partition it reads changes in
// a way the reader cares about (a consumer: its high watermark; a follower: also its log end),
// when its time is up, or when the server or the caller gives up. It subscribes once for the
// whole call, before the first read, so a change between a read and the following wait is never
// missed (the wake-up is remembered until the next wait).
import type { Partition } from './partition.js';

export type PartitionEvent = 'high-watermark' | 'log-end';

export class PartitionWaiter {
  private pending = false;
  private wake: (() => void) | undefined;
  private readonly unsubscribes: Array<() => void>;

  constructor(partitions: readonly Partition[], events: readonly PartitionEvent[] = ['high-watermark']) {
    this.unsubscribes = partitions.flatMap((partition) =>
      events.map((event) => (event === 'high-watermark' ? partition.onHighWatermark(() => this.signal()) : partition.onLogEnd(() => this.signal()))),
    );
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
