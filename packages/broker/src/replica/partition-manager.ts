// The partitions this broker serves (a ReplicaManager reduced to one node): it opens one
// SegmentedLog per partition the metadata assigns here, opens and deletes logs as topics come
// and go, runs retention on a timer, checkpoints recovery points, and closes every log cleanly
// on shutdown (flush, indexes, clean-shutdown marker).
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { NodeFileSystem, RecoveryPointCheckpoint, SegmentedLog, readPartitionMetadata, type FlushPolicy, type OffsetCheckpoint } from '@brook/storage';
import type { Logger } from '../logging/logger.js';
import type { MetadataChange, MetadataView, PartitionState, TopicState } from '../metadata/metadata-view.js';
import { effectiveLogSettings, type LogSettings } from '../metadata/topic-configs.js';
import { Partition, type DurabilityWatch } from './partition.js';

export const PARTITIONS_DIR = 'partitions';
/** How often recovery points are checkpointed (Kafka's log.flush.offset.checkpoint.interval.ms). */
const RECOVERY_CHECKPOINT_INTERVAL_MS = 60_000;
/**
 * Under the interval flush policy, how often durable offsets are compared with the announced
 * high watermarks (Partition's DurabilityWatch): a few comparisons per partition, and the
 * delay a consumer sees after an fsync.
 */
const HIGH_WATERMARK_POLL_MS = 10;
/** Partition logs opened at once (see openTopic). */
const OPEN_CONCURRENCY = 8;

export interface PartitionManagerOptions {
  dataDir: string;
  metadata: MetadataView;
  logDefaults: LogSettings;
  flushPolicy: FlushPolicy;
  retentionCheckIntervalMs: number;
  logger: Logger;
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

export class PartitionManager {
  private readonly partitions = new Map<string, Partition>();
  private readonly fileSystem = new NodeFileSystem();
  private readonly log: Logger;
  private recoveryPoints: OffsetCheckpoint | undefined;
  private timers: ReturnType<typeof setInterval>[] = [];
  private unsubscribe: (() => void) | undefined;
  private retentionRunning = false;
  private checkpointWrites: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: PartitionManagerOptions) {
    this.log = options.logger.child({ component: 'partition-manager' });
  }

  private get durabilityWatch(): DurabilityWatch {
    return this.options.flushPolicy.kind === 'interval' ? 'poll' : 'each-append';
  }

  private get partitionsDir(): string {
    return join(this.options.dataDir, PARTITIONS_DIR);
  }

  /** Opens (recovering where needed) the log of every partition in the metadata. */
  async start(): Promise<void> {
    await mkdir(this.partitionsDir, { recursive: true });
    this.recoveryPoints = await RecoveryPointCheckpoint.load(this.fileSystem, this.options.dataDir);
    await this.removeOrphanDirectories();
    for (const topic of this.options.metadata.topics()) await this.openTopic(topic);
    this.unsubscribe = this.options.metadata.onChange((change) => this.onMetadataChange(change));
    this.timers.push(setInterval(() => void this.runRetention(), this.options.retentionCheckIntervalMs).unref());
    if (this.durabilityWatch === 'poll') {
      this.timers.push(setInterval(() => this.partitions.forEach((partition) => partition.checkHighWatermark()), HIGH_WATERMARK_POLL_MS).unref());
    }
    this.timers.push(setInterval(() => void this.checkpointRecoveryPoints().catch((error: unknown) => this.log.warn({ err: error }, 'recovery point checkpoint failed')), RECOVERY_CHECKPOINT_INTERVAL_MS).unref());
    this.log.info({ partitions: this.partitions.size }, 'partition logs opened');
  }

  get(topic: string, partition: number): Partition | undefined {
    return this.partitions.get(partitionKey(topic, partition));
  }

  all(): Partition[] {
    return [...this.partitions.values()];
  }

  /** Applies retention to every log now; returns how many segments were deleted. */
  async runRetention(): Promise<number> {
    if (this.retentionRunning || this.closed) return 0;
    this.retentionRunning = true;
    let deleted = 0;
    try {
      for (const partition of this.all()) {
        try {
          const count = await partition.log.deleteOldSegments();
          if (count > 0) this.log.info({ topic: partition.topic, partition: partition.partition, segments: count, logStartOffset: partition.logStartOffset }, 'retention deleted segments');
          deleted += count;
        } catch (error) {
          this.log.warn({ err: error, topic: partition.topic, partition: partition.partition }, 'retention failed');
        }
      }
    } finally {
      this.retentionRunning = false;
    }
    return deleted;
  }

