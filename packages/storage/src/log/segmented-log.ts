// The log of one partition (Kafka's UnifiedLog.java, local part): an ordered list of segments of
// which the last is active. Appends go to the active segment in offset order (one at a time, a
// Mutex); reads and fsyncs run beside them; truncation, retention and close keep reads and
// fsyncs away while they cut or delete files (a ReadWriteGate). Offsets are JS numbers: safe to
// 2^53 - 1, far past what a partition reaches.
//
// Invariant: logStartOffset <= logEndOffset and recoveryPoint <= durableOffset <= logEndOffset
// between operations.
import { ATTRIBUTE_TIMESTAMP_TYPE_BIT, stampBatch, stampLogAppendTime } from '@brook/record-batch';
import { splitFollowerBatches, validateOrThrow } from './append-validation.js';
import { StorageError } from '../errors.js';
import { SegmentWriteError, type LogSegment } from '../segment/log-segment.js';
import { SegmentList, type SegmentInfo } from './segment-list.js';
import type { BatchFrame } from '../segment/batch-frame.js';
import type { LeaderEpochCache, EpochEndOffset } from '../epoch/leader-epoch-cache.js';
import type { LeaderEpochCheckpoint } from '../epoch/leader-epoch-checkpoint.js';
import { mergeLogConfigUpdate, resolveLogConfig, updatableLogConfigOf, type LogConfig, type LogConfigUpdate, type SegmentedLogOptions, type UpdatableLogConfig } from './log-config.js';
import { loadLog } from './log-loader.js';
import { LogFlusher } from './log-flusher.js';
import { Mutex, ReadWriteGate } from './concurrency.js';
import { countSegmentsToDelete } from './log-retention.js';
import { writeCleanShutdownMarker } from './clean-shutdown.js';
import { offsetForTimestamp, readLog, type LogReadResult, type ReadOptions } from './log-read.js';
import { TailCache } from './tail-cache.js';

/**
 * fsyncs of one log that may run side by side (group-commit.ts): with two, a batch written during
 * an fsync starts its own at once instead of waiting for that one to end first.
 */
const FSYNCS_IN_FLIGHT_MAX = 2;

export interface AppendResult {
  baseOffset: number;
  lastOffset: number;
  /** The batch's maxTimestamp as stored. */
  maxTimestamp: number;
  /** The time the log stamped for a LogAppendTime batch, else -1 (Kafka's NO_TIMESTAMP). */
  logAppendTime: number;
  /** File position of the batch in its segment. */
  position: number;
}

export type { SegmentInfo };

export class SegmentedLog {
  private readonly appendOrder = new Mutex();
  private readonly gate = new ReadWriteGate();
  /** Settles when the latest sync has returned or failed (syncDirty orders their returns). */
  private lastSync: Promise<void> = Promise.resolve();
  private readonly flusher: LogFlusher;
  private readonly segments: SegmentList;
  private startOffset: number;
  private recoveryPointOffset: number;
  private closed = false;
  private failureCause: StorageError | undefined;
  /** The active segment's latest batches, as appended (tail-cache.ts). */
  private readonly tail: TailCache;
  private tailSegment: unknown;

  private constructor(
    private readonly config: LogConfig,
    segments: LogSegment[],
    private readonly epochs: LeaderEpochCache,
    private readonly epochCheckpoint: LeaderEpochCheckpoint,
    logStartOffset: number,
  ) {
    this.segments = new SegmentList(config, segments);
    this.startOffset = logStartOffset;
    this.recoveryPointOffset = this.logEndOffset;
    this.flusher = new LogFlusher(config.flushPolicy, this.logEndOffset, () => this.syncDirty(), () => this.logEndOffset, FSYNCS_IN_FLIGHT_MAX);
    this.tail = new TailCache(config.tailCacheBytes, config.tailCacheBudget);
  }

  /** Opens (creating, or recovering after an unclean stop) the partition directory's log. */
  static async open(options: SegmentedLogOptions): Promise<SegmentedLog> {
    const config = resolveLogConfig(options);
    try {
      const loaded = await loadLog(config);
      return new SegmentedLog(config, loaded.segments, loaded.epochCache, loaded.epochCheckpoint, loaded.logStartOffset);
    } catch (error) {
      throw asStorageError(error, `opening ${config.directory}`);
    }
  }

  get logStartOffset(): number {
    return this.startOffset;
  }

  /** The next offset to be written (LEO). */
  get logEndOffset(): number {
    return this.segments.active.nextOffset;
  }

