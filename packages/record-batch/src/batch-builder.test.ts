// The builder writes, one record at a time, exactly the batch encodeRecordBatch writes for the
// same records (uncompressed and gzip, with producer fields), reads its records back for a split,
// grows past its first buffer (doubling, through its pool, up to a cap), and copies a small batch
// out of its buffer so the buffer can be reused.
import { describe, expect, it } from 'vitest';
import { RecordBatchBuilder, type BatchBufferPool } from './batch-builder.js';
import { decodeRecordBatch } from './decode.js';
import { encodeRecordBatch, type RecordInput } from './encode.js';

const bytes = (text: string): Buffer => Buffer.from(text);
const records: RecordInput[] = [
  { key: null, value: bytes('first'), timestamp: 1_700_000_000_000 },
  { key: bytes('k'), value: null, headers: [{ key: 'trace', value: bytes('1') }, { key: 'ü', value: null }], timestamp: 1_699_999_999_990 },
  { key: bytes(''), value: bytes('x'.repeat(300)), timestamp: 1_700_000_000_000 + 2 ** 40 },
  { key: null, value: bytes('bigint'), timestamp: 1_700_000_000_500n },
];

function build(capacity: number, inputs: readonly RecordInput[], options = {}): { builder: RecordBatchBuilder; batch: Uint8Array } {
  const builder = new RecordBatchBuilder(capacity);
  for (const record of inputs) {
    const before = builder.sizeBytes;
    const expected = builder.sizeOf(record);
    builder.append(record);
    expect(builder.sizeBytes - before).toBe(expected);
  }
  return { builder, batch: builder.build(options) };
}

