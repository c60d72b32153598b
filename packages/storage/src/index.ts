// Public API of @brook/storage: the partition log.
export { StorageError, isStorageError, type StorageErrorKind } from './errors.js';
