// Serializers for the messages of the hot paths (produce, fetch and replica fetch, requests and
// answers), written straight into a framed buffer (framed-messages.ts): a batch is copied once,
// from the caller's buffer into the frame. protobufjs would copy it into its own buffer, and
// grpc-js would copy that buffer again into the frame; on the produce and replication paths those
// two copies of every byte were a tenth of a broker's CPU. protobufjs's serializer also converts
// the object with fromObject first: for the small requests (a consumer's fetch, a follower's
// replica fetch) that conversion was most of the cost of sending one.
//
// A message is described by its fields in field-number order (a MessageSpec, derived from the
// protobufjs type of the .proto: messageSpecOf) and written as
// protobufjs writes the same object after fromObject: every field the object sets (not null or
// undefined), zeros included, in field-number order; a repeated message field when non-empty; an
// int32 or int64 as a varint of its two's complement (10 bytes when negative); a bool as one
// byte, 1 when truthy (protobufjs's fromObject takes Boolean(value)); a string for a bytes
// field read as base64. framed-serializer.test.ts compares the bytes with protobufjs's.
import type { Long } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { brookProtobufRoot } from './loader.js';
import { allocateFramedMessage } from './framed-messages.js';

export type FieldKind = 'bool' | 'int32' | 'int64' | 'string' | 'bytes' | 'message';

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
  return (field.number << 3) | (field.kind === 'bool' || field.kind === 'int32' || field.kind === 'int64' ? WIRE_VARINT : WIRE_LENGTH_DELIMITED);
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
      case 'bool':
        bytes += 2;
        break;
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
      case 'bool':
        target[cursor.position++] = value ? 1 : 0;
        break;
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

const SCALAR_KINDS: ReadonlySet<string> = new Set<FieldKind>(['bool', 'int32', 'int64', 'string', 'bytes']);

/** The fields of a protobufjs message type as a MessageSpec; refuses field types the serializer does not write. */
export function messageSpecOf(type: protobuf.Type): MessageSpec {
  return [...type.fieldsArray]
    .sort((a, b) => a.id - b.id)
    .map((field): FieldSpec => {
      const resolved = field.resolve().resolvedType;
      if (field.map) throw new Error(`framed serializer: ${type.fullName}.${field.name} is a map`);
      if (resolved instanceof protobuf.Type) return { number: field.id, name: field.name, kind: 'message', message: messageSpecOf(resolved), ...(field.repeated ? { repeated: true as const } : {}) };
      if (field.repeated || !SCALAR_KINDS.has(field.type)) throw new Error(`framed serializer: ${type.fullName}.${field.name} (${field.repeated ? 'repeated ' : ''}${field.type}) is not supported`);
      return { number: field.id, name: field.name, kind: field.type as FieldKind };
    });
}

/**
 * framedSerializer for the contract's message type `typeName` (brook.v1.X), its spec derived from
 * the .proto on the first message serialized (no .proto is read when a process never sends one).
 */
export function contractSerializer<T extends object>(typeName: string): (value: T) => Buffer {
  let serialize: ((value: T) => Buffer) | undefined;
  return (value) => (serialize ??= framedSerializer<T>(messageSpecOf(brookProtobufRoot().lookupType(typeName))))(value);
}