  /** Stops the timers and closes every log (final flush, clean-shutdown marker). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.unsubscribe?.();
    const closing = this.all().map(async (partition) => {
      try {
        await partition.close();
      } catch (error) {
        this.log.error({ err: error, topic: partition.topic, partition: partition.partition }, 'closing the log failed; the next start recovers it');
      }
    });
    await Promise.all(closing);
    await this.checkpointRecoveryPoints().catch((error: unknown) => this.log.warn({ err: error }, 'final recovery point checkpoint failed'));
    this.partitions.clear();
    this.log.info('partition logs closed');
  }

  private async onMetadataChange(change: MetadataChange): Promise<void> {
    if (this.closed) return;
    if (change.kind === 'topic-created') {
      await this.openTopic(change.topic);
      this.log.info({ topic: change.topic.name, topicId: change.topic.topicId, partitions: change.topic.partitions.length }, 'leading the partitions of a new topic');
    } else {
      await this.deleteTopic(change.topic);
    }
  }

  /**
   * Opens the logs of a topic's partitions led here, OPEN_CONCURRENCY at a time: opening is
   * mostly waiting for the disk (creating files, fsyncing directories, recovery scans), so a few
   * opens in flight shorten a wide topic's creation and a restart several times over.
   */
  private async openTopic(topic: TopicState): Promise<void> {
    const settings = effectiveLogSettings(topic.configs, this.options.logDefaults);
    const pending = topic.partitions.filter((state) => state.leaderId === this.options.metadata.localNodeId);
    const openNext = async (): Promise<void> => {
      for (let state = pending.shift(); state !== undefined; state = pending.shift()) await this.openPartition(topic, state, settings);
    };
    await Promise.all(Array.from({ length: OPEN_CONCURRENCY }, openNext));
  }

  private async openPartition(topic: TopicState, state: PartitionState, settings: LogSettings): Promise<void> {
    const key = partitionKey(topic.name, state.partition);
    const directory = join(this.partitionsDir, key);
    const log = await SegmentedLog.open({
      fileSystem: this.fileSystem,
      directory,
      topicId: topic.topicId,
      segmentBytes: settings.segmentBytes,
      segmentMs: settings.segmentMs,
      retentionMs: settings.retentionMs,
      retentionBytes: settings.retentionBytes,
      maxMessageBytes: settings.maxMessageBytes,
      flushPolicy: this.options.flushPolicy,
      recoveryPoint: this.recoveryPoints?.get({ topic: topic.name, partition: state.partition }) ?? 0,
    });
    this.partitions.set(key, new Partition(topic.name, state.partition, topic.topicId, state.leaderEpoch, settings, directory, log, this.durabilityWatch));
    this.log.debug({ topic: topic.name, partition: state.partition, logEndOffset: log.logEndOffset }, 'became leader');
  }

  private async deleteTopic(topic: TopicState): Promise<void> {
    for (const state of topic.partitions) {
      const key = partitionKey(topic.name, state.partition);
      const partition = this.partitions.get(key);
      this.partitions.delete(key);
      this.recoveryPoints?.delete({ topic: topic.name, partition: state.partition });
      if (partition !== undefined) await partition.close().catch((error: unknown) => this.log.warn({ err: error, key }, 'closing a deleted partition failed'));
      await rm(join(this.partitionsDir, key), { recursive: true, force: true });
    }
    await this.checkpointRecoveryPoints();
    this.log.info({ topic: topic.name, topicId: topic.topicId }, 'deleted topic data');
  }

  /**
   * Removes partition directories the metadata does not assign here: left by a crash between
   * a topic's deletion and the removal of its files, or belonging to an older topic of the same
   * name (partition.metadata names another topic id).
   */
  private async removeOrphanDirectories(): Promise<void> {
    for (const entry of await readdir(this.partitionsDir)) {
      const dash = entry.lastIndexOf('-');
      const topic = this.options.metadata.topic(entry.slice(0, dash));
      const index = Number(entry.slice(dash + 1));
      const directory = join(this.partitionsDir, entry);
      let keep = dash > 0 && topic !== undefined && Number.isSafeInteger(index) && index >= 0 && index < topic.partitions.length;
      if (keep && topic !== undefined) {
        // A directory without partition.metadata was never opened far enough to write it: it
        // holds no data of another topic, and the open below writes the file.
        const owner = await readPartitionMetadata(this.fileSystem, directory);
        keep = owner === undefined || owner.topicId === topic.topicId;
      }
      if (!keep) {
        await rm(directory, { recursive: true, force: true });
        this.log.info({ directory }, 'removed a partition directory no topic owns');
      }
    }
  }

  /** Writes run one after another: the timer, a deletion and the close may all ask at once. */
  private checkpointRecoveryPoints(): Promise<void> {
    const write = async (): Promise<void> => {
      const checkpoint = this.recoveryPoints;
      if (checkpoint === undefined) return;
      for (const partition of this.partitions.values()) checkpoint.set({ topic: partition.topic, partition: partition.partition }, partition.log.recoveryPoint);
      await checkpoint.write();
    };
    const next = this.checkpointWrites.then(write, write);
    this.checkpointWrites = next.catch(() => undefined);
    return next;
  }
}
