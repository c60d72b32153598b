// A batch built one record at a time, as Kafka's MemoryRecordsBuilder builds a producer's batch:
// each appended record is written into the batch's buffer at once, and build() writes the header
// and CRC. A producer then keeps no object per buffered record, only bytes: with tens of
// thousands of small records waiting for acknowledgement, per-record objects survived young
// collections and the producer spent a quarter of its time in the garbage collector.
import { encodeAttributes, type SupportedCompressionType } from './attributes.js';
import { LOG_OVERHEAD_BYTES, RECORD_BATCH_HEADER_BYTES } from './batch-header.js';
import { compressRecords } from './compression.js';
import { decodeRecordBatch } from './decode.js';
import { checkInt, checkInt64, NO_PARTITION_LEADER_EPOCH, NO_PRODUCER_EPOCH, NO_PRODUCER_ID, NO_SEQUENCE, NO_TIMESTAMP, sealBatch } from './encode.js';
import { RecordBatchError } from './errors.js';
import { readRecord } from './record.js';
import { checkRecord, recordBodyBytes, timestampDelta, writeRecord, type RecordInput } from './record-writer.js';
import { sizeOfVarint } from './varint.js';

/**
 * Where a builder takes its first buffer and gives it back once nothing refers to it any more:
 * a producer reuses its batch buffers (Kafka's BufferPool) instead of allocating one per batch.
 */
export interface BatchBufferPool {
  take(bytes: number): Buffer;
  give(buffer: Buffer): void;
}

export interface BuildOptions {
  compression?: SupportedCompressionType;
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
}

/** A built batch holding less than this share of its buffer is copied out, so the buffer can go... */
const COMPACT_BELOW_SHARE = 0.5;
/** ... unless its buffer is this small anyway. */
const COMPACT_BUFFERS_FROM_BYTES = 64 * 1024;
/**
 * A batch in a pool's buffer is also copied out when it is at most this big: the copy costs less
 * than the fresh buffer the pool would otherwise hand the next batch (a paced producer's batches
 * are this small, and allocating a buffer for each one had it collecting garbage all the time).
 */
const COPY_OUT_OF_POOL_BYTES_MAX = 64 * 1024;

export class RecordBatchBuilder {
  private buffer: Buffer;
  /** The pool's buffer while this builder holds it (given back once the batch no longer refers to it). */
  private pooled: Buffer | undefined;
  private position = RECORD_BATCH_HEADER_BYTES;
  private count = 0;
  private baseTimestamp: number | bigint | undefined;
  private maxTimestamp: number | bigint = NO_TIMESTAMP;
  private built = false;

  /**
   * `capacity`: the bytes to hold up front, from `pool` when given. When records outgrow the
   * buffer they move to one twice as large (from the pool too), but not past `growUpTo` (the
   * producer's batch size) unless a single record needs more: a buffer is never more than twice
   * the batch it holds, and each byte is copied about once more on the way to a full one.
   */
  constructor(
    capacity: number,
    private readonly pool?: BatchBufferPool,
    private readonly growUpTo = 0x7fff_ffff,
  ) {
    const bytes = Math.max(RECORD_BATCH_HEADER_BYTES, capacity);
    this.buffer = pool === undefined ? Buffer.allocUnsafe(bytes) : pool.take(bytes);
    this.pooled = pool === undefined ? undefined : this.buffer;
  }

  get recordCount(): number {
    return this.count;
  }

  /** The batch's size so far, header included, uncompressed. */
  get sizeBytes(): number {
    return this.position;
  }

  /** The bytes `record` would add as the next record. */
  sizeOf(record: RecordInput): number {
    const body = recordBodyBytes(record, timestampDelta(record.timestamp, this.baseTimestamp ?? record.timestamp), this.count);
    return sizeOfVarint(body) + body;
  }

  /** Writes `record` as the next record (its offsetDelta is its index; the first record's timestamp is the base). */
  append(record: RecordInput): void {
    // Invariant: a built batch's bytes are final.
    if (this.built) throw new Error('RecordBatchBuilder: append after build');
    checkRecord(record, this.count);
    const base = this.baseTimestamp ?? record.timestamp;
    const delta = timestampDelta(record.timestamp, base);
    const body = recordBodyBytes(record, delta, this.count);
    this.reserve(this.position + sizeOfVarint(body) + body);
    this.position = writeRecord(this.buffer, this.position, record, delta, this.count, body);
    if (this.count === 0 || record.timestamp > this.maxTimestamp) this.maxTimestamp = record.timestamp;
    this.baseTimestamp = base;
    this.count++;
  }

