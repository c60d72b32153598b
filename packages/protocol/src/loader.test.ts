// Checks that the contract loads from proto/ as the broker and client will load it: every service
// and method is present with the expected request and response types, the decoding options
// behave as documented (int64 as strings, bytes as Buffer, defaults filled in), and the generated
// types' flags match the loader's options.
import { describe, expect, it } from 'vitest';
import { decodingFlags, protoEntryFiles } from '../scripts/generate-types.mjs';
import {
  BROOK_CLIENT_SERVICE_NAME,
  BROOK_PROTO_FILES,
  PROTO_LOADER_OPTIONS,
  loadBrookPackageDefinition,
  loadBrookProto,
  resolveProtoDir,
} from './loader.js';

const expectedMethods: Record<string, [request: string, response: string]> = {
  Produce: ['ProduceRequest', 'ProduceResponse'],
  Fetch: ['FetchRequest', 'FetchResponse'],
  ListOffsets: ['ListOffsetsRequest', 'ListOffsetsResponse'],
  Metadata: ['MetadataRequest', 'MetadataResponse'],
  CreateTopics: ['CreateTopicsRequest', 'CreateTopicsResponse'],
  DeleteTopics: ['DeleteTopicsRequest', 'DeleteTopicsResponse'],
  DescribeCluster: ['DescribeClusterRequest', 'DescribeClusterResponse'],
  DescribeConfigs: ['DescribeConfigsRequest', 'DescribeConfigsResponse'],
  IncrementalAlterConfigs: ['IncrementalAlterConfigsRequest', 'IncrementalAlterConfigsResponse'],
  DescribeQuorum: ['DescribeQuorumRequest', 'DescribeQuorumResponse'],
  InitProducerId: ['InitProducerIdRequest', 'InitProducerIdResponse'],
};
/** The bidirectional streams carrying a unary RPC's requests with correlation ids. */
const expectedStreams: Record<string, [request: string, response: string]> = {
  ProduceStream: ['ProduceStreamRequest', 'ProduceStreamResponse'],
  FetchStream: ['FetchStreamRequest', 'FetchStreamResponse'],
};

describe('loadBrookProto', () => {
  it('finds the repository proto/ directory', () => {
    expect(resolveProtoDir()).toMatch(/[/\\]proto$/);
    expect(resolveProtoDir()).not.toMatch(/packages[/\\]protocol[/\\]proto$/);
  });

  it('loads the BrookClient service with exactly the contract methods: unary ones, and two bidirectional streams', () => {
    const service = loadBrookProto().brook.v1.BrookClient.service;
    expect(Object.keys(service).sort()).toEqual([...Object.keys(expectedMethods), ...Object.keys(expectedStreams)].sort());
    // The package definition keeps the descriptors' message types; the service object does not.
    const described = loadBrookPackageDefinition()[BROOK_CLIENT_SERVICE_NAME];
    for (const [method, [request, response]] of Object.entries(expectedMethods)) {
      const definition = described !== undefined && !('format' in described) ? described[method] : undefined;
      expect(definition?.path).toBe(`/${BROOK_CLIENT_SERVICE_NAME}/${method}`);
      expect(definition?.requestStream).toBe(false);
      expect(definition?.responseStream).toBe(false);
      // `type` is the message's DescriptorProto, typed only as object by proto-loader.
      expect((definition?.requestType.type as { name?: string } | undefined)?.name).toBe(request);
      expect((definition?.responseType.type as { name?: string } | undefined)?.name).toBe(response);
    }
    for (const [method, [request, response]] of Object.entries(expectedStreams)) {
      const definition = described !== undefined && !('format' in described) ? described[method] : undefined;
      expect(definition?.requestStream).toBe(true);
      expect(definition?.responseStream).toBe(true);
      expect((definition?.requestType.type as { name?: string } | undefined)?.name).toBe(request);
      expect((definition?.responseType.type as { name?: string } | undefined)?.name).toBe(response);
    }
  });

  it('caches: the same object on every call', () => {
    expect(loadBrookProto()).toBe(loadBrookProto());
    expect(loadBrookPackageDefinition()).toBe(loadBrookPackageDefinition());
  });

});

