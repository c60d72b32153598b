// What the admin takes and returns.
import type { ConfigSource__Output } from '@brook/protocol';

export interface CreateTopicInput {
  readonly topic: string;
  /** Default: the cluster's default (sent as -1). */
  readonly numPartitions?: number;
  /** Default: the cluster's default (sent as -1). */
  readonly replicationFactor?: number;
  /** Topic configs by Kafka's names (retention.ms, segment.bytes, max.message.bytes, ...). */
  readonly configs?: Readonly<Record<string, string>>;
}

export interface CreateTopicsOptions {
  /** Check only; create nothing. Default false. */
  readonly validateOnly?: boolean;
  /** How long the controller may take, in ms. Default: the server's (30000). */
  readonly timeoutMs?: number;
}

export interface TopicConfigEntry {
  readonly name: string;
  readonly value: string;
  readonly source: ConfigSource__Output;
  readonly readOnly: boolean;
}

export interface CreatedTopic {
  readonly topic: string;
  /** Empty for validateOnly. */
  readonly topicId: string;
  readonly numPartitions: number;
  readonly replicationFactor: number;
  /** Effective configs after defaults, sorted by name. */
  readonly configs: readonly TopicConfigEntry[];
}

export interface DeletedTopic {
  readonly topic: string;
  readonly topicId: string;
}

/** One topic's effective configs: every key, with its value and where the value comes from. */
export interface TopicConfigs {
  readonly topic: string;
  /** Every topic config, sorted by name; source CONFIG_SOURCE_TOPIC for the topic's own values. */
  readonly configs: readonly TopicConfigEntry[];
}

/**
 * Changes to one topic's configs (Kafka's incrementalAlterConfigs, KIP-339): keys not named keep
 * their values. A topic's changes apply together or not at all.
 */
export interface TopicConfigChanges {
  readonly topic: string;
  /** Keys to give a topic-level value (an override of the cluster default). */
  readonly set?: Readonly<Record<string, string>>;
  /** Keys whose topic-level value is removed, so the cluster default applies again. */
  readonly delete?: readonly string[];
}

export interface AlterConfigsOptions {
  /** Check the changes (topic, keys, values) only; change nothing. Default false. */
  readonly validateOnly?: boolean;
  /** How long the controller may take to commit, in ms. Default: the server's (30000). */
  readonly timeoutMs?: number;
}

/** A topic whose changes were applied (or, with validateOnly, found valid). */
export interface AlteredTopicConfigs {
  readonly topic: string;
}

export interface PartitionDescription {
  readonly partition: number;
  /** Leader node id; -1 when the partition has none. */
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly offlineReplicas: readonly number[];
}

export interface TopicDescription {
  readonly topic: string;
  readonly topicId: string;
  readonly isInternal: boolean;
  readonly partitions: readonly PartitionDescription[];
}

export interface BrokerDescription {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
  /** The broker's rack; '' when it has none. */
  readonly rack: string;
  /** Registered but fenced by the controller (not serving); listed only with includeFenced. */
  readonly fenced: boolean;
}

export interface DescribeClusterOptions {
  /** Also list brokers the controller has fenced. Default false. */
  readonly includeFenced?: boolean;
  /** @deprecated The same as includeFenced. */
  readonly includeFencedBrokers?: boolean;
}

export interface ClusterDescription {
  readonly clusterId: string;
  /** The active controller's node id; -1 when none is known. */
  readonly controllerId: number;
  readonly brokers: readonly BrokerDescription[];
  /** The node that answered. */
  readonly node: { readonly nodeId: number; readonly roles: readonly string[]; readonly softwareVersion: string; readonly uptimeMs: bigint } | null;
}

/** A voter of the metadata quorum, or an observer following its log. */
export interface QuorumReplicaDescription {
  readonly nodeId: number;
  /** The last metadata-log offset the active controller knows this node holds; -1n = unknown. */
  readonly logEndOffset: bigint;
  /** highWatermark minus logEndOffset, never negative; -1n when unknown. */
  readonly lag: bigint;
  /** Milliseconds since the active controller last heard from the node; -1 = never, 0 = itself. */
  readonly lastContactMsAgo: number;
}

/** The metadata quorum as the active controller sees it (kafka-metadata-quorum describe). */
export interface QuorumDescription {
  /** The active controller's node id. */
  readonly leaderId: number;
  /** The Raft term: the metadata log's leader epoch. */
  readonly leaderEpoch: number;
  /** The metadata log's committed offset. */
  readonly highWatermark: bigint;
  /** In node id order. */
  readonly voters: readonly QuorumReplicaDescription[];
  /** Nodes following the log without a vote (broker-only nodes), in node id order. */
  readonly observers: readonly QuorumReplicaDescription[];
}
