// The single-node implementation of MetadataView and MetadataAdmin: this node is the only
// broker, the controller and the leader (epoch 0) of every partition. Topics are persisted in
// <dataDir>/topics.json, replaced atomically on every change; the change is durable before it is
// announced to listeners or acknowledged, so an acknowledged CreateTopics survives a crash.
// Admin operations run one at a time, in arrival order.
import { join } from 'node:path';
import { BrookError, topicCollisionKey, validateTopicName, type DescribeQuorumResponse } from '@brook/protocol';
import { newId } from './cluster-identity.js';
import { readJsonIfExists, writeJsonAtomically } from './atomic-json.js';
import { describeTopicConfigs, validateTopicConfigs, type LogSettings, type LogSettingsSources } from './topic-configs.js';
import type {
  BrokerState,
  MetadataAdmin,
  MetadataChange,
  MetadataListener,
  MetadataView,
  PartitionState,
  TopicCreation,
  TopicCreationResult,
  TopicDeletionResult,
  TopicState,
} from './metadata-view.js';

export const TOPICS_FILE = 'topics.json';
const TOPICS_FORMAT_VERSION = 1;
/** The leader epoch of every partition on a single node: leadership never moves. */
const SINGLE_NODE_LEADER_EPOCH = 0;

interface StoredTopic {
  name: string;
  topicId: string;
  partitionCount: number;
  configs: Record<string, string>;
}

export interface LocalMetadataOptions {
  dataDir: string;
  clusterId: string;
  nodeId: number;
  /** This broker as clients should reach it; a function because a port-0 listener is bound after the store opens. */
  advertised: () => { host: string; port: number };
  defaultPartitions: number;
  partitionsMax: number;
  logDefaults: LogSettings;
  logDefaultSources: LogSettingsSources;
  /** The largest max.message.bytes a topic may set (see validateTopicConfigs). */
  maxMessageBytesMax: number;
}

