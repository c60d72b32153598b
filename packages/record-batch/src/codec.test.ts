// Checks the batch encoder and decoder on hand-built inputs: the header fields the encoder
// fills in (defaults, computed maxTimestamp and lastOffsetDelta, attributes), round trips with
// and without gzip, and that each limit and each kind of corruption gives the typed error it
// documents, before any large allocation.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTES_OFFSET,
  BATCH_LENGTH_OFFSET,
  CRC_OFFSET,
  LOG_OVERHEAD_BYTES,
  MAGIC_OFFSET,
  RECORD_BATCH_HEADER_BYTES,
  RECORD_COUNT_OFFSET,
  computeBatchCrc,
  stampLogAppendTime,
  validateBatch,
} from './batch-header.js';
import { decodeRecordBatch, recordOffset, recordTimestamp } from './decode.js';
import { encodeRecordBatch, type RecordBatchInput } from './encode.js';
import { RecordBatchError, type RecordBatchErrorKind } from './errors.js';
import { buildTestBatch } from './testing/index.js';

const utf8 = new TextEncoder();
const bytes = (text: string): Uint8Array => utf8.encode(text);

function expectError(kind: RecordBatchErrorKind, run: () => unknown): RecordBatchError {
  try {
    run();
  } catch (error) {
    if (!(error instanceof RecordBatchError)) throw error;
    expect(error.kind, error.message).toBe(kind);
    return error;
  }
  throw new Error(`expected RecordBatchError ${kind}`);
}

/** Rewrites header fields of a valid batch and fixes its CRC, to reach the checks behind it. */
function patch(batch: Uint8Array, edit: (view: DataView) => void, section?: Uint8Array): Uint8Array {
  let out = batch.slice();
  if (section !== undefined) {
    out = new Uint8Array(RECORD_BATCH_HEADER_BYTES + section.byteLength);
    out.set(batch.subarray(0, RECORD_BATCH_HEADER_BYTES));
    out.set(section, RECORD_BATCH_HEADER_BYTES);
  }
  const view = new DataView(out.buffer);
  view.setInt32(BATCH_LENGTH_OFFSET, out.byteLength - LOG_OVERHEAD_BYTES);
  edit(view);
  view.setUint32(CRC_OFFSET, computeBatchCrc(out, 0, out.byteLength));
  return out;
}

const sampleInput: RecordBatchInput = {
  baseOffset: 1000n,
  partitionLeaderEpoch: 7,
  producerId: 42n,
  producerEpoch: 3,
  baseSequence: 10,
  records: [
    { key: bytes('a'), value: bytes('one'), timestamp: 1_700_000_000_050n, headers: [{ key: 'trace', value: bytes('x') }] },
    { key: null, value: bytes('two'), timestamp: 1_700_000_000_010n },
    { key: bytes('c'), value: null, timestamp: 1_700_000_000_090n, headers: [{ key: 'ø', value: null }] },
  ],
};