  /** The base offset of the active (last) segment: it changes when the log rolls. */
  get activeSegmentBaseOffset(): number {
    return this.segments.active.baseOffset;
  }

  /** Every offset below this one is fsynced ("durable up to offset N", N exclusive). */
  get durableOffset(): number {
    return this.flusher.durableOffset;
  }

  /** The offset below which the log is known fsynced; checkpoint it for the next open. */
  get recoveryPoint(): number {
    return this.recoveryPointOffset;
  }

  get sizeBytes(): number {
    return this.segments.sizeBytes;
  }

  /** Set once an I/O failure left the log in doubt; every operation then fails until it is reopened. */
  get failure(): StorageError | undefined {
    return this.failureCause;
  }

  /** The topic-level settings in effect now (a copy; change them with updateConfig). */
  get settings(): UpdatableLogConfig {
    return updatableLogConfigOf(this.config);
  }

  get leaderEpochCache(): LeaderEpochCache {
    return this.epochs;
  }

  segmentInfos(): SegmentInfo[] {
    return this.segments.infos();
  }

  /** KIP-101/KIP-279: the end offset of `epoch` in this log (see LeaderEpochCache.endOffsetFor). */
  endOffsetForEpoch(epoch: number): EpochEndOffset {
    return this.epochs.endOffsetFor(epoch, this.logEndOffset);
  }

  /**
   * Changes topic-level settings of the open log (Kafka's UnifiedLog.updateConfig): checked by the
   * rules open applies (a RangeError, and nothing changes, when any value is bad), then applied
   * together. Segment size and age apply from the next roll decision (an active segment already
   * past a smaller segmentBytes rolls at the next append), maxMessageBytes from the next append,
   * retention from the next deleteOldSegments, the flush policy at once (LogFlusher.setPolicy).
   */
  updateConfig(changes: LogConfigUpdate): void {
    this.ensureUsable();
    const next = mergeLogConfigUpdate(this.config, changes);
    Object.assign(this.config, next);
    this.flusher.setPolicy(next.flushPolicy);
  }

  /**
   * A leader's append: checks the batch (size, magic, length, CRC), assigns it the next offsets
   * and stamps baseOffset and partitionLeaderEpoch into `batch` in place (both outside the CRC,
   * so the CRC stays as the producer computed it), then writes it. Durability follows the flush
   * policy: await flushedUpTo(result.lastOffset + 1) before acknowledging acks=all.
   */
  async append(batch: Uint8Array, options: { partitionLeaderEpoch: number }): Promise<AppendResult> {
    this.ensureUsable();
    if (batch.byteLength > this.config.maxMessageBytes) {
      throw new StorageError('MESSAGE_TOO_LARGE', `batch of ${batch.byteLength} bytes is larger than maxMessageBytes ${this.config.maxMessageBytes}`);
    }
    const header = validateOrThrow(batch);
    return this.appendOrder.run(async () => {
      this.ensureUsable();
      const baseOffset = this.logEndOffset;
      stampBatch(batch, 0, BigInt(baseOffset), options.partitionLeaderEpoch);
      // A LogAppendTime batch gets the log's clock as its maxTimestamp; that field is inside the
      // CRC, so this is the one case where the CRC is recomputed (Kafka's LogValidator does the same).
      const logAppendTime = (header.attributes & ATTRIBUTE_TIMESTAMP_TYPE_BIT) !== 0 ? this.config.now() : -1;
      if (logAppendTime >= 0) stampLogAppendTime(batch, 0, batch.byteLength, BigInt(logAppendTime));
      const frame = {
        sizeBytes: batch.byteLength,
        baseOffset,
        lastOffset: baseOffset + header.lastOffsetDelta,
        partitionLeaderEpoch: options.partitionLeaderEpoch,
        maxTimestamp: logAppendTime >= 0 ? logAppendTime : Number(header.maxTimestamp),
        recordCount: header.recordCount,
      };
      const position = await this.appendFrame(batch, frame);
      return { baseOffset, lastOffset: frame.lastOffset, maxTimestamp: frame.maxTimestamp, logAppendTime, position };
    });
  }

