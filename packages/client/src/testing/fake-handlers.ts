// The BrookClient handlers of one fake broker (node `nodeId`) over the fake cluster's state:
// Metadata, Produce, Fetch (long-polling), ListOffsets, CreateTopics, DeleteTopics,
// DescribeConfigs and IncrementalAlterConfigs (fake-config-handlers.ts), DescribeCluster (fenced
// brokers on request, racks), DescribeQuorum, InitProducerId, with the broker's per-partition
// error rules (leadership, offsets, sizes, CRC, producer sequences).
import { BrookError, EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, errorCodeNumber, validateTopicName, type ErrorCodeName } from '@brook/protocol';
import type {
  BrookClientHandlers,
  CreatableTopic__Output,
  CreateTopicsRequest__Output,
  DeleteTopicsRequest__Output,
  DescribeClusterRequest__Output,
  DescribeConfigsRequest__Output,
  IncrementalAlterConfigsRequest__Output,
  ListOffsetsRequest__Output,
  MetadataRequest__Output,
  FetchPartitionResponse,
  FetchRequest__Output,
  InitProducerIdRequest__Output,
  FetchTopicResponse,
  ProducePartitionResponse,
  ProduceRequest__Output,
} from '@brook/protocol';
import { RecordBatchError } from '@brook/record-batch';
import type { ServiceError } from '@grpc/grpc-js';
import type { FakeBrookCluster } from './fake-cluster.js';
import { requestFailure } from './fake-cluster.js';
import { alterFakeConfigs, describeFakeConfigs } from './fake-config-handlers.js';
import type { FakeRpc } from './fake-faults.js';

type Handlers = Partial<BrookClientHandlers>;

export function fakeHandlers(cluster: FakeBrookCluster, nodeId: number): Handlers {
  // Records the call, then answers with the injected request-level fault if one is due, else
  // with `answer` (which may be asynchronous: Produce waits at the gate, Fetch long-polls).
  function serve<Req, Res>(method: FakeRpc, answer: (request: Req) => Res | Promise<Res>) {
    return (call: { request: Req }, callback: (error: ServiceError | null, response?: Res) => void): void => {
      cluster.calls.push({ nodeId, method, request: call.request });
      const code = cluster.faults.take(method, 'request');
      if (code !== undefined) return callback(requestFailure(code));
      void Promise.resolve(answer(call.request)).then(
        (response) => callback(null, response),
        (error: unknown) => callback(requestFailure(error instanceof BrookError ? error.code : 'UNKNOWN_SERVER_ERROR', String(error))),
      );
    };
  }
  return {
    Metadata: serve('Metadata', (request: MetadataRequest__Output) => metadata(cluster, request)),
    Produce: serve('Produce', async (request: ProduceRequest__Output) => {
      await cluster.produceGate();
      const response = produce(cluster, nodeId, request);
      const lost = cluster.takeLostProduceResponse();
      if (lost !== undefined) throw new BrookError(lost, 'the fake lost this response after appending');
      return response;
    }),
    InitProducerId: serve('InitProducerId', (request: InitProducerIdRequest__Output) => initProducerId(cluster, request)),
    Fetch: serve('Fetch', async (request: FetchRequest__Output) => ({ topics: await fetch(cluster, nodeId, request) })),
    ListOffsets: serve('ListOffsets', (request: ListOffsetsRequest__Output) => listOffsets(cluster, nodeId, request)),
    CreateTopics: serve('CreateTopics', (request: CreateTopicsRequest__Output) => ({ topics: request.topics.map((t) => createTopic(cluster, t, request.validateOnly)) })),
    DeleteTopics: serve('DeleteTopics', (request: DeleteTopicsRequest__Output) => ({
      topics: request.names.map((name) => {
        const topic = cluster.topics.get(name);
        if (topic === undefined) return { name, errorCode: errorCodeNumber('UNKNOWN_TOPIC_OR_PARTITION'), errorMessage: 'unknown topic' };
        cluster.topics.delete(name);
        return { name, topicId: topic.topicId };
      }),
    })),
    DescribeConfigs: serve('DescribeConfigs', (request: DescribeConfigsRequest__Output) => ({ topics: request.topics.map((name) => describeFakeConfigs(cluster, name)) })),
    IncrementalAlterConfigs: serve('IncrementalAlterConfigs', (request: IncrementalAlterConfigsRequest__Output) => alterFakeConfigs(cluster, request)),
    DescribeCluster: serve('DescribeCluster', (request: DescribeClusterRequest__Output) => ({
      clusterId: cluster.clusterId,
      controllerId: cluster.controllerId,
      brokers: cluster.describeBrokers(request.includeFencedBrokers),
      node: { nodeId, roles: ['broker', 'controller'], softwareVersion: 'fake', uptimeMs: 1 },
    })),
    DescribeQuorum: serve('DescribeQuorum', () => cluster.quorumState()),
  };
}

