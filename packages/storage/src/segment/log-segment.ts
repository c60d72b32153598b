// One segment of a partition log (Kafka's LogSegment.java): a .log file holding RecordBatch v2
// batches byte for byte, with its sparse offset and time indexes. The segment knows positions
// and offsets; the SegmentedLog above it decides when to roll, what to delete and what is
// durable.
//
// Index persistence: the indexes live in memory and are written whole (atomically) when the
// segment is sealed (rolled) or the log closes cleanly. After an unclean stop they are rebuilt
// from the log for every segment recovery scans; for older segments they are loaded and checked
// (FORMAT.md sections 3 and 4), and rebuilt whenever a check fails.
import type { FileHandle, FileSystem } from '../fs/file-system.js';
import { StorageError } from '../errors.js';
import { writeFileAtomically, readFileIfExists } from '../checkpoint/atomic-file.js';
import { readBatchFrame, batchCrcMatches, type BatchFrame } from './batch-frame.js';
import { locateBatch, walkBatches, type WalkResult } from './batch-walker.js';
import { OffsetIndex } from './offset-index.js';
import { TimeIndex } from './time-index.js';
import { LOG_FILE_SUFFIX, OFFSET_INDEX_FILE_SUFFIX, TIME_INDEX_FILE_SUFFIX, segmentFilePath } from './segment-files.js';

export interface SegmentConfig {
  /** Bytes of log between offset index entries (Kafka's index.interval.bytes, 4096). */
  indexIntervalBytes: number;
  /**
   * After each fsync, the durable bytes more than this far behind the segment's end are handed
   * back to the OS page cache (FileHandle.releaseCache, fs/page-cache.ts); -1 never.
   */
  pageCacheRetainBytes: number;
}

/** Bytes released at a time at least: one advice call per MiB written, not one per fsync. */
const PAGE_CACHE_RELEASE_STEP_BYTES = 1024 * 1024;

/** Whole batches read from one segment; `bytes` is a view of one file read (no copy). */
export interface SegmentRead {
  bytes: Uint8Array;
  firstOffset: number;
  /** The offset after the last batch in `bytes`. */
  nextOffset: number;
}

/** A write failed; `restored` says whether the file was cut back to its size before the write. */
export class SegmentWriteError extends Error {
  constructor(readonly restored: boolean, options: { cause: unknown }) {
    super(restored ? 'segment write failed; partial bytes removed' : 'segment write failed; partial bytes could not be removed', options);
  }
}

export class LogSegment {
  offsetIndex: OffsetIndex;
  timeIndex: TimeIndex;
  /** The offset after the last batch of this segment (its own log end offset). */
  nextOffset: number;
  maxTimestampSoFar = -1;
  private offsetOfMaxTimestampSoFar: number;
  private bytesSinceLastIndexEntry = 0;
  /** When the segment's age starts for `segmentMs` (Kafka's rollingBasedTimestamp). */
  rollingBasedTimestamp: number | undefined;
  sealed = false;
  /**
   * Bytes of whole batches the segment has accounted for: reads stop here, so a read running
   * beside an append never sees the new bytes before the offsets they hold.
   */
  private validBytes = 0;
  /** The in-memory indexes differ from the index files (written on seal and on clean close). */
  indexesDirty = true;
  /** Bytes below this position were handed back to the page cache (releaseCache). */
  private cacheReleasedUpTo = 0;

  private constructor(
    private readonly fileSystem: FileSystem,
    private readonly directory: string,
    readonly baseOffset: number,
    private readonly file: FileHandle,
    private readonly config: SegmentConfig,
  ) {
    this.offsetIndex = new OffsetIndex(baseOffset);
    this.timeIndex = new TimeIndex(baseOffset);
    this.nextOffset = baseOffset;
    this.offsetOfMaxTimestampSoFar = baseOffset;
  }

