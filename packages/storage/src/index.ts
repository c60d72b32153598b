// Public API of @brook/storage: the partition log.
export { StorageError, isStorageError, type StorageErrorKind } from './errors.js';
export { crc32c } from './record-batch/crc32c.js';
export * from './record-batch/batch-header.js';
