// The read path of a partition log (Kafka's UnifiedLog.read and LogSegment.read): whole batches
// starting with the one that holds `fromOffset` (so the first batch may start before it, as in
// Kafka), from one segment per call, at least one whole batch even past maxBytes (KIP-74, so a
// consumer never stalls on a large batch), and no batch whose last offset reaches `maxOffset`
// (the high watermark for consumers). Bytes are a view of one file read: no copy.
import { StorageError } from '../errors.js';
import type { LogSegment } from '../segment/log-segment.js';

export interface ReadOptions {
  /** Exclusive bound: no batch holding an offset >= maxOffset is returned (e.g. the high watermark). */
  maxOffset?: number;
}

export interface LogReadResult {
  /** Whole RecordBatch v2 batches, as stored. Empty when nothing is readable yet. */
  bytes: Uint8Array;
  /** Base offset of the first batch in `bytes` (may be below the requested offset). */
  firstOffset: number;
  /** The offset to read next: after the last batch returned, or the requested one when empty. */
  nextOffset: number;
  logStartOffset: number;
  logEndOffset: number;
}

export async function readLog(
  segments: readonly LogSegment[],
  logStartOffset: number,
  fromOffset: number,
  maxBytes: number,
  options: ReadOptions,
  verifyCrc: boolean,
): Promise<LogReadResult> {
  const logEndOffset = segments[segments.length - 1]?.nextOffset ?? logStartOffset;
  if (!Number.isSafeInteger(fromOffset) || fromOffset < logStartOffset || fromOffset > logEndOffset) {
    throw new StorageError('OFFSET_OUT_OF_RANGE', `offset ${fromOffset} is outside the log [${logStartOffset}, ${logEndOffset}]`);
  }
  const maxOffset = Math.min(options.maxOffset ?? logEndOffset, logEndOffset);
  const empty = { bytes: new Uint8Array(0), firstOffset: fromOffset, nextOffset: fromOffset, logStartOffset, logEndOffset };
  if (fromOffset >= maxOffset) return empty;
  for (let i = floorSegmentIndex(segments, fromOffset); i < segments.length; i++) {
    const segment = segments[i];
    if (segment === undefined || segment.nextOffset <= fromOffset) continue;
    const read = await segment.read(Math.max(fromOffset, segment.baseOffset), Math.max(0, maxBytes), maxOffset, verifyCrc);
    if (read === undefined) continue;
    if (read.bytes.byteLength === 0) return empty;
    return { ...read, logStartOffset, logEndOffset };
  }
  return empty;
}

/** The first batch at or after the log start whose maxTimestamp reaches `timestamp` (Kafka ListOffsets by time). */
export async function offsetForTimestamp(
  segments: readonly LogSegment[],
  logStartOffset: number,
  timestamp: number,
): Promise<{ offset: number; timestamp: number } | undefined> {
  for (const segment of segments) {
    if (segment.nextOffset <= logStartOffset) continue;
    const frame = await segment.findByTimestamp(timestamp, logStartOffset);
    if (frame !== undefined) return { offset: Math.max(frame.baseOffset, logStartOffset), timestamp: frame.maxTimestamp };
  }
  return undefined;
}

/** Index of the last segment whose base offset is <= `offset` (0 if none). */
export function floorSegmentIndex(segments: readonly LogSegment[], offset: number): number {
  let low = 0;
  let high = segments.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if ((segments[middle]?.baseOffset ?? 0) <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