  /** Creates an empty segment, replacing any leftover files of the same base offset. */
  static async create(fileSystem: FileSystem, directory: string, baseOffset: number, config: SegmentConfig): Promise<LogSegment> {
    await fileSystem.unlink(segmentFilePath(directory, baseOffset, OFFSET_INDEX_FILE_SUFFIX));
    await fileSystem.unlink(segmentFilePath(directory, baseOffset, TIME_INDEX_FILE_SUFFIX));
    const file = await fileSystem.open(segmentFilePath(directory, baseOffset, LOG_FILE_SUFFIX), { create: true, truncate: true });
    return new LogSegment(fileSystem, directory, baseOffset, file, config);
  }

  /** Opens an existing segment; call loadIndexes() or recover() before using it. */
  static async open(fileSystem: FileSystem, directory: string, baseOffset: number, config: SegmentConfig): Promise<LogSegment> {
    const file = await fileSystem.open(segmentFilePath(directory, baseOffset, LOG_FILE_SUFFIX));
    return new LogSegment(fileSystem, directory, baseOffset, file, config);
  }

  get sizeBytes(): number {
    return this.validBytes;
  }

  get path(): string {
    return this.file.path;
  }

  /**
   * Appends one whole batch. On failure the partial write is cut back when possible (see
   * SegmentWriteError), so a failed append leaves the segment as it was.
   */
  async append(bytes: Uint8Array, frame: Omit<BatchFrame, 'position'>, now: number): Promise<number> {
    const position = this.file.size;
    try {
      await this.file.append(bytes);
    } catch (cause) {
      const restored = await this.file.truncate(position).then(() => true, () => false);
      throw new SegmentWriteError(restored, { cause });
    }
    this.rollingBasedTimestamp ??= now;
    this.indexBatch({ ...frame, position }, false);
    this.validBytes = position + bytes.byteLength;
    this.indexesDirty = true;
    return position;
  }

  /** Kafka's LogSegment.append indexing rule: an entry once more than indexIntervalBytes passed. */
  private indexBatch(frame: BatchFrame, alreadyIndexed: boolean): void {
    if (frame.maxTimestamp > this.maxTimestampSoFar) {
      // Invariant: a new largest timestamp belongs to a batch after every time-index entry. Only a
      // damaged header met by a scan that skips CRCs breaks it; replayTail turns this into a rebuild.
      const lastTime = this.timeIndex.lastEntry();
      if (lastTime !== undefined && frame.baseOffset < lastTime.offset) throw new Error(`TimeIndex: offset ${frame.baseOffset} is before ${lastTime.offset}`);
      this.maxTimestampSoFar = frame.maxTimestamp;
      this.offsetOfMaxTimestampSoFar = frame.baseOffset;
    }
    if (alreadyIndexed) {
      this.bytesSinceLastIndexEntry = 0;
    } else if (this.bytesSinceLastIndexEntry > this.config.indexIntervalBytes) {
      this.offsetIndex.append(frame.baseOffset, frame.position);
      this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar);
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += frame.sizeBytes;
    this.nextOffset = frame.lastOffset + 1;
  }

  /**
   * Rebuilds the indexes by scanning every batch and checking its CRC (Kafka's
   * LogSegment.recover). With `truncate`, the file is cut at the first bad batch; without, the
   * scan stops there and reports it. `onBatch` sees each good batch (the leader-epoch cache).
   */
  async recover(options: { truncate: boolean; onBatch?: (frame: BatchFrame) => void }): Promise<WalkResult> {
    this.offsetIndex = new OffsetIndex(this.baseOffset);
    this.timeIndex = new TimeIndex(this.baseOffset);
    this.resetScanState();
    let first = true;
    const result = await walkBatches(this.file, 0, { expectedBaseOffset: this.baseOffset, verifyCrc: true }, (frame) => {
      if (first) this.rollingBasedTimestamp = frame.maxTimestamp;
      first = false;
      this.indexBatch(frame, false);
      options.onBatch?.(frame);
    });
    this.indexesDirty = true;
    if (result.problem !== undefined && options.truncate) {
      await this.file.truncate(result.validEnd);
      await this.file.sync();
    }
    // Without truncation a bad batch stays within reach, so that reading it fails loudly.
    this.validBytes = this.file.size;
    return result;
  }

