// The admin client: topics (create, delete, list, describe), offsets and the cluster. Create and
// delete go to any broker (it forwards to the active controller); listOffsets goes to each
// partition's leader. Request-level retriable failures (a broker unreachable, a timeout) are
// retried with backoff; per-topic failures are not, since a create or delete that timed out may
// still take effect and a blind retry would report TOPIC_ALREADY_EXISTS for its own success.
// Per-item failures are reported as one BrookAdminError (see admin-error.ts).
import { BrookError, validateTopicName, type CreateTopicsResponse__Output, type QuorumReplica__Output } from '@brook/protocol';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import { lookupOffsets, type OffsetAnswer, type OffsetQuery } from '../metadata/offset-lookup.js';
import type { BrookRpcs, ConnectionPool } from '../transport/connection-pool.js';
import { errorFromCode } from '../transport/response-errors.js';
import { withRetry, type RetryOptions } from '../transport/retry.js';
import { settleItems } from './admin-error.js';
import type {
  ClusterDescription,
  CreatedTopic,
  CreateTopicInput,
  CreateTopicsOptions,
  DeletedTopic,
  DescribeClusterOptions,
  QuorumDescription,
  QuorumReplicaDescription,
  TopicDescription,
} from './admin-types.js';

export class Admin {
  /** @internal Created by `Brook.admin()`. */
  constructor(
    private readonly metadata: MetadataCache,
    private readonly pool: ConnectionPool,
    private readonly retry: RetryOptions,
  ) {}

  /** Creates topics; resolves with each one's effective settings, or rejects with a BrookAdminError. */
  async createTopics(topics: readonly CreateTopicInput[], options: CreateTopicsOptions = {}): Promise<CreatedTopic[]> {
    const failures = new Map<string, BrookError>();
    const toSend = topics.filter((t) => {
      const invalid = validateTopicName(t.topic);
      if (invalid !== null) failures.set(t.topic, new BrookError('INVALID_TOPIC_EXCEPTION', invalid));
      return invalid === null;
    });
    const response: CreateTopicsResponse__Output =
      toSend.length === 0
        ? { topics: [] }
        : await this.anyBroker('CreateTopics', {
            topics: toSend.map((t) => ({ name: t.topic, numPartitions: t.numPartitions ?? -1, replicationFactor: t.replicationFactor ?? -1, configs: { ...t.configs } })),
            validateOnly: options.validateOnly ?? false,
            timeoutMs: options.timeoutMs ?? 0,
          });
    const created: CreatedTopic[] = [];
    for (const result of response.topics) {
      const error = errorFromCode(result.errorCode, result.errorMessage, `topic ${result.name}`);
      if (error !== null) {
        failures.set(result.name, error);
        continue;
      }
      this.metadata.invalidate(result.name);
      created.push({
        topic: result.name,
        topicId: result.topicId,
        numPartitions: result.numPartitions,
        replicationFactor: result.replicationFactor,
        configs: result.configs.map((c) => ({ name: c.name, value: c.value, source: c.source, readOnly: c.readOnly })),
      });
    }
    return settleItems('createTopics', topics.length, failures, created);
  }

  /** Deletes topics and their data; rejects with a BrookAdminError naming those that failed. */
  async deleteTopics(topics: readonly string[], options: { readonly timeoutMs?: number } = {}): Promise<DeletedTopic[]> {
    const response = await this.anyBroker('DeleteTopics', { names: [...topics], timeoutMs: options.timeoutMs ?? 0 });
    const failures = new Map<string, BrookError>();
    const deleted: DeletedTopic[] = [];
    for (const result of response.topics) {
      this.metadata.invalidate(result.name);
      const error = errorFromCode(result.errorCode, result.errorMessage, `topic ${result.name}`);
      if (error !== null) failures.set(result.name, error);
      else deleted.push({ topic: result.name, topicId: result.topicId });
    }
    return settleItems('deleteTopics', topics.length, failures, deleted);
  }

  /** The names of every topic, sorted; Brook's internal topics only when asked. */
  async listTopics(options: { readonly includeInternal?: boolean } = {}): Promise<string[]> {
    const response = await withRetry(() => this.metadata.request([]), this.retry);
    return response.topics
      .filter((t) => t.errorCode === 0 && (options.includeInternal === true || !t.isInternal))
      .map((t) => t.name)
      .sort();
  }

  /** Partitions with leader, replicas and ISR; rejects with a BrookAdminError for unknown topics. */
  async describeTopics(topics: readonly string[]): Promise<TopicDescription[]> {
    const response = await withRetry(() => this.metadata.request(topics), this.retry);
    const failures = new Map<string, BrookError>();
    const described: TopicDescription[] = [];
    for (const topic of response.topics) {
      const error = errorFromCode(topic.errorCode, topic.errorMessage, `topic ${topic.name}`);
      if (error !== null) {
        failures.set(topic.name, error);
        continue;
      }
      described.push({
        topic: topic.name,
        topicId: topic.topicId,
        isInternal: topic.isInternal,
        partitions: [...topic.partitions]
          .sort((a, b) => a.partition - b.partition)
          .map((p) => ({ partition: p.partition, leader: p.leaderId, leaderEpoch: p.leaderEpoch, replicas: p.replicas, isr: p.isr, offlineReplicas: p.offlineReplicas })),
      });
    }
    return settleItems('describeTopics', topics.length, failures, described);
  }

  /** Offsets by time, or the earliest/latest, asked of each partition's leader. */
  async listOffsets(queries: readonly OffsetQuery[]): Promise<OffsetAnswer[]> {
    const { answers, failures } = await lookupOffsets(this.metadata, this.pool, this.retry, queries);
    return settleItems('listOffsets', queries.length, failures, answers);
  }

  /** The cluster id, the active controller, the brokers (fenced ones when asked) and the answering node. */
  async describeCluster(options: DescribeClusterOptions = {}): Promise<ClusterDescription> {
    const includeFenced = options.includeFenced ?? options.includeFencedBrokers ?? false;
    const response = await this.anyBroker('DescribeCluster', { includeFencedBrokers: includeFenced });
    return {
      clusterId: response.clusterId,
      controllerId: response.controllerId,
      brokers: response.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack, fenced: b.fenced })),
      node: response.node === null ? null : { ...response.node, uptimeMs: BigInt(response.node.uptimeMs) },
    };
  }

  /**
   * The metadata quorum: leader, term, committed offset, each voter's and observer's progress.
   * Any broker answers (it forwards to the active controller, the only node that knows them all).
   */
  async describeQuorum(): Promise<QuorumDescription> {
    const response = await this.anyBroker('DescribeQuorum', {});
    return {
      leaderId: response.leaderId,
      leaderEpoch: Number(response.leaderEpoch),
      highWatermark: BigInt(response.highWatermark),
      voters: response.voters.map(quorumReplica),
      observers: response.observers.map(quorumReplica),
    };
  }

  private anyBroker<M extends 'CreateTopics' | 'DeleteTopics' | 'DescribeCluster' | 'DescribeQuorum'>(method: M, request: BrookRpcs[M][0]): Promise<BrookRpcs[M][1]> {
    return withRetry(() => this.metadata.callAnyBroker(method, request), this.retry);
  }
}

function quorumReplica(replica: QuorumReplica__Output): QuorumReplicaDescription {
  return {
    nodeId: replica.nodeId,
    logEndOffset: BigInt(replica.logEndOffset),
    lag: BigInt(replica.lag),
    lastContactMsAgo: Number(replica.lastContactMsAgo),
  };
}
