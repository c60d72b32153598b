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
  readonly rack: string;
  readonly fenced: boolean;
}

export interface ClusterDescription {
  readonly clusterId: string;
  /** The active controller's node id; -1 when none is known. */
  readonly controllerId: number;
  readonly brokers: readonly BrokerDescription[];
  /** The node that answered. */
  readonly node: { readonly nodeId: number; readonly roles: readonly string[]; readonly softwareVersion: string; readonly uptimeMs: bigint } | null;
}