  /**
   * Loads the index files and replays the batches after the last offset-index entry. Returns
   * why the indexes cannot be trusted, or undefined when they were loaded.
   */
  async loadIndexes(): Promise<string | undefined> {
    const offsetBytes = await readFileIfExists(this.fileSystem, segmentFilePath(this.directory, this.baseOffset, OFFSET_INDEX_FILE_SUFFIX));
    const timeBytes = await readFileIfExists(this.fileSystem, segmentFilePath(this.directory, this.baseOffset, TIME_INDEX_FILE_SUFFIX));
    if (offsetBytes === undefined || timeBytes === undefined) return 'index files are missing';
    const offsetIndex = OffsetIndex.fromBytes(this.baseOffset, offsetBytes, this.file.size);
    if (typeof offsetIndex === 'string') return offsetIndex;
    const timeIndex = TimeIndex.fromBytes(this.baseOffset, timeBytes, Number.MAX_SAFE_INTEGER);
    if (typeof timeIndex === 'string') return timeIndex;
    this.offsetIndex = offsetIndex;
    this.timeIndex = timeIndex;
    const problem = await this.replayTail();
    if (problem !== undefined) return problem;
    const lastTime = this.timeIndex.lastEntry();
    if (lastTime !== undefined && lastTime.offset >= this.nextOffset) return `time index names offset ${lastTime.offset} past the segment's end`;
    this.indexesDirty = false;
    if (this.file.size > 0) {
      const head = readBatchFrame(await this.file.read(0, 64), 0, 0);
      if (typeof head === 'string' || head.baseOffset !== this.baseOffset) return 'the first batch does not start at the base offset';
      this.rollingBasedTimestamp = head.maxTimestamp;
    }
    return undefined;
  }

  private resetScanState(): void {
    const lastTime = this.timeIndex.lastEntry();
    this.maxTimestampSoFar = lastTime?.timestamp ?? -1;
    this.offsetOfMaxTimestampSoFar = lastTime?.offset ?? this.baseOffset;
    this.bytesSinceLastIndexEntry = 0;
    this.nextOffset = this.baseOffset;
  }

  /** Re-derives the in-memory state from the last offset-index entry to the end (headers only). */
  private async replayTail(): Promise<string | undefined> {
    this.resetScanState();
    const last = this.offsetIndex.lastEntry();
    const start = last?.position ?? 0;
    let first = last !== undefined;
    let result: WalkResult;
    try {
      result = await walkBatches(this.file, start, { expectedBaseOffset: last?.offset ?? this.baseOffset, verifyCrc: false }, (frame) => {
        this.indexBatch(frame, first);
        first = false;
      });
    } catch (error) {
      // A damaged header (this scan does not check CRCs) can break an index invariant, e.g. a
      // timestamp that would put the time index out of order: the indexes cannot be trusted.
      return `${this.path}: the indexes disagree with the log (${error instanceof Error ? error.message : String(error)})`;
    }
    this.validBytes = this.file.size;
    if (result.problem !== undefined) return `${this.path} at ${result.problem.position}: ${result.problem.reason}`;
    return undefined;
  }

  /** The first batch holding `offset` or a later one, or undefined when the segment ends first. */
  async findBatch(offset: number): Promise<BatchFrame | undefined> {
    const entry = this.offsetIndex.lookup(offset);
    let found: BatchFrame | undefined;
    const walk = { expectedBaseOffset: entry.offset, endOffset: this.nextOffset, verifyCrc: false };
    const result = await walkBatches(this.file, entry.position, { ...walk, end: this.validBytes }, (frame) => {
      if (frame.lastOffset < offset) return true;
      found = frame;
      return false;
    });
    if (found === undefined && result.problem !== undefined) throw this.corruption(result.problem.position, result.problem.reason);
    return found;
  }

