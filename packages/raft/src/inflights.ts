// Flow control for one follower: the append messages sent in replicate state and not yet
// acknowledged, bounded by count and by bytes (etcd's Inflights, generalised to bytes).

export class Inflights {
  readonly countMax: number;
  readonly bytesMax: number;
  /** Last index carried by each in-flight message, in send order, with its size. */
  private readonly lastIndexes: number[] = [];
  private readonly sizes: number[] = [];
  private bytes = 0;

  constructor(countMax: number, bytesMax: number) {
    if (countMax < 1 || bytesMax < 1) throw new RangeError('inflight limits must be positive');
    this.countMax = countMax;
    this.bytesMax = bytesMax;
  }

  get count(): number {
    return this.lastIndexes.length;
  }

  get inflightBytes(): number {
    return this.bytes;
  }

  /** No more appends may be sent until some are acknowledged. */
  full(): boolean {
    return this.lastIndexes.length >= this.countMax || this.bytes >= this.bytesMax;
  }

  add(lastIndex: number, sizeBytes: number): void {
    const previous = this.lastIndexes[this.lastIndexes.length - 1];
    if (previous !== undefined && lastIndex <= previous) {
      throw new RangeError(`inflight ${lastIndex} not after ${previous}`);
    }
    this.lastIndexes.push(lastIndex);
    this.sizes.push(sizeBytes);
    this.bytes += sizeBytes;
  }

  /** Acknowledges every message whose last index is <= `index`. */
  freeLE(index: number): void {
    let freed = 0;
    while (freed < this.lastIndexes.length && (this.lastIndexes[freed] as number) <= index) {
      this.bytes -= this.sizes[freed] as number;
      freed++;
    }
    this.lastIndexes.splice(0, freed);
    this.sizes.splice(0, freed);
  }

  /**
   * Frees the oldest slot. A leader does this when a heartbeat answer arrives with the window
   * full: the answer proves the follower is reachable, so some appends were probably lost,
   * and one more append will either fill the gap or be rejected and trigger a probe.
   */
  freeFirstOne(): void {
    const first = this.lastIndexes[0];
    if (first !== undefined) this.freeLE(first);
  }

  reset(): void {
    this.lastIndexes.length = 0;
    this.sizes.length = 0;
    this.bytes = 0;
  }
}
