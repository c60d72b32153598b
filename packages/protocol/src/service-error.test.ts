// Checks toServiceError and fromServiceError without a network: every code survives the round
// trip with its name, number, retriable flag and message; unknown errors become
// UNKNOWN_SERVER_ERROR without leaking stacks; transport statuses (no Brook metadata) map to
// sensible Brook errors; codes from a newer server degrade safely.
import { readFileSync } from 'node:fs';
import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { BrookError, isBrookError } from './brook-error.js';
import { ERROR_CODES, ERROR_CODE_NAMES, type ErrorCodeName } from './error-codes.js';
import { ERROR_MESSAGE_LENGTH_MAX } from './limits.js';
import {
  ERROR_CODE_METADATA_KEY,
  ERROR_NAME_METADATA_KEY,
  ERROR_RETRIABLE_METADATA_KEY,
  fromServiceError,
  toServiceError,
} from './service-error.js';

const errorNames = ERROR_CODE_NAMES.filter((name) => name !== 'NONE');

describe('BrookError', () => {
  it('takes number, retriable flag and default message from the table', () => {
    const error = new BrookError('NOT_ENOUGH_REPLICAS');
    expect(error.numericCode).toBe(19);
    expect(error.retriable).toBe(true);
    expect(error.message).toBe(ERROR_CODES.NOT_ENOUGH_REPLICAS.description);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('BrookError');
  });

  it('keeps its cause', () => {
    const cause = new Error('disk full');
    expect(new BrookError('KAFKA_STORAGE_ERROR', 'append failed', { cause }).cause).toBe(cause);
  });

  it('refuses NONE, which is not an error', () => {
    expect(() => new BrookError('NONE')).toThrow(TypeError);
  });

  it('isBrookError filters by code', () => {
    const error = new BrookError('OFFSET_OUT_OF_RANGE');
    expect(isBrookError(error)).toBe(true);
    expect(isBrookError(error, 'OFFSET_OUT_OF_RANGE', 'NONE')).toBe(true);
    expect(isBrookError(error, 'NOT_LEADER_OR_FOLLOWER')).toBe(false);
    expect(isBrookError(new Error('x'))).toBe(false);
  });
});

describe('toServiceError then fromServiceError', () => {
  it.each(errorNames)('%s keeps its code, number, retriable flag and message', (name: ErrorCodeName) => {
    const serviceError = toServiceError(new BrookError(name, `detail for ${name}`));
    expect(serviceError.code).toBe(ERROR_CODES[name].grpcStatus);
    expect(serviceError.details).toBe(`detail for ${name}`);
    expect(serviceError.metadata.get(ERROR_CODE_METADATA_KEY)).toEqual([String(ERROR_CODES[name].code)]);
    expect(serviceError.metadata.get(ERROR_NAME_METADATA_KEY)).toEqual([name]);

    const rebuilt = fromServiceError(serviceError);
    expect(rebuilt.code).toBe(name);
    expect(rebuilt.numericCode).toBe(ERROR_CODES[name].code);
    expect(rebuilt.retriable).toBe(ERROR_CODES[name].retriable);
    expect(rebuilt.message).toBe(`detail for ${name}`);
    expect(rebuilt.cause).toBe(serviceError);
  });

  it('turns a non-Brook error into UNKNOWN_SERVER_ERROR with its message and no stack', () => {
    const bug = new TypeError('cannot read properties of undefined');
    const serviceError = toServiceError(bug);
    expect(serviceError.code).toBe(GrpcStatus.INTERNAL);
    expect(serviceError.details).toBe('cannot read properties of undefined');
    expect(serviceError.stack).not.toContain(' at ');
    expect(JSON.stringify({ ...serviceError, stack: serviceError.stack })).not.toContain('service-error.test');
    const rebuilt = fromServiceError(serviceError);
    expect(rebuilt.code).toBe('UNKNOWN_SERVER_ERROR');
    expect(rebuilt.retriable).toBe(false);
    expect(rebuilt.message).toBe('cannot read properties of undefined');
  });

  it('handles thrown values that are not errors', () => {
    expect(toServiceError('plain string').details).toBe('plain string');
    expect(toServiceError(undefined).details).toBe('unexpected non-error value thrown');
    expect(fromServiceError(42).code).toBe('UNKNOWN_SERVER_ERROR');
    expect(fromServiceError(null).code).toBe('UNKNOWN_SERVER_ERROR');
  });

  it('bounds the message it puts on the wire', () => {
    const serviceError = toServiceError(new BrookError('INVALID_REQUEST', 'x'.repeat(100_000)));
    expect(serviceError.details.length).toBe(ERROR_MESSAGE_LENGTH_MAX);
    expect(serviceError.details.endsWith('(truncated)')).toBe(true);
  });

  it('keeps a retriable flag the server overrode', () => {
    const relayed = new BrookError('UNKNOWN_SERVER_ERROR', 'controller relayed', { retriable: true });
    const rebuilt = fromServiceError(toServiceError(relayed));
    expect(rebuilt.code).toBe('UNKNOWN_SERVER_ERROR');
    expect(rebuilt.retriable).toBe(true);
  });

  it('returns a BrookError unchanged', () => {
    const error = new BrookError('REQUEST_TIMED_OUT');
    expect(fromServiceError(error)).toBe(error);
  });
});

