// Storage and codec errors as protocol errors. @brook/storage and @brook/record-batch name their
// failures by Kafka's error names, so most map one to one; the rest are translated here, the one
// place that decides what a client sees for a local failure.
import { BrookError, type ErrorCodeName } from '@brook/protocol';
import { RecordBatchError } from '@brook/record-batch';
import { StorageError, type StorageErrorKind } from '@brook/storage';

const STORAGE_KINDS: Record<StorageErrorKind, ErrorCodeName> = {
  CORRUPT_MESSAGE: 'CORRUPT_MESSAGE',
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
  OFFSET_OUT_OF_RANGE: 'OFFSET_OUT_OF_RANGE',
  UNSUPPORTED_FOR_MESSAGE_FORMAT: 'UNSUPPORTED_FOR_MESSAGE_FORMAT',
  UNSUPPORTED_COMPRESSION_TYPE: 'UNSUPPORTED_COMPRESSION_TYPE',
  KAFKA_STORAGE_ERROR: 'KAFKA_STORAGE_ERROR',
  // Corrupt bytes inside a sealed segment are a disk problem on this replica, not the client's.
  CORRUPT_SEGMENT: 'KAFKA_STORAGE_ERROR',
  // A closed log belongs to a partition being deleted or a broker shutting down: the client
  // should refresh metadata and try again, which is what NOT_LEADER_OR_FOLLOWER asks of it.
  LOG_CLOSED: 'NOT_LEADER_OR_FOLLOWER',
};

/** Any error from the log as a BrookError; an unclassified one becomes UNKNOWN_SERVER_ERROR. */
export function toBrookError(error: unknown): BrookError {
  if (error instanceof BrookError) return error;
  if (error instanceof StorageError) return new BrookError(STORAGE_KINDS[error.kind], error.message, { cause: error });
  if (error instanceof RecordBatchError) return new BrookError(error.kind, error.message, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new BrookError('UNKNOWN_SERVER_ERROR', message, { cause: error });
}