describe('PROTO_LOADER_OPTIONS decoding', () => {
  it('decodes int64 as decimal strings, bytes as Buffer and absent fields as defaults', () => {
    const method = loadBrookProto().brook.v1.BrookClient.service.Produce;
    const records = Buffer.from([1, 2, 3, 250]);
    const encoded = method.responseSerialize({
      topics: [{ name: 't', partitions: [{ partition: 2, baseOffset: '9007199254740993', logStartOffset: -1 }] }],
    });
    const decoded = method.responseDeserialize(encoded);
    const partition = decoded.topics[0]?.partitions[0];
    // 2^53 + 1: a number would have rounded it.
    expect(partition?.baseOffset).toBe('9007199254740993');
    expect(partition?.logStartOffset).toBe('-1');
    expect(partition?.errorCode).toBe(0);
    expect(partition?.errorMessage).toBe('');
    expect(partition?.recordErrors).toEqual([]);
    expect(partition?.currentLeader).toBeNull();

    const produce = loadBrookProto().brook.v1.BrookClient.service.Produce;
    const request = produce.requestDeserialize(
      produce.requestSerialize({ acks: -1, topics: [{ name: 't', partitions: [{ partition: 0, records }] }] }),
    );
    expect(request.acks).toBe(-1);
    expect(request.timeoutMs).toBe(0);
    const sent = request.topics[0]?.partitions[0]?.records;
    expect(Buffer.isBuffer(sent)).toBe(true);
    expect(sent?.equals(records)).toBe(true);
  });

  it('tells an optional field that was not sent from one sent as 0', () => {
    // acks and leader epochs are `optional` because 0 is meaningful for them (common.proto).
    const produce = loadBrookProto().brook.v1.BrookClient.service.Produce;
    const roundTrip = (request: Parameters<typeof produce.requestSerialize>[0]) =>
      produce.requestDeserialize(produce.requestSerialize(request));
    const unset = roundTrip({ topics: [{ name: 't', partitions: [{ partition: 0 }] }] });
    expect(unset.acks).toBeUndefined();
    expect(unset.topics[0]?.partitions[0]?.leaderEpoch).toBeUndefined();
    const zero = roundTrip({ acks: 0, topics: [{ name: 't', partitions: [{ partition: 0, leaderEpoch: 0 }] }] });
    expect(zero.acks).toBe(0);
    expect(zero.topics[0]?.partitions[0]?.leaderEpoch).toBe(0);
  });

  it('decodes enums as names and maps as plain objects', () => {
    const createTopics = loadBrookProto().brook.v1.BrookClient.service.CreateTopics;
    const response = createTopics.responseDeserialize(
      createTopics.responseSerialize({
        topics: [{ name: 't', configs: [{ name: 'retention.ms', value: '1000', source: 'CONFIG_SOURCE_TOPIC' }] }],
      }),
    );
    expect(response.topics[0]?.configs[0]?.source).toBe('CONFIG_SOURCE_TOPIC');
    const request = createTopics.requestDeserialize(
      createTopics.requestSerialize({ topics: [{ name: 't', configs: { 'cleanup.policy': 'delete' } }] }),
    );
    expect(request.topics[0]?.configs).toEqual({ 'cleanup.policy': 'delete' });
  });
});

describe('the generated types and the loader agree', () => {
  it('start from the same entry files', () => {
    expect(protoEntryFiles).toEqual([...BROOK_PROTO_FILES]);
  });

  it('use the same decoding options', () => {
    // Each loader option has exactly one generator flag; a change on one side fails here.
    const expectedFlags = [
      ...(PROTO_LOADER_OPTIONS.longs === String ? ['--longs=String'] : []),
      ...(PROTO_LOADER_OPTIONS.enums === String ? ['--enums=String'] : []),
      ...(PROTO_LOADER_OPTIONS.defaults ? ['--defaults'] : []),
      ...(PROTO_LOADER_OPTIONS.oneofs ? ['--oneofs'] : []),
      ...(PROTO_LOADER_OPTIONS.keepCase ? ['--keepCase'] : []),
    ];
    expect([...decodingFlags].sort()).toEqual(expectedFlags.sort());
  });
});
