// Serializers for the messages of the hot paths (produce, fetch and replica fetch, requests and
// answers), written straight into a framed buffer (framed-messages.ts): a batch is copied once,
// from the caller's buffer into the frame. protobufjs would copy it into its own buffer, and
// grpc-js would copy that buffer again into the frame; on the produce and replication paths those
// two copies of every byte were a tenth of a broker's CPU. protobufjs's serializer also converts
// the object with fromObject first: for the small requests (a consumer's fetch, a follower's
// replica fetch) that conversion was most of the cost of sending one.
//
// A message is described by its fields in field-number order (a MessageSpec) and written as
// protobufjs writes the same object after fromObject: every field the object sets (not null or
// undefined), zeros included, in field-number order; a repeated message field when non-empty; an
// int32 or int64 as a varint of its two's complement (10 bytes when negative); a string for a
// bytes field read as base64. framed-serializer.test.ts compares the bytes with protobufjs's.
import type { Long } from '@grpc/proto-loader';
import { allocateFramedMessage } from './framed-messages.js';

export type FieldKind = 'int32' | 'int64' | 'string' | 'bytes' | 'message';

export interface FieldSpec {
  readonly number: number;
  /** The field's name in the JavaScript object (camelCase). */
  readonly name: string;
  readonly kind: FieldKind;
  readonly repeated?: true;
  /** The fields of a 'message' field's type. */
  readonly message?: MessageSpec;
}

/** A message type's fields, in field-number order. */
export type MessageSpec = readonly FieldSpec[];

type Fields = Readonly<Record<string, unknown>>;
type Integer = number | string | bigint | Long;

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

function tagOf(field: FieldSpec): number {
  return (field.number << 3) | (field.kind === 'int32' || field.kind === 'int64' ? WIRE_VARINT : WIRE_LENGTH_DELIMITED);
}

/** An int32 or int64 as the unsigned value of its varint: a number when non-negative and safe, else a uint64 bigint. */
function varintValue(value: Integer): number | bigint {
  if (typeof value === 'number') {
    const whole = Math.trunc(value);
    if (Number.isSafeInteger(whole) && whole >= 0) return whole;
    return BigInt.asUintN(64, BigInt(Number.isFinite(whole) ? whole : 0));
  }
  return BigInt.asUintN(64, BigInt(String(value)));
}

function sizeOfVarint(value: number | bigint): number {
  let size = 1;
  if (typeof value === 'number') {
    while (value >= 0x80) {
      value = Math.floor(value / 128);
      size++;
    }
    return size;
  }
  while (value >= 0x80n) {
    value >>= 7n;
    size++;
  }
  return size;
}

function writeVarint(target: Buffer, position: number, value: number | bigint): number {
  if (typeof value === 'number') {
    while (value >= 0x80) {
      target[position++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    target[position++] = value;
    return position;
  }
  while (value >= 0x80n) {
    target[position++] = Number(value & 0x7fn) | 0x80;
    value >>= 7n;
  }
  target[position++] = Number(value);
  return position;
}

function bytesOf(value: unknown): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value, 'base64') : (value as Uint8Array);
}

/**
 * The size of `fields` as `spec`, in bytes. Each message's size is pushed to `sizes` in the order
 * writeMessage meets them (the message before its fields), so writing needs no second sizing.
 */
