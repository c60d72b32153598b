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
}

export interface ClusterDescription {
  clusterId: string;
  controllerId: number;
  brokers: BrokerAddress[];
  /** The node that answered, when the server says. */
  answeringNode?: { nodeId: number; roles: string[]; softwareVersion: string; uptimeMs: number } | undefined;
}

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
  source: string;
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

export interface BrookSession {
  describeCluster(): Promise<ClusterDescription>;
  listTopics(): Promise<string[]>;
  /** Describes the topics with each partition's earliest and latest offsets. */
  describeTopics(names: string[]): Promise<TopicDescription[]>;
  createTopic(spec: CreateTopicSpec): Promise<CreatedTopic>;
  deleteTopic(name: string): Promise<void>;
  /** One offset per partition; a timestamp with no record at or after it answers -1. */
  listOffsets(topic: string, partitions: number[], query: OffsetQuery): Promise<Map<number, bigint>>;
  producer(options: ProducerOptions): SessionProducer;
  consumer(starts: PartitionStart[], options?: ConsumerOptions): SessionConsumer;
  close(): Promise<void>;
}

/**
 * Opens a session on the bootstrap addresses; the CLI's entry passes the SDK-backed one. Async so
 * the bin can load the SDK (and gRPC) only for commands that talk to a cluster: `server start`
 * and `--help` stay quick.
 */
export type SessionFactory = (brokers: string[]) => Promise<BrookSession>;
