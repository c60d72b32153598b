// Reading the frame of one batch in a segment file: the header fields the log needs (offsets,
// length, epoch, max timestamp), and the checks that say whether the bytes at a position are a
// whole, valid batch. The log never decodes records (PROTOCOL-NOTES.md section 1).
import {
  BASE_OFFSET_OFFSET,
  BATCH_LENGTH_OFFSET,
  CRC_OFFSET,
  LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD_BYTES,
  MAGIC_OFFSET,
  MAGIC_V2,
  MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
  RECORD_BATCH_HEADER_BYTES,
  RECORD_COUNT_OFFSET,
  computeBatchCrc,
} from '@brook/record-batch';

/** One batch as the log sees it: where it is and which offsets it holds. */
export interface BatchFrame {
  position: number;
  sizeBytes: number;
  baseOffset: number;
  lastOffset: number;
  partitionLeaderEpoch: number;
  maxTimestamp: number;
  recordCount: number;
}

/**
 * Reads the frame of the batch at `at` in `bytes` (the batch lies at file position `position`).
 * Returns a reason instead when the header is incomplete or impossible. The batch's body may
 * extend past `bytes`; the caller checks `sizeBytes` against what it has.
 */
export function readBatchFrame(bytes: Uint8Array, at: number, position: number): BatchFrame | string {
  if (bytes.byteLength - at < RECORD_BATCH_HEADER_BYTES) return `only ${bytes.byteLength - at} bytes left, less than a batch header`;
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, RECORD_BATCH_HEADER_BYTES);
  const magic = view.getInt8(MAGIC_OFFSET);
  if (magic !== MAGIC_V2) return `magic is ${magic}, expected ${MAGIC_V2}`;
  const batchLength = view.getInt32(BATCH_LENGTH_OFFSET);
  if (batchLength < RECORD_BATCH_HEADER_BYTES - LOG_OVERHEAD_BYTES) return `batch length ${batchLength} is shorter than a header`;
  const lastOffsetDelta = view.getInt32(LAST_OFFSET_DELTA_OFFSET);
  if (lastOffsetDelta < 0) return `lastOffsetDelta ${lastOffsetDelta} is negative`;
  const baseOffset = Number(view.getBigInt64(BASE_OFFSET_OFFSET));
  if (!Number.isSafeInteger(baseOffset) || baseOffset < 0) return `base offset ${baseOffset} is not a valid offset`;
  return {
    position,
    sizeBytes: LOG_OVERHEAD_BYTES + batchLength,
    baseOffset,
    lastOffset: baseOffset + lastOffsetDelta,
    partitionLeaderEpoch: view.getInt32(PARTITION_LEADER_EPOCH_OFFSET),
    maxTimestamp: Number(view.getBigInt64(MAX_TIMESTAMP_OFFSET)),
    recordCount: view.getInt32(RECORD_COUNT_OFFSET),
  };
}

/** Whether the whole batch at `at` in `bytes` carries the CRC-32C it was written with. */
export function batchCrcMatches(bytes: Uint8Array, at: number, sizeBytes: number): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, RECORD_BATCH_HEADER_BYTES);
  return view.getUint32(CRC_OFFSET) === computeBatchCrc(bytes, at, sizeBytes);
}