function sizeOfMessage(spec: MessageSpec, fields: Fields, sizes: number[]): number {
  const index = sizes.length;
  sizes.push(0);
  let bytes = 0;
  for (const field of spec) {
    const value = fields[field.name];
    if (value === null || value === undefined) continue;
    if (field.repeated === true) {
      for (const element of value as readonly Fields[]) {
        const size = sizeOfMessage(field.message!, element, sizes);
        bytes += 1 + sizeOfVarint(size) + size;
      }
      continue;
    }
    switch (field.kind) {
      case 'int32':
      case 'int64':
        bytes += 1 + sizeOfVarint(varintValue(value as Integer));
        break;
      case 'string': {
        const length = Buffer.byteLength(String(value), 'utf8');
        bytes += 1 + sizeOfVarint(length) + length;
        break;
      }
      case 'bytes': {
        const length = bytesOf(value).byteLength;
        bytes += 1 + sizeOfVarint(length) + length;
        break;
      }
      case 'message': {
        const size = sizeOfMessage(field.message!, value as Fields, sizes);
        bytes += 1 + sizeOfVarint(size) + size;
        break;
      }
    }
  }
  sizes[index] = bytes;
  return bytes;
}

interface Cursor {
  position: number;
  /** The next entry of `sizes` to use. */
  size: number;
}

function writeMessage(spec: MessageSpec, fields: Fields, target: Buffer, sizes: readonly number[], cursor: Cursor): void {
  cursor.size++; // this message's own size, written by the caller
  for (const field of spec) {
    const value = fields[field.name];
    if (value === null || value === undefined) continue;
    const tag = tagOf(field);
    if (field.repeated === true || field.kind === 'message') {
      const elements = field.repeated === true ? (value as readonly Fields[]) : [value as Fields];
      for (const element of elements) {
        target[cursor.position++] = tag;
        cursor.position = writeVarint(target, cursor.position, sizes[cursor.size]!);
        writeMessage(field.message!, element, target, sizes, cursor);
      }
      continue;
    }
    target[cursor.position++] = tag;
    switch (field.kind) {
      case 'int32':
      case 'int64':
        cursor.position = writeVarint(target, cursor.position, varintValue(value as Integer));
        break;
      case 'string': {
        const text = String(value);
        cursor.position = writeVarint(target, cursor.position, Buffer.byteLength(text, 'utf8'));
        cursor.position += target.write(text, cursor.position, 'utf8');
        break;
      }
      case 'bytes': {
        const bytes = bytesOf(value);
        cursor.position = writeVarint(target, cursor.position, bytes.byteLength);
        target.set(bytes, cursor.position);
        cursor.position += bytes.byteLength;
        break;
      }
    }
  }
}

/** A serializer of `spec` messages into framed buffers, for a grpc-js method definition. */
export function framedSerializer<T extends object>(spec: MessageSpec): (value: T) => Buffer {
  assertOneByteTags(spec);
  return (value) => {
    const sizes: number[] = [];
    const bytes = sizeOfMessage(spec, value as Fields, sizes);
    const target = allocateFramedMessage(bytes);
    const cursor: Cursor = { position: 0, size: 0 };
    writeMessage(spec, value as Fields, target, sizes, cursor);
    // Invariant: sizing and writing agree on every field.
    if (cursor.position !== bytes) throw new Error(`framed serializer wrote ${cursor.position} bytes, sized ${bytes}`);
    return target;
  };
}

function assertOneByteTags(spec: MessageSpec): void {
  for (const field of spec) {
    // Invariant: tags are written as one byte, so field numbers stay below 16.
    if (field.number >= 16) throw new Error(`framed serializer: field ${field.name} has number ${field.number}; only 1-15 are supported`);
    if (field.message !== undefined) assertOneByteTags(field.message);
  }
}

// ---- the hot paths' messages (replication.proto, produce.proto, fetch.proto) ------------------

const EPOCH_END_OFFSET: MessageSpec = [
  { number: 1, name: 'epoch', kind: 'int32' },
  { number: 2, name: 'endOffset', kind: 'int64' },
];

const REPLICA_FETCH_PARTITION_RESPONSE: MessageSpec = [
  { number: 1, name: 'topic', kind: 'string' },
  { number: 2, name: 'partition', kind: 'int32' },
  { number: 3, name: 'errorCode', kind: 'int32' },
  { number: 4, name: 'highWatermark', kind: 'int64' },
  { number: 5, name: 'logStartOffset', kind: 'int64' },
  { number: 6, name: 'logEndOffset', kind: 'int64' },
  { number: 7, name: 'divergingEpoch', kind: 'message', message: EPOCH_END_OFFSET },
  { number: 8, name: 'records', kind: 'bytes' },
];

