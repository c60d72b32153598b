// Opening a partition directory (Kafka's LogLoader.java): find the segments, then either trust
// them (a clean-shutdown marker is present) or recover: every segment from the one holding the
// recovery point onward is scanned batch by batch, its CRCs checked, its indexes rebuilt, and the
// first torn or corrupt batch ends the log (the file is cut there and later segments are
// deleted). Segments below the recovery point were fsynced before the crash; their index files
// are loaded and checked, and rebuilt if a check fails, but never truncated: a bad batch there is
// media corruption and reads of it fail loudly (CORRUPT_SEGMENT).
import { segmentConfigOf, type LogConfig } from './log-config.js';
import { LogSegment } from '../segment/log-segment.js';
import { LOG_FILE_SUFFIX, TEMPORARY_FILE_SUFFIX, parseSegmentFileName } from '../segment/segment-files.js';
import { LeaderEpochCache } from '../epoch/leader-epoch-cache.js';
import { LeaderEpochCheckpoint } from '../epoch/leader-epoch-checkpoint.js';
import { readPartitionMetadata, writePartitionMetadata } from '../checkpoint/partition-metadata.js';
import { StorageError } from '../errors.js';
import { consumeCleanShutdownMarker } from './clean-shutdown.js';
import { join } from 'node:path';

export interface LoadedLog {
  segments: LogSegment[];
  epochCache: LeaderEpochCache;
  epochCheckpoint: LeaderEpochCheckpoint;
  logStartOffset: number;
  hadCleanShutdown: boolean;
}

export async function loadLog(config: LogConfig): Promise<LoadedLog> {
  const { fileSystem, directory } = config;
  await fileSystem.mkdir(directory);
  await checkTopicId(config);
  const names = await fileSystem.readdir(directory);
  const baseOffsets = await cleanDirectory(config, names);
  const hadCleanShutdown = await consumeCleanShutdownMarker(fileSystem, directory);
  const epochCheckpoint = new LeaderEpochCheckpoint(fileSystem, directory);
  const epochCache = new LeaderEpochCache(await epochCheckpoint.read());
  const segmentConfig = segmentConfigOf(config);
  let segments: LogSegment[] = [];
  for (const baseOffset of baseOffsets) segments.push(await LogSegment.open(fileSystem, directory, baseOffset, segmentConfig));
  if (segments.length === 0) {
    segments.push(await LogSegment.create(fileSystem, directory, config.logStartOffset, segmentConfig));
    await fileSystem.syncDirectory(directory);
  } else if (hadCleanShutdown) {
    for (let i = 0; i < segments.length; i++) await loadOrRebuild(segments[i], segments[i + 1]);
  } else {
    segments = await recoverSegments(config, segments, epochCache);
  }
  for (const segment of segments.slice(0, -1)) segment.seal();
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (first === undefined || last === undefined) throw new Error('loadLog: a log always has a segment');
  const logStartOffset = Math.min(Math.max(config.logStartOffset, first.baseOffset), last.nextOffset);
  const truncatedEnd = epochCache.truncateFromEnd(last.nextOffset);
  const truncatedStart = epochCache.truncateFromStart(logStartOffset);
  if (truncatedEnd || truncatedStart || !hadCleanShutdown) await epochCheckpoint.write(epochCache.entries());
  return { segments, epochCache, epochCheckpoint, logStartOffset, hadCleanShutdown };
}

async function checkTopicId(config: LogConfig): Promise<void> {
  if (config.topicId === undefined) return;
  const existing = await readPartitionMetadata(config.fileSystem, config.directory);
  if (existing === undefined) {
    await writePartitionMetadata(config.fileSystem, config.directory, config.topicId);
  } else if (existing.topicId !== config.topicId) {
    throw new StorageError('KAFKA_STORAGE_ERROR', `${config.directory} belongs to topic id ${existing.topicId}, not ${config.topicId}`);
  }
}

/** Removes leftovers of interrupted writes and orphan indexes; returns the segments' base offsets, sorted. */
async function cleanDirectory(config: LogConfig, names: string[]): Promise<number[]> {
  const logs = new Set<number>();
  for (const name of names) {
    const parsed = parseSegmentFileName(name);
    if (parsed?.suffix === LOG_FILE_SUFFIX) logs.add(parsed.baseOffset);
  }
  for (const name of names) {
    const parsed = parseSegmentFileName(name);
    const orphanIndex = parsed !== undefined && parsed.suffix !== LOG_FILE_SUFFIX && !logs.has(parsed.baseOffset);
    if (name.endsWith(TEMPORARY_FILE_SUFFIX) || orphanIndex) await config.fileSystem.unlink(join(config.directory, name));
  }
  return [...logs].sort((a, b) => a - b);
}

/**
 * A segment the log trusts: load its index files, or rebuild them. A sealed segment is never
 * cut: if a batch in it is bad, the segment keeps its known end (the next segment's base offset)
 * so that reads of the offsets past the bad batch reach it and fail loudly rather than skip them.
 * The last segment is the log's tail: it is cut at a bad batch like a torn tail.
 */
async function loadOrRebuild(segment: LogSegment | undefined, next: LogSegment | undefined): Promise<void> {
  if (segment === undefined) return;
  const reason = await segment.loadIndexes();
  // A sealed segment must end exactly where the next begins; if it does not, a header in its tail
  // is damaged (a lastOffsetDelta outside the CRC check of a header-only scan) and a full scan decides.
  if (reason === undefined && (next === undefined || segment.nextOffset === next.baseOffset)) return;
  const result = await segment.recover({ truncate: next === undefined });
  if (result.problem !== undefined && next !== undefined) segment.nextOffset = next.baseOffset;
}

/**
 * Recovery after an unclean stop. Returns the segments that remain (those after the first
 * broken one are deleted).
 */
async function recoverSegments(config: LogConfig, segments: LogSegment[], epochCache: LeaderEpochCache): Promise<LogSegment[]> {
  let recoverFrom = 0;
  for (let i = 0; i < segments.length; i++) if ((segments[i]?.baseOffset ?? 0) <= config.recoveryPoint) recoverFrom = i;
  for (let i = 0; i < recoverFrom; i++) await loadOrRebuild(segments[i], segments[i + 1]);
  const firstRecovered = segments[recoverFrom];
  if (firstRecovered !== undefined) epochCache.truncateFromEnd(firstRecovered.baseOffset);
  for (let i = recoverFrom; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === undefined) break;
    const result = await segment.recover({ truncate: true, onBatch: (frame) => epochCache.assign(frame.partitionLeaderEpoch, frame.baseOffset) });
    const next = segments[i + 1];
    // The log ends at the first torn or corrupt batch; a later segment that does not start right
    // where this one now ends (its bytes survived while ours were lost) goes with it.
    if (next !== undefined && (result.problem !== undefined || next.baseOffset !== segment.nextOffset)) {
      for (const later of segments.slice(i + 1)) await later.delete();
      segments = segments.slice(0, i + 1);
      break;
    }
  }
  // Whatever recovery kept may have survived only in the page cache (a process crash, not a
  // power loss): sync it, so that everything the log now holds is durable.
  for (const segment of segments.slice(recoverFrom)) await segment.sync();
  await config.fileSystem.syncDirectory(config.directory);
  return segments;
}
