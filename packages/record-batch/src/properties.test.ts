// Property tests with fast-check (TESTING.md section 1): encode then decode is the identity for
// arbitrary batches; and arbitrary bytes, arbitrary records sections behind a valid header and
// CRC, and single-byte or single-bit mutations of valid batches give a value or a
// RecordBatchError, never another exception, and never records larger than the input allows.
// The seed is printed; rerun a failure with FC_SEED=<seed> (fast-check also prints the seed and
// the shrunk counterexample when a property fails).
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BATCH_LENGTH_OFFSET, CRC_OFFSET, LOG_OVERHEAD_BYTES, RECORD_BATCH_HEADER_BYTES, RECORD_COUNT_OFFSET, computeBatchCrc, validateBatch } from './batch-header.js';
import { decodeRecordBatch, recordOffset, recordTimestamp, type DecodedRecordBatch } from './decode.js';
import { encodeRecordBatch, type RecordBatchInput } from './encode.js';
import { RecordBatchError } from './errors.js';
import { RECORD_BYTES_MIN } from './limits.js';
import { scanValidPrefix, splitBatches } from './split.js';
import { concatBatches, propertySeed } from './testing/index.js';

const seed = propertySeed('record-batch properties');
const runs = (numRuns: number): fc.Parameters<unknown> => ({ seed, numRuns });

/** Small limits so that a mutation which inflates or multiplies things meets them quickly. */
const limits = { maxUncompressedBytes: 64 * 1024, maxRecordsPerBatch: 10_000, maxHeadersPerRecord: 100 };

const bytesOrNull = fc.option(fc.uint8Array({ maxLength: 48 }), { nil: null, freq: 4 });
// Numbers too (the producer's Date.now()), mixed with bigints within a batch.
const timestamp = fc.oneof(
  fc.bigInt({ min: 1_600_000_000_000n, max: 1_800_000_000_000n }),
  fc.bigInt({ min: -(1n << 61n), max: 1n << 61n }),
  fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
);
const recordArbitrary = fc.record({
  key: bytesOrNull,
  value: bytesOrNull,
  headers: fc.array(fc.record({ key: fc.string({ unit: 'binary', maxLength: 12 }), value: bytesOrNull }), { maxLength: 4 }),
  timestamp,
  offsetGap: fc.integer({ min: 1, max: 1000 }),
});

const batchInput: fc.Arbitrary<RecordBatchInput> = fc
  .record({
    baseOffset: fc.bigInt({ min: 0n, max: 1n << 62n }),
    partitionLeaderEpoch: fc.integer({ min: -1, max: 0x7fffffff }),
    compression: fc.constantFrom('none' as const, 'gzip' as const),
    timestampType: fc.constantFrom('create-time' as const, 'log-append-time' as const),
    transactional: fc.boolean(),
    control: fc.boolean(),
    producerId: fc.bigInt({ min: -1n, max: (1n << 63n) - 1n }),
    producerEpoch: fc.integer({ min: -1, max: 0x7fff }),
    baseSequence: fc.integer({ min: -1, max: 0x7fffffff }),
    records: fc.array(recordArbitrary, { maxLength: 8 }),
  })
  .map(({ records, ...fields }) => {
    let offsetDelta = -1;
    return { ...fields, records: records.map(({ offsetGap, ...record }) => ({ ...record, offsetDelta: (offsetDelta += offsetGap) })) };
  });

/** Runs a decoder on hostile input: a RecordBatchError is fine, any other exception fails. */
function valueOrTypedError<T>(run: () => T): T | RecordBatchError {
  try {
    return run();
  } catch (error) {
    if (error instanceof RecordBatchError) return error;
    throw error;
  }
}

/** Whatever decoded must be no bigger than its input (or the inflation limit) allows. */
function expectBounded(decoded: DecodedRecordBatch, inputBytes: number): void {
  const bound = decoded.attributes.compression === 'none' ? inputBytes : limits.maxUncompressedBytes;
  expect(decoded.records.length).toBeLessThanOrEqual(Math.floor(bound / RECORD_BYTES_MIN));
  for (const record of decoded.records) {
    expect(record.headers.length).toBeLessThanOrEqual(limits.maxHeadersPerRecord);
    for (const field of [record.key, record.value, ...record.headers.map((header) => header.value)]) {
      expect(field?.byteLength ?? 0).toBeLessThanOrEqual(bound);
    }
  }
}

/** Runs every reader over `bytes`; checks each either fails typed or gives a bounded value. */
function readAllWays(bytes: Uint8Array): void {
  const decoded = valueOrTypedError(() => decodeRecordBatch(bytes, limits));
  if (!(decoded instanceof RecordBatchError)) expectBounded(decoded, bytes.byteLength);
  valueOrTypedError(() => validateBatch(bytes));
  valueOrTypedError(() => [...splitBatches(bytes)]);
  const prefix = scanValidPrefix(bytes);
  expect(prefix.validBytes).toBeLessThanOrEqual(bytes.byteLength);
}