  /**
   * A new leader's epoch starts at the log end (Kafka's maybeAssignEpochStartOffset at election):
   * the cache and its checkpoint know the epoch before its first append, so a follower that asks
   * for the end of an older epoch gets this leader's start offset (KIP-101). Nothing changes when
   * the epoch is not newer than the cache's latest: an older one would remove newer entries.
   * An entry with no batch behind it is dropped again when the log is reopened (the loader trims
   * entries at or past the log end), which only loses what the next election re-assigns.
   */
  async assignLeaderEpoch(epoch: number): Promise<void> {
    this.ensureUsable();
    await this.appendOrder.run(async () => {
      this.ensureUsable();
      if (epoch <= this.epochs.latestEpoch) return;
      if (this.epochs.assign(epoch, this.logEndOffset)) await this.guard(() => this.epochCheckpoint.write(this.epochs.entries()));
    });
  }

  /**
   * A follower's append: `batches` holds whole batches as the leader stored them, offsets and
   * epochs included; the first must start at the log end offset and the rest follow without gaps.
   */
  async appendAsFollower(batches: Uint8Array): Promise<{ firstOffset: number; lastOffset: number }> {
    this.ensureUsable();
    const frames = splitFollowerBatches(batches);
    return this.appendOrder.run(async () => {
      this.ensureUsable();
      const first = frames[0];
      if (first === undefined) return { firstOffset: this.logEndOffset, lastOffset: this.logEndOffset - 1 };
      if (first.baseOffset !== this.logEndOffset) {
        throw new StorageError('OFFSET_OUT_OF_RANGE', `follower batches start at offset ${first.baseOffset}, the log ends at ${this.logEndOffset}`);
      }
      for (const frame of frames) await this.appendFrame(batches.subarray(frame.position, frame.position + frame.sizeBytes), frame);
      return { firstOffset: first.baseOffset, lastOffset: frames[frames.length - 1]?.lastOffset ?? first.lastOffset };
    });
  }

  /** Whole batches from the one holding `fromOffset` (see log-read.ts for the rules). */
  async read(fromOffset: number, maxBytes: number, options: ReadOptions = {}): Promise<LogReadResult> {
    this.ensureUsable();
    const cached = this.readTail(fromOffset, maxBytes, options);
    if (cached !== undefined) return cached;
    return this.gate.shared(() => readLog(this.segments.all, this.startOffset, fromOffset, maxBytes, options, this.config.verifyCrcOnRead));
  }

  /**
   * The first offset whose batch has maxTimestamp >= `timestamp` (the batch's base offset, or the
   * log start offset if later), or undefined when no batch is that recent (Kafka ListOffsets).
   */
  async offsetForTimestamp(timestamp: number): Promise<{ offset: number; timestamp: number } | undefined> {
    this.ensureUsable();
    return this.gate.shared(() => offsetForTimestamp(this.segments.all, this.startOffset, timestamp));
  }

  /** Resolves once every offset below `offset` is durable (ask for logEndOffset to cover everything). */
  async flushedUpTo(offset: number): Promise<void> {
    this.ensureUsable();
    if (offset > this.logEndOffset) throw new StorageError('OFFSET_OUT_OF_RANGE', `offset ${offset} is past the log end offset ${this.logEndOffset}`);
    await this.flusher.waitFor(offset);
  }

  /** Forces an fsync of everything appended so far, whatever the flush policy. */
  async flush(): Promise<void> {
    this.ensureUsable();
    await this.flusher.requestSync();
  }

  /** Starts a new segment now (if the active one holds anything). */
  async roll(): Promise<void> {
    this.ensureUsable();
    await this.appendOrder.run(async () => {
      if (this.segments.active.sizeBytes > 0) await this.guard(() => this.segments.roll());
      this.tail.clear();
    });
  }

  /**
   * Removes every offset >= `offset` (a follower's truncation to its leader's epoch end offset,
   * KIP-101). The cut is at a batch boundary: the batch holding `offset` goes too, so the new
   * log end offset may be below `offset` (Kafka's LogSegment.truncateTo does the same).
   */
  async truncateTo(offset: number): Promise<void> {
    this.ensureUsable();
    await this.exclusive(async () => {
      if (offset >= this.logEndOffset) {
        // No data to remove, but an epoch entry may start at the log end: written when this
        // replica was elected leader and lost the leadership before appending anything (Kafka's
        // UnifiedLog.truncateTo does the same). Left there, the follower would keep reporting
        // that epoch as its last one, and the leader would keep answering the same divergence.
        if (this.epochs.truncateFromEnd(this.logEndOffset)) await this.epochCheckpoint.write(this.epochs.entries());
        return;
      }
      if (offset < this.startOffset) return this.restartAt(offset);
      await this.segments.truncateTo(offset);
      // The cut is at a batch boundary, which may lie below a start offset that deleteRecordsBefore
      // put inside that batch: the log is then empty at its new end (Kafka's truncateTo takes
      // min(target, logStartOffset) likewise).
      if (this.startOffset > this.logEndOffset) this.startOffset = this.logEndOffset;
      if (this.epochs.truncateFromEnd(this.logEndOffset)) await this.epochCheckpoint.write(this.epochs.entries());
      this.flusher.truncatedTo(this.logEndOffset);
      this.recoveryPointOffset = Math.min(this.recoveryPointOffset, this.logEndOffset);
    });
  }

