// The options of one partition log, their defaults (Kafka's topic-level defaults where Kafka has
// the same setting) and their limits. The limits are checked when the log opens, and the topic-level
// subset (UpdatableLogConfig) is checked again by the same function when it changes at runtime
// (SegmentedLog.updateConfig, Kafka's UnifiedLog.updateConfig after kafka-configs --alter).
import type { FileSystem } from '../fs/file-system.js';
import type { FlushPolicy } from './log-flusher.js';
import { PROCESS_TAIL_CACHE_BUDGET, type TailCacheBudget } from './tail-cache.js';
import type { SegmentConfig } from '../segment/log-segment.js';

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
  /**
   * Durable bytes kept in the OS page cache behind each segment's end; older ones are handed back
   * after each fsync (fs/page-cache.ts; default PAGE_CACHE_RETAIN_BYTES_DEFAULT). -1 leaves the
   * page cache to the kernel, as Kafka does.
   */
  pageCacheRetainBytes?: number;
  /** Called after each successful fsync of the log (not a sync that found nothing to write) with how long it took (Kafka's LogFlushRateAndTimeMs). */
  onFlushed?: (durationMs: number) => void;
}

/** The settings a topic can change while its log is open; each means what SegmentedLogOptions says. */
export interface UpdatableLogConfig {
  segmentBytes: number;
  segmentMs: number;
  maxMessageBytes: number;
  retentionMs: number;
  retentionBytes: number;
  flushPolicy: FlushPolicy;
}

/** The settings to change; the ones left out (or undefined) keep their current values. */
export type LogConfigUpdate = Partial<UpdatableLogConfig>;

const UPDATABLE_KEYS: ReadonlySet<string> = new Set<keyof UpdatableLogConfig>(['segmentBytes', 'segmentMs', 'maxMessageBytes', 'retentionMs', 'retentionBytes', 'flushPolicy']);

export interface LogConfig extends UpdatableLogConfig {
  fileSystem: FileSystem;
  directory: string;
  indexIntervalBytes: number;
  now: () => number;
  recoveryPoint: number;
  logStartOffset: number;
  topicId: string | undefined;
  verifyCrcOnRead: boolean;
  tailCacheBytes: number;
  tailCacheBudget: TailCacheBudget;
  pageCacheRetainBytes: number;
  onFlushed: ((durationMs: number) => void) | undefined;
}

/** 32 MiB: a follower or consumer that far behind a busy partition's end still reads the page cache. */
export const PAGE_CACHE_RETAIN_BYTES_DEFAULT = 32 * 1024 * 1024;

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
    // A copy: a caller changing its object later must go through updateConfig.
    flushPolicy: { ...(options.flushPolicy ?? { kind: 'every-append-group-commit' }) },
    now: options.now ?? Date.now,
    recoveryPoint: options.recoveryPoint ?? 0,
    logStartOffset: options.logStartOffset ?? 0,
    topicId: options.topicId,
    verifyCrcOnRead: options.verifyCrcOnRead ?? true,
    tailCacheBytes: options.tailCacheBytes ?? 4 * 1024 * 1024,
    tailCacheBudget: options.tailCacheBudget ?? PROCESS_TAIL_CACHE_BUDGET,
    pageCacheRetainBytes: options.pageCacheRetainBytes ?? PAGE_CACHE_RETAIN_BYTES_DEFAULT,
    onFlushed: options.onFlushed,
  };
  checkInteger('indexIntervalBytes', config.indexIntervalBytes, 1);
  checkInteger('pageCacheRetainBytes', config.pageCacheRetainBytes, -1);
  checkUpdatableLogConfig(config);
  if (config.recoveryPoint < 0 || config.logStartOffset < 0) throw new RangeError('SegmentedLog: recoveryPoint and logStartOffset must be >= 0');
  return config;
}

/** What each segment of the log is configured with. */
export function segmentConfigOf(config: LogConfig): SegmentConfig {
  return { indexIntervalBytes: config.indexIntervalBytes, pageCacheRetainBytes: config.pageCacheRetainBytes };
}

/** A copy of the topic-level settings of `config`, as SegmentedLog.settings shows them. */
export function updatableLogConfigOf(config: UpdatableLogConfig): UpdatableLogConfig {
  return {
    segmentBytes: config.segmentBytes,
    segmentMs: config.segmentMs,
    maxMessageBytes: config.maxMessageBytes,
    retentionMs: config.retentionMs,
    retentionBytes: config.retentionBytes,
    flushPolicy: { ...config.flushPolicy },
  };
}

/**
 * `current` with `changes` applied, checked as a whole by the rules open applies, or a RangeError
 * naming the first bad value; a key that is not a topic-level setting is one too (the directory,
 * the clock and the index interval are fixed for the life of the log). Pure: the caller applies
 * the result only when this returns, so an update changes everything it names or nothing.
 */
export function mergeLogConfigUpdate(current: UpdatableLogConfig, changes: LogConfigUpdate): UpdatableLogConfig {
  for (const key of Object.keys(changes)) {
    if (!UPDATABLE_KEYS.has(key)) throw new RangeError(`SegmentedLog option ${key} cannot change while the log is open`);
  }
  const next = updatableLogConfigOf(current);
  if (changes.segmentBytes !== undefined) next.segmentBytes = changes.segmentBytes;
  if (changes.segmentMs !== undefined) next.segmentMs = changes.segmentMs;
  if (changes.maxMessageBytes !== undefined) next.maxMessageBytes = changes.maxMessageBytes;
  if (changes.retentionMs !== undefined) next.retentionMs = changes.retentionMs;
  if (changes.retentionBytes !== undefined) next.retentionBytes = changes.retentionBytes;
  if (changes.flushPolicy !== undefined) next.flushPolicy = { ...changes.flushPolicy };
  checkUpdatableLogConfig(next);
  return next;
}

/**
 * The limits of the topic-level settings. Retention takes -1 for "keep everything" (Kafka's
 * retention.ms and retention.bytes accept -1 and up); flush intervals, when given, are at least 1.
 */
function checkUpdatableLogConfig(config: UpdatableLogConfig): void {
  checkInteger('segmentBytes', config.segmentBytes, 1, SEGMENT_BYTES_MAX);
  checkInteger('segmentMs', config.segmentMs, 1);
  checkInteger('maxMessageBytes', config.maxMessageBytes, 1, SEGMENT_BYTES_MAX);
  checkInteger('retentionMs', config.retentionMs, -1);
  checkInteger('retentionBytes', config.retentionBytes, -1);
  const policy: FlushPolicy = config.flushPolicy;
  if (policy.kind === 'interval') {
    if (policy.intervalMs !== undefined) checkInteger('flushPolicy.intervalMs', policy.intervalMs, 1);
    if (policy.intervalMessages !== undefined) checkInteger('flushPolicy.intervalMessages', policy.intervalMessages, 1);
  } else if (policy.kind !== 'every-append-group-commit') {
    throw new RangeError(`SegmentedLog option flushPolicy.kind = ${String((policy as { kind: unknown }).kind)} must be 'every-append-group-commit' or 'interval'`);
  }
}

function checkInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new RangeError(`SegmentedLog option ${name} = ${value} must be an integer in [${min}, ${max}]`);
}
