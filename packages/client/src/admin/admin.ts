// The admin client: topics (create, delete, list, describe), topic configs (describe, alter),
// offsets and the cluster. Create, delete and alter go to any broker (it forwards to the active
// controller); describeConfigs to any broker (it answers from its metadata image); listOffsets
// goes to each partition's leader. Request-level retriable failures (a broker unreachable, a timeout) are
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
import { alterableTopicConfigs, configChangesProblem, repeatedTopics, topicConfigEntry } from './config-changes.js';
import type {
  AlterConfigsOptions,
  AlteredTopicConfigs,
  ClusterDescription,
  CreatedTopic,
  CreateTopicInput,
  CreateTopicsOptions,
  DeletedTopic,
  DescribeClusterOptions,
  QuorumDescription,
  QuorumReplicaDescription,
  TopicConfigChanges,
  TopicConfigs,
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
        configs: result.configs.map(topicConfigEntry),
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

  /**
   * Each topic's effective configs: every key with its value and source (the topic's own value,
   * the cluster default or the built-in default). Rejects with a BrookAdminError naming the
   * topics that failed (unknown, or a name the broker would refuse, checked here first).
   */
  async describeConfigs(topics: readonly string[]): Promise<TopicConfigs[]> {
    const failures = new Map<string, BrookError>();
    const toSend = [...new Set(topics)].filter((topic) => {
      const invalid = validateTopicName(topic);
      if (invalid !== null) failures.set(topic, new BrookError('INVALID_TOPIC_EXCEPTION', invalid));
      return invalid === null;
    });
    const response = toSend.length === 0 ? { topics: [] } : await this.anyBroker('DescribeConfigs', { topics: toSend });
    const described: TopicConfigs[] = [];
    for (const result of response.topics) {
      const error = errorFromCode(result.errorCode, result.errorMessage, `topic ${result.name}`);
      if (error !== null) failures.set(result.name, error);
      else described.push({ topic: result.name, configs: result.configs.map(topicConfigEntry) });
    }
    unanswered(toSend, response.topics, failures);
    return settleItems('describeConfigs', topics.length, failures, described);
  }

  /**
   * Sets and deletes topic configs key by key (Kafka's incrementalAlterConfigs, KIP-339): keys not
   * named keep their values, and a deleted key falls back to the cluster default. Each topic's
   * changes apply together or not at all; rejects with a BrookAdminError naming the topics that
   * failed (INVALID_CONFIG for an unknown key or a bad value, UNKNOWN_TOPIC_OR_PARTITION,
   * INVALID_REQUEST, REQUEST_TIMED_OUT when the controller did not commit in time: the change may
   * still apply). A request-level retriable failure is retried: setting a key to a value twice is
   * the same as once. The metadata cache holds no configs, so nothing is invalidated.
   */
  async alterConfigs(changes: readonly TopicConfigChanges[], options: AlterConfigsOptions = {}): Promise<AlteredTopicConfigs[]> {
    const failures = new Map<string, BrookError>();
    const repeated = repeatedTopics(changes);
    const toSend = changes.filter((change) => {
      const problem = repeated.has(change.topic) ? new BrookError('INVALID_REQUEST', `topic ${change.topic} is named more than once`) : configChangesProblem(change);
      if (problem !== null) failures.set(change.topic, problem);
      return problem === null;
    });
    const response =
      toSend.length === 0
        ? { topics: [] }
        : await this.anyBroker('IncrementalAlterConfigs', {
            topics: toSend.map(alterableTopicConfigs),
            validateOnly: options.validateOnly ?? false,
            timeoutMs: options.timeoutMs ?? 0,
          });
    const altered: AlteredTopicConfigs[] = [];
    for (const result of response.topics) {
      const error = errorFromCode(result.errorCode, result.errorMessage, `topic ${result.name}`);
      if (error !== null) failures.set(result.name, error);
      else altered.push({ topic: result.name });
    }
    unanswered(toSend.map((change) => change.topic), response.topics, failures);
    return settleItems('alterConfigs', changes.length, failures, altered);
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

  private anyBroker<M extends 'CreateTopics' | 'DeleteTopics' | 'IncrementalAlterConfigs' | 'DescribeConfigs' | 'DescribeCluster' | 'DescribeQuorum'>(method: M, request: BrookRpcs[M][0]): Promise<BrookRpcs[M][1]> {
    return withRetry(() => this.metadata.callAnyBroker(method, request), this.retry);
  }
}

/** A topic the request named but the response left out fails, rather than vanishing from the result. */
function unanswered(sent: readonly string[], answered: ReadonlyArray<{ readonly name: string }>, failures: Map<string, BrookError>): void {
  const names = new Set(answered.map((result) => result.name));
  for (const topic of sent) {
    if (!names.has(topic) && !failures.has(topic)) failures.set(topic, new BrookError('UNKNOWN_SERVER_ERROR', `topic ${topic}: the cluster did not answer for it`));
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
