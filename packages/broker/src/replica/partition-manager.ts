// The partitions this broker serves (a ReplicaManager without replication yet): it opens one
// SegmentedLog per partition whose replicas include this node, opens, closes and deletes logs as
// topics come and go and replica sets move, runs retention on a timer, checkpoints recovery
// points, and closes every log cleanly on shutdown (flush, indexes, clean-shutdown marker).
//
// Metadata changes are applied one at a time, in the order announced, and only after start()
// has opened what the metadata assigned when it began: a change announced meanwhile waits. Every
// step checks the topic id, so a change that start() already saw (or a deletion of an older
// topic of the same name) is harmless.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { HighWatermarkCheckpoint, NodeFileSystem, RecoveryPointCheckpoint, SegmentedLog, readPartitionMetadata, type OffsetCheckpoint } from '@brook/storage';
import type { Logger } from '../logging/logger.js';
import type { MetadataChange, MetadataView, PartitionState, TopicConfigOverrides, TopicState } from '../metadata/metadata-view.js';
import { effectiveLogSettings, logFlushPolicy, type LogSettings } from '../metadata/topic-configs.js';
import { Partition } from './partition.js';
import { loadProducerState } from './producer-state-loader.js';
import { ProducerSnapshotStore } from './producer-snapshot-files.js';

export const PARTITIONS_DIR = 'partitions';
/** How often recovery points are checkpointed (Kafka's log.flush.offset.checkpoint.interval.ms). */
const RECOVERY_CHECKPOINT_INTERVAL_MS = 60_000;
/** How often high watermarks are checkpointed (Kafka's replica.high.watermark.checkpoint.interval.ms). */
const HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS = 5_000;
/** How often idle producers are forgotten (Kafka's producer.id.expiration.check.interval.ms). */
const PRODUCER_EXPIRATION_CHECK_MS = 10 * 60_000;
/** Partition logs opened at once (see openTopic). */
const OPEN_CONCURRENCY = 8;
/** Kafka's suffix for a log directory no current topic owns, kept aside rather than deleted (KIP-858). */
export const STRAY_SUFFIX = '-stray';

/**
 * What start() does with partition directories the metadata does not assign here. 'remove': a
 * single node's topics.json is the whole truth, so they are leftovers of a deletion interrupted
 * by a crash. 'keep': in a cluster the image may be older than the disk (a controller restored
 * from a snapshot, a broker moved between clusters by mistake), so they are only reported, and
 * only deletions seen live remove data (Kafka's stray logs, KIP-858).
 */
export type UnknownDirectoryPolicy = 'remove' | 'keep';

export interface PartitionManagerOptions {
  dataDir: string;
  metadata: MetadataView;
  /** Topic defaults (the flush policy among them), under each topic's overrides. */
  logDefaults: LogSettings;
  retentionCheckIntervalMs: number;
  logger: Logger;
  /** Default 'remove' (single node); a cluster passes 'keep'. */
  unknownDirectories?: UnknownDirectoryPolicy;
  /** Kafka's replica.lag.time.max.ms; default REPLICA_LAG_MS_DEFAULT. */
  replicaLagMs?: number;
  /** Called after roles may have changed (partitions opened, led, followed, closed): the replica fetchers regroup. */
  onReplicasChanged?: () => void;
  /** Called after each fsync of a partition log with its duration (the flush metric). */
  onLogFlushed?: (durationMs: number) => void;
  /** SegmentedLogOptions.pageCacheRetainBytes of every log (default: storage's). */
  pageCacheRetainBytes?: number;
}

export const REPLICA_LAG_MS_DEFAULT = 30_000;
/** Kafka's min.insync.replicas topic config; 1 when the topic does not set it. */
export const MIN_INSYNC_REPLICAS_CONFIG = 'min.insync.replicas';