function transportError(code: GrpcStatus, details: string, metadata = new Metadata()) {
  return Object.assign(new Error(`${code} ${GrpcStatus[code]}: ${details}`), { code, details, metadata });
}

describe('fromServiceError on statuses without Brook metadata', () => {
  const cases: [GrpcStatus, ErrorCodeName, boolean][] = [
    [GrpcStatus.UNAVAILABLE, 'NETWORK_EXCEPTION', true],
    [GrpcStatus.DEADLINE_EXCEEDED, 'REQUEST_TIMED_OUT', true],
    [GrpcStatus.CANCELLED, 'REQUEST_CANCELLED', true],
    [GrpcStatus.RESOURCE_EXHAUSTED, 'RPC_MESSAGE_TOO_LARGE', false],
    [GrpcStatus.UNIMPLEMENTED, 'UNSUPPORTED_VERSION', false],
    [GrpcStatus.INVALID_ARGUMENT, 'INVALID_REQUEST', false],
    [GrpcStatus.INTERNAL, 'UNKNOWN_SERVER_ERROR', false],
    [GrpcStatus.UNKNOWN, 'UNKNOWN_SERVER_ERROR', false],
    [GrpcStatus.NOT_FOUND, 'UNKNOWN_SERVER_ERROR', false],
    [GrpcStatus.PERMISSION_DENIED, 'UNKNOWN_SERVER_ERROR', false],
  ];

  it.each(cases)('status %i becomes %s (retriable %s)', (code, expected, retriable) => {
    const rebuilt = fromServiceError(transportError(code, 'No connection established'));
    expect(rebuilt.code).toBe(expected);
    expect(rebuilt.retriable).toBe(retriable);
    expect(rebuilt.message).toBe('No connection established');
  });

  it('matches the table in ERRORS.md', () => {
    const text = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8');
    const documented = [...text.matchAll(/^\| ([A-Z_]+) \| `([A-Z_]+)`/gm)];
    expect(documented.length).toBe(6);
    for (const [, statusName, codeName] of documented) {
      const code = GrpcStatus[statusName as keyof typeof GrpcStatus];
      expect(fromServiceError(transportError(code, 'x')).code, statusName).toBe(codeName);
    }
  });

  it('names the status when the transport gave no details', () => {
    expect(fromServiceError(transportError(GrpcStatus.UNAVAILABLE, '')).message).toBe('gRPC status UNAVAILABLE');
  });

  it('ignores a malformed brook-error-code and classifies by status', () => {
    const metadata = new Metadata();
    metadata.set(ERROR_CODE_METADATA_KEY, 'six');
    expect(fromServiceError(transportError(GrpcStatus.UNAVAILABLE, 'x', metadata)).code).toBe('NETWORK_EXCEPTION');
  });
});

describe('fromServiceError on codes this table does not know', () => {
  function newerServerError(retriable?: string) {
    const metadata = new Metadata();
    metadata.set(ERROR_CODE_METADATA_KEY, '120');
    metadata.set(ERROR_NAME_METADATA_KEY, 'TRANSACTION_ABORTABLE');
    if (retriable !== undefined) metadata.set(ERROR_RETRIABLE_METADATA_KEY, retriable);
    return transportError(GrpcStatus.FAILED_PRECONDITION, 'abort the transaction', metadata);
  }

  it('keeps the name, number and message and honours the sent retriable flag', () => {
    const rebuilt = fromServiceError(newerServerError('true'));
    expect(rebuilt.code).toBe('UNKNOWN_SERVER_ERROR');
    expect(rebuilt.message).toBe('TRANSACTION_ABORTABLE (code 120): abort the transaction');
    expect(rebuilt.retriable).toBe(true);
    expect(fromServiceError(newerServerError('false')).retriable).toBe(false);
  });

  it('falls back to not retriable when no flag was sent', () => {
    expect(fromServiceError(newerServerError()).retriable).toBe(false);
  });

  it('does not accept NONE as a failure code', () => {
    const metadata = new Metadata();
    metadata.set(ERROR_CODE_METADATA_KEY, '0');
    const rebuilt = fromServiceError(transportError(GrpcStatus.INTERNAL, 'odd', metadata));
    expect(rebuilt.code).toBe('UNKNOWN_SERVER_ERROR');
  });
});
