// Typed errors of the storage engine. Storage imports no workspace package, so it names its
// own error kinds; the broker maps each kind to the protocol's ErrorCode (the names match
// Kafka's error names where Kafka has the same error).

export type StorageErrorKind =
  /** A batch's CRC, magic, length or record framing is wrong (Kafka CORRUPT_MESSAGE, 2). */
  | 'CORRUPT_MESSAGE'
  /** A batch or record is larger than the configured limit (Kafka MESSAGE_TOO_LARGE, 10). */
  | 'MESSAGE_TOO_LARGE'
  /** An offset outside [logStartOffset, logEndOffset] (Kafka OFFSET_OUT_OF_RANGE, 1). */
  | 'OFFSET_OUT_OF_RANGE'
  /** The batch uses a format this log does not store (Kafka UNSUPPORTED_FOR_MESSAGE_FORMAT, 43). */
  | 'UNSUPPORTED_FOR_MESSAGE_FORMAT'
  /** The compression codec is unknown or not supported (Kafka UNSUPPORTED_COMPRESSION_TYPE, 76). */
  | 'UNSUPPORTED_COMPRESSION_TYPE'
  /** The disk failed or is full (ENOSPC, EIO); the log stays consistent (Kafka KAFKA_STORAGE_ERROR, 56). */
  | 'KAFKA_STORAGE_ERROR'
  /** Data inside a sealed segment failed its CRC: reported loudly, never served or skipped. */
  | 'CORRUPT_SEGMENT'
  /** The log was closed or failed and takes no more operations. */
  | 'LOG_CLOSED';

export class StorageError extends Error {
  readonly kind: StorageErrorKind;

  constructor(kind: StorageErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.kind = kind;
  }
}

export function isStorageError(error: unknown, kind?: StorageErrorKind): error is StorageError {
  return error instanceof StorageError && (kind === undefined || error.kind === kind);
}
