// One partition's batch in the producer: the records appended to it, the callers waiting for
// them, and its life: open (taking records), closed (full or sent), in flight, done. Records are
// written into the batch's buffer as they are appended (RecordBatchBuilder, Kafka's
// MemoryRecordsBuilder), and no object per record stays alive while it waits; the header is
// written once, on the first send, as a RecordBatch v2 (PROTOCOL-NOTES.md section 1), and a retry
// resends the same bytes. An idempotent producer stamps the producer id, epoch and base sequence
// before that (the CRC covers them), so a retry carries the same sequence.
import type { BrookError } from '@brook/protocol';
import { RecordBatchBuilder, type BatchBufferPool, type RecordInput } from '@brook/record-batch';
import { incrementSequence } from './producer-identity.js';
import type { SendCall } from './send-call.js';

/**
 * The most a record grows past its size as a batch's first record (both deltas 0, one byte each):
 * a timestamp delta takes up to 10 bytes (a varlong), an offset delta up to 5, and the length
 * varint in front of the 13 extra bytes one more.
 */
export const RECORD_BYTES_SLACK = 9 + 4 + 1;

export class ProducerBatch {
  private readonly builder: RecordBatchBuilder;
  /**
   * Where the records report their outcomes, as runs: run r covers records runStarts[r] up to the
   * next run's start, which are messages runFirstMessages[r], +1, ... of runCalls[r]. A send's
   * messages mostly land in one batch back to back, so this is a few entries per batch instead
   * of an object per record.
   */
  private readonly runCalls: SendCall[] = [];
  private readonly runStarts: number[] = [];
  private readonly runFirstMessages: number[] = [];
  private encoded: Buffer | undefined;
  private settle!: () => void;
  /** Resolves (never rejects) once every record is acknowledged or failed. */
  readonly done: Promise<void> = new Promise((resolve) => (this.settle = resolve));
  /** The bytes reserved in the producer's buffer budget for these records. */
  reservedBytes = 0;
  closed = false;
  attempts = 0;
  /** Not sent again before this time (Date.now()), after a retriable failure. */
  retryAtMs = 0;
  lastError: BrookError | undefined;
  /** Idempotence (KIP-98): -1 until the sender assigns them, then fixed for every retry. */
  producerId = -1n;
  producerEpoch = -1;
  baseSequence = -1;
  /** Index of this batch's first record in the batch it was split from (0 when never split): orders split halves. */
  splitOffset = 0;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly createdAtMs: number,
    /** The batch fails once this time passes without an acknowledgement. */
    readonly deadlineMs: number,
    /** Creation order; the halves of a split batch keep their original's (flush waits by it). */
    readonly sequence: number,
    /** The buffer held for the first records; it doubles as they fill it, up to `growUpTo`. */
    private readonly capacityBytes: number,
    /** Where that buffer comes from and, once the batch is copied out of it, goes back to. */
    private readonly pool?: BatchBufferPool,
    /** The largest buffer doubling makes (the producer's batchBytes); only a larger record passes it. */
    private readonly growUpTo?: number,
  ) {
    this.builder = new RecordBatchBuilder(capacityBytes, pool, growUpTo);
  }

  get recordCount(): number {
    return this.builder.recordCount;
  }

  /** The encoded size so far, in bytes, header included (uncompressed). */
  get sizeBytes(): number {
    return this.builder.sizeBytes;
  }

  /**
   * Whether a record of `recordBytes` (its size as a batch's first record, recordBytes(record, 0,
   * 0)) fits in `batchBytes` after what this batch holds. An upper bound, as Kafka's
   * hasRoomFor estimates: later in a batch its deltas take at most RECORD_BYTES_SLACK more bytes.
   */
  hasRoomFor(recordBytes: number, batchBytes: number): boolean {
    return this.builder.sizeBytes + recordBytes + RECORD_BYTES_SLACK <= batchBytes;
  }

  /**
   * Writes `record` into the batch, message `messageIndex` of `call`; `reserved` are the budget
   * bytes it holds until the batch settles.
   */
  append(record: RecordInput, reserved: number, call: SendCall, messageIndex: number): void {
    // Invariant: records are appended only while the batch is open (never after its first send).
    if (this.closed || this.encoded !== undefined) throw new Error('ProducerBatch: append to a closed batch');
    const count = this.builder.recordCount;
    this.builder.append(record);
    const runs = this.runCalls.length;
    const extendsRun = runs > 0 && this.runCalls[runs - 1] === call && this.runFirstMessages[runs - 1]! + (count - this.runStarts[runs - 1]!) === messageIndex;
    if (!extendsRun) {
      this.runCalls.push(call);
      this.runStarts.push(count);
      this.runFirstMessages.push(messageIndex);
    }
    this.reservedBytes += reserved;
  }

  get sequenced(): boolean {
    return this.baseSequence >= 0;
  }

  /** Assigns the idempotent fields; only before the first encoding, since the CRC covers them. */
  setProducer(producerId: bigint, producerEpoch: number, baseSequence: number): void {
    // Invariant: a sequence is assigned once, to a closed batch not yet encoded.
    if (!this.closed || this.encoded !== undefined || this.sequenced) throw new Error('ProducerBatch: producer fields set twice or on an open batch');
    this.producerId = producerId;
    this.producerEpoch = producerEpoch;
    this.baseSequence = baseSequence;
  }

  /** The batch's RecordBatch v2 bytes, encoded on first use. */
  bytes(compression: 'none' | 'gzip'): Buffer {
    if (this.encoded === undefined) {
      const producer = this.sequenced ? { producerId: this.producerId, producerEpoch: this.producerEpoch, baseSequence: this.baseSequence } : {};
      // A view over the builder's bytes, not a copy (Buffer.from(Uint8Array) would copy them).
      const encoded = this.builder.build({ compression, ...producer });
      this.encoded = Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
    }
    return this.encoded;
  }

  /** Resolves every record's send: record i is at baseOffset + i (-1n for every record with acks=0). */
  complete(baseOffset: bigint): void {
    for (let run = 0; run < this.runCalls.length; run++) {
      const start = this.runStarts[run]!;
      const end = this.runStarts[run + 1] ?? this.builder.recordCount;
      this.runCalls[run]!.acknowledgedRun(this.runFirstMessages[run]!, end - start, this.topic, this.partition, baseOffset < 0n ? -1n : baseOffset + BigInt(start));
    }
    this.finish();
  }

  fail(error: BrookError): void {
    for (const call of this.runCalls) call.failed(error);
    this.finish();
  }

  /**
   * Splits the records in two closed batches, deliveries and reserved bytes with them, for a
   * broker that refused the batch as too large (Kafka's splitAndReenqueue). This batch settles
   * without delivering anything: its records live on in the halves.
   */
  split(): [ProducerBatch, ProducerBatch] {
    // Invariant: only a batch of two or more records can be split.
    const count = this.builder.recordCount;
    if (count < 2) throw new Error('ProducerBatch: split of a batch with fewer than two records');
    const records = this.builder.records();
    const middle = Math.ceil(count / 2);
    const halves = [this.half(records, 0, middle), this.half(records, middle, count)] as [ProducerBatch, ProducerBatch];
    halves[0].reservedBytes = Math.floor((this.reservedBytes * middle) / count);
    halves[1].reservedBytes = this.reservedBytes - halves[0].reservedBytes;
    this.reservedBytes = 0;
    this.finish();
    return halves;
  }

  private half(records: readonly RecordInput[], from: number, to: number): ProducerBatch {
    const half = new ProducerBatch(this.topic, this.partition, this.createdAtMs, this.deadlineMs, this.sequence, this.capacityBytes, this.pool, this.growUpTo);
    let run = 0;
    for (let index = from; index < to; index++) {
      while (run + 1 < this.runStarts.length && this.runStarts[run + 1]! <= index) run++;
      half.append(records[index]!, 0, this.runCalls[run]!, this.runFirstMessages[run]! + (index - this.runStarts[run]!));
    }
    half.closed = true;
    half.lastError = this.lastError;
    half.splitOffset = this.splitOffset + from;
    // The broker refused the whole batch, so its sequences are unused: the halves take them in order.
    if (this.sequenced) half.setProducer(this.producerId, this.producerEpoch, incrementSequence(this.baseSequence, from));
    return half;
  }

  private finish(): void {
    this.closed = true;
    this.builder.release();
    this.runCalls.length = 0;
    this.runStarts.length = 0;
    this.runFirstMessages.length = 0;
    this.encoded = undefined;
    this.settle();
  }
}

/** Queue order of a partition's batches: creation order, then record order within a split batch. */
export function batchOrder(a: ProducerBatch, b: ProducerBatch): number {
  return a.sequence - b.sequence || a.splitOffset - b.splitOffset;
}