describe('encodeRecordBatch', () => {
  it('fills the header: defaults, first-record baseTimestamp, max timestamp, counts, CRC', () => {
    const batch = encodeRecordBatch(sampleInput);
    const header = validateBatch(batch);
    expect(header).toMatchObject({
      baseOffset: 1000n,
      batchLength: batch.byteLength - LOG_OVERHEAD_BYTES,
      partitionLeaderEpoch: 7,
      magic: 2,
      attributes: 0,
      lastOffsetDelta: 2,
      baseTimestamp: 1_700_000_000_050n,
      maxTimestamp: 1_700_000_000_090n,
      producerId: 42n,
      producerEpoch: 3,
      baseSequence: 10,
      recordCount: 3,
    });
  });

  it('uses Kafka’s "no producer" values and -1 timestamps for an empty batch', () => {
    const header = validateBatch(encodeRecordBatch({ records: [] }));
    expect(header).toMatchObject({
      baseOffset: 0n,
      partitionLeaderEpoch: -1,
      lastOffsetDelta: 0,
      baseTimestamp: -1n,
      maxTimestamp: -1n,
      producerId: -1n,
      producerEpoch: -1,
      baseSequence: -1,
      recordCount: 0,
    });
    expect(decodeRecordBatch(encodeRecordBatch({ records: [] })).records).toEqual([]);
  });

  it('sets the attribute bits', () => {
    const batch = encodeRecordBatch({ ...sampleInput, compression: 'gzip', timestampType: 'log-append-time', transactional: true, control: true });
    expect(new DataView(batch.buffer).getInt16(ATTRIBUTES_OFFSET)).toBe(0x01 | 0x08 | 0x10 | 0x20);
    expect(decodeRecordBatch(batch).attributes).toEqual({ compression: 'gzip', timestampType: 'log-append-time', transactional: true, control: true });
  });

  it('rejects input no batch can hold', () => {
    const record = { key: null, value: null, timestamp: 0n };
    expect(() => encodeRecordBatch({ records: [record, { ...record, offsetDelta: 0 }] })).toThrow(RangeError);
    expect(() => encodeRecordBatch({ records: [{ ...record, offsetDelta: -1 }] })).toThrow(RangeError);
    expect(() => encodeRecordBatch({ records: [], producerEpoch: 0x8000 })).toThrow(RangeError);
    expect(() => encodeRecordBatch({ records: [record, { ...record, timestamp: 1n << 63n }] })).toThrow(RangeError);
    expectError('UNSUPPORTED_COMPRESSION_TYPE', () => encodeRecordBatch({ records: [], compression: 'zstd' as 'gzip' }));
    expect(() => encodeRecordBatch({ records: [{ ...record, timestamp: 2 ** 53 }] })).toThrow(RangeError);
    expect(() => encodeRecordBatch({ records: [{ ...record, timestamp: 1.5 }] })).toThrow(RangeError);
  });

  it('writes the same bytes for number and bigint timestamps, deltas past an int32 included', () => {
    const base = 1_700_000_000_000;
    const deltas = [0, -17, 123_456, 2 ** 31, -(2 ** 31) - 1, 2 ** 40];
    const records = (timestamp: (delta: number) => number | bigint) =>
      deltas.map((delta, index) => ({ key: index % 2 === 0 ? null : bytes(`k${index}`), value: bytes(`v${index}`), headers: index === 1 ? [{ key: 'h', value: bytes('x') }] : [], timestamp: timestamp(delta) }));
    const asBigint = encodeRecordBatch({ records: records((delta) => BigInt(base + delta)) });
    for (const numbers of [records((delta) => base + delta), records((delta) => (delta % 2 === 0 ? base + delta : BigInt(base + delta)))]) {
      expect(Buffer.from(encodeRecordBatch({ records: numbers }))).toEqual(Buffer.from(asBigint));
      expect(Buffer.from(encodeRecordBatch({ records: numbers, compression: 'gzip' })).subarray(RECORD_BATCH_HEADER_BYTES)).toEqual(
        Buffer.from(encodeRecordBatch({ records: records((delta) => BigInt(base + delta)), compression: 'gzip' })).subarray(RECORD_BATCH_HEADER_BYTES),
      );
    }
    const decoded = decodeRecordBatch(asBigint);
    expect(decoded.records.map((record) => recordTimestamp(decoded.header, record))).toEqual(deltas.map((delta) => BigInt(base + delta)));
    expect(decoded.header.maxTimestamp).toBe(BigInt(base + 2 ** 40));
  });
});