describe('RecordBatchBuilder', () => {
  it.each([['none'], ['gzip']] as const)('builds what encodeRecordBatch encodes (%s)', (compression) => {
    const producer = { producerId: 42n, producerEpoch: 3, baseSequence: 17 };
    const { batch } = build(16 * 1024, records, { compression, ...producer });
    expect(Buffer.from(batch).toString('hex')).toBe(Buffer.from(encodeRecordBatch({ records, compression, ...producer })).toString('hex'));
    expect(decodeRecordBatch(batch).records).toHaveLength(records.length);
  });

  it('builds an empty batch as encodeRecordBatch does', () => {
    expect(Buffer.from(new RecordBatchBuilder(100).build())).toEqual(Buffer.from(encodeRecordBatch({ records: [] })));
  });

  it('reads its records back, and grows past its first buffer', () => {
    const builder = new RecordBatchBuilder(64);
    for (const record of records) builder.append(record);
    const read = builder.records();
    expect(read.map((record) => BigInt(record.timestamp))).toEqual(records.map((record) => BigInt(record.timestamp)));
    expect(read.map((record) => record.value && Buffer.from(record.value).toString())).toEqual(records.map((record) => record.value && Buffer.from(record.value).toString()));
    expect(read[1]!.headers).toEqual([{ key: 'trace', value: bytes('1') }, { key: 'ü', value: null }]);
    expect(Buffer.from(builder.build()).toString('hex')).toBe(Buffer.from(encodeRecordBatch({ records })).toString('hex'));
    // ... also once built (a batch refused as too large after its first send), compressed or not.
    expect(builder.records().map((record) => BigInt(record.timestamp))).toEqual(read.map((record) => BigInt(record.timestamp)));
    const gzip = build(64, records, { compression: 'gzip' }).builder;
    expect(gzip.records().map((record) => record.key && Buffer.from(record.key).toString())).toEqual(records.map((record) => record.key && Buffer.from(record.key).toString()));
  });

  it('copies a batch that fills less than half of a large buffer out of it', () => {
    const small = build(1024 * 1024, records.slice(0, 1)).batch;
    expect(small.buffer.byteLength).toBeLessThan(1024 * 1024);
    const full = build(512, records).batch;
    expect(full.byteLength).toBeGreaterThan(256);
  });

  it('refuses appends after build and a second build, and producer fields outside their widths', () => {
    const { builder } = build(1024, records.slice(0, 1));
    expect(() => builder.append(records[0]!)).toThrow(/after build/);
    expect(() => builder.build()).toThrow(/twice/);
    const other = new RecordBatchBuilder(1024);
    other.append(records[0]!);
    expect(() => other.build({ producerEpoch: 0x8000 })).toThrow(RangeError);
    expect(() => other.build({ producerId: 1n << 63n })).toThrow(RangeError);
    expect(() => new RecordBatchBuilder(10).append({ key: null, value: null, timestamp: 1.5 })).toThrow(RangeError);
  });

  it('gives its pool buffer back when the batch is copied out of it, never while the batch is a view of it', () => {
    const given: Buffer[] = [];
    const pool: BatchBufferPool = { take: (bytes) => Buffer.alloc(bytes), give: (buffer) => given.push(buffer) };
    // Compacted (a small batch in a large buffer): given back at build.
    const small = new RecordBatchBuilder(256 * 1024, pool);
    small.append(records[0]!);
    const compacted = small.build();
    expect(given).toHaveLength(1);
    expect(compacted.buffer).not.toBe(given[0]!.buffer);
    small.release();
    expect(given).toHaveLength(1);
    // Larger than 64 KiB and full enough to be sent from the buffer itself: never given back,
    // not even at release.
    const full = new RecordBatchBuilder(70 * 1024, pool);
    const filler: RecordInput = { key: null, value: Buffer.alloc(1000), timestamp: 1 };
    for (let i = 0; i < 67; i++) full.append(filler);
    expect(full.sizeBytes).toBeGreaterThan(64 * 1024);
    full.build();
    full.release();
    expect(given).toHaveLength(1);
    // At most 64 KiB, however full its buffer: copied out, and the buffer goes back.
    const smallFull = new RecordBatchBuilder(1024, pool);
    for (const record of records.slice(0, 2)) smallFull.append(record);
    smallFull.build();
    expect(given).toHaveLength(2);
    given.pop();
    // Grown past it for a large record: the outgrown pool buffer goes back.
    const grown = new RecordBatchBuilder(64, pool);
    grown.append(records[2]!);
    expect(given).toHaveLength(2);
    // Compressed: given back at build.
    const gzip = new RecordBatchBuilder(1024, pool);
    gzip.append(records[0]!);
    gzip.build({ compression: 'gzip' });
    expect(given).toHaveLength(3);
  });

  it('doubles its buffer through the pool as records fill it, up to growUpTo, and past it only for a record that needs more', () => {
    const taken: number[] = [];
    const given: number[] = [];
    const pool: BatchBufferPool = {
      take: (bytes) => {
        taken.push(bytes);
        return Buffer.alloc(bytes);
      },
      give: (buffer) => given.push(buffer.byteLength),
    };
    const small: RecordInput = { key: null, value: bytes('0123456789'), timestamp: 1_700_000_000_000 };
    const builder = new RecordBatchBuilder(64, pool, 1000);
    for (let i = 0; i < 40; i++) builder.append(small);
    expect(taken).toEqual([64, 128, 256, 512, 1000]);
    // Each outgrown buffer went back at once; the last one holds the batch.
    expect(given).toEqual([64, 128, 256, 512]);
    expect(decodeRecordBatch(builder.build()).records).toHaveLength(40);
    // A batch this small is copied out to be sent: the last buffer goes back too.
    expect(given).toEqual([64, 128, 256, 512, 1000]);
    // A record larger than growUpTo gets a buffer of its own size.
    const large = new RecordBatchBuilder(64, pool, 128);
    large.append(records[2]!);
    expect(taken.at(-1)).toBe(large.sizeBytes);
    // Without growUpTo, and without a pool, the buffer just doubles.
    const doubling = new RecordBatchBuilder(100);
    for (const record of records) doubling.append(record);
    expect(decodeRecordBatch(doubling.build()).records.map((record) => record.value)).toEqual(records.map((record) => record.value));
  });
});
