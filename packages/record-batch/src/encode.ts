// The RecordBatch v2 encoder: records in, one batch's bytes out, CRC-32C included
// (PROTOCOL-NOTES.md section 1; Kafka's MemoryRecordsBuilder and DefaultRecordBatch.writeHeader).
// Records are sized first so an uncompressed batch is written into a single allocation.
import { encodeAttributes, type SupportedCompressionType, type TimestampType } from './attributes.js';
import {
  ATTRIBUTES_OFFSET,
  BASE_OFFSET_OFFSET,
  BASE_SEQUENCE_OFFSET,
  BASE_TIMESTAMP_OFFSET,
  BATCH_LENGTH_OFFSET,
  CRC_OFFSET,
  LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD_BYTES,
  MAGIC_OFFSET,
  MAGIC_V2,
  MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  RECORD_BATCH_HEADER_BYTES,
  RECORD_COUNT_OFFSET,
  computeBatchCrc,
  type RecordBatchHeader,
} from './batch-header.js';
import { compressRecords } from './compression.js';
import { RecordBatchError } from './errors.js';
import { checkTimestamp, sizeRecords, writeRecords, type RecordInput } from './record-writer.js';

export type { RecordInput } from './record-writer.js';

/** Kafka's RecordBatch.NO_TIMESTAMP, NO_PRODUCER_ID, NO_PRODUCER_EPOCH, NO_SEQUENCE. */
export const NO_TIMESTAMP = -1n;
export const NO_PRODUCER_ID = -1n;
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;
/** Kafka's RecordBatch.NO_PARTITION_LEADER_EPOCH: what a producer writes; the leader stamps its own. */
export const NO_PARTITION_LEADER_EPOCH = -1;

export interface RecordBatchInput {
  baseOffset?: bigint;
  partitionLeaderEpoch?: number;
  /** 'none' or 'gzip'; Brook writes no other codec. */
  compression?: SupportedCompressionType;
  timestampType?: TimestampType;
  transactional?: boolean;
  control?: boolean;
  /**
   * Defaults to the first record's timestamp, as Kafka's MemoryRecordsBuilder does (deltas of
   * later records may be negative), or NO_TIMESTAMP for an empty batch. maxTimestamp is always
   * computed: the greatest record timestamp, or NO_TIMESTAMP for an empty batch.
   */
  baseTimestamp?: bigint | number;
  /**
   * Defaults to the last record's offsetDelta (0 for an empty batch). Compaction keeps the
   * original value when it drops the last records, hence the override.
   */
  lastOffsetDelta?: number;
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
  records: readonly RecordInput[];
}

/** Throws RangeError unless `value` is an int16 or int32. */
export function checkInt(value: number, bits: 16 | 32, name: string): void {
  const bound = bits === 16 ? 0x8000 : 0x8000_0000;
  if (!Number.isInteger(value) || value < -bound || value >= bound) throw new RangeError(`${name} ${value} is not an int${bits}`);
}

/** Throws RangeError unless `value` is an int64. */
export function checkInt64(value: bigint, name: string): void {
  if (value < -(1n << 63n) || value >= 1n << 63n) throw new RangeError(`${name} ${value} is not an int64`);
}

function maxTimestampOf(records: readonly RecordInput[]): bigint {
  if (records.length === 0) return NO_TIMESTAMP;
  let max = records[0]!.timestamp;
  for (let index = 1; index < records.length; index++) {
    const timestamp = records[index]!.timestamp;
    if (timestamp > max) max = timestamp;
  }
  checkTimestamp(max, 'timestamp');
  return BigInt(max);
}

function baseTimestampOf(input: RecordBatchInput): bigint {
  const base = input.baseTimestamp ?? input.records[0]?.timestamp;
  if (base === undefined) return NO_TIMESTAMP;
  checkTimestamp(base, 'baseTimestamp');
  return BigInt(base);
}

/** The batch's fixed header fields other than lengths and the CRC, checked for their widths. */
function headerFields(input: RecordBatchInput): BatchHeaderFields {
  const lastRecord = input.records[input.records.length - 1];
  const fields = {
    baseOffset: input.baseOffset ?? 0n,
    partitionLeaderEpoch: input.partitionLeaderEpoch ?? NO_PARTITION_LEADER_EPOCH,
    attributes: encodeAttributes(input),
    lastOffsetDelta: input.lastOffsetDelta ?? lastRecord?.offsetDelta ?? Math.max(0, input.records.length - 1),
    baseTimestamp: baseTimestampOf(input),
    maxTimestamp: maxTimestampOf(input.records),
    producerId: input.producerId ?? NO_PRODUCER_ID,
    producerEpoch: input.producerEpoch ?? NO_PRODUCER_EPOCH,
    baseSequence: input.baseSequence ?? NO_SEQUENCE,
  };
  checkInt64(fields.baseOffset, 'baseOffset');
  checkInt(fields.partitionLeaderEpoch, 32, 'partitionLeaderEpoch');
  checkInt(fields.lastOffsetDelta, 32, 'lastOffsetDelta');
  checkInt64(fields.producerId, 'producerId');
  checkInt(fields.producerEpoch, 16, 'producerEpoch');
  checkInt(fields.baseSequence, 32, 'baseSequence');
  return fields;
}

