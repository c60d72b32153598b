// Interoperability with an independent implementation of RecordBatch v2: kafkajs 2.2.4 (a
// devDependency, CommonJS, loaded with createRequire from its internal protocol modules
// src/protocol/recordBatch/v0/index.js and decoder.js). Batches kafkajs writes must decode here to
// the records it was given; batches Brook writes must decode in kafkajs; and for the same input
// the two encoders must produce the same bytes, gzip included (both use zlib's defaults).
// Two golden files under testdata/ hold kafkajs output, so the check survives without the library.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodeRecordBatch, recordOffset, recordTimestamp } from './decode.js';
import { encodeRecordBatch, type RecordBatchInput } from './encode.js';
import { propertySeed } from './testing/index.js';

interface KafkajsLong {
  toString(): string;
}
interface KafkajsEncoder {
  buffer: Buffer;
}
interface KafkajsRecordInput {
  offsetDelta: number;
  timestampDelta: number;
  key: Buffer | null;
  value: Buffer | null;
  headers?: { [key: string]: Buffer | Buffer[] };
}
interface KafkajsDecodedRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: { [key: string]: Buffer | Buffer[] };
}
interface KafkajsDecodedBatch {
  firstOffset: string;
  partitionLeaderEpoch: number;
  producerId: string;
  producerEpoch: number;
  firstSequence: number;
  maxTimestamp: string;
  lastOffsetDelta: number;
  inTransaction: boolean;
  records: KafkajsDecodedRecord[];
}

const require = createRequire(import.meta.url);
const kafkajs = {
  RecordBatch: (require('kafkajs/src/protocol/recordBatch/v0/index.js') as { RecordBatch: (options: object) => Promise<KafkajsEncoder> }).RecordBatch,
  Record: require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (input: KafkajsRecordInput) => KafkajsEncoder,
  decode: require('kafkajs/src/protocol/recordBatch/v0/decoder.js') as (decoder: object) => Promise<KafkajsDecodedBatch>,
  Decoder: require('kafkajs/src/protocol/decoder.js') as new (buffer: Buffer) => object,
  Long: require('kafkajs/src/utils/long.js') as { fromString(text: string): KafkajsLong },
};

const utf8 = new TextEncoder();
const bytes = (text: string): Uint8Array => utf8.encode(text);

/** One test case, written once and handed to both encoders. */
interface Case {
  name: string;
  compression: 'none' | 'gzip';
  transactional?: boolean;
  baseTimestamp: bigint;
  records: { key: string | null; value: string | null; timestampDelta: number; headers: [string, string][] }[];
}

const cases: Case[] = [
  { name: 'one keyed record', compression: 'none', baseTimestamp: 1_700_000_000_000n, records: [{ key: 'k', value: 'v', timestampDelta: 0, headers: [] }] },
  {
    name: 'null keys, null values, empty values, headers with a repeated key, negative deltas',
    compression: 'none',
    baseTimestamp: 1_600_000_000_123n,
    records: [
      { key: null, value: 'first', timestampDelta: 0, headers: [['trace', '1'], ['trace', '2'], ['origin', 'eu']] },
      { key: 'user-9', value: null, timestampDelta: -17, headers: [] },
      { key: '', value: '', timestampDelta: 123_456, headers: [['', '']] },
      { key: 'ключ', value: 'значение', timestampDelta: 2 ** 40, headers: [['ü', 'ö']] },
    ],
  },
  {
    name: 'gzip, transactional, 50 records',
    compression: 'gzip',
    transactional: true,
    baseTimestamp: 1_700_000_000_000n,
    records: Array.from({ length: 50 }, (_, index) => ({
      key: index % 3 === 0 ? null : `key-${index}`,
      value: `value-${index}-${'x'.repeat(index)}`,
      timestampDelta: index * 7,
      headers: index % 2 === 0 ? [['n', String(index)]] : [],
    })),
  },
];

const batchFields = { baseOffset: 123_456_789_012n, partitionLeaderEpoch: 9, producerId: 31_337n, producerEpoch: 4, baseSequence: 77 };

/** The greatest record timestamp, which is what Brook computes for the header (cases have records). */
function maxTimestampOf(testCase: Case): bigint {
  const timestamps = testCase.records.map((record) => testCase.baseTimestamp + BigInt(record.timestampDelta));
  return timestamps.reduce((max, timestamp) => (timestamp > max ? timestamp : max));
}