  /**
   * Reads whole batches from the one holding `offset`: as many as fit in `maxBytes`, but always
   * the first one whole (KIP-74), none whose last offset reaches `maxOffset`. With `verifyCrc`,
   * a corrupt first batch throws CORRUPT_SEGMENT and a later one ends the read before it.
   *
   * One file read usually does it all: it starts at the index entry below `offset` and is long
   * enough for the forward scan (at most about two index intervals) plus `maxBytes`; the bytes
   * returned are a view of that read. Only a scan longer than that, or a first batch larger than
   * what was read, costs a second read.
   */
  async read(offset: number, maxBytes: number, maxOffset: number, verifyCrc: boolean): Promise<SegmentRead | undefined> {
    const end = this.validBytes;
    const entry = this.offsetIndex.lookup(offset);
    const window = await this.file.read(entry.position, Math.min(end - entry.position, Math.max(maxBytes, 64 * 1024) + 2 * this.config.indexIntervalBytes));
    let located = locateBatch(window, entry, offset, this.nextOffset);
    let bytes = window;
    if (located === undefined) {
      const first = await this.findBatch(offset);
      if (first === undefined) return undefined;
      bytes = await this.file.read(first.position, Math.min(Math.max(maxBytes, first.sizeBytes), end - first.position));
      located = { at: 0, frame: first };
    } else if (typeof located === 'string') {
      throw this.corruption(entry.position, located);
    }
    const first = located.frame;
    if (first.lastOffset >= maxOffset) return { bytes: new Uint8Array(0), firstOffset: first.baseOffset, nextOffset: first.baseOffset };
    if (located.at + first.sizeBytes > bytes.byteLength) {
      bytes = await this.file.read(first.position, Math.min(Math.max(maxBytes, first.sizeBytes), end - first.position));
      located = { at: 0, frame: first };
    }
    const cut = this.cutWholeBatches(bytes, located.at, first, maxBytes, maxOffset, verifyCrc);
    return { bytes: bytes.subarray(located.at, cut.end), firstOffset: first.baseOffset, nextOffset: cut.nextOffset };
  }

  /** From the batch at `start`, the whole, valid batches that fit the limits. */
  private cutWholeBatches(bytes: Uint8Array, start: number, first: BatchFrame, maxBytes: number, maxOffset: number, verifyCrc: boolean): { end: number; nextOffset: number } {
    let at = start;
    let expected = first.baseOffset;
    while (at < bytes.byteLength) {
      const frame = readBatchFrame(bytes, at, first.position + at - start);
      const problem =
        typeof frame === 'string' ? frame
        : frame.baseOffset !== expected ? `batch base offset ${frame.baseOffset}, expected ${expected}`
        : verifyCrc && at + frame.sizeBytes <= bytes.byteLength && !batchCrcMatches(bytes, at, frame.sizeBytes) ? 'CRC-32C mismatch'
        : undefined;
      if (problem !== undefined || typeof frame === 'string') {
        if (at === start) throw this.corruption(first.position, problem ?? 'bad frame');
        break;
      }
      const fits = at === start || at + frame.sizeBytes - start <= maxBytes;
      if (!fits || at + frame.sizeBytes > bytes.byteLength || frame.lastOffset >= maxOffset) break;
      at += frame.sizeBytes;
      expected = frame.lastOffset + 1;
    }
    return { end: at, nextOffset: expected };
  }

  /** The first batch whose maxTimestamp >= `timestamp` and whose last offset >= `fromOffset`, or undefined. */
  async findByTimestamp(timestamp: number, fromOffset: number): Promise<BatchFrame | undefined> {
    if (this.maxTimestampSoFar < timestamp) return undefined;
    const entry = this.offsetIndex.lookup(Math.max(this.timeIndex.lookup(timestamp), fromOffset));
    let found: BatchFrame | undefined;
    const walk = { expectedBaseOffset: entry.offset, endOffset: this.nextOffset, verifyCrc: false };
    const result = await walkBatches(this.file, entry.position, { ...walk, end: this.validBytes }, (frame) => {
      if (frame.maxTimestamp < timestamp || frame.lastOffset < fromOffset) return true;
      found = frame;
      return false;
    });
    if (found === undefined && result.problem !== undefined) throw this.corruption(result.problem.position, result.problem.reason);
    return found;
  }

