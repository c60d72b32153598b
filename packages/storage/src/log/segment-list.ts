// The segments of one partition directory, oldest first, the last one active: rolling a new
// one, cutting and deleting them, and tracking which files hold unsynced bytes (and whether the
// directory itself has unsynced entries) so that one group-commit fsync covers exactly those.
// The SegmentedLog decides offsets, epochs and durability; this class handles the files.
import type { BatchFrame } from '../segment/batch-frame.js';
import { LogSegment, type SegmentConfig } from '../segment/log-segment.js';
import { segmentConfigOf, type LogConfig } from './log-config.js';

export interface SegmentInfo {
  baseOffset: number;
  nextOffset: number;
  sizeBytes: number;
  path: string;
  sealed: boolean;
}

/** Offsets in the index are int32 relative to the base (FORMAT.md section 3). */
const RELATIVE_OFFSET_MAX = 0x7fffffff;

export class SegmentList {
  private readonly dirty = new Set<LogSegment>();
  private directoryDirty = false;

  constructor(
    private readonly config: LogConfig,
    private list: LogSegment[],
  ) {}

  get all(): readonly LogSegment[] {
    return this.list;
  }

  get active(): LogSegment {
    const active = this.list[this.list.length - 1];
    if (active === undefined) throw new Error('SegmentList: a log always has an active segment');
    return active;
  }

  get sizeBytes(): number {
    return this.list.reduce((sum, segment) => sum + segment.sizeBytes, 0);
  }

  infos(): SegmentInfo[] {
    return this.list.map((s) => ({ baseOffset: s.baseOffset, nextOffset: s.nextOffset, sizeBytes: s.sizeBytes, path: s.path, sealed: s.sealed }));
  }

  /** The active segment was written to: the next sync must cover it. */
  markDirty(segment: LogSegment): void {
    this.dirty.add(segment);
  }

  /** Kafka's LogSegment.shouldRoll: full, old, or offsets past what the index can hold. */
  async maybeRoll(frame: Omit<BatchFrame, 'position'>, now: number): Promise<void> {
    const active = this.active;
    if (active.sizeBytes === 0) return;
    const full = active.sizeBytes + frame.sizeBytes > this.config.segmentBytes;
    const old = active.rollingBasedTimestamp !== undefined && now - active.rollingBasedTimestamp >= this.config.segmentMs;
    const offsetsOverflow = frame.lastOffset - active.baseOffset > RELATIVE_OFFSET_MAX;
    if (full || old || offsetsOverflow) await this.roll();
  }

  async roll(): Promise<void> {
    const previous = this.active;
    const next = await LogSegment.create(this.config.fileSystem, this.config.directory, previous.nextOffset, this.segmentConfig);
    previous.seal();
    this.list.push(next);
    this.directoryDirty = true;
    // Best effort: if the index files cannot be written now (a full disk), close() writes them,
    // and after a crash they are rebuilt from the log.
    await previous.writeIndexFiles().catch(() => undefined);
  }

  /** fsyncs every file written since the last sync, then the directory if it changed; whether there was any. */
  async sync(): Promise<boolean> {
    const segments = [...this.dirty];
    this.dirty.clear();
    const directory = this.directoryDirty;
    this.directoryDirty = false;
    for (const segment of segments) await segment.sync();
    if (directory) await this.config.fileSystem.syncDirectory(this.config.directory);
    return segments.length > 0 || directory;
  }

  /** Deletes the segments above `offset` and cuts the one holding it (see LogSegment.truncateTo). */
  async truncateTo(offset: number): Promise<void> {
    const keep = this.list.filter((segment) => segment.baseOffset <= offset);
    for (const segment of this.list.slice(keep.length)) await this.delete(segment);
    this.list = keep;
    await this.active.reactivate();
    await this.active.truncateTo(offset);
    await this.config.fileSystem.syncDirectory(this.config.directory);
  }

  /** Deletes the `count` oldest segments (never the active one). */
  async deleteOldest(count: number): Promise<void> {
    const deleted = this.list.slice(0, Math.min(count, this.list.length - 1));
    for (const segment of deleted) await this.delete(segment);
    this.list = this.list.slice(deleted.length);
    await this.config.fileSystem.syncDirectory(this.config.directory);
  }

  /** Deletes every segment and starts one empty segment at `offset`. */
  async restartAt(offset: number): Promise<void> {
    for (const segment of this.list) await this.delete(segment);
    this.list = [await LogSegment.create(this.config.fileSystem, this.config.directory, offset, this.segmentConfig)];
    await this.config.fileSystem.syncDirectory(this.config.directory);
  }

  /** Writes the indexes that changed since they were last written (clean close). */
  async writeIndexes(): Promise<void> {
    for (const segment of this.list) if (segment.indexesDirty) await segment.writeIndexFiles();
  }

  async closeAll(): Promise<void> {
    for (const segment of this.list) await segment.close().catch(() => undefined);
  }

  private async delete(segment: LogSegment): Promise<void> {
    this.dirty.delete(segment);
    await segment.delete();
  }

  private get segmentConfig(): SegmentConfig {
    return segmentConfigOf(this.config);
  }
}
