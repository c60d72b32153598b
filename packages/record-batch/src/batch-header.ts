// The RecordBatch v2 header: byte offsets, readers and the two fields the leader stamps.
// The layout is FORMAT.md section "Record batch" (PROTOCOL-NOTES.md section 1); all
// integers are big-endian. Everything from `attributes` to the end of the batch is covered by
// the CRC-32C; baseOffset and partitionLeaderEpoch are outside it so that a leader can stamp
// them without recomputing the checksum.
import { RecordBatchError } from './errors.js';
import { crc32c } from './crc32c.js';

export const BASE_OFFSET_OFFSET = 0;
export const BATCH_LENGTH_OFFSET = 8;
export const PARTITION_LEADER_EPOCH_OFFSET = 12;
export const MAGIC_OFFSET = 16;
export const CRC_OFFSET = 17;
export const ATTRIBUTES_OFFSET = 21;
export const LAST_OFFSET_DELTA_OFFSET = 23;
export const BASE_TIMESTAMP_OFFSET = 27;
export const MAX_TIMESTAMP_OFFSET = 35;
export const PRODUCER_ID_OFFSET = 43;
export const PRODUCER_EPOCH_OFFSET = 51;
export const BASE_SEQUENCE_OFFSET = 53;
export const RECORD_COUNT_OFFSET = 57;
/** Size of the fixed header; the records start here. */
export const RECORD_BATCH_HEADER_BYTES = 61;
/** baseOffset (8) + batchLength (4): the bytes not counted by batchLength. */
export const LOG_OVERHEAD_BYTES = 12;
export const MAGIC_V2 = 2;

export const ATTRIBUTE_COMPRESSION_MASK = 0x07;
export const ATTRIBUTE_TIMESTAMP_TYPE_BIT = 0x08;
export const ATTRIBUTE_TRANSACTIONAL_BIT = 0x10;
export const ATTRIBUTE_CONTROL_BIT = 0x20;

/** The header fields of one batch, as read from its bytes. */
export interface RecordBatchHeader {
  baseOffset: bigint;
  /** Bytes after the batchLength field; the batch occupies LOG_OVERHEAD_BYTES + batchLength. */
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

/** Total bytes of the batch that starts at `position`, read from its length field. */
export function batchSizeAt(bytes: Uint8Array, position = 0): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return LOG_OVERHEAD_BYTES + view.getInt32(position + BATCH_LENGTH_OFFSET);
}

/** Reads the fixed header of the batch at `position`. The caller has checked the bytes are there. */
export function readBatchHeader(bytes: Uint8Array, position = 0): RecordBatchHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset + position, RECORD_BATCH_HEADER_BYTES);
  return {
    baseOffset: view.getBigInt64(BASE_OFFSET_OFFSET),
    batchLength: view.getInt32(BATCH_LENGTH_OFFSET),
    partitionLeaderEpoch: view.getInt32(PARTITION_LEADER_EPOCH_OFFSET),
    magic: view.getInt8(MAGIC_OFFSET),
    crc: view.getUint32(CRC_OFFSET),
    attributes: view.getInt16(ATTRIBUTES_OFFSET),
    lastOffsetDelta: view.getInt32(LAST_OFFSET_DELTA_OFFSET),
    baseTimestamp: view.getBigInt64(BASE_TIMESTAMP_OFFSET),
    maxTimestamp: view.getBigInt64(MAX_TIMESTAMP_OFFSET),
    producerId: view.getBigInt64(PRODUCER_ID_OFFSET),
    producerEpoch: view.getInt16(PRODUCER_EPOCH_OFFSET),
    baseSequence: view.getInt32(BASE_SEQUENCE_OFFSET),
    recordCount: view.getInt32(RECORD_COUNT_OFFSET),
  };
}

/** Computes the CRC-32C the batch at [position, position + size) should carry. */
export function computeBatchCrc(bytes: Uint8Array, position: number, size: number): number {
  return crc32c(bytes.subarray(position + ATTRIBUTES_OFFSET, position + size));
}

/**
 * Checks the framing of one whole batch occupying exactly `bytes` (length, magic, CRC) and
 * returns its header. Throws RecordBatchError CORRUPT_MESSAGE (or UNSUPPORTED_FOR_MESSAGE_FORMAT
 * for another magic) naming what is wrong. It does not decode the records.
 */
export function validateBatch(bytes: Uint8Array): RecordBatchHeader {
  if (bytes.byteLength < RECORD_BATCH_HEADER_BYTES) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `record batch of ${bytes.byteLength} bytes is shorter than its ${RECORD_BATCH_HEADER_BYTES}-byte header`);
  }
  const header = readBatchHeader(bytes, 0);
  if (header.magic !== MAGIC_V2) {
    throw new RecordBatchError('UNSUPPORTED_FOR_MESSAGE_FORMAT', `record batch magic is ${header.magic}, expected ${MAGIC_V2}`);
  }
  const size = LOG_OVERHEAD_BYTES + header.batchLength;
  if (size !== bytes.byteLength) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `record batch length field says ${size} bytes but ${bytes.byteLength} were given`);
  }
  if (header.lastOffsetDelta < 0 || header.recordCount < 0) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `record batch has negative lastOffsetDelta or recordCount`);
  }
  const crc = computeBatchCrc(bytes, 0, size);
  if (crc !== header.crc) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `record batch CRC is 0x${header.crc.toString(16)}, computed 0x${crc.toString(16)}`);
  }
  return header;
}

/**
 * Stamps the two fields outside the CRC: the offset the log assigns and the leader epoch of the
 * appending leader. Writes into `bytes` in place.
 */
export function stampBatch(bytes: Uint8Array, position: number, baseOffset: bigint, partitionLeaderEpoch: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset + position, RECORD_BATCH_HEADER_BYTES);
  view.setBigInt64(BASE_OFFSET_OFFSET, baseOffset);
  view.setInt32(PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch);
}

/**
 * Turns the whole batch at [position, position + size) into a log-append-time batch: sets the
 * timestamp-type attribute bit and maxTimestamp to `appendTime`, then recomputes the CRC, both
 * being inside it. This is what a leader does for a topic with message.timestamp.type =
 * LogAppendTime (Kafka's DefaultRecordBatch.setMaxTimestamp); records are left as they are,
 * since readers give every record of such a batch its maxTimestamp.
 */
export function stampLogAppendTime(bytes: Uint8Array, position: number, size: number, appendTime: bigint): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset + position, RECORD_BATCH_HEADER_BYTES);
  view.setInt16(ATTRIBUTES_OFFSET, view.getInt16(ATTRIBUTES_OFFSET) | ATTRIBUTE_TIMESTAMP_TYPE_BIT);
  view.setBigInt64(MAX_TIMESTAMP_OFFSET, appendTime);
  view.setUint32(CRC_OFFSET, computeBatchCrc(bytes, position, size));
}
