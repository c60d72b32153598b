// Checks the ErrorCode table against independent restatements: Kafka's numbers and retriable
// flags (from Kafka's Errors.java and its RetriableException subclasses), the lookup helpers, and
// ERRORS.md, which must list every code with the same number, flag and status (fastify-style
// docs check).
import { readFileSync } from 'node:fs';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import {
  BROOK_ERROR_CODE_MIN,
  ERROR_CODES,
  ERROR_CODE_NAMES,
  errorCodeByName,
  errorCodeByNumber,
  errorCodeDefinition,
  errorCodeNumber,
  type ErrorCodeName,
} from './error-codes.js';

// Kafka's numbers, restated from Errors.java so that an edit to the table cannot silently change
// what goes on the wire.
const kafkaNumbers: Partial<Record<ErrorCodeName, number>> = {
  UNKNOWN_SERVER_ERROR: -1, NONE: 0, OFFSET_OUT_OF_RANGE: 1, CORRUPT_MESSAGE: 2, UNKNOWN_TOPIC_OR_PARTITION: 3,
  INVALID_FETCH_SIZE: 4, LEADER_NOT_AVAILABLE: 5, NOT_LEADER_OR_FOLLOWER: 6, REQUEST_TIMED_OUT: 7,
  BROKER_NOT_AVAILABLE: 8, REPLICA_NOT_AVAILABLE: 9, MESSAGE_TOO_LARGE: 10, NETWORK_EXCEPTION: 13,
  COORDINATOR_LOAD_IN_PROGRESS: 14, COORDINATOR_NOT_AVAILABLE: 15, NOT_COORDINATOR: 16, INVALID_TOPIC_EXCEPTION: 17,
  RECORD_LIST_TOO_LARGE: 18, NOT_ENOUGH_REPLICAS: 19, NOT_ENOUGH_REPLICAS_AFTER_APPEND: 20, INVALID_REQUIRED_ACKS: 21,
  ILLEGAL_GENERATION: 22, UNKNOWN_MEMBER_ID: 25, REBALANCE_IN_PROGRESS: 27, INVALID_TIMESTAMP: 32,
  UNSUPPORTED_VERSION: 35, TOPIC_ALREADY_EXISTS: 36, INVALID_PARTITIONS: 37, INVALID_REPLICATION_FACTOR: 38,
  INVALID_CONFIG: 40, NOT_CONTROLLER: 41, INVALID_REQUEST: 42, UNSUPPORTED_FOR_MESSAGE_FORMAT: 43,
  POLICY_VIOLATION: 44, OUT_OF_ORDER_SEQUENCE_NUMBER: 45, DUPLICATE_SEQUENCE_NUMBER: 46, INVALID_PRODUCER_EPOCH: 47,
  KAFKA_STORAGE_ERROR: 56, UNKNOWN_PRODUCER_ID: 59, GROUP_ID_NOT_FOUND: 69, FENCED_LEADER_EPOCH: 74,
  UNKNOWN_LEADER_EPOCH: 75, UNSUPPORTED_COMPRESSION_TYPE: 76, STALE_BROKER_EPOCH: 77, OFFSET_NOT_AVAILABLE: 78,
  PREFERRED_LEADER_NOT_AVAILABLE: 80, FENCED_INSTANCE_ID: 82, ELIGIBLE_LEADERS_NOT_AVAILABLE: 83,
  ELECTION_NOT_NEEDED: 84, INVALID_RECORD: 87, THROTTLING_QUOTA_EXCEEDED: 89, PRODUCER_FENCED: 90, INVALID_UPDATE_VERSION: 95, UNKNOWN_TOPIC_ID: 100,
  DUPLICATE_BROKER_REGISTRATION: 101, BROKER_ID_NOT_REGISTERED: 102, INCONSISTENT_CLUSTER_ID: 104,
  INELIGIBLE_REPLICA: 107, NEW_LEADER_ELECTED: 108, FENCED_MEMBER_EPOCH: 110, UNRELEASED_INSTANCE_ID: 111,
  UNSUPPORTED_ASSIGNOR: 112, STALE_MEMBER_EPOCH: 113,
};

