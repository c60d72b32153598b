// Who a Partition wakes, and when: long polls on its high watermark (consumer fetches) and on its
// log end (replica fetches), and callers waiting for it to take a role (waitForLeadership). Each
// subscription returns its unsubscribe function; close wakes everyone once and forgets them.
import type { PartitionListener } from './partition-types.js';

export type PartitionSignal = 'high-watermark' | 'log-end' | 'role';

export class PartitionSignals {
  private readonly listeners: Record<PartitionSignal, Set<PartitionListener>> = {
    'high-watermark': new Set(),
    'log-end': new Set(),
    role: new Set(),
  };

  on(signal: PartitionSignal, listener: PartitionListener): () => void {
    this.listeners[signal].add(listener);
    return () => this.listeners[signal].delete(listener);
  }

  notify(signal: PartitionSignal): void {
    for (const listener of [...this.listeners[signal]]) listener();
  }

  /** Wakes every listener once (waiters answer with what they have) and forgets them all. */
  closeAll(): void {
    for (const signal of ['high-watermark', 'log-end', 'role'] as const) {
      this.notify(signal);
      this.listeners[signal].clear();
    }
  }
}
