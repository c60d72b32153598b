// What the commands need from a cluster connection, as one narrow interface. The one
// implementation (sdk-session.ts) wraps @brook/client; unit tests give commands an in-memory
// fake. Keeping the commands off the SDK's own types also keeps each command file about what it
// prints rather than how the SDK spells things.
import type { Acks } from './options.js';

export interface BrokerAddress {
  nodeId: number;
  host: string;
  port: number;
  rack?: string | undefined;
  /** Registered but fenced by the controller; only listed when asked with includeFenced. */
  fenced?: boolean | undefined;
}

export interface ClusterDescription {
  clusterId: string;
  controllerId: number;
  brokers: BrokerAddress[];
  /** The node that answered, when the server says. */
  answeringNode?: { nodeId: number; roles: string[]; softwareVersion: string; uptimeMs: number } | undefined;
}

/** One voter or observer of the metadata quorum. */
export interface QuorumReplicaState {
  nodeId: number;
  /** -1n = unknown. */
  logEndOffset: bigint;
  /** -1n = unknown. */
  lag: bigint;
  /** -1 = never heard from; 0 = the leader itself. */
  lastContactMsAgo: number;
}

/** The metadata quorum as the active controller sees it. */
export interface QuorumState {
  leaderId: number;
  leaderEpoch: number;
  highWatermark: bigint;
  voters: QuorumReplicaState[];
  observers: QuorumReplicaState[];
}

/** What one node said when asked directly (health checks). */
export type NodeProbe = { answered: true; nodeId: number; roles: string[] } | { answered: false; error: string };

export interface PartitionDescription {
  partition: number;
  leaderId: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  /** The log start offset; undefined when the leader could not be asked. */
  earliestOffset?: bigint | undefined;
  /** The high watermark; undefined when the leader could not be asked. */
  latestOffset?: bigint | undefined;
}

export interface TopicDescription {
  name: string;
  topicId: string;
  isInternal: boolean;
  partitions: PartitionDescription[];
}

export interface TopicConfigEntry {
  name: string;
  value: string;
  /** Where the value comes from: topic, cluster_default or built_in_default. */
  source: string;
}

/** Every config of one topic with its effective value and source, sorted by name. */
export interface TopicConfigs {
  name: string;
  configs: TopicConfigEntry[];
}

/** Changes to one topic's configs; keys not named keep their values. */
export interface TopicConfigChangeSpec {
  name: string;
  /** Keys to give a topic-level value. */
  set: Record<string, string>;
  /** Keys whose topic-level value is removed (the cluster default applies again). */
  delete: string[];
  /** Check with the cluster only; change nothing. */
  validateOnly: boolean;
}

export interface CreatedTopic {
  name: string;
  topicId: string;
  partitions: number;
  replicationFactor: number;
  configs: TopicConfigEntry[];
}

export interface CreateTopicSpec {
  name: string;
  partitions: number;
  /** -1 = the cluster default. */
  replicationFactor: number;
  configs: Record<string, string>;
}

export type OffsetQuery = { kind: 'earliest' } | { kind: 'latest' } | { kind: 'timestamp'; timestampMs: bigint };

export interface RecordHeaderValue {
  key: string;
  value: Uint8Array | null;
}

export interface OutgoingRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: RecordHeaderValue[];
  partition?: number | undefined;
}

export interface RecordPosition {
  partition: number;
  offset: bigint;
}

export interface ProducerOptions {
  acks: Acks;
  lingerMs?: number | undefined;
  batchBytes?: number | undefined;
}

export interface SessionProducer {
  /** Resolves once every record is acknowledged, in input order; rejects with the first failure. */
  send(topic: string, records: OutgoingRecord[]): Promise<RecordPosition[]>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: bigint;
  timestampMs: bigint;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: RecordHeaderValue[];
}

export interface PartitionStart {
  topic: string;
  partition: number;
  offset: bigint;
}

export interface SessionConsumer {
  /** Batches of records in offset order per partition; ends only when the consumer closes. */
  batches(): AsyncIterable<ConsumedRecord[]>;
  close(): Promise<void>;
}

export interface ConsumerOptions {
  /** Upper bound on bytes per fetch response; undefined = the SDK's default. */
  fetchMaxBytes?: number | undefined;
  /** Upper bound on bytes per partition per fetch; undefined = the SDK's default. */
  partitionFetchMaxBytes?: number | undefined;
}

export interface DescribeTopicsOptions {
  /** Also ask each partition's leader for its earliest and latest offsets. Default true. */
  offsets?: boolean | undefined;
}

export interface BrookSession {
  describeCluster(options?: { includeFenced?: boolean | undefined }): Promise<ClusterDescription>;
  describeQuorum(): Promise<QuorumState>;
  /** Asks the node at `address` alone, once, within timeoutMs: does it answer, and as which node. */
  probeNode(address: string, timeoutMs: number): Promise<NodeProbe>;
  listTopics(): Promise<string[]>;
  /** Describes the topics; by default with each partition's earliest and latest offsets. */
  describeTopics(names: string[], options?: DescribeTopicsOptions): Promise<TopicDescription[]>;
  /** Every config of each topic, with its effective value and source, in the order asked. */
  describeTopicConfigs(names: string[]): Promise<TopicConfigs[]>;
  createTopic(spec: CreateTopicSpec): Promise<CreatedTopic>;
  /** Sets and deletes a topic's configs, all or none; resolves once the controller committed them. */
  alterTopicConfigs(spec: TopicConfigChangeSpec): Promise<void>;
  deleteTopic(name: string): Promise<void>;
  /** One offset per partition; a timestamp with no record at or after it answers -1. */
  listOffsets(topic: string, partitions: number[], query: OffsetQuery): Promise<Map<number, bigint>>;
  producer(options: ProducerOptions): SessionProducer;
  consumer(starts: PartitionStart[], options?: ConsumerOptions): SessionConsumer;
  close(): Promise<void>;
}

export interface SessionOptions {
  /**
   * Few, short retries: for polling a cluster that may be half up (health checks), where the
   * next poll is the retry. Default false (the SDK's retries, up to 30 s).
   */
  quick?: boolean | undefined;
}

/**
 * Opens a session on the bootstrap addresses; the CLI's entry passes the SDK-backed one. Async so
 * the bin can load the SDK (and gRPC) only for commands that talk to a cluster: `server start`
 * and `--help` stay quick.
 */
export type SessionFactory = (brokers: string[], options?: SessionOptions) => Promise<BrookSession>;