// The Kafka codes whose exception extends RetriableException (directly or through
// InvalidMetadataException), plus the Brook-only REQUEST_CANCELLED.
const retriableNames: ErrorCodeName[] = [
  'CORRUPT_MESSAGE', 'UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_LEADER_OR_FOLLOWER',
  'REQUEST_TIMED_OUT', 'REPLICA_NOT_AVAILABLE', 'NETWORK_EXCEPTION', 'COORDINATOR_LOAD_IN_PROGRESS',
  'COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR', 'NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'NOT_CONTROLLER', 'KAFKA_STORAGE_ERROR', 'FENCED_LEADER_EPOCH', 'UNKNOWN_LEADER_EPOCH', 'OFFSET_NOT_AVAILABLE',
  'PREFERRED_LEADER_NOT_AVAILABLE', 'ELIGIBLE_LEADERS_NOT_AVAILABLE', 'ELECTION_NOT_NEEDED',
  'THROTTLING_QUOTA_EXCEEDED', 'UNKNOWN_TOPIC_ID', 'REQUEST_CANCELLED',
];

describe('ERROR_CODES', () => {
  it('uses Kafka numbers for every Kafka error, and the Brook range for the rest', () => {
    for (const name of ERROR_CODE_NAMES) {
      const expected = kafkaNumbers[name];
      if (expected === undefined) {
        expect(ERROR_CODES[name].code, name).toBeGreaterThanOrEqual(BROOK_ERROR_CODE_MIN);
      } else {
        expect(ERROR_CODES[name].code, name).toBe(expected);
      }
    }
    expect(Object.keys(kafkaNumbers).filter((name) => errorCodeByName(name) === undefined)).toEqual([]);
  });

  it('has no two rows with the same number', () => {
    const numbers = ERROR_CODE_NAMES.map((name) => ERROR_CODES[name].code);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('marks exactly Kafka\'s retriable errors retriable', () => {
    const retriable = ERROR_CODE_NAMES.filter((name) => ERROR_CODES[name].retriable);
    expect([...retriable].sort()).toEqual([...retriableNames].sort());
  });

  it('maps only NONE to gRPC OK, and gives every row a description', () => {
    for (const name of ERROR_CODE_NAMES) {
      expect(ERROR_CODES[name].grpcStatus === GrpcStatus.OK, name).toBe(name === 'NONE');
      expect(ERROR_CODES[name].description.length, name).toBeGreaterThan(10);
    }
  });

  it('looks codes up by number and by name', () => {
    for (const name of ERROR_CODE_NAMES) {
      expect(errorCodeByNumber(errorCodeNumber(name))).toBe(name);
      expect(errorCodeByName(name)).toBe(name);
      expect(errorCodeDefinition(name)).toBe(ERROR_CODES[name]);
    }
    expect(errorCodeByNumber(6)).toBe('NOT_LEADER_OR_FOLLOWER');
    expect(errorCodeByNumber(12)).toBeUndefined();
    expect(errorCodeByNumber(9999)).toBeUndefined();
    expect(errorCodeByName('not_leader_or_follower')).toBeUndefined();
    // Inherited properties of the table object are not codes.
    expect(errorCodeByName('toString')).toBeUndefined();
    expect(errorCodeByName('__proto__')).toBeUndefined();
  });
});

describe('ERRORS.md', () => {
  const text = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8');
  const rows = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const match = /^\| `([A-Z_]+)` \|(.*)\|$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) rows.set(match[1], match[2].split('|').map((cell) => cell.trim()));
  }

  it('lists every code with its number, retriable flag, gRPC status and a meaning', () => {
    const missing = ERROR_CODE_NAMES.filter((name) => !rows.has(name));
    expect(missing, 'codes missing from ERRORS.md').toEqual([]);
    for (const name of ERROR_CODE_NAMES) {
      const [code, retriable, status, meaning] = rows.get(name) ?? [];
      const definition = ERROR_CODES[name];
      expect(code, name).toBe(String(definition.code));
      expect(retriable, name).toBe(definition.retriable ? 'yes' : 'no');
      expect(status, name).toBe(GrpcStatus[definition.grpcStatus]);
      expect(meaning?.length ?? 0, name).toBeGreaterThan(10);
    }
  });

  it('documents no code that the table does not have', () => {
    expect([...rows.keys()].filter((name) => errorCodeByName(name) === undefined)).toEqual([]);
  });
});