/** A fresh producer id at epoch 0, as the broker serves it: no transactions, no epoch bumps yet. */
function initProducerId(cluster: FakeBrookCluster, request: InitProducerIdRequest__Output) {
  if (request.transactionalId !== '' || BigInt(request.producerId) !== -1n) {
    throw new BrookError('INVALID_REQUEST', 'transactional ids and epoch bumps are not supported');
  }
  cluster.lastProducerId++;
  return { producerId: cluster.lastProducerId.toString(), producerEpoch: 0 };
}

function metadata(cluster: FakeBrookCluster, request: MetadataRequest__Output) {
  const names = request.topics.length > 0 ? request.topics : [...cluster.topics.keys()].sort();
  return {
    brokers: cluster.brokerList(),
    clusterId: cluster.clusterId,
    controllerId: cluster.controllerId,
    topics: names.map((name) => {
      const topic = cluster.topics.get(name);
      if (topic === undefined) return { name, errorCode: errorCodeNumber('UNKNOWN_TOPIC_OR_PARTITION'), errorMessage: 'unknown topic' };
      return {
        name,
        topicId: topic.topicId,
        partitions: topic.partitions.map((log, partition) => ({
          partition,
          leaderId: log.leaderId,
          leaderEpoch: log.leaderEpoch,
          replicas: log.replicas,
          isr: log.isr,
          offlineReplicas: log.replicas.filter((id) => cluster.isFenced(id)),
          errorCode: log.leaderId < 0 ? errorCodeNumber('LEADER_NOT_AVAILABLE') : 0,
        })),
      };
    }),
  };
}

function listOffsets(cluster: FakeBrookCluster, nodeId: number, request: ListOffsetsRequest__Output) {
  return {
    topics: request.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        const error = partitionError(cluster, nodeId, 'ListOffsets', t.name, p.partition);
        if (error !== 0) return { partition: p.partition, errorCode: error, offset: -1, timestampMs: -1 };
        const log = cluster.partition(t.name, p.partition);
        const timestamp = BigInt(p.timestampMs);
        if (timestamp === BigInt(EARLIEST_TIMESTAMP)) return { partition: p.partition, offset: log.logStartOffset.toString(), timestampMs: -1 };
        if (timestamp === BigInt(LATEST_TIMESTAMP)) return { partition: p.partition, offset: log.highWatermark.toString(), timestampMs: -1 };
        const found = log.offsetForTimestamp(timestamp);
        return { partition: p.partition, offset: found.offset.toString(), timestampMs: found.timestamp.toString() };
      }),
    })),
  };
}

function createTopic(cluster: FakeBrookCluster, t: CreatableTopic__Output, validateOnly: boolean) {
  const failure = (code: ErrorCodeName, errorMessage: string) => ({ name: t.name, errorCode: errorCodeNumber(code), errorMessage, numPartitions: -1, replicationFactor: -1 });
  const invalid = validateTopicName(t.name);
  if (invalid !== null) return failure('INVALID_TOPIC_EXCEPTION', invalid);
  if (cluster.topics.has(t.name)) return failure('TOPIC_ALREADY_EXISTS', `topic ${t.name} already exists`);
  const partitions = t.numPartitions <= 0 ? 1 : t.numPartitions;
  const replicationFactor = t.replicationFactor <= 0 ? 1 : t.replicationFactor;
  if (replicationFactor > cluster.nodeIds.length) return failure('INVALID_REPLICATION_FACTOR', 'not enough brokers');
  if (validateOnly) return { name: t.name, numPartitions: partitions, replicationFactor };
  const topic = cluster.createTopic(t.name, partitions, undefined, t.configs, replicationFactor);
  return {
    name: t.name,
    topicId: topic.topicId,
    numPartitions: partitions,
    replicationFactor,
    configs: Object.entries(t.configs)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ({ name, value, source: 'CONFIG_SOURCE_TOPIC' as const })),
  };
}