  /** Deletes everything and starts an empty log at `offset` (a follower far behind its leader). */
  async truncateFullyAndStartAt(offset: number): Promise<void> {
    this.ensureUsable();
    if (!Number.isSafeInteger(offset) || offset < 0) throw new StorageError('OFFSET_OUT_OF_RANGE', `${offset} is not an offset`);
    await this.exclusive(() => this.restartAt(offset));
  }

  /** Applies retentionMs, retentionBytes and the log start offset; returns how many segments went. */
  async deleteOldSegments(now: number = this.config.now()): Promise<number> {
    this.ensureUsable();
    return this.exclusive(async () => {
      const count = countSegmentsToDelete(
        this.segments.all.map((segment) => ({ sizeBytes: segment.sizeBytes, nextOffset: segment.nextOffset, maxTimestamp: segment.maxTimestampSoFar })),
        { now, retentionMs: this.config.retentionMs, retentionBytes: this.config.retentionBytes, logStartOffset: this.startOffset },
      );
      if (count === 0) return 0;
      await this.segments.deleteOldest(count);
      await this.moveStartOffset(Math.max(this.startOffset, this.segments.all[0]?.baseOffset ?? this.startOffset));
      return count;
    });
  }

  /**
   * Moves the log start offset up to `offset` (Kafka DeleteRecords); offsets below it are no
   * longer readable, and segments wholly below it go at the next deleteOldSegments. The caller
   * checkpoints the new start offset (log-start-offset-checkpoint) and keeps it <= the high watermark.
   */
  async deleteRecordsBefore(offset: number): Promise<number> {
    this.ensureUsable();
    return this.exclusive(async () => {
      if (offset > this.logEndOffset) throw new StorageError('OFFSET_OUT_OF_RANGE', `cannot start the log at ${offset}, past its end ${this.logEndOffset}`);
      if (offset > this.startOffset) await this.moveStartOffset(offset);
      return this.startOffset;
    });
  }

  /** Alias of deleteRecordsBefore, Kafka's name for the follower's side of it. */
  advanceLogStartOffset(offset: number): Promise<number> {
    return this.deleteRecordsBefore(offset);
  }

  /**
   * Reads every batch of every segment and checks framing, offsets and CRC. Throws
   * CORRUPT_SEGMENT naming the file and position of the first bad batch.
   */
  async verify(): Promise<{ batches: number; bytes: number }> {
    this.ensureUsable();
    return this.gate.shared(async () => {
      let batches = 0;
      let bytes = 0;
      for (const segment of this.segments.all) {
        const checked = await segment.verify();
        batches += checked.batches;
        bytes += checked.bytes;
      }
      return { batches, bytes };
    });
  }

