// Checks the record codec: every record type survives encode/decode unchanged, the bytes do not
// depend on property order, and arbitrary or corrupted bytes give RecordDecodeError, never a
// crash or a half-valid record (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRecords, encodeRecords, RecordDecodeError } from './record-codec.js';
import type { MetadataRecord } from './records.js';

const topicId = '0123456789abcdef0123456789abcdef';
const samples: MetadataRecord[] = [
  { type: 'RegisterBroker', version: 0, brokerId: 1, incarnationId: 'ab'.repeat(16), listeners: [{ name: 'internal', host: 'h', port: 9093 }], rack: null },
  { type: 'UnregisterBroker', version: 0, brokerId: 1, brokerEpoch: 4 },
  { type: 'FenceBroker', version: 0, brokerId: 1, brokerEpoch: 4 },
  { type: 'UnfenceBroker', version: 0, brokerId: 1, brokerEpoch: 4 },
  { type: 'BrokerRegistrationChange', version: 0, brokerId: 1, brokerEpoch: 4, inControlledShutdown: true },
  { type: 'Topic', version: 0, name: 'orders', topicId },
  { type: 'Partition', version: 0, topicId, partition: 0, replicas: [1, 2, 3], isr: [1, 2], leader: 1, leaderEpoch: 0, partitionEpoch: 0 },
  { type: 'PartitionChange', version: 0, topicId, partition: 0, isr: [1], leader: -1 },
  { type: 'RemoveTopic', version: 0, topicId },
  { type: 'Config', version: 0, resource: { kind: 'topic', name: 'orders' }, key: 'retention.ms', value: null },
  { type: 'ProducerIdsBlock', version: 0, brokerId: 1, brokerEpoch: 4, firstProducerId: 1000, size: 1000 },
];

describe('record codec', () => {
  it('round-trips every record type', () => {
    expect(decodeRecords(encodeRecords(samples))).toEqual(samples);
  });

  it('encodes independently of property order', () => {
    const a: MetadataRecord = { type: 'Topic', version: 0, name: 'x', topicId };
    const b = { topicId, name: 'x', version: 0, type: 'Topic' } as MetadataRecord;
    expect(encodeRecords([a])).toEqual(encodeRecords([b]));
  });

  it('rejects unknown types, reserved group types, wrong versions and bad fields', () => {
    const bad = (value: unknown): Uint8Array => {
      const json = new TextEncoder().encode(JSON.stringify({ records: [value] }));
      return Uint8Array.of(1, ...json);
    };
    expect(() => decodeRecords(bad({ type: 'Nope', version: 0 }))).toThrow(RecordDecodeError);
    expect(() => decodeRecords(bad({ type: 'OffsetCommit', version: 0 }))).toThrow(/reserved/);
    expect(() => decodeRecords(bad({ ...samples[5], version: 1 }))).toThrow(/version/);
    expect(() => decodeRecords(bad({ ...samples[5], topicId: 'xyz' }))).toThrow(/topicId/);
    expect(() => decodeRecords(bad({ ...samples[6], isr: [1, 'a'] }))).toThrow(/isr/);
    expect(() => decodeRecords(bad({ ...samples[5], extra: 1 }))).toThrow(/unknown field/);
  });

  it('never crashes on arbitrary or corrupted bytes', () => {
    const good = encodeRecords(samples);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }), (junk, at, byte) => {
        const corrupted = Uint8Array.from(good);
        corrupted[at] = byte;
        for (const input of [junk, Uint8Array.of(1, ...junk), corrupted]) {
          try {
            const records = decodeRecords(input);
            expect(Array.isArray(records)).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(RecordDecodeError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