export function minInsyncReplicasOf(topic: TopicState): number {
  const value = Number(topic.configs[MIN_INSYNC_REPLICAS_CONFIG] ?? '1');
  return Number.isSafeInteger(value) && value >= 1 ? value : 1;
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

export class PartitionManager {
  private readonly partitions = new Map<string, Partition>();
  private readonly fileSystem = new NodeFileSystem();
  private readonly log: Logger;
  private recoveryPoints: OffsetCheckpoint | undefined;
  private highWatermarks: OffsetCheckpoint | undefined;
  private timers: ReturnType<typeof setInterval>[] = [];
  private unsubscribe: (() => void) | undefined;
  private retentionRunning = false;
  private checkpointWrites: Promise<void> = Promise.resolve();
  /** Settles when start() has opened the initial partitions; metadata changes wait for it. */
  private opened: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: PartitionManagerOptions) {
    this.log = options.logger.child({ component: 'partition-manager' });
  }

  private get partitionsDir(): string {
    return join(this.options.dataDir, PARTITIONS_DIR);
  }

  /**
   * Opens (recovering where needed) the log of every partition the metadata assigns here. In a
   * cluster, call it once the metadata has caught up with the log: what the image does not know
   * yet is opened when its change is announced.
   */
  async start(): Promise<void> {
    let startupDone: () => void = () => undefined;
    this.opened = new Promise((resolve) => (startupDone = resolve));
    // Subscribed first: a change announced while the logs open is queued behind them, not lost.
    this.unsubscribe = this.options.metadata.onChange((change) => this.opened.then(() => this.onMetadataChange(change)));
    try {
      await this.openAssigned();
    } finally {
      startupDone();
    }
    this.timers.push(setInterval(() => void this.runRetention(), this.options.retentionCheckIntervalMs).unref());
    this.timers.push(setInterval(() => this.partitions.forEach((partition) => partition.producers.removeExpiredProducers(Date.now())), PRODUCER_EXPIRATION_CHECK_MS).unref());
    this.timers.push(setInterval(() => void this.checkpointOffsets().catch((error: unknown) => this.log.warn({ err: error }, 'recovery point checkpoint failed')), RECOVERY_CHECKPOINT_INTERVAL_MS).unref());
    this.timers.push(setInterval(() => void this.checkpointOffsets('high-watermarks').catch((error: unknown) => this.log.warn({ err: error }, 'high watermark checkpoint failed')), HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS).unref());
    this.log.info({ partitions: this.partitions.size }, 'partition logs opened');
    this.options.onReplicasChanged?.();
  }

  private async openAssigned(): Promise<void> {
    await mkdir(this.partitionsDir, { recursive: true });
    this.recoveryPoints = await RecoveryPointCheckpoint.load(this.fileSystem, this.options.dataDir);
    this.highWatermarks = await HighWatermarkCheckpoint.load(this.fileSystem, this.options.dataDir);
    await this.checkUnknownDirectories();
    for (const topic of this.options.metadata.topics()) await this.openTopic(topic);
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
          if (count > 0) {
            await partition.forgetSnapshotsBelowLogStart();
            this.log.info({ topic: partition.topic, partition: partition.partition, segments: count, logStartOffset: partition.logStartOffset }, 'retention deleted segments');
          }
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
    await this.checkpointOffsets().catch((error: unknown) => this.log.warn({ err: error }, 'final recovery point and high watermark checkpoint failed'));
    this.partitions.clear();
    this.log.info('partition logs closed');
  }

  private async onMetadataChange(change: MetadataChange): Promise<void> {
    if (this.closed) return;
    try {
      await this.applyMetadataChange(change);
    } finally {
      this.options.onReplicasChanged?.();
    }
  }

  private async applyMetadataChange(change: MetadataChange): Promise<void> {
    switch (change.kind) {
      case 'topic-created':
        await this.openTopic(change.topic);
        this.log.info({ topic: change.topic.name, topicId: change.topic.topicId, partitions: change.topic.partitions.length }, 'opened the partitions of a new topic assigned here');
        return;
      case 'topic-changed':
        await this.closeUnassigned(change.topic, change.previous);
        await this.openTopic(change.topic);
        if (!sameConfigs(change.topic.configs, change.previous.configs)) await this.applySettings(change.topic);
        await this.applyAssignments(change.topic);
        return;
      case 'topic-deleted':
        await this.deleteTopic(change.topic);
        return;
    }
  }

  private isAssigned(state: PartitionState): boolean {
    return state.replicas.includes(this.options.metadata.localNodeId);
  }

  /**
   * Opens the logs of a topic's partitions assigned here and not open yet, OPEN_CONCURRENCY at a
   * time: opening is mostly waiting for the disk (creating files, fsyncing directories, recovery
   * scans), so a few opens in flight shorten a wide topic's creation and a restart several times.
   */
  private async openTopic(topic: TopicState): Promise<void> {
    const settings = effectiveLogSettings(topic.configs, this.options.logDefaults);
    const pending = topic.partitions.filter((state) => this.isAssigned(state) && this.get(topic.name, state.partition)?.topicId !== topic.topicId);
    const openNext = async (): Promise<void> => {
      for (let state = pending.shift(); state !== undefined; state = pending.shift()) await this.openPartition(topic, state, settings);
    };
    await Promise.all(Array.from({ length: OPEN_CONCURRENCY }, openNext));
  }

  /** Leaders, leader epochs and ISRs of the topic's open partitions, as the image now says. */
  private async applyAssignments(topic: TopicState): Promise<void> {
    const minInsyncReplicas = minInsyncReplicasOf(topic);
    for (const state of topic.partitions) {
      const partition = this.get(topic.name, state.partition);
      if (partition === undefined || partition.topicId !== topic.topicId || !this.isAssigned(state)) continue;
      await partition.applyAssignment(state, minInsyncReplicas);
    }
  }

  /** The topic's configs changed: each open partition of it takes the new settings at once. */
  private async applySettings(topic: TopicState): Promise<void> {
    const settings = effectiveLogSettings(topic.configs, this.options.logDefaults);
    for (const state of topic.partitions) {
      const partition = this.get(topic.name, state.partition);
      if (partition === undefined || partition.topicId !== topic.topicId) continue;
      // A failed or closing log refuses the change; the other partitions still take it (a
      // failed log reopens with the image's configs).
      await partition.updateSettings(settings, minInsyncReplicasOf(topic)).catch((error: unknown) => {
        this.log.warn({ err: error, topic: topic.name, partition: state.partition }, 'a partition did not take the changed topic configs');
      });
    }
    this.log.info({ topic: topic.name, configs: topic.configs }, 'applied changed topic configs to its partitions here');
  }

  /** Replicas moved off this node: their logs are closed and their data deleted. */
  private async closeUnassigned(topic: TopicState, previous: TopicState): Promise<void> {
    for (const state of topic.partitions) {
      const before = previous.partitions[state.partition];
      if (this.isAssigned(state) || before === undefined || !this.isAssigned(before)) continue;
      await this.deletePartition(topic.name, state.partition, topic.topicId);
      this.log.info({ topic: topic.name, partition: state.partition, replicas: state.replicas }, 'replica moved off this node; deleted its log');
    }
    await this.checkpointOffsets();
  }

  private async openPartition(topic: TopicState, state: PartitionState, settings: LogSettings): Promise<void> {
    const key = partitionKey(topic.name, state.partition);
    const directory = join(this.partitionsDir, key);
    // A log of an older topic of the same name (open, or left on disk) makes way for this one.
    const stale = this.partitions.get(key);
    if (stale !== undefined) await this.deletePartition(topic.name, state.partition, stale.topicId);
    await this.moveAsideIfOwnedByAnother(directory, topic.topicId);
    const log = await SegmentedLog.open({
      fileSystem: this.fileSystem,
      directory,
      topicId: topic.topicId,
      segmentBytes: settings.segmentBytes,
      segmentMs: settings.segmentMs,
      retentionMs: settings.retentionMs,
      retentionBytes: settings.retentionBytes,
      maxMessageBytes: settings.maxMessageBytes,
      flushPolicy: logFlushPolicy(settings),
      recoveryPoint: this.recoveryPoints?.get({ topic: topic.name, partition: state.partition }) ?? 0,
      ...(this.options.onLogFlushed === undefined ? {} : { onFlushed: this.options.onLogFlushed }),
      ...(this.options.pageCacheRetainBytes === undefined ? {} : { pageCacheRetainBytes: this.options.pageCacheRetainBytes }),
    });
    const snapshots = new ProducerSnapshotStore(this.fileSystem, directory, this.log);
    const producers = await snapshots
      .latest(log.logStartOffset, log.logEndOffset)
      .then((snapshot) => loadProducerState(log, snapshot))
      .catch(async (error: unknown) => {
        await log.close();
        throw error;
      });
    if (this.closed) {
      // close() ran while this log opened (a change applied during shutdown): it closed the
      // others without this one.
      await log.close();
      return;
    }
    const metadata = this.options.metadata;
    const replication = {
      localNodeId: metadata.localNodeId,
      replicaLagMs: this.options.replicaLagMs ?? REPLICA_LAG_MS_DEFAULT,
      initialHighWatermark: this.highWatermarks?.get({ topic: topic.name, partition: state.partition }) ?? 0,
      snapshots,
      // A fenced broker (session expired: dead or cut off) may not hold a leader's HW back.
      isEligible: (brokerId: number) => metadata.brokers().some((broker) => broker.nodeId === brokerId && !broker.fenced),
    };
    const partition = new Partition(topic.name, state.partition, topic.topicId, settings, directory, log, producers, replication);
    // The image may have moved on while the log opened: take its latest word on this partition.
    const latest = this.options.metadata.partition(topic.name, state.partition);
    await partition.applyAssignment(latest !== undefined && this.options.metadata.topic(topic.name)?.topicId === topic.topicId ? latest : state, minInsyncReplicasOf(topic));
    this.partitions.set(key, partition);
    this.log.debug({ topic: topic.name, partition: state.partition, logEndOffset: log.logEndOffset, leaderId: state.leaderId }, 'opened partition log');
  }

  private async deleteTopic(topic: TopicState): Promise<void> {
    for (const state of topic.partitions) await this.deletePartition(topic.name, state.partition, topic.topicId);
    await this.checkpointOffsets();
    this.log.info({ topic: topic.name, topicId: topic.topicId }, 'deleted topic data');
  }

  /**
   * Closes and deletes one partition's log if it belongs to topic id `topicId`: never the log of
   * a newer topic of the same name (its creation may have been seen first, at start).
   */
  private async deletePartition(topic: string, index: number, topicId: string): Promise<void> {
    const key = partitionKey(topic, index);
    const directory = join(this.partitionsDir, key);
    const partition = this.partitions.get(key);
    if (partition !== undefined && partition.topicId !== topicId) return;
    if (partition === undefined) {
      const owner = await this.ownerOf(directory);
      if (owner !== undefined && owner !== topicId) return;
    }
    this.partitions.delete(key);
    this.recoveryPoints?.delete({ topic, partition: index });
    this.highWatermarks?.delete({ topic, partition: index });
    if (partition !== undefined) await partition.close().catch((error: unknown) => this.log.warn({ err: error, key }, 'closing a deleted partition failed'));
    await rm(directory, { recursive: true, force: true });
  }

  /** The topic id in a directory's partition.metadata; undefined when it has none (or does not exist). */
  private async ownerOf(directory: string): Promise<string | undefined> {
    return (await readPartitionMetadata(this.fileSystem, directory))?.topicId;
  }

  /** A directory of another topic id is renamed `<dir>.<its topic id>-stray`: the data stays, out of the way. */
  private async moveAsideIfOwnedByAnother(directory: string, topicId: string): Promise<void> {
    const owner = await this.ownerOf(directory);
    if (owner === undefined || owner === topicId) return;
    const aside = `${directory}.${owner}${STRAY_SUFFIX}`;
    await rm(aside, { recursive: true, force: true });
    await rename(directory, aside);
    this.log.warn({ directory, ownerTopicId: owner, topicId, movedTo: aside }, 'a log of another topic id was in the way; moved it aside');
  }

  /**
   * Finds partition directories the metadata does not assign here: left by a crash between a
   * topic's deletion and the removal of its files, belonging to an older topic of the same name
   * (partition.metadata names another topic id), or, in a cluster, to a replica moved away while
   * this node was down. Removed or only reported, as unknownDirectories says.
   */
  private async checkUnknownDirectories(): Promise<void> {
    const policy = this.options.unknownDirectories ?? 'remove';
    for (const entry of await readdir(this.partitionsDir)) {
      const directory = join(this.partitionsDir, entry);
      if (!(await stat(directory)).isDirectory() || (await this.isAssignedDirectory(entry, directory))) continue;
      if (policy === 'remove') {
        await rm(directory, { recursive: true, force: true });
        this.log.info({ directory }, 'removed a partition directory no topic owns');
      } else {
        this.log.warn({ directory }, 'a partition directory the metadata does not assign here (a stray log); kept, delete it by hand once it is known to be unneeded');
      }
    }
  }

  private async isAssignedDirectory(entry: string, directory: string): Promise<boolean> {
    if (entry.endsWith(STRAY_SUFFIX)) return false;
    const dash = entry.lastIndexOf('-');
    const topic = dash > 0 ? this.options.metadata.topic(entry.slice(0, dash)) : undefined;
    const index = Number(entry.slice(dash + 1));
    const state = topic !== undefined && Number.isSafeInteger(index) && index >= 0 ? topic.partitions[index] : undefined;
    if (topic === undefined || state === undefined || !this.isAssigned(state)) return false;
    // A directory without partition.metadata was never opened far enough to write it: it holds
    // no data of another topic, and the open writes the file.
    const owner = await this.ownerOf(directory);
    return owner === undefined || owner === topic.topicId;
  }

  /**
   * Writes the recovery points (unless `which` is 'high-watermarks') and the high watermarks, one
   * write after another: the timers, a deletion and the close may all ask at once.
   */
  private checkpointOffsets(which: 'all' | 'high-watermarks' = 'all'): Promise<void> {
    const write = async (): Promise<void> => {
      const recoveryPoints = this.recoveryPoints;
      const highWatermarks = this.highWatermarks;
      if (recoveryPoints === undefined || highWatermarks === undefined) return;
      for (const partition of this.partitions.values()) {
        const topicPartition = { topic: partition.topic, partition: partition.partition };
        recoveryPoints.set(topicPartition, partition.log.recoveryPoint);
        highWatermarks.set(topicPartition, partition.highWatermark);
      }
      if (which === 'all') await recoveryPoints.write();
      await highWatermarks.write();
    };
    const next = this.checkpointWrites.then(write, write);
    this.checkpointWrites = next.catch(() => undefined);
    return next;
  }
}

function sameConfigs(a: TopicConfigOverrides, b: TopicConfigOverrides): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
