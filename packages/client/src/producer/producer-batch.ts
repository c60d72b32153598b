// One partition's batch in the producer: the records appended to it, the callers waiting for
// them, and its life: open (taking records), closed (full or sent), in flight, done. It is
// encoded once, on its first send, as a RecordBatch v2 (PROTOCOL-NOTES.md section 1); a retry
// resends the same bytes. An idempotent producer stamps the producer id, epoch and base sequence
// before that first encoding (the CRC covers them), so a retry carries the same sequence.
import type { BrookError } from '@brook/protocol';
import { RECORD_BATCH_HEADER_BYTES, encodeRecordBatch, sizeOfVarint, sizeOfVarlong, timestampDelta, type RecordInput } from '@brook/record-batch';
import { incrementSequence } from './producer-identity.js';
import type { SendCall } from './send-call.js';

export class ProducerBatch {
  private readonly records: RecordInput[] = [];
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
  /** The estimated encoded size, in bytes: the header plus each record's exact size. */
  sizeBytes = RECORD_BATCH_HEADER_BYTES;
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
  ) {}

  get recordCount(): number {
    return this.records.length;
  }

  /** The size `record` adds to this batch (exact for an uncompressed batch). */
  sizeOf(record: RecordInput): number {
    const baseTimestamp = this.records[0]?.timestamp ?? record.timestamp;
    return recordSizeBytes(record, timestampDelta(record.timestamp, baseTimestamp), this.records.length);
  }

  /**
   * Adds a record of `recordBytes` (this.sizeOf(record), computed by the caller, which needed it
   * to decide whether the record fits), message `messageIndex` of `call`; `reserved` are the
   * budget bytes it holds until the batch settles.
   */
  append(record: RecordInput, recordBytes: number, reserved: number, call: SendCall, messageIndex: number): void {
    // Invariant: records are appended only while the batch is open (never after its first send).
    if (this.closed || this.encoded !== undefined) throw new Error('ProducerBatch: append to a closed batch');
    this.sizeBytes += recordBytes;
    const runs = this.runCalls.length;
    const extendsRun = runs > 0 && this.runCalls[runs - 1] === call && this.runFirstMessages[runs - 1]! + (this.records.length - this.runStarts[runs - 1]!) === messageIndex;
    if (!extendsRun) {
      this.runCalls.push(call);
      this.runStarts.push(this.records.length);
      this.runFirstMessages.push(messageIndex);
    }
    this.records.push(record);
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
      // A view over the encoder's bytes, not a copy (Buffer.from(Uint8Array) would copy them).
      const encoded = encodeRecordBatch({ compression, records: this.records, ...producer });
      this.encoded = Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
    }
    return this.encoded;
  }

  /** Resolves every record's send: record i is at baseOffset + i (-1n for every record with acks=0). */
  complete(baseOffset: bigint): void {
    for (let run = 0; run < this.runCalls.length; run++) {
      const start = this.runStarts[run]!;
      const end = this.runStarts[run + 1] ?? this.records.length;
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
    if (this.records.length < 2) throw new Error('ProducerBatch: split of a batch with fewer than two records');
    const middle = Math.ceil(this.records.length / 2);
    const halves = [this.half(0, middle), this.half(middle, this.records.length)] as [ProducerBatch, ProducerBatch];
    halves[0].reservedBytes = Math.floor((this.reservedBytes * middle) / this.records.length);
    halves[1].reservedBytes = this.reservedBytes - halves[0].reservedBytes;
    this.reservedBytes = 0;
    this.finish();
    return halves;
  }

  private half(from: number, to: number): ProducerBatch {
    const half = new ProducerBatch(this.topic, this.partition, this.createdAtMs, this.deadlineMs, this.sequence);
    let run = 0;
    for (let index = from; index < to; index++) {
      while (run + 1 < this.runStarts.length && this.runStarts[run + 1]! <= index) run++;
      const record = this.records[index]!;
      half.append(record, half.sizeOf(record), 0, this.runCalls[run]!, this.runFirstMessages[run]! + (index - this.runStarts[run]!));
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
    this.records.length = 0;
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

/** A record input with the size of its parts that do not depend on its place in a batch. */
export interface SizedRecordInput extends RecordInput {
  /** Attributes, key, value and headers, in bytes: everything but the two deltas and the length. */
  readonly fixedBytes: number;
}

/** Attributes, key, value and headers of `record`, in bytes (computed once per record, when the producer accepts it). */
export function fixedBytesOf(record: RecordInput): number {
  let fixed = 1 + nullableSize(record.key) + nullableSize(record.value);
  const headers = record.headers;
  if (headers === undefined || headers.length === 0) return fixed + 1;
  fixed += sizeOfVarint(headers.length);
  for (const header of headers) {
    const keyBytes = Buffer.byteLength(header.key, 'utf8');
    fixed += sizeOfVarint(keyBytes) + keyBytes + nullableSize(header.value);
  }
  return fixed;
}

/**
 * A record's encoded size inside a batch (DefaultRecord.sizeInBytes): its length varint, then
 * attributes, timestamp delta, offset delta, key, value and headers.
 */
export function recordSizeBytes(record: RecordInput, timestampDelta: number | bigint, offsetDelta: number): number {
  const fixed = (record as Partial<SizedRecordInput>).fixedBytes ?? fixedBytesOf(record);
  const body = fixed + (typeof timestampDelta === 'number' ? sizeOfVarint(timestampDelta) : sizeOfVarlong(timestampDelta)) + sizeOfVarint(offsetDelta);
  return sizeOfVarint(body) + body;
}

function nullableSize(bytes: Uint8Array | null): number {
  return bytes === null ? 1 : sizeOfVarint(bytes.byteLength) + bytes.byteLength;
}