  /**
   * Flushes everything, writes every index, marks the directory cleanly shut down and closes
   * the files. After a failure it only closes: the next open recovers.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.appendOrder.run(async () => {
      if (this.closed) return;
      const healthy = this.failureCause === undefined;
      if (healthy) await this.flusher.requestSync().catch((error: unknown) => this.fail(asStorageError(error, 'final flush')));
      await this.gate.exclusive(async () => {
        this.closed = true;
        this.tail.clear();
        this.flusher.close();
        try {
          if (this.failureCause === undefined) {
            await this.segments.writeIndexes();
            await writeCleanShutdownMarker(this.config.fileSystem, this.config.directory);
          }
        } finally {
          await this.segments.closeAll();
        }
      });
    });
  }

  private async appendFrame(bytes: Uint8Array, frame: Omit<BatchFrame, 'position'>): Promise<number> {
    const now = this.config.now();
    await this.guard(() => this.segments.maybeRoll(frame, now));
    if (this.epochs.assign(frame.partitionLeaderEpoch, frame.baseOffset)) {
      await this.guard(() => this.epochCheckpoint.write(this.epochs.entries()));
    }
    const segment = this.segments.active;
    if (segment !== this.tailSegment) {
      this.tail.clear();
      this.tailSegment = segment;
    }
    let position: number;
    try {
      position = await segment.append(bytes, frame, now);
    } catch (error) {
      const storageError = asStorageError(error, `appending to ${segment.path}`);
      // A write that could not be cut back leaves bytes nobody may read: fail the log; the next
      // open recovers from the recovery point and cuts them off.
      if (error instanceof SegmentWriteError && !error.restored) this.fail(storageError);
      throw storageError;
    }
    this.segments.markDirty(segment);
    this.tail.add(frame.baseOffset, frame.lastOffset, bytes);
    this.flusher.onAppend();
    return position;
  }

  /**
   * One fsync of everything appended so far (GroupCommit calls it); returns the offset covered.
   * Syncs may run side by side (FSYNCS_IN_FLIGHT_MAX) but return in the order they started: each
   * takes the segments dirty when it starts, so a later one may leave a segment an earlier one is
   * still syncing, and its offsets are durable only once that one ends too.
   */
  private syncDirty(): Promise<number> {
    const earlier = this.lastSync;
    const run = this.gate.shared(async () => {
      if (this.failureCause !== undefined) throw this.failureCause;
      const covered = this.logEndOffset;
      const started = performance.now();
      let synced: boolean;
      try {
        synced = await this.segments.sync();
      } catch (error) {
        // After a failed fsync the kernel may have dropped the dirty pages (the 2018 "fsyncgate"
        // finding): nothing can be assumed about them, so the log fails and reopens to recover.
        const storageError = asStorageError(error, 'fsync');
        this.fail(storageError);
        throw storageError;
      }
      if (synced) this.config.onFlushed?.(performance.now() - started);
      await earlier;
      // An earlier sync failed: the kernel may have dropped pages this one then found clean.
      if (this.failureCause !== undefined) throw this.failureCause;
      this.recoveryPointOffset = Math.max(this.recoveryPointOffset, covered);
      return covered;
    });
    this.lastSync = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async restartAt(offset: number): Promise<void> {
    await this.segments.restartAt(offset);
    this.startOffset = offset;
    if (this.epochs.clear()) await this.epochCheckpoint.write([]);
    this.flusher.restartAt(offset);
    this.recoveryPointOffset = offset;
  }

  private async moveStartOffset(offset: number): Promise<void> {
    this.startOffset = offset;
    if (this.epochs.truncateFromStart(offset)) await this.epochCheckpoint.write(this.epochs.entries());
  }

  /** Truncation, retention: after appends in order, with reads and fsyncs kept away. Failures fail the log. */
  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    return this.appendOrder.run(async () => {
      this.ensureUsable();
      await this.flusher.idle();
      return this.gate.exclusive(() => {
        this.tail.clear();
        return this.guard(operation);
      });
    });
  }

  /** A read the tail cache can answer (its first batch cached), as readLog would answer it. */
  private readTail(fromOffset: number, maxBytes: number, options: ReadOptions): LogReadResult | undefined {
    const logEndOffset = this.logEndOffset;
    const maxOffset = Math.min(options.maxOffset ?? logEndOffset, logEndOffset);
    if (!Number.isSafeInteger(fromOffset) || fromOffset < this.startOffset || fromOffset >= maxOffset) return undefined;
    const read = this.tail.read(fromOffset, Math.max(0, maxBytes), maxOffset);
    if (read === undefined) return undefined;
    const found = read.bytes.byteLength === 0 ? { bytes: read.bytes, firstOffset: fromOffset, nextOffset: fromOffset } : read;
    return { ...found, logStartOffset: this.startOffset, logEndOffset };
  }

  /** Runs a step that changes files; an I/O error there leaves the log in doubt, so it fails. */
  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof StorageError && error.kind !== 'KAFKA_STORAGE_ERROR') throw error;
      const storageError = asStorageError(error, 'changing the log');
      this.fail(storageError);
      throw storageError;
    }
  }

  private fail(error: StorageError): void {
    if (this.failureCause !== undefined) return;
    this.failureCause = error;
    this.flusher.fail(error);
  }

  private ensureUsable(): void {
    if (this.closed) throw new StorageError('LOG_CLOSED', `the log of ${this.config.directory} is closed`);
    if (this.failureCause !== undefined) {
      throw new StorageError('KAFKA_STORAGE_ERROR', `the log of ${this.config.directory} failed earlier and must be reopened: ${this.failureCause.message}`, { cause: this.failureCause });
    }
  }
}

export function asStorageError(error: unknown, during: string): StorageError {
  if (error instanceof StorageError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StorageError('KAFKA_STORAGE_ERROR', `${during}: ${message}`, { cause: error });
}
