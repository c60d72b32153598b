// Zig-zag varints, the variable-length integers inside RecordBatch v2 records
// (PROTOCOL-NOTES.md section 1; Kafka's ByteUtils.readVarint/readVarlong, protobuf's sint32 and
// sint64). A value is zig-zag mapped to an unsigned one (0, -1, 1, -2 ... -> 0, 1, 2, 3 ...) and
// written seven bits at a time, least significant group first, the high bit of each byte saying
// "more follows". An int32 takes at most 5 bytes and an int64 at most 10.
//
// Readers take their input from a ByteCursor bounded by `end`, so a record can be read inside
// its own length framing. Every malformed input is a RecordBatchError CORRUPT_MESSAGE: running
// past `end`, a varint longer than its type allows, or bits beyond 32 (64) in the last byte.
// Kafka silently drops those overflow bits; Brook rejects them, because no correct encoder
// writes them and a value that does not fit its type is corruption.
import { RecordBatchError } from './errors.js';

/** A read position in a byte array; reads never go at or past `end`. */
export interface ByteCursor {
  position: number;
  readonly end: number;
}

export const VARINT_BYTES_MAX = 5;
export const VARLONG_BYTES_MAX = 10;

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MASK = (1n << 64n) - 1n;
/** Zig-zag values below 2^49 (7 groups of 7 bits) are decoded exactly with doubles. */
const VARLONG_FAST_BYTES_MAX = 7;

function truncated(cursor: ByteCursor, what: string): RecordBatchError {
  return new RecordBatchError('CORRUPT_MESSAGE', `${what} runs past the end of its data at byte ${cursor.position}`);
}

/** Reads a zig-zag varint as a signed 32-bit integer. */
export function readVarint(bytes: Uint8Array, cursor: ByteCursor): number {
  const limit = Math.min(cursor.end, bytes.length);
  let unsigned = 0;
  for (let index = 0; index < VARINT_BYTES_MAX; index++) {
    if (cursor.position >= limit) throw truncated(cursor, 'varint');
    const byte = bytes[cursor.position++] as number;
    if (index === VARINT_BYTES_MAX - 1) {
      // The fifth byte carries bits 28-31 only; anything above is overflow or a sixth byte.
      if (byte > 0x0f) throw new RecordBatchError('CORRUPT_MESSAGE', `varint does not fit in 32 bits (fifth byte 0x${byte.toString(16)})`);
      unsigned |= byte << 28;
      break;
    }
    unsigned |= (byte & 0x7f) << (7 * index);
    if ((byte & 0x80) === 0) break;
  }
  // `unsigned` holds the 32 zig-zag bits (possibly as a negative int32); undo the mapping.
  return (unsigned >>> 1) ^ -(unsigned & 1);
}

/**
 * Reads a zig-zag varlong as a signed 64-bit integer. Values needing at most 7 bytes (|v| < 2^48,
 * which covers every realistic timestamp delta) are decoded with doubles; longer ones with bigint.
 */
export function readVarlong(bytes: Uint8Array, cursor: ByteCursor): bigint {
  const limit = Math.min(cursor.end, bytes.length);
  const start = cursor.position;
  let unsigned = 0;
  let scale = 1;
  for (let index = 0; index < VARLONG_FAST_BYTES_MAX; index++) {
    if (cursor.position >= limit) throw truncated(cursor, 'varlong');
    const byte = bytes[cursor.position++] as number;
    unsigned += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) {
      // Exact: unsigned < 2^49, so halving and negating stay integral doubles.
      const magnitude = Math.floor(unsigned / 2);
      return BigInt(unsigned % 2 === 0 ? magnitude : -magnitude - 1);
    }
    scale *= 128;
  }
  cursor.position = start;
  return readVarlongSlow(bytes, cursor, limit);
}

function readVarlongSlow(bytes: Uint8Array, cursor: ByteCursor, limit: number): bigint {
  let unsigned = 0n;
  for (let index = 0; index < VARLONG_BYTES_MAX; index++) {
    if (cursor.position >= limit) throw truncated(cursor, 'varlong');
    const byte = bytes[cursor.position++] as number;
    if (index === VARLONG_BYTES_MAX - 1) {
      // The tenth byte carries bit 63 only.
      if (byte > 0x01) throw new RecordBatchError('CORRUPT_MESSAGE', `varlong does not fit in 64 bits (tenth byte 0x${byte.toString(16)})`);
      unsigned |= BigInt(byte) << 63n;
      break;
    }
    unsigned |= BigInt(byte & 0x7f) << BigInt(7 * index);
    if ((byte & 0x80) === 0) break;
  }
  return (unsigned >> 1n) ^ -(unsigned & 1n);
}

function zigZag32(value: number): number {
  return ((value << 1) ^ (value >> 31)) >>> 0;
}

/** Bytes the varint encoding of the int32 `value` takes (1 to 5). */
export function sizeOfVarint(value: number): number {
  let unsigned = zigZag32(value);
  let size = 1;
  while (unsigned >= 0x80) {
    unsigned >>>= 7;
    size++;
  }
  return size;
}

/** Writes the int32 `value` as a varint at `position`; returns the position after it. */
export function writeVarint(bytes: Uint8Array, position: number, value: number): number {
  if (!Number.isInteger(value) || value < -0x8000_0000 || value > 0x7fff_ffff) {
    throw new RangeError(`varint value ${value} is not a 32-bit integer`);
  }
  let unsigned = zigZag32(value);
  while (unsigned >= 0x80) {
    bytes[position++] = (unsigned & 0x7f) | 0x80;
    unsigned >>>= 7;
  }
  bytes[position++] = unsigned;
  return position;
}

function zigZag64(value: bigint): bigint {
  if (value < INT64_MIN || value > INT64_MAX) throw new RangeError(`varlong value ${value} is not a 64-bit integer`);
  return ((value << 1n) ^ (value >> 63n)) & UINT64_MASK;
}

/** Bytes the varlong encoding of the int64 `value` takes (1 to 10). */
export function sizeOfVarlong(value: bigint): number {
  if (value >= -0x8000_0000n && value <= 0x7fff_ffffn) return sizeOfVarint(Number(value));
  let unsigned = zigZag64(value);
  let size = 1;
  while (unsigned >= 0x80n) {
    unsigned >>= 7n;
    size++;
  }
  return size;
}

/** Writes the int64 `value` as a varlong at `position`; returns the position after it. */
export function writeVarlong(bytes: Uint8Array, position: number, value: bigint): number {
  // Fast path: an int32 has the same zig-zag varint bytes as a varlong.
  if (value >= -0x8000_0000n && value <= 0x7fff_ffffn) return writeVarint(bytes, position, Number(value));
  let unsigned = zigZag64(value);
  while (unsigned >= 0x80n) {
    bytes[position++] = Number(unsigned & 0x7fn) | 0x80;
    unsigned >>= 7n;
  }
  bytes[position++] = Number(unsigned);
  return position;
}