/** Replaces the records section and record count of a valid batch and fixes length and CRC. */
function withSection(batch: Uint8Array, section: Uint8Array, recordCount: number): Uint8Array {
  const out = new Uint8Array(RECORD_BATCH_HEADER_BYTES + section.byteLength);
  out.set(batch.subarray(0, RECORD_BATCH_HEADER_BYTES));
  out.set(section, RECORD_BATCH_HEADER_BYTES);
  const view = new DataView(out.buffer);
  view.setInt32(BATCH_LENGTH_OFFSET, out.byteLength - LOG_OVERHEAD_BYTES);
  view.setInt32(RECORD_COUNT_OFFSET, recordCount);
  view.setUint32(CRC_OFFSET, computeBatchCrc(out, 0, out.byteLength));
  return out;
}

describe('encode then decode', () => {
  it('is the identity on records and header fields', () => {
    fc.assert(
      fc.property(batchInput, (input) => {
        const batch = encodeRecordBatch(input);
        const decoded = decodeRecordBatch(batch);
        const baseTimestamp = BigInt(input.records[0]?.timestamp ?? -1n);
        expect(decoded.header).toMatchObject({ baseOffset: input.baseOffset, partitionLeaderEpoch: input.partitionLeaderEpoch, producerId: input.producerId, producerEpoch: input.producerEpoch, baseSequence: input.baseSequence, baseTimestamp, recordCount: input.records.length });
        expect(decoded.attributes).toEqual({ compression: input.compression, timestampType: input.timestampType, transactional: input.transactional, control: input.control });
        expect(decoded.records).toEqual(
          input.records.map((record) => ({ offsetDelta: record.offsetDelta, timestampDelta: BigInt(record.timestamp) - baseTimestamp, key: record.key, value: record.value, headers: record.headers })),
        );
        decoded.records.forEach((record, index) => {
          const original = input.records[index];
          expect(recordOffset(decoded.header, record)).toBe((input.baseOffset ?? 0n) + BigInt(original?.offsetDelta ?? 0));
          if (input.timestampType === 'create-time') expect(recordTimestamp(decoded.header, record)).toBe(BigInt(original?.timestamp ?? 0));
        });
      }),
      runs(200),
    );
  });

  it('splits concatenated batches back into the same batches', () => {
    fc.assert(
      fc.property(fc.array(batchInput, { minLength: 1, maxLength: 4 }), (inputs) => {
        const batches = inputs.map((input) => encodeRecordBatch(input));
        const views = [...splitBatches(concatBatches(batches))];
        expect(views.map((view) => view.bytes)).toEqual(batches);
      }),
      runs(50),
    );
  });
});

describe('hostile input', () => {
  it('arbitrary bytes give a value or a RecordBatchError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), readAllWays), runs(300));
  });

  it('arbitrary records sections behind a valid header and CRC give a value or a RecordBatchError', () => {
    const base = encodeRecordBatch({ records: [] });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer()), fc.boolean(), (section, recordCount, gzip) => {
        const batch = gzip ? withSection(encodeRecordBatch({ records: [], compression: 'gzip' }), gzipSync(section), recordCount) : withSection(base, section, recordCount);
        readAllWays(batch);
      }),
      runs(500),
    );
  });

  it('a mutated byte of a valid batch, with or without its CRC fixed, gives a value or a RecordBatchError', () => {
    fc.assert(
      fc.property(batchInput, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean(), (input, where, mask, fixCrc) => {
        const batch = encodeRecordBatch(input);
        const index = where % batch.byteLength;
        batch[index] = (batch[index] as number) ^ mask;
        if (fixCrc && batch.byteLength >= RECORD_BATCH_HEADER_BYTES) {
          new DataView(batch.buffer).setUint32(CRC_OFFSET, computeBatchCrc(batch, 0, batch.byteLength));
        }
        readAllWays(batch);
        // Without the fix-up, a change inside the CRC's range must be caught.
        if (!fixCrc && index >= CRC_OFFSET) expect(valueOrTypedError(() => validateBatch(batch))).toBeInstanceOf(RecordBatchError);
      }),
      runs(500),
    );
  });

  it('a flipped bit in the records section with a fixed CRC gives a value or a RecordBatchError', () => {
    fc.assert(
      fc.property(batchInput, fc.nat(), fc.integer({ min: 0, max: 7 }), (input, where, bit) => {
        const batch = encodeRecordBatch(input);
        const sectionBytes = batch.byteLength - RECORD_BATCH_HEADER_BYTES;
        if (sectionBytes === 0) return;
        const index = RECORD_BATCH_HEADER_BYTES + (where % sectionBytes);
        batch[index] = (batch[index] as number) ^ (1 << bit);
        new DataView(batch.buffer).setUint32(CRC_OFFSET, computeBatchCrc(batch, 0, batch.byteLength));
        readAllWays(batch);
      }),
      runs(500),
    );
  });
});