/**
 * Encodes one batch. Throws RangeError for input no batch can hold (a field outside its integer
 * width, offsetDeltas that do not increase), RecordBatchError UNSUPPORTED_COMPRESSION_TYPE for a
 * codec other than none or gzip, and MESSAGE_TOO_LARGE for a batch past the int32 length field.
 * Size policies (maxBatchBytes) are the caller's: it knows which limit applies.
 */
export function encodeRecordBatch(input: RecordBatchInput): Uint8Array {
  const compression = input.compression ?? 'none';
  if (compression !== 'none' && compression !== 'gzip') {
    throw new RecordBatchError('UNSUPPORTED_COMPRESSION_TYPE', `Brook cannot write ${String(compression)}-compressed batches`);
  }
  const fields = headerFields(input);
  // The deltas are taken from the base as given: a number base keeps them number arithmetic.
  const base = input.baseTimestamp ?? input.records[0]?.timestamp ?? NO_TIMESTAMP;
  const recordsBytes = sizeRecords(input.records, base);

  let batch: Uint8Array;
  if (compression === 'none') {
    batch = allocateBatch(RECORD_BATCH_HEADER_BYTES + recordsBytes);
    const end = writeRecords(input.records, base, asBuffer(batch), RECORD_BATCH_HEADER_BYTES);
    if (end !== batch.byteLength) throw new Error(`records section wrote ${end} bytes, sized ${batch.byteLength}`);
  } else {
    const section = Buffer.allocUnsafe(recordsBytes);
    writeRecords(input.records, base, section, 0);
    const compressed = compressRecords(compression, section);
    batch = allocateBatch(RECORD_BATCH_HEADER_BYTES + compressed.byteLength);
    batch.set(compressed, RECORD_BATCH_HEADER_BYTES);
  }

  sealBatch(batch, fields, input.records.length);
  return batch;
}

/** The header fields sealBatch writes (lengths, magic and the CRC it computes). */
export type BatchHeaderFields = Omit<RecordBatchHeader, 'batchLength' | 'magic' | 'crc' | 'recordCount'>;

/**
 * Writes the 61-byte header of `batch`, whose records section is written, and its CRC last (the
 * CRC covers attributes to the end). The fields are the caller's to have checked for their widths.
 */
export function sealBatch(batch: Uint8Array, fields: BatchHeaderFields, recordCount: number): void {
  const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength);
  view.setBigInt64(BASE_OFFSET_OFFSET, fields.baseOffset);
  view.setInt32(BATCH_LENGTH_OFFSET, batch.byteLength - LOG_OVERHEAD_BYTES);
  view.setInt32(PARTITION_LEADER_EPOCH_OFFSET, fields.partitionLeaderEpoch);
  view.setInt8(MAGIC_OFFSET, MAGIC_V2);
  view.setInt16(ATTRIBUTES_OFFSET, fields.attributes);
  view.setInt32(LAST_OFFSET_DELTA_OFFSET, fields.lastOffsetDelta);
  view.setBigInt64(BASE_TIMESTAMP_OFFSET, fields.baseTimestamp);
  view.setBigInt64(MAX_TIMESTAMP_OFFSET, fields.maxTimestamp);
  view.setBigInt64(PRODUCER_ID_OFFSET, fields.producerId);
  view.setInt16(PRODUCER_EPOCH_OFFSET, fields.producerEpoch);
  view.setInt32(BASE_SEQUENCE_OFFSET, fields.baseSequence);
  view.setInt32(RECORD_COUNT_OFFSET, recordCount);
  view.setUint32(CRC_OFFSET, computeBatchCrc(batch, 0, batch.byteLength));
}

/** A zeroed Uint8Array for a batch of `size` bytes; MESSAGE_TOO_LARGE past the int32 length field. */
function allocateBatch(size: number): Uint8Array {
  if (size - LOG_OVERHEAD_BYTES > 0x7fff_ffff) {
    throw new RecordBatchError('MESSAGE_TOO_LARGE', `record batch of ${size} bytes does not fit the int32 batchLength field`);
  }
  return new Uint8Array(size);
}

/** A Buffer view of the same bytes (the record writer writes header keys with Buffer.write). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
