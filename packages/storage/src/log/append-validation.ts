// Checks on the way into the log: a batch from a producer or a leader is validated by
// @brook/record-batch (length, magic, CRC) and its RecordBatchError becomes a StorageError of the
// same kind; a follower's run of batches is split and each checked, offsets without gaps.
import { LOG_OVERHEAD_BYTES, RecordBatchError, batchSizeAt, validateBatch } from '@brook/record-batch';
import { StorageError } from '../errors.js';
import type { BatchFrame } from '../segment/batch-frame.js';

export function validateOrThrow(batch: Uint8Array): ReturnType<typeof validateBatch> {
  try {
    return validateBatch(batch);
  } catch (error) {
    if (error instanceof RecordBatchError) throw new StorageError(error.kind, error.message, { cause: error });
    throw error;
  }
}

/** Splits a follower's batches and validates each (framing, contiguous offsets, CRC). */
export function splitFollowerBatches(batches: Uint8Array): BatchFrame[] {
  const frames: BatchFrame[] = [];
  let at = 0;
  while (at < batches.byteLength) {
    const header = validateOrThrow(batches.subarray(at, at + Math.min(batches.byteLength - at, sizeAt(batches, at))));
    const baseOffset = Number(header.baseOffset);
    const previous = frames[frames.length - 1];
    if (previous !== undefined && baseOffset !== previous.lastOffset + 1) {
      throw new StorageError('CORRUPT_MESSAGE', `follower batch at offset ${baseOffset} does not follow offset ${previous.lastOffset}`);
    }
    const sizeBytes = LOG_OVERHEAD_BYTES + header.batchLength;
    frames.push({ position: at, sizeBytes, baseOffset, lastOffset: baseOffset + header.lastOffsetDelta, partitionLeaderEpoch: header.partitionLeaderEpoch, maxTimestamp: Number(header.maxTimestamp), recordCount: header.recordCount });
    at += sizeBytes;
  }
  return frames;
}

/** The size the batch at `at` claims, or what is left when even its length field is cut off. */
function sizeAt(bytes: Uint8Array, at: number): number {
  if (bytes.byteLength - at < LOG_OVERHEAD_BYTES) return bytes.byteLength - at;
  return Math.max(LOG_OVERHEAD_BYTES, batchSizeAt(bytes, at));
}
