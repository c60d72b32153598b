// One record inside a batch, read here and written by record-writer.ts (PROTOCOL-NOTES.md section 1; Kafka docs "Message
// Format", DefaultRecord.java):
//
//   length varint            bytes after this field
//   attributes int8          unused, written 0, ignored on read (as Kafka does)
//   timestampDelta varlong   relative to the batch's baseTimestamp
//   offsetDelta varint       relative to the batch's baseOffset
//   keyLength varint, key    -1 = null key
//   valueLength varint, value  -1 = null value
//   headerCount varint, then per header:
//     keyLength varint, key (UTF-8, never null)
//     valueLength varint, value (-1 = null)
//
// A decoded timestampDelta is a bigint: the field is an int64 on the wire, a decoder must represent every
// value a batch can carry exactly, and it matches the bigint timestamps of the batch header.
// Reading is strict where Kafka is lenient about values no encoder writes: a length below -1 is
// corrupt (Kafka reads any negative length as null), as is a record whose fields do not end
// exactly at its length (Kafka: "Invalid record size").
import { RecordBatchError } from './errors.js';
import { RECORD_HEADER_BYTES_MIN } from './limits.js';
import { readVarint, readVarlong, type ByteCursor } from './varint.js';

export interface RecordHeader {
  key: string;
  value: Uint8Array | null;
}

/**
 * A record as stored in a batch. On decode, `key`, `value` and header values are views into the
 * batch's bytes (or into its decompressed records section): no copies are made, so a caller
 * that keeps them past the life of the buffer it decoded must copy them.
 */
export interface BatchRecord {
  offsetDelta: number;
  timestampDelta: bigint;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: RecordHeader[];
}

// Not fatal: Kafka decodes header keys with replacement characters, and a batch Kafka accepts
// should decode here too. ignoreBOM keeps a leading U+FEFF, which is part of the key (Java's
// String constructor keeps it too), instead of silently dropping it.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function readNullableBytes(bytes: Uint8Array, cursor: ByteCursor, what: string): Uint8Array | null {
  const length = readVarint(bytes, cursor);
  if (length === -1) return null;
  if (length < -1) throw new RecordBatchError('CORRUPT_MESSAGE', `record ${what} length is ${length}`);
  if (length > cursor.end - cursor.position) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `record ${what} of ${length} bytes runs past its record (${cursor.end - cursor.position} bytes left)`);
  }
  const view = bytes.subarray(cursor.position, cursor.position + length);
  cursor.position += length;
  return view;
}

function readHeaders(bytes: Uint8Array, cursor: ByteCursor, maxHeadersPerRecord: number): RecordHeader[] {
  const count = readVarint(bytes, cursor);
  if (count < 0) throw new RecordBatchError('CORRUPT_MESSAGE', `record header count is ${count}`);
  if (count > maxHeadersPerRecord) {
    throw new RecordBatchError('MESSAGE_TOO_LARGE', `record declares ${count} headers, past maxHeadersPerRecord (${maxHeadersPerRecord})`);
  }
  if (count * RECORD_HEADER_BYTES_MIN > cursor.end - cursor.position) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `record declares ${count} headers but has ${cursor.end - cursor.position} bytes left`);
  }
  const headers: RecordHeader[] = [];
  for (let index = 0; index < count; index++) {
    const key = readNullableBytes(bytes, cursor, 'header key');
    if (key === null) throw new RecordBatchError('CORRUPT_MESSAGE', 'record header key is null');
    headers.push({ key: utf8Decoder.decode(key), value: readNullableBytes(bytes, cursor, 'header value') });
  }
  return headers;
}

/**
 * Reads the record at `cursor.position`, bounded by `cursor.end`, and moves the cursor past it.
 * The record's own length must lie within the bound and its fields must fill it exactly.
 */
export function readRecord(bytes: Uint8Array, cursor: ByteCursor, maxHeadersPerRecord: number): BatchRecord {
  const recordStart = cursor.position;
  const length = readVarint(bytes, cursor);
  if (length < 0 || length > cursor.end - cursor.position) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `record at byte ${recordStart} has length ${length} but ${cursor.end - cursor.position} bytes remain`);
  }
  const body: ByteCursor = { position: cursor.position, end: cursor.position + length };
  if (length < 1) throw new RecordBatchError('CORRUPT_MESSAGE', `record at byte ${recordStart} has no attributes byte`);
  body.position++; // attributes: unused by every Kafka version so far.
  const timestampDelta = readVarlong(bytes, body);
  const offsetDelta = readVarint(bytes, body);
  const key = readNullableBytes(bytes, body, 'key');
  const value = readNullableBytes(bytes, body, 'value');
  const headers = readHeaders(bytes, body, maxHeadersPerRecord);
  if (body.position !== body.end) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `record at byte ${recordStart} declares ${length} bytes but its fields take ${body.position - (body.end - length)}`);
  }
  cursor.position = body.end;
  return { offsetDelta, timestampDelta, key, value, headers };
}
