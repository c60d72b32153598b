// The producer's free batch buffers (Kafka's BufferPool, smaller). A batch starts in a small
// buffer and moves to one twice as large each time its records outgrow it, up to the batch size
// (record-accumulator.ts); each buffer comes from here and goes back as soon as the batch no
// longer refers to it: an outgrown one at once, the last one when the batch is copied out of it
// to be sent (a linger-closed batch holding less than half of it, or a compressed one). A batch
// sent from its buffer keeps it (a queued request may still refer to those bytes). So a producer
// allocates about one buffer per batch it sends from its buffer and none for the others: in the
// paced bench:cluster run, allocating a buffer per batch (34 MB/s of memory outside V8's heap)
// had the producer process run a mark-compact every 200 ms.
import type { BatchBufferPool } from '@brook/record-batch';

/** Buffers kept at most per size: about one per partition with an open batch at a time... */
const FREE_BUFFERS_MAX = 16;
/** ... and bytes kept at most, all sizes together. */
const FREE_BYTES_MAX = 16 * 1024 * 1024;

export class ProducerBufferPool implements BatchBufferPool {
  private readonly free = new Map<number, Buffer[]>();
  private freeBytes = 0;

  /** `sizes`: the buffer sizes worth keeping (those a batch passes through). */
  constructor(sizes: readonly number[]) {
    for (const size of sizes) this.free.set(size, []);
  }

  /** Free buffers held, all sizes together. */
  get freeCount(): number {
    let count = 0;
    for (const list of this.free.values()) count += list.length;
    return count;
  }

  take(bytes: number): Buffer {
    const buffer = this.free.get(bytes)?.pop();
    if (buffer === undefined) return Buffer.allocUnsafe(bytes);
    this.freeBytes -= bytes;
    return buffer;
  }

  give(buffer: Buffer): void {
    const list = this.free.get(buffer.byteLength);
    if (list === undefined || list.length >= FREE_BUFFERS_MAX || this.freeBytes + buffer.byteLength > FREE_BYTES_MAX) return;
    list.push(buffer);
    this.freeBytes += buffer.byteLength;
  }
}