/** kafkajs takes headers as an object, a repeated key as an array; it writes them in that order. */
function kafkajsHeaders(headers: [string, string][]): { [key: string]: Buffer | Buffer[] } {
  // A Map, so that keys such as "valueOf" do not meet Object.prototype.
  const grouped = new Map<string, Buffer[]>();
  for (const [key, value] of headers) grouped.set(key, [...(grouped.get(key) ?? []), Buffer.from(value)]);
  return Object.fromEntries([...grouped].map(([key, values]) => [key, values.length === 1 ? (values[0] as Buffer) : values]));
}

/**
 * The order kafkajs writes a header list in: grouped by key, keys in the header object's
 * property order (which puts integer-like keys first, in numeric order).
 */
function inWireOrder(headers: [string, string][]): [string, string][] {
  return Object.entries(kafkajsHeaders(headers)).flatMap(([key, values]) =>
    (Array.isArray(values) ? values : [values]).map((value): [string, string] => [key, value.toString('utf8')]),
  );
}

async function encodeWithKafkajs(testCase: Case): Promise<Uint8Array> {
  const records = testCase.records.map((record, index) =>
    kafkajs.Record({
      offsetDelta: index,
      timestampDelta: record.timestampDelta,
      key: record.key === null ? null : Buffer.from(record.key),
      value: record.value === null ? null : Buffer.from(record.value),
      headers: kafkajsHeaders(record.headers),
    }),
  );
  const encoder = await kafkajs.RecordBatch({
    compression: testCase.compression === 'gzip' ? 1 : 0,
    firstOffset: kafkajs.Long.fromString(String(batchFields.baseOffset)),
    firstTimestamp: Number(testCase.baseTimestamp),
    maxTimestamp: Number(maxTimestampOf(testCase)),
    partitionLeaderEpoch: batchFields.partitionLeaderEpoch,
    lastOffsetDelta: records.length - 1,
    transactional: testCase.transactional === true,
    producerId: kafkajs.Long.fromString(String(batchFields.producerId)),
    producerEpoch: batchFields.producerEpoch,
    firstSequence: batchFields.baseSequence,
    records,
  });
  return new Uint8Array(encoder.buffer);
}

function brookInput(testCase: Case): RecordBatchInput {
  return {
    ...batchFields,
    compression: testCase.compression,
    transactional: testCase.transactional === true,
    baseTimestamp: testCase.baseTimestamp,
    records: testCase.records.map((record) => ({
      key: record.key === null ? null : bytes(record.key),
      value: record.value === null ? null : bytes(record.value),
      timestamp: testCase.baseTimestamp + BigInt(record.timestampDelta),
      headers: inWireOrder(record.headers).map(([key, value]) => ({ key, value: bytes(value) })),
    })),
  };
}

describe.each(cases)('kafkajs interoperability: $name', (testCase) => {
  it('decodes what kafkajs encodes', async () => {
    const decoded = decodeRecordBatch(await encodeWithKafkajs(testCase));
    expect(decoded.header).toMatchObject({ baseOffset: batchFields.baseOffset, producerId: batchFields.producerId, baseSequence: 77, recordCount: testCase.records.length });
    expect(decoded.attributes).toMatchObject({ compression: testCase.compression, transactional: testCase.transactional === true });
    expect(decoded.records).toEqual(
      testCase.records.map((record, index) => ({
        offsetDelta: index,
        timestampDelta: BigInt(record.timestampDelta),
        key: record.key === null ? null : bytes(record.key),
        value: record.value === null ? null : bytes(record.value),
        headers: inWireOrder(record.headers).map(([key, value]) => ({ key, value: bytes(value) })),
      })),
    );
  });

  it('writes the same bytes as kafkajs for the same input', async () => {
    expect(Buffer.from(encodeRecordBatch(brookInput(testCase))).toString('hex')).toBe(Buffer.from(await encodeWithKafkajs(testCase)).toString('hex'));
  });

  it('encodes batches kafkajs decodes', async () => {
    const decoded = await kafkajs.decode(new kafkajs.Decoder(Buffer.from(encodeRecordBatch(brookInput(testCase)))));
    expect(decoded).toMatchObject({ firstOffset: String(batchFields.baseOffset), partitionLeaderEpoch: 9, producerId: '31337', producerEpoch: 4, firstSequence: 77 });
    expect(decoded.maxTimestamp).toBe(String(maxTimestampOf(testCase)));
    expect(decoded.records.map((record) => ({ ...record, batchContext: undefined }))).toMatchObject(
      testCase.records.map((record, index) => ({
        offset: String(batchFields.baseOffset + BigInt(index)),
        timestamp: String(testCase.baseTimestamp + BigInt(record.timestampDelta)),
        key: record.key === null ? null : Buffer.from(record.key),
        value: record.value === null ? null : Buffer.from(record.value),
        headers: kafkajsHeaders(record.headers),
      })),
    );
  });
});

