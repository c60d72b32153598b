// The producer's free batch buffers (Kafka's BufferPool, smaller): a batch takes a buffer of the
// producer's batch size for its records, and a batch copied out of its buffer when sent (a
// linger-closed batch holding less than half of it, or a compressed one) gives it back at once,
// so a producer sending small batches reuses a few buffers instead of allocating a batch-size
// buffer per batch: in the paced bench:cluster run those allocations, 34 MB/s of memory outside
// V8's heap, had the producer process run a mark-compact every 200 ms.
import type { BatchBufferPool } from '@brook/record-batch';

/** Buffers kept at most: about one per partition with an open batch at a time. */
const FREE_BUFFERS_MAX = 16;

export class ProducerBufferPool implements BatchBufferPool {
  private readonly free: Buffer[] = [];

  constructor(private readonly bufferBytes: number) {}

  get freeCount(): number {
    return this.free.length;
  }

  take(bytes: number): Buffer {
    if (bytes === this.bufferBytes) {
      const buffer = this.free.pop();
      if (buffer !== undefined) return buffer;
    }
    return Buffer.allocUnsafe(bytes);
  }

  give(buffer: Buffer): void {
    if (buffer.byteLength === this.bufferBytes && this.free.length < FREE_BUFFERS_MAX) this.free.push(buffer);
  }
}
