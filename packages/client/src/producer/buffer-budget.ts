// Backpressure: the bytes of records accepted by `send` and not yet acknowledged (or failed) are
// bounded. A send that would pass the bound waits, first come first served, until acknowledgements
// release enough; memory stays bounded however fast the caller sends. A record larger than the
// whole budget is admitted alone when nothing else is buffered, so it cannot wait forever (the
// producer refuses records past the budget before they get here).

interface Waiter {
  readonly bytes: number;
  readonly resolve: () => void;
}

export class BufferBudget {
  private usedBytes = 0;
  private readonly waiters: Waiter[] = [];

  /** `onWait` runs when a send starts waiting: the sender then ships batches without lingering. */
  constructor(
    readonly maxBytes: number,
    private readonly onWait: () => void,
  ) {}

  get used(): number {
    return this.usedBytes;
  }

  /** True while some send waits for room. */
  get exhausted(): boolean {
    return this.waiters.length > 0;
  }

  /** Resolves once `bytes` are reserved. */
  reserve(bytes: number): Promise<void> | undefined {
    if (this.waiters.length === 0 && this.fits(bytes)) {
      this.usedBytes += bytes;
      return undefined;
    }
    const wait = new Promise<void>((resolve) => this.waiters.push({ bytes, resolve }));
    this.onWait();
    return wait;
  }

  release(bytes: number): void {
    this.usedBytes -= bytes;
    // Invariant: only reserved bytes are released.
    if (this.usedBytes < 0) throw new Error(`BufferBudget: released more than reserved (${this.usedBytes})`);
    while (this.waiters.length > 0 && this.fits(this.waiters[0]!.bytes)) {
      const waiter = this.waiters.shift()!;
      this.usedBytes += waiter.bytes;
      waiter.resolve();
    }
  }

  private fits(bytes: number): boolean {
    return this.usedBytes === 0 || this.usedBytes + bytes <= this.maxBytes;
  }
}
