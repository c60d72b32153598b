// Public API of @brook/record-batch: Kafka's RecordBatch v2, byte for byte.
export { RecordBatchError, type RecordBatchErrorKind } from './errors.js';
export { crc32c, crc32cImplementation } from './crc32c.js';
export {
  ATTRIBUTES_OFFSET,
  ATTRIBUTE_COMPRESSION_MASK,
  ATTRIBUTE_CONTROL_BIT,
  ATTRIBUTE_TIMESTAMP_TYPE_BIT,
  ATTRIBUTE_TRANSACTIONAL_BIT,
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
  batchSizeAt,
  computeBatchCrc,
  readBatchHeader,
  stampBatch,
  stampLogAppendTime,
  validateBatch,
  type RecordBatchHeader,
} from './batch-header.js';
export {
  COMPRESSION_TYPE_IDS,
  decodeAttributes,
  encodeAttributes,
  type BatchAttributes,
  type CompressionType,
  type SupportedCompressionType,
  type TimestampType,
} from './attributes.js';
export {
  DEFAULT_RECORD_BATCH_LIMITS,
  RECORD_BYTES_MIN,
  RECORD_HEADER_BYTES_MIN,
  resolveLimits,
  type RecordBatchLimits,
} from './limits.js';
export {
  VARINT_BYTES_MAX,
  VARLONG_BYTES_MAX,
  readVarint,
  readVarlong,
  sizeOfVarint,
  sizeOfVarlong,
  writeVarint,
  writeVarlong,
  type ByteCursor,
} from './varint.js';
// `Record` is the brief's name; `BatchRecord` is the same type without shadowing TypeScript's
// built-in Record<K, V> in files that import it.
export type { BatchRecord, BatchRecord as Record, RecordHeader } from './record.js';
export {
  NO_PARTITION_LEADER_EPOCH,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  NO_TIMESTAMP,
  encodeRecordBatch,
  type RecordBatchInput,
  type RecordInput,
} from './encode.js';
export { checkTimestamp, recordBytes, timestampDelta } from './record-writer.js';
export { RecordBatchBuilder, type BatchBufferPool, type BuildOptions } from './batch-builder.js';
export { decodeRecordBatch, recordOffset, recordTimestamp, type DecodedRecordBatch } from './decode.js';
export {
  forEachBatch,
  scanValidPrefix,
  splitBatches,
  type BatchView,
  type SplitBatchesOptions,
  type ValidPrefix,
} from './split.js';