describe('decodeRecordBatch', () => {
  it.each(['none', 'gzip'] as const)('round-trips records with %s compression', (compression) => {
    const decoded = decodeRecordBatch(encodeRecordBatch({ ...sampleInput, compression }));
    expect(decoded.attributes.compression).toBe(compression);
    expect(decoded.records).toEqual([
      { offsetDelta: 0, timestampDelta: 0n, key: bytes('a'), value: bytes('one'), headers: [{ key: 'trace', value: bytes('x') }] },
      { offsetDelta: 1, timestampDelta: -40n, key: null, value: bytes('two'), headers: [] },
      { offsetDelta: 2, timestampDelta: 40n, key: bytes('c'), value: null, headers: [{ key: 'ø', value: null }] },
    ]);
    const second = decoded.records[1];
    if (second === undefined) throw new Error('two records expected');
    expect(recordOffset(decoded.header, second)).toBe(1001n);
    expect(recordTimestamp(decoded.header, second)).toBe(1_700_000_000_010n);
  });

  it('gives every record the batch maxTimestamp under log-append time', () => {
    const decoded = decodeRecordBatch(encodeRecordBatch({ ...sampleInput, timestampType: 'log-append-time' }));
    expect(decoded.records.map((record) => recordTimestamp(decoded.header, record))).toEqual([1_700_000_000_090n, 1_700_000_000_090n, 1_700_000_000_090n]);
  });

  it('stamps log-append time in place: attribute bit, maxTimestamp and a valid CRC', () => {
    const joined = new Uint8Array(5 + encodeRecordBatch(sampleInput).byteLength);
    const batch = encodeRecordBatch(sampleInput);
    joined.set(batch, 5);
    stampLogAppendTime(joined, 5, batch.byteLength, 1_800_000_000_000n);
    const decoded = decodeRecordBatch(joined.subarray(5));
    expect(decoded.attributes.timestampType).toBe('log-append-time');
    expect(decoded.header.maxTimestamp).toBe(1_800_000_000_000n);
    expect(decoded.records.map((record) => recordTimestamp(decoded.header, record))).toEqual([1_800_000_000_000n, 1_800_000_000_000n, 1_800_000_000_000n]);
  });

  it('keeps a header key’s leading byte-order mark, as Java’s String does', () => {
    const batch = encodeRecordBatch({ records: [{ key: null, value: null, timestamp: 0n, headers: [{ key: '\uFEFFbom', value: null }] }] });
    expect(decodeRecordBatch(batch).records[0]?.headers[0]?.key).toBe('\uFEFFbom');
  });

  it('returns views into the input for an uncompressed batch, not copies', () => {
    const batch = encodeRecordBatch(sampleInput);
    const value = decodeRecordBatch(batch).records[0]?.value;
    expect(value?.buffer).toBe(batch.buffer);
  });

});

describe('decodeRecordBatch on corrupt input', () => {
  it('rejects a flipped bit, a wrong magic and a wrong length with the documented kinds', () => {
    const batch = buildTestBatch();
    const flipped = batch.slice();
    flipped[batch.byteLength - 1] = (flipped[batch.byteLength - 1] as number) ^ 0x10;
    expect(expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(flipped)).message).toMatch(/CRC/);
    const magic1 = batch.slice();
    magic1[MAGIC_OFFSET] = 1;
    expectError('UNSUPPORTED_FOR_MESSAGE_FORMAT', () => decodeRecordBatch(magic1));
    expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(batch.subarray(0, batch.byteLength - 1)));
    expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(batch.subarray(0, 20)));
  });

  it('rejects records that do not fill the section exactly, or overrun it', () => {
    const batch = buildTestBatch({ recordCount: 2 });
    const section = batch.subarray(RECORD_BATCH_HEADER_BYTES);
    const trailing = patch(batch, () => {}, Uint8Array.from([...section, 0]));
    expect(expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(trailing)).message).toMatch(/after its 2 declared records/);
    const fewer = patch(batch, (view) => view.setInt32(RECORD_COUNT_OFFSET, 1));
    expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(fewer));
    const more = patch(batch, (view) => view.setInt32(RECORD_COUNT_OFFSET, 3));
    expect(expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(more)).message).toMatch(/ends after 2/);
    // The first record's length varint claims one byte more than the record holds.
    const longer = section.slice();
    longer[0] = (longer[0] as number) + 2;
    expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(patch(batch, () => {}, longer)));
  });

  it('rejects a huge declared record count before reading or allocating', () => {
    const batch = buildTestBatch({ recordCount: 1 });
    const huge = patch(batch, (view) => view.setInt32(RECORD_COUNT_OFFSET, 0x7fffffff));
    expectError('MESSAGE_TOO_LARGE', () => decodeRecordBatch(huge));
    const error = expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(huge, { maxRecordsPerBatch: 0x7fffffff }));
    expect(error.message).toMatch(/holds at most/);
    expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(patch(batch, (view) => view.setInt32(RECORD_COUNT_OFFSET, -1))));
  });

});