/** replication.proto's ReplicaFetchResponse. */
export const REPLICA_FETCH_RESPONSE: MessageSpec = [{ number: 1, name: 'partitions', kind: 'message', repeated: true, message: REPLICA_FETCH_PARTITION_RESPONSE }];

const PRODUCE_PARTITION_DATA: MessageSpec = [
  { number: 1, name: 'partition', kind: 'int32' },
  { number: 2, name: 'records', kind: 'bytes' },
  { number: 3, name: 'leaderEpoch', kind: 'int32' },
];

const PRODUCE_TOPIC_DATA: MessageSpec = [
  { number: 1, name: 'name', kind: 'string' },
  { number: 2, name: 'partitions', kind: 'message', repeated: true, message: PRODUCE_PARTITION_DATA },
];

/** produce.proto's ProduceRequest. */
export const PRODUCE_REQUEST: MessageSpec = [
  { number: 1, name: 'acks', kind: 'int32' },
  { number: 2, name: 'timeoutMs', kind: 'int32' },
  { number: 3, name: 'topics', kind: 'message', repeated: true, message: PRODUCE_TOPIC_DATA },
];

/** produce.proto's ProduceStreamRequest. */
export const PRODUCE_STREAM_REQUEST: MessageSpec = [
  { number: 1, name: 'correlationId', kind: 'int64' },
  { number: 2, name: 'request', kind: 'message', message: PRODUCE_REQUEST },
];

const LEADER_HINT: MessageSpec = [
  { number: 1, name: 'leaderId', kind: 'int32' },
  { number: 2, name: 'leaderEpoch', kind: 'int32' },
];

const RECORD_ERROR: MessageSpec = [
  { number: 1, name: 'batchIndex', kind: 'int32' },
  { number: 2, name: 'message', kind: 'string' },
];

const PRODUCE_PARTITION_RESPONSE: MessageSpec = [
  { number: 1, name: 'partition', kind: 'int32' },
  { number: 2, name: 'errorCode', kind: 'int32' },
  { number: 3, name: 'errorMessage', kind: 'string' },
  { number: 4, name: 'baseOffset', kind: 'int64' },
  { number: 5, name: 'logAppendTimeMs', kind: 'int64' },
  { number: 6, name: 'logStartOffset', kind: 'int64' },
  { number: 7, name: 'recordErrors', kind: 'message', repeated: true, message: RECORD_ERROR },
  { number: 8, name: 'currentLeader', kind: 'message', message: LEADER_HINT },
];

const PRODUCE_TOPIC_RESPONSE: MessageSpec = [
  { number: 1, name: 'name', kind: 'string' },
  { number: 2, name: 'partitions', kind: 'message', repeated: true, message: PRODUCE_PARTITION_RESPONSE },
];

/** produce.proto's ProduceResponse. */
export const PRODUCE_RESPONSE: MessageSpec = [{ number: 1, name: 'topics', kind: 'message', repeated: true, message: PRODUCE_TOPIC_RESPONSE }];

/** produce.proto's ProduceStreamResponse. */
export const PRODUCE_STREAM_RESPONSE: MessageSpec = [
  { number: 1, name: 'correlationId', kind: 'int64' },
  { number: 2, name: 'response', kind: 'message', message: PRODUCE_RESPONSE },
  { number: 3, name: 'errorCode', kind: 'int32' },
  { number: 4, name: 'errorMessage', kind: 'string' },
];

const FETCH_PARTITION: MessageSpec = [
  { number: 1, name: 'partition', kind: 'int32' },
  { number: 2, name: 'fetchOffset', kind: 'int64' },
  { number: 3, name: 'partitionMaxBytes', kind: 'int32' },
  { number: 4, name: 'currentLeaderEpoch', kind: 'int32' },
];