  /**
   * Removes the batch holding `offset` and everything after it (Kafka's LogSegment.truncateTo:
   * the cut is at a batch boundary, so the new end may be below `offset`). Returns bytes removed.
   */
  async truncateTo(offset: number): Promise<number> {
    const frame = await this.findBatch(offset);
    if (frame === undefined) return 0;
    const removed = this.validBytes - frame.position;
    await this.file.truncate(frame.position);
    this.validBytes = frame.position;
    // New bytes will be written from the cut: they are for releasing again once durable.
    this.cacheReleasedUpTo = Math.min(this.cacheReleasedUpTo, frame.position);
    await this.file.sync();
    this.offsetIndex.truncateTo(frame.baseOffset);
    this.timeIndex.truncateTo(frame.baseOffset);
    const problem = await this.replayTail();
    if (problem !== undefined) throw this.corruption(frame.position, problem);
    if (this.file.size === 0) this.rollingBasedTimestamp = undefined;
    // The index files on disk describe the bytes just removed; drop them so that they are never
    // loaded. They are written again when the segment is next sealed or the log closes.
    await this.reactivate();
    this.indexesDirty = true;
    return removed;
  }

  /** Checks every batch (framing, contiguous offsets, CRC); throws CORRUPT_SEGMENT at the first bad one. */
  async verify(): Promise<{ batches: number; bytes: number }> {
    let batches = 0;
    let bytes = 0;
    const walk = { expectedBaseOffset: this.baseOffset, endOffset: this.nextOffset, end: this.validBytes, verifyCrc: true };
    const result = await walkBatches(this.file, 0, walk, (frame) => {
      batches++;
      bytes += frame.sizeBytes;
    });
    if (result.problem !== undefined) throw this.corruption(result.problem.position, result.problem.reason);
    return { batches, bytes };
  }

  /** The segment stops taking appends: the final time-index entry (Kafka's onBecomeInactiveSegment). */
  seal(): void {
    if (this.file.size > 0) this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar);
    this.sealed = true;
  }

  async writeIndexFiles(): Promise<void> {
    await writeFileAtomically(this.fileSystem, segmentFilePath(this.directory, this.baseOffset, OFFSET_INDEX_FILE_SUFFIX), this.offsetIndex.toBytes());
    await writeFileAtomically(this.fileSystem, segmentFilePath(this.directory, this.baseOffset, TIME_INDEX_FILE_SUFFIX), this.timeIndex.toBytes());
    this.indexesDirty = false;
  }

  /**
   * A sealed segment becomes the active one again (the log was truncated back into it): its
   * index files will no longer match, so they go until the next seal or clean close.
   */
  async reactivate(): Promise<void> {
    if (!this.sealed) return;
    this.sealed = false;
    this.indexesDirty = true;
    await this.deleteIndexFiles();
  }

  async deleteIndexFiles(): Promise<void> {
    await this.fileSystem.unlink(segmentFilePath(this.directory, this.baseOffset, OFFSET_INDEX_FILE_SUFFIX));
    await this.fileSystem.unlink(segmentFilePath(this.directory, this.baseOffset, TIME_INDEX_FILE_SUFFIX));
  }

  async sync(): Promise<void> {
    // fdatasync makes durable what was written before it started: at least this much.
    const durable = this.file.size;
    await this.file.sync();
    const retain = this.config.pageCacheRetainBytes;
    if (retain < 0) return;
    // Truncations wait for running syncs (SegmentedLog's gate): the size is still at least `durable`.
    const releaseTo = durable - retain;
    if (releaseTo - this.cacheReleasedUpTo < PAGE_CACHE_RELEASE_STEP_BYTES) return;
    this.file.releaseCache(this.cacheReleasedUpTo, releaseTo - this.cacheReleasedUpTo);
    this.cacheReleasedUpTo = releaseTo;
  }

  async close(): Promise<void> {
    await this.file.close();
  }

  /** Removes the segment's files. The log keeps reads away while it deletes (its read gate). */
  async delete(): Promise<void> {
    await this.file.close().catch(() => undefined);
    await this.fileSystem.unlink(this.file.path);
    await this.deleteIndexFiles();
  }

  corruption(position: number, reason: string): StorageError {
    return new StorageError('CORRUPT_SEGMENT', `${this.path} at position ${position}: ${reason}`);
  }
}
