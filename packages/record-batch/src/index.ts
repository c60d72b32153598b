// Public API of @brook/record-batch: Kafka's RecordBatch v2, byte for byte.
export { RecordBatchError, type RecordBatchErrorKind } from './errors.js';
export { crc32c } from './crc32c.js';
export * from './batch-header.js';