const FETCH_TOPIC: MessageSpec = [
  { number: 1, name: 'name', kind: 'string' },
  { number: 2, name: 'partitions', kind: 'message', repeated: true, message: FETCH_PARTITION },
];

/** fetch.proto's FetchRequest. */
export const FETCH_REQUEST: MessageSpec = [
  { number: 1, name: 'maxWaitMs', kind: 'int32' },
  { number: 2, name: 'minBytes', kind: 'int32' },
  { number: 3, name: 'maxBytes', kind: 'int32' },
  { number: 4, name: 'topics', kind: 'message', repeated: true, message: FETCH_TOPIC },
];

/** fetch.proto's FetchStreamRequest. */
export const FETCH_STREAM_REQUEST: MessageSpec = [
  { number: 1, name: 'correlationId', kind: 'int64' },
  { number: 2, name: 'request', kind: 'message', message: FETCH_REQUEST },
];

const FETCH_PARTITION_RESPONSE: MessageSpec = [
  { number: 1, name: 'partition', kind: 'int32' },
  { number: 2, name: 'errorCode', kind: 'int32' },
  { number: 3, name: 'errorMessage', kind: 'string' },
  { number: 4, name: 'highWatermark', kind: 'int64' },
  { number: 5, name: 'lastStableOffset', kind: 'int64' },
  { number: 6, name: 'logStartOffset', kind: 'int64' },
  { number: 7, name: 'records', kind: 'bytes' },
  { number: 8, name: 'currentLeader', kind: 'message', message: LEADER_HINT },
];

const FETCH_TOPIC_RESPONSE: MessageSpec = [
  { number: 1, name: 'name', kind: 'string' },
  { number: 2, name: 'partitions', kind: 'message', repeated: true, message: FETCH_PARTITION_RESPONSE },
];

/** fetch.proto's FetchResponse. */
export const FETCH_RESPONSE: MessageSpec = [{ number: 1, name: 'topics', kind: 'message', repeated: true, message: FETCH_TOPIC_RESPONSE }];

/** fetch.proto's FetchStreamResponse. */
export const FETCH_STREAM_RESPONSE: MessageSpec = [
  { number: 1, name: 'correlationId', kind: 'int64' },
  { number: 2, name: 'response', kind: 'message', message: FETCH_RESPONSE },
  { number: 3, name: 'errorCode', kind: 'int32' },
  { number: 4, name: 'errorMessage', kind: 'string' },
];

const REPLICA_FETCH_PARTITION: MessageSpec = [
  { number: 1, name: 'topic', kind: 'string' },
  { number: 2, name: 'topicId', kind: 'string' },
  { number: 3, name: 'partition', kind: 'int32' },
  { number: 4, name: 'currentLeaderEpoch', kind: 'int32' },
  { number: 5, name: 'fetchOffset', kind: 'int64' },
  { number: 6, name: 'lastFetchedEpoch', kind: 'int32' },
  { number: 7, name: 'logStartOffset', kind: 'int64' },
  { number: 8, name: 'partitionMaxBytes', kind: 'int32' },
];

/** replication.proto's ReplicaFetchRequest. */
export const REPLICA_FETCH_REQUEST: MessageSpec = [
  { number: 1, name: 'clusterId', kind: 'string' },
  { number: 2, name: 'replicaId', kind: 'int32' },
  { number: 3, name: 'replicaEpoch', kind: 'int64' },
  { number: 4, name: 'maxWaitMs', kind: 'int32' },
  { number: 5, name: 'minBytes', kind: 'int32' },
  { number: 6, name: 'maxBytes', kind: 'int32' },
  { number: 7, name: 'partitions', kind: 'message', repeated: true, message: REPLICA_FETCH_PARTITION },
];
