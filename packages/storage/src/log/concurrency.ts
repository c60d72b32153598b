// Two small coordination tools for the SegmentedLog. A Mutex orders the operations that change
// the log's end (appends, rolls, truncation): offsets are assigned in that order. A ReadWriteGate
// lets reads and fsyncs run beside appends but keeps them away from operations that cut or delete
// files (truncation, retention, close), which wait for them and hold new ones back.

export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(operation);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

export class ReadWriteGate {
  private sharedCount = 0;
  private exclusiveTail: Promise<void> = Promise.resolve();
  private exclusiveActive = false;
  private drained: (() => void) | undefined;

  async shared<T>(operation: () => Promise<T>): Promise<T> {
    while (this.exclusiveActive) await this.exclusiveTail;
    this.sharedCount++;
    try {
      return await operation();
    } finally {
      this.sharedCount--;
      if (this.sharedCount === 0) this.drained?.();
    }
  }

  exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.exclusiveTail.then(async () => {
      this.exclusiveActive = true;
      try {
        while (this.sharedCount > 0) await new Promise<void>((resolve) => (this.drained = resolve));
        this.drained = undefined;
        return await operation();
      } finally {
        this.exclusiveActive = false;
      }
    });
    this.exclusiveTail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
