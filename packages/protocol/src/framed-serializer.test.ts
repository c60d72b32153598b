// The framed serializers write exactly protobufjs's bytes for the same object (so any protobuf
// decoder reads them as before): ReplicaFetch answers with batches, errors with negative offsets,
// divergences, unset fields, int64 strings and base64 records; Produce requests with and without
// acks (proto3 optional), leader epochs and several topics and partitions; Produce and Fetch
// answers, Fetch requests and ReplicaFetch requests, each with errors, leader hints and unset fields;
// incremental replica fetch requests and answers (bool fields, set true or false).
import { describe, expect, it } from 'vitest';
import { loadPackageDefinition } from '@grpc/grpc-js';
import type { ReplicaFetchResponse } from './generated/brook/v1/ReplicaFetchResponse.js';
import type { ProduceStreamRequest } from './generated/brook/v1/ProduceStreamRequest.js';
import type { ProtoGrpcType } from './generated/replication.js';
import protobuf from 'protobufjs';
import { framedSerializer, messageSpecOf } from './framed-serializer.js';
import { loadBrookPackageDefinition, loadBrookProto } from './loader.js';
import { brookReplicationServiceDefinition, serializeReplicaFetchResponse } from './replication-service.js';
import type { FetchStreamRequest } from './generated/brook/v1/FetchStreamRequest.js';
import type { FetchStreamResponse } from './generated/brook/v1/FetchStreamResponse.js';
import type { ProduceStreamResponse } from './generated/brook/v1/ProduceStreamResponse.js';
import type { ReplicaFetchRequest } from './generated/brook/v1/ReplicaFetchRequest.js';
import { createBrookReplicationClient, serializeReplicaFetchRequest } from './replication-service.js';
import {
  brookClientServiceDefinition,
  createBrookClient,
  serializeFetchRequest,
  serializeFetchResponse,
  serializeFetchStreamRequest,
  serializeFetchStreamResponse,
  serializeProduceRequest,
  serializeProduceResponse,
  serializeProduceStreamRequest,
  serializeProduceStreamResponse,
} from './service.js';

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
  ['an incremental answer', { partitions: [{ topic: 't', partition: 0, errorCode: 0, highWatermark: 3, logStartOffset: 0, logEndOffset: 3, records: Buffer.alloc(0) }], incremental: true }],
  ['a full answer with incremental false set', { partitions: [], incremental: false }],
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
      expect(methods['Fetch']!.requestSerialize).toBe(serializeFetchRequest);
      expect(methods['FetchStream']!.requestSerialize).toBe(serializeFetchStreamRequest);
      expect(methods['Metadata']!.requestSerialize).toBe(clientService.Metadata.requestSerialize);
    } finally {
      client.close();
    }
  });

  it('refuses a message type with field numbers past 15 (tags are written as one byte)', () => {
    expect(() => framedSerializer([{ number: 16, name: 'wide', kind: 'int32' }])).toThrow(/only 1-15/);
  });

  it('derives a spec from the .proto type in field-number order, and refuses field types it does not write', () => {
    const root = protobuf.parse(`syntax = "proto3";
      message Inner { int64 end_offset = 2; int32 epoch = 1; }
      message Outer { repeated Inner inner = 3; bytes data = 1; optional string name_hint = 2; }
      enum Color { RED = 0; }
      message WithEnum { Color color = 1; }
      message WithMap { map<string, int32> counts = 1; }
      message WithRepeatedScalar { repeated int32 values = 1; }
      message WithDouble { double ratio = 1; }
      message WithBool { bool flag = 4; }`, { keepCase: false }).root;
    root.resolveAll();
    const inner = [{ number: 1, name: 'epoch', kind: 'int32' }, { number: 2, name: 'endOffset', kind: 'int64' }];
    expect(messageSpecOf(root.lookupType('Outer'))).toEqual([
      { number: 1, name: 'data', kind: 'bytes' },
      { number: 2, name: 'nameHint', kind: 'string' },
      { number: 3, name: 'inner', kind: 'message', repeated: true, message: inner },
    ]);
    expect(messageSpecOf(root.lookupType('WithBool'))).toEqual([{ number: 4, name: 'flag', kind: 'bool' }]);
    for (const name of ['WithEnum', 'WithMap', 'WithRepeatedScalar', 'WithDouble']) expect(() => messageSpecOf(root.lookupType(name)), name).toThrow(/framed serializer/);
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

/** Checks a framed serializer against protobufjs's for the same object: bytes, and what decodes. */
function expectProtobufBytes<T>(framed: (value: T) => Buffer, protobuf: (value: T) => Buffer, decode: (bytes: Buffer) => unknown, message: T): void {
  const expected = Buffer.from(protobuf(message));
  const actual = framed(message);
  expect(actual.toString('hex')).toBe(expected.toString('hex'));
  expect(decode(actual)).toEqual(decode(expected));
}

const leader = { leaderId: 2, leaderEpoch: 7 };
const fetchStreamRequests: [string, FetchStreamRequest][] = [
  ['two topics, offsets as strings and numbers, leader epochs set and unset', { correlationId: 3, request: { maxWaitMs: 500, minBytes: 1, maxBytes: 52_428_800, topics: [{ name: 'a', partitions: [{ partition: 0, fetchOffset: '9007199254740993', partitionMaxBytes: 1 << 20, currentLeaderEpoch: 4 }, { partition: 1, fetchOffset: 0, partitionMaxBytes: 1 << 20 }] }, { name: 'ünï', partitions: [] }] } }],
  ['a leader epoch of 0 (proto3 optional: present) and no topics', { correlationId: 0, request: { maxWaitMs: 0, topics: [{ name: 't', partitions: [{ partition: 2, fetchOffset: 5, currentLeaderEpoch: 0 }] }] } }],
  ['no request', { correlationId: 12 }],
];
const fetchStreamResponses: [string, FetchStreamResponse][] = [
  ['records, a leader hint and an error message', { correlationId: '77', response: { topics: [{ name: 'orders', partitions: [{ partition: 0, errorCode: 0, errorMessage: '', highWatermark: '12345678901', lastStableOffset: '12345678901', logStartOffset: 0, records: batch }, { partition: 1, errorCode: 6, errorMessage: 'not the leader', highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, records: Buffer.alloc(0), currentLeader: leader }] }] }, errorCode: 0, errorMessage: '' }],
  ['a failed request without a response', { correlationId: 5, errorCode: 7, errorMessage: 'timed out' }],
  ['unset fields and a null leader hint', { correlationId: 1, response: { topics: [{ partitions: [{ partition: 3, currentLeader: null }] }] } }],
];
const produceStreamResponses: [string, ProduceStreamResponse][] = [
  ['offsets, record errors and a leader hint', { correlationId: 9, response: { topics: [{ name: 'a', partitions: [{ partition: 0, errorCode: 0, errorMessage: '', baseOffset: '4294967296', logAppendTimeMs: -1, logStartOffset: 0, recordErrors: [] }, { partition: 1, errorCode: 87, errorMessage: 'invalid record', baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [{ batchIndex: 3, message: 'bad key' }], currentLeader: leader }] }] } }],
  ['a failed request without a response', { correlationId: 2, errorCode: 2, errorMessage: 'corrupt' }],
];
const replicaFetchRequests: [string, ReplicaFetchRequest][] = [
  ['several partitions', { clusterId: 'YvX8FQ5IeWaG_qRhkfR9Aw', replicaId: 2, replicaEpoch: '17', maxWaitMs: 500, minBytes: 1, maxBytes: 8 << 20, partitions: [{ topic: 't', topicId: 'abc', partition: 0, currentLeaderEpoch: 3, fetchOffset: 123_456, lastFetchedEpoch: 3, logStartOffset: 0, partitionMaxBytes: 1 << 20 }, { topic: 't', topicId: 'abc', partition: 1, currentLeaderEpoch: 1, fetchOffset: 0, lastFetchedEpoch: -1, logStartOffset: 0, partitionMaxBytes: 1 << 20 }] }],
  ['no partitions', { clusterId: 'c', replicaId: 1, replicaEpoch: 0, partitions: [] }],
  ['an incremental request with forgotten partitions', { clusterId: 'c', replicaId: 3, replicaEpoch: 2, maxWaitMs: 500, minBytes: 1, maxBytes: 1 << 20, partitions: [{ topic: 'u', topicId: 'def', partition: 2, currentLeaderEpoch: 0, fetchOffset: 7, lastFetchedEpoch: 0, logStartOffset: 0, partitionMaxBytes: 1 << 20 }], incremental: true, forgotten: [{ topic: 't', partition: 0 }, { topic: 'ünï', partition: 11 }] }],
  ['a full request with incremental false set and no forgotten partitions', { clusterId: 'c', replicaId: 1, replicaEpoch: 0, partitions: [], incremental: false, forgotten: [] }],
];

describe('framed serializers of the Produce and Fetch answers and the Fetch and ReplicaFetch requests', () => {
  it.each(fetchStreamRequests)('FetchStreamRequest and FetchRequest: protobufjs bytes for %s', (_name, message) => {
    expectProtobufBytes(serializeFetchStreamRequest, clientService.FetchStream.requestSerialize, clientService.FetchStream.requestDeserialize, message);
    if (message.request != null) expectProtobufBytes(serializeFetchRequest, clientService.Fetch.requestSerialize, clientService.Fetch.requestDeserialize, message.request);
  });

  it.each(fetchStreamResponses)('FetchStreamResponse and FetchResponse: protobufjs bytes for %s', (_name, message) => {
    expectProtobufBytes(serializeFetchStreamResponse, clientService.FetchStream.responseSerialize, clientService.FetchStream.responseDeserialize, message);
    if (message.response != null) expectProtobufBytes(serializeFetchResponse, clientService.Fetch.responseSerialize, clientService.Fetch.responseDeserialize, message.response);
  });

  it.each(produceStreamResponses)('ProduceStreamResponse and ProduceResponse: protobufjs bytes for %s', (_name, message) => {
    expectProtobufBytes(serializeProduceStreamResponse, clientService.ProduceStream.responseSerialize, clientService.ProduceStream.responseDeserialize, message);
    if (message.response != null) expectProtobufBytes(serializeProduceResponse, clientService.Produce.responseSerialize, clientService.Produce.responseDeserialize, message.response);
  });

  it.each(replicaFetchRequests)('ReplicaFetchRequest: protobufjs bytes for %s', (_name, message) => {
    expectProtobufBytes(serializeReplicaFetchRequest, protobufjs.requestSerialize, protobufjs.requestDeserialize, message);
  });

  it('are the serializers the broker registers and the replication stub sends with', () => {
    const definition = brookClientServiceDefinition();
    expect(definition.Produce.responseSerialize).toBe(serializeProduceResponse);
    expect(definition.ProduceStream.responseSerialize).toBe(serializeProduceStreamResponse);
    expect(definition.Fetch.responseSerialize).toBe(serializeFetchResponse);
    expect(definition.FetchStream.responseSerialize).toBe(serializeFetchStreamResponse);
    expect(definition.Metadata.responseSerialize).toBe(clientService.Metadata.responseSerialize);
    const client = createBrookReplicationClient('127.0.0.1:1');
    try {
      const methods = (client.constructor as unknown as { service: Record<string, { requestSerialize: unknown }> }).service;
      expect(methods['ReplicaFetch']!.requestSerialize).toBe(serializeReplicaFetchRequest);
    } finally {
      client.close();
    }
  });
});
