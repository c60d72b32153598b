// The types a Partition is built with and answers (replica/partition.ts).
import type { AppendResult } from '@brook/storage';
import type { RecordBatchHeader } from '@brook/record-batch';
import type { ProducerEntry } from '../replication/producer-state.js';

export type PartitionListener = () => void;

/**
 * When a write counts toward the high watermark (and so toward acks=all), from the topic's
 * flush.policy: 'fsynced' (every-append, the default) once the log fsynced it, on the leader and
 * on each follower (whose fetch offset reports its fsynced end); 'written' (interval, Kafka's
 * behaviour) as soon as it is in the log, fsynced later on the log's own timer.
 */
export type WritesCount = 'fsynced' | 'written';

/** What the partition needs to know about replication beyond its assignment. */
export interface ReplicationSettings {
  localNodeId: number;
  /** Kafka's replica.lag.time.max.ms. */
  replicaLagMs: number;
  /** Whether a broker may join an ISR now (registered, unfenced, not shutting down). */
  isEligible?: (brokerId: number) => boolean;
  /** Saves the producer state on a clean close (covering every batch below `endOffset`), for the next open. */
  saveProducerState?: (endOffset: number, producers: readonly ProducerEntry[]) => Promise<void>;
}

export interface LeaderAppend {
  result: AppendResult;
  header: RecordBatchHeader;
  /** The batch repeated one of its producer's last five: `result` holds the original offsets. */
  duplicate: boolean;
}
