// Writing records (the record layout is in record.ts): sized first, so a batch is allocated once,
// then written; by encodeRecordBatch for a whole batch and by RecordBatchBuilder one record at a
// time. Neither builds an object per record: at a few hundred thousand records a second, the producer's
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

/** The bytes of `record` after its length varint, at `timestampDelta` and `offsetDelta` in its batch. */
export function recordBodyBytes(record: RecordInput, timestampDelta: number | bigint, offsetDelta: number): number {
  let body = 1 + sizeOfDelta(timestampDelta) + sizeOfVarint(offsetDelta) + sizeOfNullableBytes(record.key) + sizeOfNullableBytes(record.value);
  const headers = record.headers;
  if (headers === undefined || headers.length === 0) return body + 1;
  body += sizeOfVarint(headers.length);
  for (const header of headers) {
    const keyBytes = Buffer.byteLength(header.key, 'utf8');
    body += sizeOfVarint(keyBytes) + keyBytes + sizeOfNullableBytes(header.value);
  }
  return body;
}

/** A record's whole size in its batch: the length varint and the body. */
export function recordBytes(record: RecordInput, timestampDelta: number | bigint, offsetDelta: number): number {
  const body = recordBodyBytes(record, timestampDelta, offsetDelta);
  return sizeOfVarint(body) + body;
}

/** Checks what no batch can hold: an offsetDelta that is not an int32, a timestamp that is not an int64. */
export function checkRecord(record: RecordInput, offsetDelta: number): void {
  if (!Number.isInteger(offsetDelta) || offsetDelta < -0x8000_0000 || offsetDelta > 0x7fff_ffff) throw new RangeError(`offsetDelta ${offsetDelta} is not an int32`);
  checkTimestamp(record.timestamp, 'timestamp');
}

/** Writes `record` (its body `bodyBytes` long, from recordBodyBytes) at `position`; returns the position after it. */
export function writeRecord(target: Buffer, position: number, record: RecordInput, timestampDelta: number | bigint, offsetDelta: number, bodyBytes: number): number {
  position = writeVarint(target, position, bodyBytes);
  const bodyStart = position;
  target[position++] = 0; // attributes
  position = typeof timestampDelta === 'number' ? writeVarint(target, position, timestampDelta) : writeVarlong(target, position, timestampDelta);
  position = writeVarint(target, position, offsetDelta);
  position = writeNullableBytes(target, position, record.key);
  position = writeNullableBytes(target, position, record.value);
  const headers = record.headers;
  if (headers === undefined || headers.length === 0) {
    target[position++] = 0;
  } else {
    position = writeVarint(target, position, headers.length);
    for (const header of headers) {
      const keyBytes = Buffer.byteLength(header.key, 'utf8');
      position = writeVarint(target, position, keyBytes);
      position += target.write(header.key, position, keyBytes, 'utf8');
      position = writeNullableBytes(target, position, header.value);
    }
  }
  // Invariant: recordBodyBytes and writeRecord agree on every field's size.
  if (position - bodyStart !== bodyBytes) throw new Error(`record body wrote ${position - bodyStart} bytes, sized ${bodyBytes}`);
  return position;
}

/** The records section's size, checking every record and that offsetDeltas increase (Kafka's MemoryRecordsBuilder.checkAppend). */
export function sizeRecords(records: readonly RecordInput[], baseTimestamp: bigint | number): number {
  let bytes = 0;
  let previousOffsetDelta = -1;
  for (let index = 0; index < records.length; index++) {
    const record = records[index]!;
    const offsetDelta = record.offsetDelta ?? index;
    checkRecord(record, offsetDelta);
    if (offsetDelta <= previousOffsetDelta) throw new RangeError(`offsetDelta ${offsetDelta} of record ${index} does not increase`);
    previousOffsetDelta = offsetDelta;
    bytes += recordBytes(record, timestampDelta(record.timestamp, baseTimestamp), offsetDelta);
  }
  return bytes;
}

/** Writes the records checked by sizeRecords at `position`; returns the position after them. */
export function writeRecords(records: readonly RecordInput[], baseTimestamp: bigint | number, target: Buffer, position: number): number {
  for (let index = 0; index < records.length; index++) {
    const record = records[index]!;
    const offsetDelta = record.offsetDelta ?? index;
    const delta = timestampDelta(record.timestamp, baseTimestamp);
    position = writeRecord(target, position, record, delta, offsetDelta, recordBodyBytes(record, delta, offsetDelta));
  }
  return position;
}
