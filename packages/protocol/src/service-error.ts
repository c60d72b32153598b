// The two conversions between BrookError and gRPC status (ARCHITECTURE.md, "Errors, limits"):
// the server turns every request-level failure into a status with toServiceError, and the client
// turns every failed call back into a BrookError with fromServiceError. The exact code travels in
// trailing metadata, so the client rebuilds the very error the server raised; a status without
// that metadata came from the transport (or a non-Brook server) and is classified by its status.
import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import type { StatusObject } from '@grpc/grpc-js';
import { BrookError } from './brook-error.js';
import { ERROR_CODES, errorCodeByNumber, type ErrorCodeName } from './error-codes.js';
import { truncateErrorMessage } from './limits.js';

/** Trailing metadata key: the numeric error code, e.g. "6". */
export const ERROR_CODE_METADATA_KEY = 'brook-error-code';
/** Trailing metadata key: the error's name, e.g. "NOT_LEADER_OR_FOLLOWER" (for people and logs). */
export const ERROR_NAME_METADATA_KEY = 'brook-error-name';
/**
 * Trailing metadata key: "true" or "false". Redundant for codes both sides know; it lets a client
 * older than the server still retry a code it has never heard of correctly.
 */
export const ERROR_RETRIABLE_METADATA_KEY = 'brook-error-retriable';

/**
 * What a server handler passes to its callback (or throws): a gRPC status as an Error, the shape
 * grpc-js calls ServiceError. Its stack is only the first line, so nothing of the server's
 * internals can reach a client even if something serialises the whole object.
 */
export type BrookServiceError = StatusObject & Error;

/**
 * Turns any error into the gRPC status the server sends. A BrookError keeps its code; anything
 * else is a bug or an unclassified failure and becomes UNKNOWN_SERVER_ERROR with its message (the
 * caller logs the original with its stack; only the message crosses the wire).
 */
export function toServiceError(error: unknown): BrookServiceError {
  const brookError = error instanceof BrookError ? error : new BrookError('UNKNOWN_SERVER_ERROR', messageOf(error));
  const definition = ERROR_CODES[brookError.code];
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_METADATA_KEY, String(brookError.numericCode));
  metadata.set(ERROR_NAME_METADATA_KEY, brookError.code);
  metadata.set(ERROR_RETRIABLE_METADATA_KEY, String(brookError.retriable));
  const details = truncateErrorMessage(brookError.message);
  const serviceError = new Error(details) as BrookServiceError;
  serviceError.name = 'BrookServiceError';
  serviceError.stack = `BrookServiceError: ${details}`;
  serviceError.code = definition.grpcStatus;
  serviceError.details = details;
  serviceError.metadata = metadata;
  return serviceError;
}

/**
 * Turns a failed call back into a BrookError. Accepts what grpc-js hands a client callback (a
 * ServiceError), any StatusObject-like value, or an arbitrary thrown value.
 */
export function fromServiceError(error: unknown): BrookError {
  if (error instanceof BrookError) return error;
  const status = statusOf(error);
  if (status === undefined) return new BrookError('UNKNOWN_SERVER_ERROR', messageOf(error), { cause: error });
  const carried = carriedError(status, error);
  if (carried !== undefined) return carried;
  const code = TRANSPORT_STATUS_CODES.get(status.code) ?? 'UNKNOWN_SERVER_ERROR';
  const message = status.details === '' ? `gRPC status ${GrpcStatus[status.code] ?? status.code}` : status.details;
  return new BrookError(code, message, { cause: error });
}

// What a status means when no Brook server put a code on it: grpc-js raised it on the client
// (connection refused or lost, deadline passed, message too large, call cancelled) or the server
// is not Brook. Statuses missing here mean a bug on one side or the other: UNKNOWN_SERVER_ERROR.
const TRANSPORT_STATUS_CODES = new Map<GrpcStatus, ErrorCodeName>([
  // Connection refused, reset, or dropped, or no address resolved: the broker may be down or
  // moving; refresh metadata and retry (Kafka's NetworkException, retriable).
  [GrpcStatus.UNAVAILABLE, 'NETWORK_EXCEPTION'],
  // The call's deadline passed; the request may still take effect (Kafka's TimeoutException).
  [GrpcStatus.DEADLINE_EXCEEDED, 'REQUEST_TIMED_OUT'],
  [GrpcStatus.CANCELLED, 'REQUEST_CANCELLED'],
  // grpc-js raises RESOURCE_EXHAUSTED when a message exceeds max_(send|receive)_message_length.
  [GrpcStatus.RESOURCE_EXHAUSTED, 'RPC_MESSAGE_TOO_LARGE'],
  // The server does not have the method: it runs an older contract.
  [GrpcStatus.UNIMPLEMENTED, 'UNSUPPORTED_VERSION'],
  // The server could not parse the request.
  [GrpcStatus.INVALID_ARGUMENT, 'INVALID_REQUEST'],
]);

interface StatusLike {
  readonly code: GrpcStatus;
  readonly details: string;
  readonly metadata: Metadata | undefined;
}

function statusOf(error: unknown): StatusLike | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, details, metadata, message } = error as Partial<StatusObject> & { message?: unknown };
  if (typeof code !== 'number' || !Number.isInteger(code)) return undefined;
  return {
    code,
    details: typeof details === 'string' ? details : typeof message === 'string' ? message : '',
    metadata: metadata instanceof Metadata ? metadata : undefined,
  };
}

// The error a Brook server put in the trailing metadata, if it did.
function carriedError(status: StatusLike, cause: unknown): BrookError | undefined {
  const numeric = firstString(status.metadata, ERROR_CODE_METADATA_KEY);
  if (numeric === undefined || !/^-?\d+$/.test(numeric)) return undefined;
  // The server's flag wins over the table: it equals the table's unless the server overrode it
  // (a broker relaying an error it could not classify), and the server knows the error best.
  const retriableText = firstString(status.metadata, ERROR_RETRIABLE_METADATA_KEY);
  const options = { cause, ...(retriableText === undefined ? {} : { retriable: retriableText === 'true' }) };
  const name = errorCodeByNumber(Number(numeric));
  if (name !== undefined && name !== 'NONE') return new BrookError(name, status.details, options);
  // A code from a newer server that this table does not know: keep its number and name in the
  // message.
  const sentName = firstString(status.metadata, ERROR_NAME_METADATA_KEY) ?? 'unnamed';
  return new BrookError('UNKNOWN_SERVER_ERROR', `${sentName} (code ${numeric}): ${status.details}`, options);
}

function firstString(metadata: Metadata | undefined, key: string): string | undefined {
  const value = metadata?.get(key)[0];
  return typeof value === 'string' ? value : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'unexpected non-error value thrown';
}
