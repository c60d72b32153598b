// Walks the batches of a segment file from a position, reading the file in windows so that a
// scan costs a few large reads rather than one read per header. Used by recovery (every batch,
// CRC checked), by index rebuilding and by the forward scan after an index lookup.
import type { FileHandle } from '../fs/file-system.js';
import { RECORD_BATCH_HEADER_BYTES } from '@brook/record-batch';
import { batchCrcMatches, readBatchFrame, type BatchFrame } from './batch-frame.js';
import type { OffsetPosition } from './offset-index.js';

/** Reads start small (a scan after an index lookup usually ends within an index interval) and grow for long scans. */
const WINDOW_BYTES_MIN = 16 * 1024;
const WINDOW_BYTES_MAX = 1024 * 1024;

export interface WalkOptions {
  /** Stop before this file position (default: the file's size when the walk starts). */
  end?: number;
  /** The base offset the first batch must have; later ones must follow without gaps. */
  expectedBaseOffset?: number;
  /** No batch may hold an offset at or past this one (the segment's known end). */
  endOffset?: number;
  /** Check each batch's CRC (recovery, verify); header-only walks skip it. */
  verifyCrc: boolean;
}

export interface WalkResult {
  /** Position after the last good batch the walk visited. */
  validEnd: number;
  /** Set when the walk stopped at bytes that are not a valid batch (a torn or corrupt tail). */
  problem?: { position: number; reason: string };
}

/**
 * Calls `visit` for each valid batch from `start`; `visit` returns false to stop early. Stops at
 * the first invalid batch and reports where and why.
 */
export async function walkBatches(
  file: FileHandle,
  start: number,
  options: WalkOptions,
  visit: (frame: BatchFrame) => boolean | void,
): Promise<WalkResult> {
  const end = options.end ?? file.size;
  let expected = options.expectedBaseOffset;
  let position = start;
  let window: Uint8Array = new Uint8Array(0);
  let windowStart = start;
  let windowBytes = WINDOW_BYTES_MIN;
  while (position < end) {
    let at = position - windowStart;
    if (window.byteLength - at < 64) {
      window = await file.read(position, Math.min(windowBytes, end - position));
      windowBytes = Math.min(WINDOW_BYTES_MAX, windowBytes * 2);
      windowStart = position;
      at = 0;
    }
    const frame = readBatchFrame(window, at, position);
    if (typeof frame === 'string') return { validEnd: position, problem: { position, reason: frame } };
    if (position + frame.sizeBytes > end) return { validEnd: position, problem: { position, reason: `batch of ${frame.sizeBytes} bytes runs past the end at ${end}` } };
    if (expected !== undefined && frame.baseOffset !== expected) {
      return { validEnd: position, problem: { position, reason: `batch base offset ${frame.baseOffset}, expected ${expected}` } };
    }
    if (options.endOffset !== undefined && frame.lastOffset >= options.endOffset) {
      return { validEnd: position, problem: { position, reason: `batch claims offset ${frame.lastOffset}, past the segment's end ${options.endOffset}` } };
    }
    if (options.verifyCrc) {
      let body: Uint8Array = window;
      let bodyAt = at;
      if (at + frame.sizeBytes > window.byteLength) {
        body = await file.read(position, frame.sizeBytes);
        bodyAt = 0;
      }
      if (!batchCrcMatches(body, bodyAt, frame.sizeBytes)) return { validEnd: position, problem: { position, reason: 'CRC-32C mismatch' } };
    }
    if (visit(frame) === false) return { validEnd: position + frame.sizeBytes };
    expected = frame.lastOffset + 1;
    position += frame.sizeBytes;
  }
  return { validEnd: position };
}

/**
 * Scans the headers in `window` (read at an index entry) for the first batch holding `offset` or
 * a later one. Returns its place, a reason if the bytes are not batches, or undefined when the
 * window ends first.
 */
export function locateBatch(window: Uint8Array, entry: OffsetPosition, offset: number, segmentEnd: number): { at: number; frame: BatchFrame } | string | undefined {
  let at = 0;
  let expected = entry.offset;
  while (window.byteLength - at >= RECORD_BATCH_HEADER_BYTES) {
    const frame = readBatchFrame(window, at, entry.position + at);
    if (typeof frame === 'string') return frame;
    if (frame.baseOffset !== expected) return `batch base offset ${frame.baseOffset}, expected ${expected}`;
    if (frame.lastOffset >= segmentEnd) return `batch claims offset ${frame.lastOffset}, past the segment's end ${segmentEnd}`;
    if (frame.lastOffset >= offset) return { at, frame };
    at += frame.sizeBytes;
    expected = frame.lastOffset + 1;
  }
  return undefined;
}
