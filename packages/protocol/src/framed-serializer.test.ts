// The framed serializers write exactly protobufjs's bytes for the same object (so any protobuf
// decoder reads them as before): ReplicaFetch answers with batches, errors with negative offsets,
// divergences, unset fields, int64 strings and base64 records; Produce requests with and without
// acks (proto3 optional), leader epochs and several topics and partitions.
import { describe, expect, it } from 'vitest';
import { loadPackageDefinition } from '@grpc/grpc-js';
import type { ReplicaFetchResponse } from './generated/brook/v1/ReplicaFetchResponse.js';
import type { ProduceStreamRequest } from './generated/brook/v1/ProduceStreamRequest.js';
import type { ProtoGrpcType } from './generated/replication.js';
import { framedSerializer } from './framed-serializer.js';
import { loadBrookPackageDefinition, loadBrookProto } from './loader.js';
import { brookReplicationServiceDefinition, serializeReplicaFetchResponse } from './replication-service.js';
import { createBrookClient, serializeProduceRequest, serializeProduceStreamRequest } from './service.js';

const protobufjs = (loadPackageDefinition(loadBrookPackageDefinition()) as unknown as ProtoGrpcType).brook.v1.BrookReplication.service.ReplicaFetch;
const clientService = loadBrookProto().brook.v1.BrookClient.service;

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

const batch = Buffer.from('a record batch '.repeat(100));
const produceCases: [string, ProduceStreamRequest][] = [
  ['acks=all, two topics', { correlationId: 7, request: { acks: -1, timeoutMs: 30_000, topics: [{ name: 'a', partitions: [{ partition: 0, records: batch, leaderEpoch: 4 }, { partition: 2, records: batch }] }, { name: 'b', partitions: [{ partition: 1, records: new Uint8Array(0) }] }] } }],
  ['acks=0 and no timeout', { correlationId: '9007199254740993', request: { acks: 0, topics: [{ name: 'a', partitions: [{ partition: 0, records: batch }] }] } }],
  ['acks unset (proto3 optional) and no topics', { correlationId: 0, request: { timeoutMs: 5 } }],
  ['no request', { correlationId: 1 }],
];

describe('serializeProduceRequest / serializeProduceStreamRequest', () => {
  it.each(produceCases)('writes protobufjs bytes for %s', (_name, message) => {
    const stream = clientService.ProduceStream;
    const expected = stream.requestSerialize(message);
    expect(serializeProduceStreamRequest(message).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
    if (message.request !== undefined && message.request !== null) {
      expect(serializeProduceRequest(message.request).toString('hex')).toBe(Buffer.from(clientService.Produce.requestSerialize(message.request)).toString('hex'));
    }
    // acks' presence survives: unset decodes as absent, not as 0 (no durability).
    expect(stream.requestDeserialize(serializeProduceStreamRequest(message))).toEqual(stream.requestDeserialize(expected));
  });

  it('are the serializers of the client stubs', () => {
    const client = createBrookClient('127.0.0.1:1');
    try {
      const methods = (client.constructor as unknown as { service: Record<string, { requestSerialize: unknown }> }).service;
      expect(methods['ProduceStream']!.requestSerialize).toBe(serializeProduceStreamRequest);
      expect(methods['Produce']!.requestSerialize).toBe(serializeProduceRequest);
      expect(methods['Fetch']!.requestSerialize).toBe(clientService.Fetch.requestSerialize);
    } finally {
      client.close();
    }
  });

  it('refuses a message type with field numbers past 15 (tags are written as one byte)', () => {
    expect(() => framedSerializer([{ number: 16, name: 'wide', kind: 'int32' }])).toThrow(/only 1-15/);
  });
});

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
