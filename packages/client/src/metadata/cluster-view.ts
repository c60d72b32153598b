// The client's picture of the cluster, as Metadata responses paint it: brokers by node id with
// their addresses, and per topic its partitions' leaders, epochs, replicas and ISR.
import type { BrookError } from '@brook/protocol';

export interface BrokerInfo {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
  readonly rack: string;
  /** "host:port" as gRPC dials it (IPv6 hosts in brackets). */
  readonly address: string;
}

export interface PartitionInfo {
  readonly partition: number;
  /** The leader's node id; -1 while the partition has none. */
  readonly leaderId: number;
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly offlineReplicas: readonly number[];
  /** The partition's own error (e.g. LEADER_NOT_AVAILABLE), or null. */
  readonly error: BrookError | null;
}

export interface TopicInfo {
  readonly name: string;
  readonly topicId: string;
  readonly isInternal: boolean;
  /** Indexed by partition number. */
  readonly partitions: readonly PartitionInfo[];
  /** When the answer arrived (Date.now()), for the cache's max age. */
  readonly fetchedAtMs: number;
}

export function brokerAddress(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The partitions that currently have a leader, for the sticky partitioner. */
export function partitionsWithLeader(topic: TopicInfo): number[] {
  return topic.partitions.filter((p) => p.leaderId >= 0).map((p) => p.partition);
}
