// The partition for records without a key and without an explicit partition: Kafka's sticky
// partitioner (KIP-480). All such records of a topic go to one partition until that partition's
// batch is closed (it filled up or was sent); then the topic sticks to another partition, chosen
// at random among those with a leader. Compared with round-robin per record, this fills whole
// batches, so unkeyed traffic costs fewer and larger Produce requests at the same linger.

export class StickyPartitioner {
  private readonly current = new Map<string, number>();

  /** `random` returns a number in [0, 1); tests pass a seeded one. */
  constructor(private readonly random: () => number = Math.random) {}

  /**
   * The partition an unkeyed record of `topic` goes to. `available` lists the partitions that have
   * a leader (a function is called only when a choice is made, so the common path allocates
   * nothing); when none has, any of the topic's partitions is chosen (the send then waits for a
   * leader like any other).
   */
  partition(topic: string, numPartitions: number, available: readonly number[] | (() => readonly number[])): number {
    const sticky = this.current.get(topic);
    if (sticky !== undefined && sticky < numPartitions) return sticky;
    return this.choose(topic, numPartitions, typeof available === 'function' ? available() : available, undefined);
  }

  /**
   * Tells the partitioner that the batch of `topic`/`partition` was closed. When that partition is
   * the topic's sticky one, the topic moves to a different partition (KIP-480's onNewBatch).
   */
  batchClosed(topic: string, partition: number, numPartitions: number, available: readonly number[]): void {
    if (this.current.get(topic) !== partition) return;
    this.choose(topic, numPartitions, available, partition);
  }

  private choose(topic: string, numPartitions: number, available: readonly number[], previous: number | undefined): number {
    const pool = available.length > 0 ? available : Array.from({ length: numPartitions }, (_, index) => index);
    const candidates = pool.length > 1 && previous !== undefined ? pool.filter((p) => p !== previous) : pool;
    const chosen = candidates[Math.floor(this.random() * candidates.length)] ?? 0;
    this.current.set(topic, chosen);
    return chosen;
  }
}
