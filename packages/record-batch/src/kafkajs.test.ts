// Interoperability with an independent implementation of RecordBatch v2: kafkajs 2.2.4 (a
// devDependency, CommonJS, loaded with createRequire from its internal protocol modules
// src/protocol/recordBatch/v0/index.js and decoder.js). Batches kafkajs writes must decode here to
// the records it was given; batches Brook writes must decode in kafkajs; and for the same input
// the two encoders must produce the same bytes, gzip included (both use zlib's defaults).
// Two golden files under testdata/ hold kafkajs output, so the check survives without the library.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodeRecordBatch, recordOffset, recordTimestamp } from './decode.js';
import { encodeRecordBatch, type RecordBatchInput } from './encode.js';

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

function maxTimestampOf(testCase: Case): bigint {
  return testCase.records.reduce((max, record) => {
    const timestamp = testCase.baseTimestamp + BigInt(record.timestampDelta);
    return timestamp > max ? timestamp : max;
  }, testCase.baseTimestamp);
}

/** kafkajs takes headers as an object, a repeated key as an array; it writes them in that order. */
function kafkajsHeaders(headers: [string, string][]): { [key: string]: Buffer | Buffer[] } {
  const object: { [key: string]: Buffer[] } = {};
  for (const [key, value] of headers) (object[key] ??= []).push(Buffer.from(value));
  return Object.fromEntries(Object.entries(object).map(([key, values]) => [key, values.length === 1 ? (values[0] as Buffer) : values]));
}

/** Groups a header list the way kafkajs does, so the test's order matches the wire order. */
function inWireOrder(headers: [string, string][]): [string, string][] {
  const keys = [...new Set(headers.map(([key]) => key))];
  return keys.flatMap((key) => headers.filter(([other]) => other === key));
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
