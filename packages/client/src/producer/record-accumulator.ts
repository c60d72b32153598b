// The record accumulator: per partition, a queue of batches, the last one open for appends.
// Records are appended to their partition's open batch; a batch closes when the next record does
// not fit in batchBytes (a record larger than batchBytes gets a batch of its own), and the sender
// takes closed batches, and open ones once they are lingerMs old (or at once while flushing or
// while sends wait for buffer room). Queues keep each partition's batches in order, and a batch
// that failed retriably goes back to the front of its queue, so later batches of that partition
// wait behind it.
import type { RecordInput } from '@brook/record-batch';
import { ProducerBufferPool } from './batch-buffer-pool.js';
import { ProducerBatch, batchOrder } from './producer-batch.js';
import type { SendCall } from './send-call.js';

/**
 * A new batch's buffer (Kafka's batch.size default): what a partition's open batch holds while
 * records come slowly, whatever batchBytes allows. A batch that outgrows it moves to a buffer
 * twice as large, up to batchBytes (KIP-782 proposes the same for Kafka: batch.initial.size
 * growing to batch.max.size), so a large batchBytes costs memory only where batches fill up.
 */
export const INITIAL_BATCH_BYTES = 16 * 1024;

/** The buffer sizes a batch passes through: `initial`, doubled until `batchBytes`, which ends it. */
export function batchBufferSizes(initial: number, batchBytes: number): number[] {
  const sizes = [initial];
  while (sizes.at(-1)! < batchBytes) sizes.push(Math.min(sizes.at(-1)! * 2, batchBytes));
  return sizes;
}

export class PartitionQueue {
  readonly batches: ProducerBatch[] = [];
  /** Batches of this partition in flight. */
  inFlight = 0;
  /** Idempotence: the batches given a sequence and not yet settled, in sequence order. */
  readonly unacked: ProducerBatch[] = [];

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  get head(): ProducerBatch | undefined {
    return this.batches[0];
  }
}

export class RecordAccumulator {
  // By topic, then by partition number: the append path looks a queue up per record, and a
  // "topic/partition" string key would cost a string build each time.
  private readonly queues = new Map<string, PartitionQueue[]>();
  /** Every batch not yet settled: open, queued or in flight. */
  readonly unsettled = new Set<ProducerBatch>();
  /** The sequence of the last batch created. */
  sequence = 0;
  private readonly buffers: ProducerBufferPool;
  /** The buffer a new batch starts with (at most INITIAL_BATCH_BYTES). */
  private readonly initialBatchBytes: number;

  constructor(
    private readonly batchBytes: number,
    private readonly deliveryTimeoutMs: number,
    /** Called when a partition's open batch closes (it filled up or was taken for sending). */
    private readonly onBatchClosed: (batch: ProducerBatch) => void,
  ) {
    this.initialBatchBytes = Math.min(batchBytes, INITIAL_BATCH_BYTES);
    this.buffers = new ProducerBufferPool(batchBufferSizes(this.initialBatchBytes, batchBytes));
  }

  /**
   * Appends to the partition's open batch, closing it first when the record does not fit;
   * `recordBytes` is its size as a batch's first record (the budget bytes it holds until settled).
   */
  append(topic: string, partition: number, record: RecordInput, recordBytes: number, call: SendCall, messageIndex: number): void {
    const queue = this.queue(topic, partition);
    let open = queue.batches.at(-1);
    if (open !== undefined && !open.closed && open.recordCount > 0 && !open.hasRoomFor(recordBytes, this.batchBytes)) this.close(open);
    if (open === undefined || open.closed) {
      const now = Date.now();
      const batch = new ProducerBatch(topic, partition, now, now + this.deliveryTimeoutMs, ++this.sequence, this.initialBatchBytes, this.buffers, this.batchBytes);
      queue.batches.push(batch);
      this.track(batch);
      open = batch;
    }
    open.append(record, recordBytes, call, messageIndex);
    if (open.sizeBytes >= this.batchBytes) this.close(open);
  }

  /**
   * Closes the partition's open batch when a record of `recordBytes` would not fit in it; true when it did. The
   * producer calls this before choosing a sticky partition, so the sticky partitioner moves on
   * before the record is placed (KIP-480's abortOnNewBatch) instead of starting a one-record batch.
   */
  closeIfFull(topic: string, partition: number, recordBytes: number): boolean {
    const open = this.queues.get(topic)?.[partition]?.batches.at(-1);
    if (open === undefined || open.closed || open.recordCount === 0) return false;
    if (open.hasRoomFor(recordBytes, this.batchBytes)) return false;
    this.close(open);
    return true;
  }

  /** Splits a batch the broker found too large and puts the halves at the front of its queue. */
  splitToFront(queue: PartitionQueue, batch: ProducerBatch): void {
    const halves = batch.split();
    for (const half of halves) this.track(half);
    queue.batches.unshift(...halves);
    const index = queue.unacked.indexOf(batch);
    if (index >= 0) queue.unacked.splice(index, 1, ...halves);
  }

  /**
   * Puts a batch that failed retriably back in its queue, ahead of every batch that came after it:
   * batches answered out of order still go out again in their original order.
   */
  requeueInOrder(queue: PartitionQueue, batch: ProducerBatch): void {
    const index = queue.batches.findIndex((queued) => batchOrder(queued, batch) > 0);
    if (index < 0) queue.batches.push(batch);
    else queue.batches.splice(index, 0, batch);
  }

  /** True while a batch of sequence <= `sequence` is unsettled (flush waits for them). */
  pendingUpTo(sequence: number): ProducerBatch[] {
    return [...this.unsettled].filter((batch) => batch.sequence <= sequence);
  }

  private track(batch: ProducerBatch): void {
    this.unsettled.add(batch);
    void batch.done.then(() => this.unsettled.delete(batch));
  }

  /** Closes a batch for appends (before it is sent). */
  close(batch: ProducerBatch): void {
    if (batch.closed) return;
    batch.closed = true;
    this.onBatchClosed(batch);
  }

  *allQueues(): IterableIterator<PartitionQueue> {
    for (const partitions of this.queues.values()) {
      for (const queue of partitions) if (queue !== undefined) yield queue;
    }
  }

  queue(topic: string, partition: number): PartitionQueue {
    let partitions = this.queues.get(topic);
    if (partitions === undefined) {
      partitions = [];
      this.queues.set(topic, partitions);
    }
    let queue = partitions[partition];
    if (queue === undefined) {
      queue = new PartitionQueue(topic, partition);
      partitions[partition] = queue;
    }
    return queue;
  }
}
