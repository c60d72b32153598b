// The broker's view of cluster metadata, behind two narrow interfaces so that the request
// handlers never learn where metadata comes from: the Raft-fed MetadataImage implements
// MetadataView (cluster/image-metadata-view.ts) and MetadataAdmin forwards changes to the
// active controller (cluster/forwarding-admin.ts; ARCHITECTURE.md, "Metadata").
import type { BrookError, DescribeQuorumResponse } from '@brook/protocol';

export interface BrokerState {
  nodeId: number;
  /** The advertised host and port of the broker's client listener. */
  host: string;
  port: number;
  rack: string;
  fenced: boolean;
}

export interface PartitionState {
  topic: string;
  partition: number;
  leaderId: number;
  leaderEpoch: number;
  replicas: readonly number[];
  isr: readonly number[];
  /** The controller's ISR version (KIP-497): AlterPartition proposals are based on it; absent = 0. */
  partitionEpoch?: number;
}

/** Topic config overrides by Kafka name ("retention.ms" -> "86400000"); absent keys take the cluster default. */
export type TopicConfigOverrides = Readonly<Record<string, string>>;

export interface TopicState {
  name: string;
  /** Assigned at creation, never reused (KIP-516): a re-created topic gets a new id. */
  topicId: string;
  partitions: readonly PartitionState[];
  configs: TopicConfigOverrides;
}

/**
 * What a metadata change tells the partition manager to do. `topic-changed`: partitions were
 * added, a partition's leader, leader epoch, replicas or ISR moved, or the topic's configs
 * changed.
 */
export type MetadataChange =
  | { kind: 'topic-created'; topic: TopicState }
  | { kind: 'topic-deleted'; topic: TopicState }
  | { kind: 'topic-changed'; topic: TopicState; previous: TopicState };

/** A listener may be async: the admin operation answers once every listener has settled. */
export type MetadataListener = (change: MetadataChange) => void | Promise<void>;

/** Read side: what every broker knows about the cluster. */
export interface MetadataView {
  readonly clusterId: string;
  /** This node's id. */
  readonly localNodeId: number;
  /** The active controller's node id, or -1 when none is known. */
  controllerId(): number;
  /** Registered brokers in node id order. */
  brokers(): readonly BrokerState[];
  /** Every topic, by name. */
  topics(): readonly TopicState[];
  topic(name: string): TopicState | undefined;
  partition(topic: string, partition: number): PartitionState | undefined;
  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: MetadataListener): () => void;
}

export interface TopicCreation {
  name: string;
  /** -1 or 0: the cluster default. */
  numPartitions: number;
  /** -1 or 0: the cluster default. */
  replicationFactor: number;
  configs: Readonly<Record<string, string>>;
}

export interface EffectiveTopicConfig {
  name: string;
  value: string;
  source: 'topic' | 'cluster-default' | 'built-in-default';
}

export type TopicCreationResult =
  | { name: string; error: BrookError }
  | { name: string; error: null; topicId: string; numPartitions: number; replicationFactor: number; configs: EffectiveTopicConfig[] };

export type TopicDeletionResult = { name: string; error: BrookError } | { name: string; error: null; topicId: string };

/** One change to a topic config: set its own value, or delete it (the cluster default applies again). */
export interface TopicConfigChange {
  key: string;
  op: 'set' | 'delete';
  /** The new value of a set. */
  value?: string;
}

export interface TopicConfigAlteration {
  name: string;
  changes: readonly TopicConfigChange[];
}

export type TopicAlterationResult = { name: string; error: BrookError | null };

export type TopicConfigsResult = { name: string; error: BrookError } | { name: string; error: null; configs: EffectiveTopicConfig[] };

/** Write side: changes that, in a cluster, the active controller decides. */
export interface MetadataAdmin {
  /** Each topic succeeds or fails on its own; results are in request order. */
  createTopics(topics: readonly TopicCreation[], options: { validateOnly: boolean }): Promise<TopicCreationResult[]>;
  deleteTopics(names: readonly string[]): Promise<TopicDeletionResult[]>;
  /** Each topic's changes apply together or not at all; results are in request order. */
  alterConfigs(topics: readonly TopicConfigAlteration[], options: { validateOnly: boolean }): Promise<TopicAlterationResult[]>;
  /** Every config of each topic with its effective value and source, from this broker's image. */
  describeConfigs(names: readonly string[]): TopicConfigsResult[];
  /** The metadata quorum as the active controller sees it (leader, term, commit, lags). */
  describeQuorum(): Promise<DescribeQuorumResponse>;
}
