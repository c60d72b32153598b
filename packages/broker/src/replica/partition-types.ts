// The types a Partition is built with and answers (replica/partition.ts).
import type { AppendResult } from '@brook/storage';
import type { RecordBatchHeader } from '@brook/record-batch';
import type { ProducerEntry } from '../replication/producer-state.js';
import type { ProducerSnapshot } from '../replication/producer-snapshot.js';

export type PartitionListener = () => void;

/**
 * When a write counts toward the high watermark (and so toward acks=all), from the topic's
 * flush.policy: 'fsynced' (every-append, the default) once the log fsynced it, on the leader and
 * on each follower (whose fetch offset reports its fsynced end); 'written' (interval, Kafka's
 * behaviour) as soon as it is in the log, fsynced later on the log's own timer.
 */
export type WritesCount = 'fsynced' | 'written';

/** When a partition's writes count toward its high watermark, from its topic's flush.policy. */
export function writesCountOf(settings: { flushPolicy: 'every-append' | 'interval' }): WritesCount {
  return settings.flushPolicy === 'interval' ? 'written' : 'fsynced';
}

/** What the partition needs to know about replication beyond its assignment. */
export interface ReplicationSettings {
  localNodeId: number;
  /** Kafka's replica.lag.time.max.ms. */
  replicaLagMs: number;
  /** Whether a broker may join an ISR now (registered, unfenced, not shutting down). */
  isEligible?: (brokerId: number) => boolean;
  /**
   * The high watermark checkpointed before the last stop: the replica's high watermark until its
   * first role's state knows better (clamped to the log). 0 when none was.
   */
  initialHighWatermark?: number;
  /** Where the producer state is saved at every segment roll and clean close (producer-snapshot-files.ts). */
  snapshots?: ProducerSnapshots;
}

/** A partition's producer-state snapshots (ProducerSnapshotStore). */
export interface ProducerSnapshots {
  save(endOffset: number, producers: readonly ProducerEntry[]): Promise<void>;
  /** save(), logging a failure instead of returning it (a roll's snapshot only saves time later). */
  saveInBackground(endOffset: number, producers: readonly ProducerEntry[]): void;
  deleteAfter(offset: number): Promise<void>;
  deleteBefore(offset: number): Promise<void>;
  deleteAll(): Promise<void>;
  latest(logStartOffset: number, logEndOffset: number): Promise<ProducerSnapshot | undefined>;
}

export interface LeaderAppend {
  result: AppendResult;
  header: RecordBatchHeader;
  /** The batch repeated one of its producer's last five: `result` holds the original offsets. */
  duplicate: boolean;
}
