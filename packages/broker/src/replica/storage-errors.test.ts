// Checks that every storage and codec failure reaches the client as the intended protocol error,
// keeping its message and its cause.
import { describe, expect, it } from 'vitest';
import { BrookError } from '@brook/protocol';
import { RecordBatchError } from '@brook/record-batch';
import { StorageError, type StorageErrorKind } from '@brook/storage';
import { toBrookError } from './storage-errors.js';

describe('toBrookError', () => {
  it.each<[StorageErrorKind, string]>([
    ['CORRUPT_MESSAGE', 'CORRUPT_MESSAGE'],
    ['MESSAGE_TOO_LARGE', 'MESSAGE_TOO_LARGE'],
    ['OFFSET_OUT_OF_RANGE', 'OFFSET_OUT_OF_RANGE'],
    ['UNSUPPORTED_FOR_MESSAGE_FORMAT', 'UNSUPPORTED_FOR_MESSAGE_FORMAT'],
    ['UNSUPPORTED_COMPRESSION_TYPE', 'UNSUPPORTED_COMPRESSION_TYPE'],
    ['KAFKA_STORAGE_ERROR', 'KAFKA_STORAGE_ERROR'],
    ['CORRUPT_SEGMENT', 'KAFKA_STORAGE_ERROR'],
    ['LOG_CLOSED', 'NOT_LEADER_OR_FOLLOWER'],
  ])('maps StorageError %s to %s', (kind, code) => {
    const cause = new StorageError(kind, `storage said ${kind}`);
    const error = toBrookError(cause);
    expect(error.code).toBe(code);
    expect(error.message).toBe(`storage said ${kind}`);
    expect(error.cause).toBe(cause);
  });

  it('maps codec errors by kind, keeps BrookErrors and hides nothing else', () => {
    expect(toBrookError(new RecordBatchError('CORRUPT_MESSAGE', 'bad crc')).code).toBe('CORRUPT_MESSAGE');
    const original = new BrookError('NOT_CONTROLLER');
    expect(toBrookError(original)).toBe(original);
    const unknown = toBrookError(new TypeError('boom'));
    expect([unknown.code, unknown.message]).toEqual(['UNKNOWN_SERVER_ERROR', 'boom']);
  });
});
