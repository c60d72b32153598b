// Checks the zig-zag varints against known encodings (protobuf's sint32/sint64 zig-zag, as in
// Kafka's ByteUtilsTest), round trips at the type boundaries, and that every malformed input is
// a RecordBatchError CORRUPT_MESSAGE: truncation, over-long encodings, overflow bits.
import { describe, expect, it } from 'vitest';
import { RecordBatchError } from './errors.js';
import { readVarint, readVarlong, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './varint.js';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function fromHex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'hex'));
}

function encodeVarint(value: number): string {
  const bytes = new Uint8Array(5);
  const end = writeVarint(bytes, 0, value);
  expect(end).toBe(sizeOfVarint(value));
  return hex(bytes.subarray(0, end));
}

function encodeVarlong(value: bigint): string {
  const bytes = new Uint8Array(10);
  const end = writeVarlong(bytes, 0, value);
  expect(end).toBe(sizeOfVarlong(value));
  return hex(bytes.subarray(0, end));
}

function decodeVarint(text: string): number {
  const bytes = fromHex(text);
  const cursor = { position: 0, end: bytes.length };
  const value = readVarint(bytes, cursor);
  expect(cursor.position).toBe(bytes.length);
  return value;
}

function decodeVarlong(text: string): bigint {
  const bytes = fromHex(text);
  const cursor = { position: 0, end: bytes.length };
  const value = readVarlong(bytes, cursor);
  expect(cursor.position).toBe(bytes.length);
  return value;
}

function corruptError(read: () => unknown): RecordBatchError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(RecordBatchError);
    expect((error as RecordBatchError).kind).toBe('CORRUPT_MESSAGE');
    return error as RecordBatchError;
  }
  throw new Error('expected a RecordBatchError');
}

const varintVectors: [number, string][] = [
  [0, '00'],
  [-1, '01'],
  [1, '02'],
  [-2, '03'],
  [63, '7e'],
  [-64, '7f'],
  [64, '8001'],
  [-65, '8101'],
  [300, 'd804'],
  [8191, 'fe7f'],
  [-8193, '818001'],
  [0x7fffffff, 'feffffff0f'],
  [-0x80000000, 'ffffffff0f'],
];

const varlongVectors: [bigint, string][] = [
  [0n, '00'],
  [-1n, '01'],
  [1n, '02'],
  [-64n, '7f'],
  [64n, '8001'],
  [0x7fffffffn, 'feffffff0f'],
  [0x80000000n, '8080808010'],
  [-0x80000001n, '8180808010'],
  // 2^48 and -(2^48) - 1: the first values past the seven-byte fast path.
  [1n << 48n, '8080808080808001'],
  [-(1n << 48n) - 1n, '8180808080808001'],
  [(1n << 63n) - 1n, 'feffffffffffffffff01'],
  [-(1n << 63n), 'ffffffffffffffffff01'],
  // A millisecond timestamp, the usual size of a batch's baseTimestamp. This one and the two
  // 2^48 vectors were cross-checked against kafkajs's Encoder.writeVarLong.
  [1_700_000_000_000n, '80a0abfef962'],
];

describe('varint (int32)', () => {
  it.each(varintVectors)('encodes and decodes %d as %s', (value, expected) => {
    expect(encodeVarint(value)).toBe(expected);
    expect(decodeVarint(expected)).toBe(value);
  });

  it('accepts a non-minimal encoding, as Kafka does', () => {
    expect(decodeVarint('8000')).toBe(0);
  });

  it('rejects truncation, a sixth byte and overflow bits with CORRUPT_MESSAGE', () => {
    corruptError(() => decodeVarint(''));
    corruptError(() => decodeVarint('80'));
    corruptError(() => decodeVarint('ffffffff'));
    corruptError(() => decodeVarint('ffffffff10'));
    corruptError(() => decodeVarint('ffffffff8f01'));
  });

  it('stops at the cursor end even when the array goes on', () => {
    const bytes = fromHex('8001');
    corruptError(() => readVarint(bytes, { position: 0, end: 1 }));
  });

  it('refuses to write a value that is not an int32', () => {
    expect(() => writeVarint(new Uint8Array(5), 0, 0x80000000)).toThrow(RangeError);
    expect(() => writeVarint(new Uint8Array(5), 0, 1.5)).toThrow(RangeError);
  });
});

describe('varlong (int64)', () => {
  it.each(varlongVectors)('encodes and decodes %s as %s', (value, expected) => {
    expect(encodeVarlong(value)).toBe(expected);
    expect(decodeVarlong(expected)).toBe(value);
  });

  it('round-trips every power of two and its neighbours, on both paths', () => {
    for (let bit = 0n; bit < 63n; bit++) {
      for (const value of [1n << bit, (1n << bit) - 1n, -(1n << bit), -(1n << bit) - 1n]) {
        expect(decodeVarlong(encodeVarlong(value))).toBe(value);
      }
    }
  });

  it('rejects truncation, an eleventh byte and overflow bits with CORRUPT_MESSAGE', () => {
    corruptError(() => decodeVarlong(''));
    corruptError(() => decodeVarlong('ffffffffffff'));
    corruptError(() => decodeVarlong('ffffffffffffffffff'));
    corruptError(() => decodeVarlong('ffffffffffffffffff02'));
    corruptError(() => decodeVarlong('ffffffffffffffffff8101'));
  });

  it('refuses to write a value that is not an int64', () => {
    expect(() => writeVarlong(new Uint8Array(10), 0, 1n << 63n)).toThrow(RangeError);
    expect(() => sizeOfVarlong(-(1n << 63n) - 1n)).toThrow(RangeError);
  });
});
