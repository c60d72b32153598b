// The options of one partition log, their defaults (Kafka's topic-level defaults where Kafka has
// the same setting) and their limits, checked once when the log opens.
import type { FileSystem } from '../fs/file-system.js';
import type { FlushPolicy } from './log-flusher.js';
import { PROCESS_TAIL_CACHE_BUDGET, type TailCacheBudget } from './tail-cache.js';

export interface SegmentedLogOptions {
  fileSystem: FileSystem;
  /** The partition directory, e.g. <dataDir>/partitions/<topic>-<p> (ARCHITECTURE.md). */
  directory: string;
  /** Roll when the active segment would pass this size (Kafka segment.bytes, 1 GiB). */
  segmentBytes?: number;
  /** Roll when the active segment is older than this (Kafka segment.ms, 7 days). */
  segmentMs?: number;
  /** Bytes between offset-index entries (Kafka index.interval.bytes, 4096). */
  indexIntervalBytes?: number;
  /** Largest batch a leader accepts (Kafka max.message.bytes, 1048588). */
  maxMessageBytes?: number;
  /** Delete sealed segments whose newest timestamp is older than this; -1 keeps them (Kafka retention.ms, 7 days). */
  retentionMs?: number;
  /** Delete the oldest sealed segments while the log is larger than this; -1 keeps them (Kafka retention.bytes). */
  retentionBytes?: number;
  flushPolicy?: FlushPolicy;
  /** Milliseconds since the epoch; injected so that tests control segment age and retention. */
  now?: () => number;
  /** From the directory's recovery-point-checkpoint: recovery after an unclean stop starts here. */
  recoveryPoint?: number;
  /** From the directory's log-start-offset-checkpoint (set by deleteRecordsBefore). */
  logStartOffset?: number;
  /** The topic id this directory belongs to (partition.metadata); written on first open, checked after. */
  topicId?: string;
  /** Check the CRC of every batch a read returns (default true): corrupt bytes are never served. */
  verifyCrcOnRead?: boolean;
  /** Bytes of just-appended batches kept in memory to serve reads of the tail (default 4 MiB; 0 turns it off). */
  tailCacheBytes?: number;
  /** The process-wide bound those caches share (default: PROCESS_TAIL_CACHE_BUDGET, 64 MiB). */
  tailCacheBudget?: TailCacheBudget;
}

export interface LogConfig {
  fileSystem: FileSystem;
  directory: string;
  segmentBytes: number;
  segmentMs: number;
  indexIntervalBytes: number;
  maxMessageBytes: number;
  retentionMs: number;
  retentionBytes: number;
  flushPolicy: FlushPolicy;
  now: () => number;
  recoveryPoint: number;
  logStartOffset: number;
  topicId: string | undefined;
  verifyCrcOnRead: boolean;
  tailCacheBytes: number;
  tailCacheBudget: TailCacheBudget;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Positions in the offset index are int32 (FORMAT.md section 3), so a segment stays below 2 GiB. */
const SEGMENT_BYTES_MAX = 0x7fffffff;

export function resolveLogConfig(options: SegmentedLogOptions): LogConfig {
  const config: LogConfig = {
    fileSystem: options.fileSystem,
    directory: options.directory,
    segmentBytes: options.segmentBytes ?? 1024 * 1024 * 1024,
    segmentMs: options.segmentMs ?? 7 * DAY_MS,
    indexIntervalBytes: options.indexIntervalBytes ?? 4096,
    maxMessageBytes: options.maxMessageBytes ?? 1048588,
    retentionMs: options.retentionMs ?? 7 * DAY_MS,
    retentionBytes: options.retentionBytes ?? -1,
    flushPolicy: options.flushPolicy ?? { kind: 'every-append-group-commit' },
    now: options.now ?? Date.now,
    recoveryPoint: options.recoveryPoint ?? 0,
    logStartOffset: options.logStartOffset ?? 0,
    topicId: options.topicId,
    verifyCrcOnRead: options.verifyCrcOnRead ?? true,
    tailCacheBytes: options.tailCacheBytes ?? 4 * 1024 * 1024,
    tailCacheBudget: options.tailCacheBudget ?? PROCESS_TAIL_CACHE_BUDGET,
  };
  const positive = (name: string, value: number, max = Number.MAX_SAFE_INTEGER): void => {
    if (!Number.isSafeInteger(value) || value <= 0 || value > max) throw new RangeError(`SegmentedLog option ${name} = ${value} must be an integer in [1, ${max}]`);
  };
  positive('segmentBytes', config.segmentBytes, SEGMENT_BYTES_MAX);
  positive('segmentMs', config.segmentMs);
  positive('indexIntervalBytes', config.indexIntervalBytes);
  positive('maxMessageBytes', config.maxMessageBytes, SEGMENT_BYTES_MAX);
  if (config.recoveryPoint < 0 || config.logStartOffset < 0) throw new RangeError('SegmentedLog: recoveryPoint and logStartOffset must be >= 0');
  return config;
}
