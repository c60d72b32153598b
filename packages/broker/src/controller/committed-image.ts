// The latest committed MetadataImage on this node, the MetadataSource side of the controller:
// listeners called with (image, previous) after every applied batch, in offset order, and
// waiters for an offset. Only the Raft apply path (and snapshot restore) moves it forward.
import { BrookError } from '@brook/protocol';
import { EMPTY_IMAGE } from '@brook/controller';
import type { MetadataImage } from '@brook/controller';
import type { ImageListener } from '../cluster/metadata-source.js';
import type { Logger } from '../logging/logger.js';

interface OffsetWaiter {
  readonly offset: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class CommittedImage {
  private current: MetadataImage = EMPTY_IMAGE;
  private readonly listeners = new Set<ImageListener>();
  private readonly waiters = new Set<OffsetWaiter>();
  private closed = false;

  constructor(private readonly logger: Logger) {}

  image(): MetadataImage {
    return this.current;
  }

  onImage(listener: ImageListener): () => void {
    // A wrapper, so subscribing the same function twice gives two independent subscriptions.
    const subscription: ImageListener = (image, previous) => listener(image, previous);
    this.listeners.add(subscription);
    return () => this.listeners.delete(subscription);
  }

  /** Moves to `next` and tells every listener, then every waiter it satisfies. */
  advance(next: MetadataImage): void {
    const previous = this.current;
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener(next, previous);
      } catch (error) {
        // A listener's bug must not stop the metadata log (the Raft driver stops on an apply
        // error): log it loudly and carry on with the next listener.
        this.logger.error({ err: error, offset: next.offset }, 'metadata image listener failed');
      }
    }
    for (const waiter of [...this.waiters]) {
      if (next.offset >= waiter.offset) this.settle(waiter, undefined);
    }
  }

  waitForOffset(offset: number, timeoutMs: number): Promise<void> {
    if (this.current.offset >= offset) return Promise.resolve();
    if (this.closed) return Promise.reject(new BrookError('REQUEST_TIMED_OUT', 'the controller is closed'));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(waiter, new BrookError('REQUEST_TIMED_OUT', `metadata offset ${offset} not reached in ${timeoutMs} ms (at ${this.current.offset})`));
      }, Math.max(0, timeoutMs));
      const waiter: OffsetWaiter = { offset, resolve, reject, timer };
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) this.settle(waiter, new BrookError('REQUEST_TIMED_OUT', 'the controller closed before the metadata offset was reached'));
    this.listeners.clear();
  }

  private settle(waiter: OffsetWaiter, error: Error | undefined): void {
    if (!this.waiters.delete(waiter)) return;
    clearTimeout(waiter.timer);
    if (error === undefined) waiter.resolve();
    else waiter.reject(error);
  }
}
