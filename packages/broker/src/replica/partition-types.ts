// The types a Partition is built with and answers (replica/partition.ts).
import type { AppendResult } from '@brook/storage';
import type { RecordBatchHeader } from '@brook/record-batch';

export type PartitionListener = () => void;

/**
 * How the partition learns that its log became durable. The log has no durability event, and
 * asking it (flushedUpTo) forces an fsync. Under group commit every append asks for an fsync
 * anyway, so waiting on each append costs nothing more ('each-append'). Under the interval
 * policy that would fsync every append and defeat the policy, so the partition manager polls
 * the durable offset instead ('poll', see checkHighWatermark).
 */
export type DurabilityWatch = 'each-append' | 'poll';

/** What the partition needs to know about replication beyond its assignment. */
export interface ReplicationSettings {
  localNodeId: number;
  /** Kafka's replica.lag.time.max.ms. */
  replicaLagMs: number;
  /** Whether a broker may join an ISR now (registered, unfenced, not shutting down). */
  isEligible?: (brokerId: number) => boolean;
}

export interface LeaderAppend {
  result: AppendResult;
  header: RecordBatchHeader;
  /** The batch repeated one of its producer's last five: `result` holds the original offsets. */
  duplicate: boolean;
}