/** With NOT_LEADER_OR_FOLLOWER, the leader as the broker knows it (KIP-951), when the cluster sends hints. */
function leaderHint(cluster: FakeBrookCluster, error: number, topic: string, partition: number): { leaderId: number; leaderEpoch: number } | null {
  const log = cluster.topics.get(topic)?.partitions[partition];
  if (!cluster.leaderHints || log === undefined || error !== errorCodeNumber('NOT_LEADER_OR_FOLLOWER')) return null;
  return { leaderId: log.leaderId, leaderEpoch: log.leaderEpoch };
}

/** 0, or the numeric error this broker reports for the partition (faults first, then leadership). */
function partitionError(cluster: FakeBrookCluster, nodeId: number, method: FakeRpc, topic: string, partition: number): number {
  const injected = cluster.faults.take(method, 'partition', topic, partition);
  if (injected !== undefined) return errorCodeNumber(injected);
  const log = cluster.topics.get(topic)?.partitions[partition];
  if (log === undefined) return errorCodeNumber('UNKNOWN_TOPIC_OR_PARTITION');
  if (log.leaderId !== nodeId) return errorCodeNumber('NOT_LEADER_OR_FOLLOWER');
  return 0;
}

function produce(cluster: FakeBrookCluster, nodeId: number, request: ProduceRequest__Output) {
  const acks = request.acks ?? -1;
  return {
    topics: request.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p): ProducePartitionResponse => {
        const error = partitionError(cluster, nodeId, 'Produce', t.name, p.partition);
        if (error !== 0) return { partition: p.partition, errorCode: error, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, currentLeader: leaderHint(cluster, error, t.name, p.partition) };
        if (p.records.byteLength > cluster.messageBytesMax) {
          return { partition: p.partition, errorCode: errorCodeNumber('MESSAGE_TOO_LARGE'), errorMessage: `${p.records.byteLength} bytes`, baseOffset: -1 };
        }
        try {
          const baseOffset = cluster.partition(t.name, p.partition).append(p.records);
          return { partition: p.partition, baseOffset: acks === 0 ? -1 : baseOffset.toString(), logAppendTimeMs: -1, logStartOffset: 0 };
        } catch (error) {
          const code = error instanceof RecordBatchError ? error.kind : error instanceof BrookError ? error.code : 'CORRUPT_MESSAGE';
          return { partition: p.partition, errorCode: errorCodeNumber(code), errorMessage: String(error), baseOffset: -1 };
        }
      }),
    })),
  };
}

async function fetch(cluster: FakeBrookCluster, nodeId: number, request: FetchRequest__Output): Promise<FetchTopicResponse[]> {
  const deadline = Date.now() + request.maxWaitMs;
  for (;;) {
    const { topics, bytes, anyError } = fetchOnce(cluster, nodeId, request);
    const remaining = deadline - Date.now();
    if (bytes >= Math.max(1, request.minBytes) || remaining <= 0 || anyError) return topics;
    const logs = request.topics.flatMap((t) => t.partitions.map((p) => cluster.topics.get(t.name)?.partitions[p.partition])).filter((l) => l !== undefined);
    await Promise.race(logs.map((log) => log.waitForAppend(remaining)));
  }
}

function fetchOnce(cluster: FakeBrookCluster, nodeId: number, request: FetchRequest__Output): { topics: FetchTopicResponse[]; bytes: number; anyError: boolean } {
  let bytes = 0;
  let anyError = false;
  const topics = request.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p): FetchPartitionResponse => {
      const error = partitionError(cluster, nodeId, 'Fetch', t.name, p.partition);
      const failure = { partition: p.partition, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, records: Buffer.alloc(0) };
      if (error !== 0) {
        anyError = true;
        return { ...failure, errorCode: error, currentLeader: leaderHint(cluster, error, t.name, p.partition) };
      }
      const log = cluster.partition(t.name, p.partition);
      const offset = BigInt(p.fetchOffset);
      if (offset < log.logStartOffset || offset > log.highWatermark) {
        anyError = true;
        return { ...failure, errorCode: errorCodeNumber('OFFSET_OUT_OF_RANGE') };
      }
      const records = log.read(offset, p.partitionMaxBytes > 0 ? p.partitionMaxBytes : 1024 * 1024);
      bytes += records.byteLength;
      return {
        partition: p.partition,
        highWatermark: log.highWatermark.toString(),
        lastStableOffset: log.highWatermark.toString(),
        logStartOffset: log.logStartOffset.toString(),
        records,
      };
    }),
  }));
  return { topics, bytes, anyError };
}