  /**
   * The batch's bytes, header and CRC written; once (the builder takes no records after). Throws
   * RangeError for producer fields outside their widths (as encodeRecordBatch does).
   */
  build(options: BuildOptions = {}): Uint8Array {
    if (this.built) throw new Error('RecordBatchBuilder: built twice');
    const producerId = options.producerId ?? NO_PRODUCER_ID;
    const producerEpoch = options.producerEpoch ?? NO_PRODUCER_EPOCH;
    const baseSequence = options.baseSequence ?? NO_SEQUENCE;
    checkInt64(producerId, 'producerId');
    checkInt(producerEpoch, 16, 'producerEpoch');
    checkInt(baseSequence, 32, 'baseSequence');
    const compression = options.compression ?? 'none';
    this.built = true;
    let batch = this.buffer.subarray(0, this.position);
    let copied = false;
    if (compression !== 'none') {
      const section = compressRecords(compression, this.buffer.subarray(RECORD_BATCH_HEADER_BYTES, this.position));
      batch = Buffer.allocUnsafe(RECORD_BATCH_HEADER_BYTES + section.byteLength);
      batch.set(section, RECORD_BATCH_HEADER_BYTES);
      copied = true;
    } else if (
      (this.buffer.byteLength >= COMPACT_BUFFERS_FROM_BYTES && this.position < this.buffer.byteLength * COMPACT_BELOW_SHARE) ||
      (this.pooled !== undefined && this.position <= COPY_OUT_OF_POOL_BYTES_MAX)
    ) {
      batch = Buffer.from(batch);
      copied = true;
    }
    // A batch copied out of the pool's buffer (compacted or compressed) no longer needs it: back
    // to the pool at once, while nothing else has seen it.
    if (copied) this.givePooled();
    this.buffer = batch;
    sealBatch(
      batch,
      {
        baseOffset: 0n,
        partitionLeaderEpoch: NO_PARTITION_LEADER_EPOCH,
        attributes: encodeAttributes({ compression }),
        lastOffsetDelta: Math.max(0, this.count - 1),
        baseTimestamp: this.baseTimestamp === undefined ? NO_TIMESTAMP : BigInt(this.baseTimestamp),
        maxTimestamp: BigInt(this.maxTimestamp),
        producerId,
        producerEpoch,
        baseSequence,
      },
      this.count,
    );
    return batch;
  }

  /** The records appended so far, read back (views into the buffer): for splitting a batch the broker refused as too large. */
  records(): RecordInput[] {
    const base = BigInt(this.baseTimestamp ?? 0);
    if (this.built) {
      // The built batch, decompressed if need be; a released builder has none.
      if (this.buffer.byteLength === 0) return [];
      return decodeRecordBatch(this.buffer).records.map((record) => ({ key: record.key, value: record.value, headers: record.headers, timestamp: base + record.timestampDelta }));
    }
    const records: RecordInput[] = [];
    const cursor = { position: RECORD_BATCH_HEADER_BYTES, end: this.position };
    while (cursor.position < cursor.end) {
      const record = readRecord(this.buffer, cursor, Number.MAX_SAFE_INTEGER);
      records.push({ key: record.key, value: record.value, headers: record.headers, timestamp: base + record.timestampDelta });
    }
    return records;
  }

  /**
   * Drops the buffer (the batch settled); the builder takes nothing after. A pool's buffer that
   * the built batch is a view of is not given back: a request still queued in a stream may refer
   * to those bytes, and the garbage collector knows when nothing does.
   */
  release(): void {
    this.built = true;
    this.buffer = Buffer.alloc(0);
    this.position = 0;
    this.pooled = undefined;
  }

  private givePooled(): void {
    const pooled = this.pooled;
    this.pooled = undefined;
    if (pooled !== undefined) this.pool!.give(pooled);
  }

  private reserve(bytes: number): void {
    if (bytes <= this.buffer.byteLength) return;
    if (bytes - LOG_OVERHEAD_BYTES > 0x7fff_ffff) throw new RecordBatchError('MESSAGE_TOO_LARGE', `record batch of ${bytes} bytes does not fit the int32 batchLength field`);
    const size = Math.max(bytes, Math.min(this.buffer.byteLength * 2, this.growUpTo, 0x7fff_ffff));
    const grown = this.pool === undefined ? Buffer.allocUnsafe(size) : this.pool.take(size);
    this.buffer.copy(grown, 0, 0, this.position);
    this.buffer = grown;
    this.givePooled();
    this.pooled = this.pool === undefined ? undefined : grown;
  }
}
