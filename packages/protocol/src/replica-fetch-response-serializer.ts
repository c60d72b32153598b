// The leader's serializer of BrookReplication.ReplicaFetch answers (replication.proto's
// ReplicaFetchResponse), byte for byte what protobufjs writes for the same object (every field
// the object sets, in field-number order; replica-fetch-response-serializer.test.ts compares the
// two), written into one framed buffer (framed-messages.ts). protobufjs would gather the fields,
// copy the batches into its own buffer, and grpc-js would copy that buffer again into the frame:
// here the batches are copied once, from the log's buffer into the frame.
import type { Long } from '@grpc/proto-loader';
import { allocateFramedMessage } from './framed-messages.js';
import type { ReplicaFetchPartitionResponse } from './generated/brook/v1/ReplicaFetchPartitionResponse.js';
import type { ReplicaFetchResponse } from './generated/brook/v1/ReplicaFetchResponse.js';

type Int64 = number | string | Long;

const TWO_POW_32 = 2 ** 32;

/** Bytes of a varint of the uint32 `value`. */
function sizeOfUint32(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x20_0000 ? 3 : value < 0x1000_0000 ? 4 : 5;
}

/** An int64 (or int32: protobuf writes a negative int32 sign-extended to 64 bits) as a uint64 bigint, or a number when it is a safe non-negative integer. */
function varintValue(value: Int64 | undefined | null): number | bigint {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return value;
    return BigInt.asUintN(64, BigInt(Math.trunc(value)));
  }
  return BigInt.asUintN(64, BigInt(String(value)));
}

function sizeOfVarint(value: number | bigint): number {
  if (typeof value === 'number') {
    if (value < TWO_POW_32) return sizeOfUint32(value);
    let size = 1;
    while (value >= 0x80) {
      value = Math.floor(value / 128);
      size++;
    }
    return size;
  }
  let size = 1;
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

function recordsOf(records: ReplicaFetchPartitionResponse['records']): Uint8Array | undefined {
  if (records === undefined || records === null) return undefined;
  // protobufjs reads a string for a bytes field as base64.
  return typeof records === 'string' ? Buffer.from(records, 'base64') : records;
}

/** One partition answer's fields in order, with the sizes the writer needs. */
interface SizedPartition {
  readonly answer: ReplicaFetchPartitionResponse;
  readonly topicBytes: number;
  readonly scalars: readonly (readonly [tag: number, value: number | bigint])[];
  readonly divergingBytes: number;
  readonly records: Uint8Array | undefined;
  readonly bytes: number;
}

function sizePartition(answer: ReplicaFetchPartitionResponse): SizedPartition {
  let bytes = 0;
  const topicBytes = answer.topic == null ? -1 : Buffer.byteLength(answer.topic, 'utf8');
  if (topicBytes >= 0) bytes += 1 + sizeOfUint32(topicBytes) + topicBytes;
  const scalars: (readonly [number, number | bigint])[] = [];
  const fields: readonly [number, Int64 | undefined | null][] = [
    [0x10, answer.partition],
    [0x18, answer.errorCode],
    [0x20, answer.highWatermark],
    [0x28, answer.logStartOffset],
    [0x30, answer.logEndOffset],
  ];
  for (const [tag, value] of fields) {
    if (value == null) continue;
    const varint = varintValue(value);
    scalars.push([tag, varint]);
    bytes += 1 + sizeOfVarint(varint);
  }
  let divergingBytes = -1;
  const diverging = answer.divergingEpoch;
  if (diverging != null) {
    divergingBytes = 0;
    if (diverging.epoch != null) divergingBytes += 1 + sizeOfVarint(varintValue(diverging.epoch));
    if (diverging.endOffset != null) divergingBytes += 1 + sizeOfVarint(varintValue(diverging.endOffset));
    bytes += 1 + sizeOfUint32(divergingBytes) + divergingBytes;
  }
  const records = recordsOf(answer.records);
  if (records !== undefined) bytes += 1 + sizeOfUint32(records.byteLength) + records.byteLength;
  return { answer, topicBytes, scalars, divergingBytes, records, bytes };
}

function writePartition(target: Buffer, position: number, sized: SizedPartition): number {
  const { answer } = sized;
  if (sized.topicBytes >= 0) {
    target[position++] = 0x0a;
    position = writeVarint(target, position, sized.topicBytes);
    position += target.write(answer.topic!, position, 'utf8');
  }
  for (const [tag, value] of sized.scalars) {
    target[position++] = tag;
    position = writeVarint(target, position, value);
  }
  if (sized.divergingBytes >= 0) {
    const diverging = answer.divergingEpoch!;
    target[position++] = 0x3a;
    position = writeVarint(target, position, sized.divergingBytes);
    if (diverging.epoch != null) {
      target[position++] = 0x08;
      position = writeVarint(target, position, varintValue(diverging.epoch));
    }
    if (diverging.endOffset != null) {
      target[position++] = 0x10;
      position = writeVarint(target, position, varintValue(diverging.endOffset));
    }
  }
  if (sized.records !== undefined) {
    target[position++] = 0x42;
    position = writeVarint(target, position, sized.records.byteLength);
    target.set(sized.records, position);
    position += sized.records.byteLength;
  }
  return position;
}

/** Serializes a ReplicaFetchResponse into a framed buffer (see the file comment). */
export function serializeReplicaFetchResponse(response: ReplicaFetchResponse): Buffer {
  const partitions = (response.partitions ?? []).map(sizePartition);
  let bytes = 0;
  for (const partition of partitions) bytes += 1 + sizeOfUint32(partition.bytes) + partition.bytes;
  const target = allocateFramedMessage(bytes);
  let position = 0;
  for (const partition of partitions) {
    target[position++] = 0x0a;
    position = writeVarint(target, position, partition.bytes);
    const end = writePartition(target, position, partition);
    // Invariant: sizePartition and writePartition agree on every field's size.
    if (end - position !== partition.bytes) throw new Error(`replica fetch partition wrote ${end - position} bytes, sized ${partition.bytes}`);
    position = end;
  }
  return target;
}