export class LocalMetadataStore implements MetadataView, MetadataAdmin {
  private readonly topicsByName = new Map<string, TopicState>();
  private readonly listeners = new Set<MetadataListener>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly options: LocalMetadataOptions) {}

  static async open(options: LocalMetadataOptions): Promise<LocalMetadataStore> {
    const store = new LocalMetadataStore(options);
    const stored = await readJsonIfExists(store.path);
    if (stored !== undefined) {
      for (const topic of parseStoredTopics(stored, store.path)) store.topicsByName.set(topic.name, store.toTopicState(topic));
    }
    return store;
  }

  get clusterId(): string {
    return this.options.clusterId;
  }

  get localNodeId(): number {
    return this.options.nodeId;
  }

  controllerId(): number {
    // Combined mode on one node: this process is the controller.
    return this.options.nodeId;
  }

  brokers(): readonly BrokerState[] {
    const { host, port } = this.options.advertised();
    return [{ nodeId: this.options.nodeId, host, port, rack: '', fenced: false }];
  }

  topics(): readonly TopicState[] {
    return [...this.topicsByName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  topic(name: string): TopicState | undefined {
    return this.topicsByName.get(name);
  }

  partition(topic: string, partition: number): PartitionState | undefined {
    return this.topicsByName.get(topic)?.partitions[partition];
  }

  onChange(listener: MetadataListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  createTopics(topics: readonly TopicCreation[], options: { validateOnly: boolean }): Promise<TopicCreationResult[]> {
    return this.serially(async () => {
      const counts = new Map<string, number>();
      for (const topic of topics) counts.set(topic.name, (counts.get(topic.name) ?? 0) + 1);
      const results: TopicCreationResult[] = [];
      const created: TopicState[] = [];
      for (const request of topics) {
        const error = (counts.get(request.name) ?? 0) > 1 ? new BrookError('INVALID_REQUEST', `topic "${request.name}" appears more than once in the request`) : this.checkCreation(request);
        if (error !== null) {
          results.push({ name: request.name, error });
          continue;
        }
        const stored: StoredTopic = { name: request.name, topicId: newId(), partitionCount: this.partitionCountOf(request), configs: { ...request.configs } };
        const state = this.toTopicState(stored);
        if (!options.validateOnly) {
          this.topicsByName.set(state.name, state);
          created.push(state);
        }
        results.push({
          name: state.name,
          error: null,
          topicId: options.validateOnly ? '' : state.topicId,
          numPartitions: stored.partitionCount,
          replicationFactor: 1,
          configs: describeTopicConfigs(state.configs, this.options.logDefaults, this.options.logDefaultSources),
        });
      }
      if (created.length > 0) {
        await this.persist();
        for (const topic of created) await this.announce({ kind: 'topic-created', topic });
      }
      return results;
    });
  }

  describeQuorum(): Promise<DescribeQuorumResponse> {
    return Promise.reject(new BrookError('NOT_CONTROLLER', 'this node keeps its metadata in topics.json, not in a Raft quorum'));
  }

  deleteTopics(names: readonly string[]): Promise<TopicDeletionResult[]> {
    return this.serially(async () => {
      const results: TopicDeletionResult[] = [];
      const deleted: TopicState[] = [];
      for (const name of names) {
        const invalid = validateTopicName(name);
        const topic = this.topicsByName.get(name);
        if (invalid !== null) results.push({ name, error: new BrookError('INVALID_TOPIC_EXCEPTION', invalid) });
        else if (topic === undefined) results.push({ name, error: new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `topic "${name}" does not exist`) });
        else {
          this.topicsByName.delete(name);
          deleted.push(topic);
          results.push({ name, error: null, topicId: topic.topicId });
        }
      }
      if (deleted.length > 0) {
        // Persist first: once topics.json no longer names the topic, a crash before its files
        // are gone leaves orphan directories, which the next start removes; never the reverse.
        await this.persist();
        for (const topic of deleted) await this.announce({ kind: 'topic-deleted', topic });
      }
      return results;
    });
  }

  private get path(): string {
    return join(this.options.dataDir, TOPICS_FILE);
  }

  private checkCreation(request: TopicCreation): BrookError | null {
    const invalidName = validateTopicName(request.name);
    if (invalidName !== null) return new BrookError('INVALID_TOPIC_EXCEPTION', invalidName);
    if (this.topicsByName.has(request.name)) return new BrookError('TOPIC_ALREADY_EXISTS', `topic "${request.name}" already exists`);
    const key = topicCollisionKey(request.name);
    const colliding = [...this.topicsByName.keys()].find((name) => topicCollisionKey(name) === key);
    if (colliding !== undefined) return new BrookError('INVALID_TOPIC_EXCEPTION', `topic "${request.name}" collides with existing topic "${colliding}" ('.' and '_' are interchangeable in metric names)`);
    const partitions = this.partitionCountOf(request);
    if (!Number.isSafeInteger(partitions) || partitions < 1 || partitions > this.options.partitionsMax) {
      return new BrookError('INVALID_PARTITIONS', `partition count ${request.numPartitions} must be in [1, ${this.options.partitionsMax}] (or -1 for the default)`);
    }
    const replicationFactor = request.replicationFactor <= 0 ? 1 : request.replicationFactor;
    if (request.replicationFactor < -1 || replicationFactor !== 1) {
      return new BrookError('INVALID_REPLICATION_FACTOR', `replication factor ${request.replicationFactor} is not possible: the cluster has 1 broker`);
    }
    const invalidConfig = validateTopicConfigs(request.configs, this.options.maxMessageBytesMax);
    if (invalidConfig !== null) return new BrookError('INVALID_CONFIG', invalidConfig);
    return null;
  }

  private partitionCountOf(request: TopicCreation): number {
    return request.numPartitions === 0 || request.numPartitions === -1 ? this.options.defaultPartitions : request.numPartitions;
  }

  private toTopicState(stored: StoredTopic): TopicState {
    const nodeId = this.options.nodeId;
    const partitions = Array.from({ length: stored.partitionCount }, (_, partition) => ({
      topic: stored.name,
      partition,
      leaderId: nodeId,
      leaderEpoch: SINGLE_NODE_LEADER_EPOCH,
      replicas: [nodeId],
      isr: [nodeId],
    }));
    return { name: stored.name, topicId: stored.topicId, partitions, configs: stored.configs };
  }

  private async persist(): Promise<void> {
    const topics: StoredTopic[] = this.topics().map((topic) => ({ name: topic.name, topicId: topic.topicId, partitionCount: topic.partitions.length, configs: { ...topic.configs } }));
    await writeJsonAtomically(this.path, { formatVersion: TOPICS_FORMAT_VERSION, topics });
  }

  private async announce(change: MetadataChange): Promise<void> {
    for (const listener of this.listeners) await listener(change);
  }

  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function parseStoredTopics(stored: unknown, path: string): StoredTopic[] {
  const file = stored as { formatVersion?: unknown; topics?: unknown };
  if (file.formatVersion !== TOPICS_FORMAT_VERSION || !Array.isArray(file.topics)) throw new Error(`${path}: expected { formatVersion: ${TOPICS_FORMAT_VERSION}, topics: [...] }`);
  return file.topics.map((entry: unknown, index: number) => {
    const topic = entry as Partial<StoredTopic>;
    if (typeof topic.name !== 'string' || typeof topic.topicId !== 'string' || typeof topic.partitionCount !== 'number' || typeof topic.configs !== 'object' || topic.configs === null) {
      throw new Error(`${path}: topic entry ${index} is malformed`);
    }
    return { name: topic.name, topicId: topic.topicId, partitionCount: topic.partitionCount, configs: topic.configs };
  });
}