describe('decodeRecordBatch limits and codecs', () => {
  it('enforces maxBatchBytes, maxRecordsPerBatch and maxHeadersPerRecord', () => {
    const batch = buildTestBatch({ recordCount: 5 });
    expectError('MESSAGE_TOO_LARGE', () => decodeRecordBatch(batch, { maxBatchBytes: batch.byteLength - 1 }));
    expect(decodeRecordBatch(batch, { maxBatchBytes: batch.byteLength }).records).toHaveLength(5);
    expectError('MESSAGE_TOO_LARGE', () => decodeRecordBatch(batch, { maxRecordsPerBatch: 4 }));
    const headers = Array.from({ length: 3 }, (_, index) => ({ key: `h${index}`, value: null }));
    const withHeaders = encodeRecordBatch({ records: [{ key: null, value: null, timestamp: 0n, headers }] });
    expectError('MESSAGE_TOO_LARGE', () => decodeRecordBatch(withHeaders, { maxHeadersPerRecord: 2 }));
    expect(decodeRecordBatch(withHeaders, { maxHeadersPerRecord: 3 }).records[0]?.headers).toHaveLength(3);
    expect(() => decodeRecordBatch(batch, { maxBatchBytes: 0 })).toThrow(RangeError);
  });

  it('stops a gzip bomb at maxUncompressedBytes', () => {
    const batch = buildTestBatch({ compression: 'gzip' });
    // 16 MiB of zeros deflate to about 16 KiB: far below maxBatchBytes, far above the limit.
    const bomb = patch(batch, () => {}, gzipSync(new Uint8Array(16 * 1024 * 1024)));
    expect(bomb.byteLength).toBeLessThan(50_000);
    expectError('MESSAGE_TOO_LARGE', () => decodeRecordBatch(bomb, { maxUncompressedBytes: 1024 * 1024 }));
    expectError('MESSAGE_TOO_LARGE', () => decodeRecordBatch(buildTestBatch({ compression: 'gzip', recordCount: 50 }), { maxUncompressedBytes: 100 }));
  });

  it('rejects a gzip section that does not inflate', () => {
    const batch = buildTestBatch({ compression: 'gzip' });
    const section = batch.subarray(RECORD_BATCH_HEADER_BYTES);
    expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(patch(batch, () => {}, section.subarray(0, section.byteLength - 4))));
    expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(patch(batch, () => {}, Uint8Array.from([1, 2, 3, 4, 5, 6, 7]))));
  });

  it('refuses snappy, lz4 and zstd with UNSUPPORTED_COMPRESSION_TYPE and ids 5-7 as corrupt', () => {
    const batch = buildTestBatch();
    for (const codec of [2, 3, 4]) {
      expectError('UNSUPPORTED_COMPRESSION_TYPE', () => decodeRecordBatch(patch(batch, (view) => view.setInt16(ATTRIBUTES_OFFSET, codec))));
    }
    for (const codec of [5, 6, 7]) {
      expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(patch(batch, (view) => view.setInt16(ATTRIBUTES_OFFSET, codec))));
    }
  });

  it('decodes a batch declaring 0 records without reading its section, as Kafka does', () => {
    const batch = buildTestBatch({ compression: 'gzip' });
    const empty = patch(batch, (view) => view.setInt32(RECORD_COUNT_OFFSET, 0), Uint8Array.from([9, 9, 9]));
    expect(decodeRecordBatch(empty).records).toEqual([]);
  });

  it('rejects null header keys and lengths below -1', () => {
    // One record (varints zig-zag: 0x10 = 8, 0x01 = -1, 0x02 = 1): length 8, attributes, ts 0, offset 0, key null, value null, 1 header, key null, value null.
    const nullHeaderKey = Uint8Array.from([0x10, 0, 0, 0, 0x01, 0x01, 0x02, 0x01, 0x01]);
    const base = buildTestBatch({ recordCount: 1 });
    expect(expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(patch(base, () => {}, nullHeaderKey))).message).toMatch(/header key is null/);
    // Key length -2 (zig-zag 03).
    const negativeKey = Uint8Array.from([0x0c, 0, 0, 0, 0x03, 0x01, 0x00]);
    expect(expectError('CORRUPT_MESSAGE', () => decodeRecordBatch(patch(base, () => {}, negativeKey))).message).toMatch(/length is -2/);
    // The same record with a valid null key decodes: the check above is on the value -2 alone.
    const nullKey = Uint8Array.from([0x0c, 0, 0, 0, 0x01, 0x01, 0x00]);
    expect(decodeRecordBatch(patch(base, () => {}, nullKey)).records).toEqual([{ offsetDelta: 0, timestampDelta: 0n, key: null, value: null, headers: [] }]);
  });
});