describe('golden batches written by kafkajs 2.2.4 (testdata/README.md)', () => {
  const expectedRecords = [
    { offsetDelta: 0, timestampDelta: 0n, key: bytes('user-1'), value: bytes('{"clicks":1}'), headers: [{ key: 'source', value: bytes('web') }, { key: 'trace', value: bytes('a') }, { key: 'trace', value: bytes('b') }] },
    { offsetDelta: 1, timestampDelta: 250n, key: null, value: bytes('unkeyed'), headers: [] },
    { offsetDelta: 2, timestampDelta: -5n, key: bytes('user-2'), value: null, headers: [] },
  ];

  function golden(name: string): Uint8Array {
    const hex = readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8').trim();
    return new Uint8Array(Buffer.from(hex, 'hex'));
  }

  it.each(['kafkajs-2.2.4-batch.hex', 'kafkajs-2.2.4-gzip-batch.hex'])('decodes %s', (name) => {
    const decoded = decodeRecordBatch(golden(name));
    expect(decoded.header).toMatchObject({
      baseOffset: 4096n,
      partitionLeaderEpoch: 5,
      lastOffsetDelta: 2,
      baseTimestamp: 1_700_000_000_000n,
      maxTimestamp: 1_700_000_000_250n,
      producerId: 7001n,
      producerEpoch: 2,
      baseSequence: 30,
      recordCount: 3,
    });
    expect(decoded.attributes.compression).toBe(name.includes('gzip') ? 'gzip' : 'none');
    expect(decoded.records).toEqual(expectedRecords);
    expect(decoded.records.map((record) => recordOffset(decoded.header, record))).toEqual([4096n, 4097n, 4098n]);
    expect(decoded.records.map((record) => recordTimestamp(decoded.header, record))).toEqual([1_700_000_000_000n, 1_700_000_000_250n, 1_699_999_999_995n]);
  });

  it('re-encodes the uncompressed golden batch byte for byte', () => {
    const original = golden('kafkajs-2.2.4-batch.hex');
    const decoded = decodeRecordBatch(original);
    const reencoded = encodeRecordBatch({
      baseOffset: decoded.header.baseOffset,
      partitionLeaderEpoch: decoded.header.partitionLeaderEpoch,
      baseTimestamp: decoded.header.baseTimestamp,
      producerId: decoded.header.producerId,
      producerEpoch: decoded.header.producerEpoch,
      baseSequence: decoded.header.baseSequence,
      records: decoded.records.map((record) => ({ ...record, timestamp: recordTimestamp(decoded.header, record) })),
    });
    expect(Buffer.from(reencoded).toString('hex')).toBe(Buffer.from(original).toString('hex'));
  });
});

describe('kafkajs interoperability on arbitrary batches', () => {
  const seed = propertySeed('record-batch kafkajs differential');
  const text = fc.string({ unit: 'binary', maxLength: 24 });
  const caseArbitrary: fc.Arbitrary<Case> = fc.record({
    name: fc.constant('arbitrary'),
    compression: fc.constantFrom('none' as const, 'gzip' as const),
    transactional: fc.boolean(),
    baseTimestamp: fc.bigInt({ min: 0n, max: 1n << 45n }),
    records: fc.array(
      fc.record({
        key: fc.option(text, { nil: null }),
        value: fc.option(text, { nil: null }),
        timestampDelta: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        // kafkajs cannot write null header values, and "__proto__" is not a plain object key.
        headers: fc.array(fc.tuple(text.filter((key) => key !== '__proto__'), text), { maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  });

  it('writes the same bytes as kafkajs, and each decodes the other', async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (testCase) => {
        const fromKafkajs = await encodeWithKafkajs(testCase);
        const fromBrook = encodeRecordBatch(brookInput(testCase));
        expect(Buffer.from(fromBrook).toString('hex')).toBe(Buffer.from(fromKafkajs).toString('hex'));
        expect(decodeRecordBatch(fromKafkajs).records.map((record) => record.timestampDelta)).toEqual(testCase.records.map((record) => BigInt(record.timestampDelta)));
      }),
      { seed, numRuns: 150 },
    );
  });
});
