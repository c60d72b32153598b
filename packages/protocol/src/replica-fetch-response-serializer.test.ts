// The hand-written ReplicaFetch answer serializer writes exactly protobufjs's bytes for the same
// object (so any protobuf decoder reads it as before), for answers with batches, errors with
// negative offsets, divergences, unset fields, int64 strings and base64 records.
import { describe, expect, it } from 'vitest';
import { loadPackageDefinition } from '@grpc/grpc-js';
import type { ReplicaFetchResponse } from './generated/brook/v1/ReplicaFetchResponse.js';
import type { ProtoGrpcType } from './generated/replication.js';
import { loadBrookPackageDefinition } from './loader.js';
import { brookReplicationServiceDefinition } from './replication-service.js';
import { serializeReplicaFetchResponse } from './replica-fetch-response-serializer.js';

const protobufjs = (loadPackageDefinition(loadBrookPackageDefinition()) as unknown as ProtoGrpcType).brook.v1.BrookReplication.service.ReplicaFetch;

const cases: [string, ReplicaFetchResponse][] = [
  ['no partitions', { partitions: [] }],
  ['an empty object', {}],
  [
    'batches and offsets',
    {
      partitions: [
        { topic: 'orders', partition: 2, errorCode: 0, highWatermark: 1_234_567, logStartOffset: 0, logEndOffset: 2 ** 40 + 3, records: Buffer.from('batch bytes'.repeat(300)) },
        { topic: 'ünïcode-тема', partition: 0, errorCode: 0, highWatermark: 5, logStartOffset: 5, logEndOffset: 5, records: new Uint8Array(0) },
      ],
    },
  ],
  ['an error with -1 offsets and a negative int32', { partitions: [{ topic: 't', partition: -1, errorCode: 6, highWatermark: -1, logStartOffset: -1, logEndOffset: -1, records: Buffer.alloc(0) }] }],
  ['a divergence', { partitions: [{ topic: 't', partition: 1, errorCode: 0, highWatermark: 10, logStartOffset: 0, logEndOffset: 12, divergingEpoch: { epoch: 3, endOffset: 9 }, records: Buffer.alloc(0) }] }],
  ['unset fields and an empty divergence', { partitions: [{ topic: 't', divergingEpoch: {} }, { partition: 4 }] }],
  ['int64 strings and base64 records', { partitions: [{ topic: 't', partition: 1, highWatermark: '9007199254740993', logStartOffset: '-5', logEndOffset: '18446744073709551615', records: Buffer.from('abc').toString('base64') }] }],
];

describe('serializeReplicaFetchResponse', () => {
  it.each(cases)('writes protobufjs bytes for %s', (_name, response) => {
    const expected = protobufjs.responseSerialize(response);
    const actual = serializeReplicaFetchResponse(response);
    expect(actual.toString('hex')).toBe(Buffer.from(expected).toString('hex'));
    expect(protobufjs.responseDeserialize(actual)).toEqual(protobufjs.responseDeserialize(expected));
  });

  it('is the serializer of the service definition brokers register', () => {
    expect(brookReplicationServiceDefinition().ReplicaFetch.responseSerialize).toBe(serializeReplicaFetchResponse);
    expect(brookReplicationServiceDefinition().ReplicaFetch.requestDeserialize).toBe(protobufjs.requestDeserialize);
  });
});
