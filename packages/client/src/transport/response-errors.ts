// Per-topic and per-partition failures arrive as `errorCode` numbers inside responses (not as
// gRPC statuses); these turn them into the same BrookErrors a failed call gives.
import { BrookError, errorCodeByNumber, type ErrorCodeName } from '@brook/protocol';

/** The BrookError for a response's errorCode, or null for 0 (NONE). */
export function errorFromCode(errorCode: number, errorMessage: string, context: string): BrookError | null {
  if (errorCode === 0) return null;
  const name = errorCodeByNumber(errorCode);
  const detail = errorMessage === '' ? undefined : `${context}: ${errorMessage}`;
  if (name === undefined || name === 'NONE') {
    // A code from a newer server: keep its number; not retried, since nothing says it may be.
    return new BrookError('UNKNOWN_SERVER_ERROR', `${context}: error code ${errorCode}${errorMessage === '' ? '' : `: ${errorMessage}`}`);
  }
  return new BrookError(name, detail ?? `${context}: ${new BrookError(name).message}`);
}

/**
 * Errors after which the client's view of leaders may be wrong, so metadata is refreshed before
 * the retry (Kafka's InvalidMetadataException family, plus a failed connection: the broker may be
 * gone for good).
 */
const METADATA_REFRESH_CODES: ReadonlySet<ErrorCodeName> = new Set<ErrorCodeName>([
  'NOT_LEADER_OR_FOLLOWER',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'NETWORK_EXCEPTION',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'KAFKA_STORAGE_ERROR',
  'REPLICA_NOT_AVAILABLE',
  'BROKER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_ID',
  // A leader that stopped answering (paused, partitioned away) times out rather than refusing:
  // its partitions may have a new leader by now (Kafka's Sender requests a metadata update on
  // a request timeout too).
  'REQUEST_TIMED_OUT',
]);

export function needsMetadataRefresh(error: BrookError): boolean {
  return METADATA_REFRESH_CODES.has(error.code);
}
