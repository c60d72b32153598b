// Writing a batch's records section (the record layout is in record.ts) in two passes over the
// inputs: one sizes every record, so the batch is allocated once, and one writes them. Neither
// pass builds an object per record: at a few hundred thousand records a second, the producer's
// garbage collector was a fifth of its CPU, much of it per-record sizing objects and bigint
// timestamp deltas. Timestamps may be numbers (the producer's Date.now()) or bigints; a delta
// is a number whenever it is an int32, which is nearly always, and a bigint otherwise.
import type { RecordHeader } from './record.js';
import { sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './varint.js';

/** A record to encode. */
export interface RecordInput {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers?: readonly RecordHeader[];
  /** Milliseconds since the epoch (create time): a safe integer or an int64 bigint. */
  timestamp: bigint | number;
  /** Offset relative to the batch's baseOffset; defaults to the record's index in the batch. */
  offsetDelta?: number;
}

const utf8Encoder = new TextEncoder();
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** Throws RangeError unless `timestamp` is an int64 (a bigint) or a safe integer (a number). */
export function checkTimestamp(timestamp: bigint | number, name: string): void {
  if (typeof timestamp === 'number' ? !Number.isSafeInteger(timestamp) : timestamp < INT64_MIN || timestamp > INT64_MAX) {
    throw new RangeError(`${name} ${timestamp} is not an int64`);
  }
}

/** `timestamp - base`: a number when it fits an int32, else a bigint (both are exact). */
export function timestampDelta(timestamp: bigint | number, base: bigint | number): number | bigint {
  if (typeof timestamp === 'number' && typeof base === 'number') {
    const delta = timestamp - base;
    if (delta >= -0x8000_0000 && delta <= 0x7fff_ffff) return delta;
  }
  const delta = BigInt(timestamp) - BigInt(base);
  return delta >= -0x8000_0000n && delta <= 0x7fff_ffffn ? Number(delta) : delta;
}

function sizeOfDelta(delta: number | bigint): number {
  return typeof delta === 'number' ? sizeOfVarint(delta) : sizeOfVarlong(delta);
}

function sizeOfNullableBytes(bytes: Uint8Array | null): number {
  return bytes === null ? 1 : sizeOfVarint(bytes.byteLength) + bytes.byteLength;
}

function writeNullableBytes(target: Uint8Array, position: number, bytes: Uint8Array | null): number {
  if (bytes === null) return writeVarint(target, position, -1);
  position = writeVarint(target, position, bytes.byteLength);
  target.set(bytes, position);
  return position + bytes.byteLength;
}

/** The sizes the writing pass needs, from the sizing pass. */
export interface SizedRecords {
  /** The records section's bytes. */
  readonly bytes: number;
  /** Each record's size after its length varint. */
  readonly bodySizes: Int32Array;
  /** Per record with headers, its header keys as UTF-8; undefined when no record has any. */
  readonly headerKeys: (Uint8Array[] | undefined)[] | undefined;
}

/**
 * Sizes the records and checks what no batch can hold: offsetDeltas that are not int32s or do
 * not increase (Kafka's MemoryRecordsBuilder.checkAppend), timestamps that are not int64s.
 */
export function sizeRecords(records: readonly RecordInput[], baseTimestamp: bigint | number): SizedRecords {
  const bodySizes = new Int32Array(records.length);
  let headerKeys: (Uint8Array[] | undefined)[] | undefined;
  let bytes = 0;
  let previousOffsetDelta = -1;
  for (let index = 0; index < records.length; index++) {
    const record = records[index]!;
    const offsetDelta = record.offsetDelta ?? index;
    if (!Number.isInteger(offsetDelta) || offsetDelta < -0x8000_0000 || offsetDelta > 0x7fff_ffff) throw new RangeError(`offsetDelta ${offsetDelta} is not an int32`);
    if (offsetDelta <= previousOffsetDelta) throw new RangeError(`offsetDelta ${offsetDelta} of record ${index} does not increase`);
    previousOffsetDelta = offsetDelta;
    checkTimestamp(record.timestamp, 'timestamp');
    const headers = record.headers;
    let body = 1 + sizeOfDelta(timestampDelta(record.timestamp, baseTimestamp)) + sizeOfVarint(offsetDelta) + sizeOfNullableBytes(record.key) + sizeOfNullableBytes(record.value);
    if (headers === undefined || headers.length === 0) {
      body += 1;
    } else {
      const keys = headers.map((header) => utf8Encoder.encode(header.key));
      (headerKeys ??= [])[index] = keys;
      body += sizeOfVarint(headers.length);
      for (let h = 0; h < headers.length; h++) body += sizeOfNullableBytes(keys[h]!) + sizeOfNullableBytes(headers[h]!.value);
    }
    bodySizes[index] = body;
    bytes += sizeOfVarint(body) + body;
  }
  return { bytes, bodySizes, headerKeys };
}

/** Writes the records sized by sizeRecords at `position`; returns the position after them. */
export function writeRecords(records: readonly RecordInput[], baseTimestamp: bigint | number, sized: SizedRecords, target: Uint8Array, position: number): number {
  for (let index = 0; index < records.length; index++) {
    const record = records[index]!;
    const body = sized.bodySizes[index]!;
    position = writeVarint(target, position, body);
    const bodyStart = position;
    target[position++] = 0; // attributes
    const delta = timestampDelta(record.timestamp, baseTimestamp);
    position = typeof delta === 'number' ? writeVarint(target, position, delta) : writeVarlong(target, position, delta);
    position = writeVarint(target, position, record.offsetDelta ?? index);
    position = writeNullableBytes(target, position, record.key);
    position = writeNullableBytes(target, position, record.value);
    const headers = record.headers;
    if (headers === undefined || headers.length === 0) {
      target[position++] = 0;
    } else {
      const keys = sized.headerKeys![index]!;
      position = writeVarint(target, position, headers.length);
      for (let h = 0; h < headers.length; h++) {
        position = writeNullableBytes(target, position, keys[h]!);
        position = writeNullableBytes(target, position, headers[h]!.value);
      }
    }
    // Invariant: sizeRecords and writeRecords agree on every field's size.
    if (position - bodyStart !== body) throw new Error(`record body wrote ${position - bodyStart} bytes, sized ${body}`);
  }
  return position;
}
