// The RecordBatch v2 decoder: one batch's bytes in, its header and records out. Every check
// happens before the allocation it protects (STYLE.md "a limit on everything"): the batch size
// against maxBatchBytes before the CRC is computed, the record count against the limit and
// against the bytes that could hold it before any record is read, inflation against
// maxUncompressedBytes inside zlib. Anything wrong is a RecordBatchError; nothing else escapes.
import { decodeAttributes, type BatchAttributes } from './attributes.js';
import { RECORD_BATCH_HEADER_BYTES, validateBatch, type RecordBatchHeader } from './batch-header.js';
import { decompressRecords } from './compression.js';
import { RecordBatchError } from './errors.js';
import { RECORD_BYTES_MIN, resolveLimits, type RecordBatchLimits } from './limits.js';
import { readRecord, type BatchRecord } from './record.js';
import type { ByteCursor } from './varint.js';

export interface DecodedRecordBatch {
  header: RecordBatchHeader;
  attributes: BatchAttributes;
  /** Key, value and header values are views into the input (or the inflated section), not copies. */
  records: BatchRecord[];
}

/**
 * Checks and decodes the one batch that occupies exactly `bytes`: size against the limits,
 * length, magic and CRC (validateBatch), codec, record count, and every record's framing; the
 * records must fill the records section exactly (Kafka: "Incorrect declared batch size").
 *
 * A batch declaring 0 records decodes to no records without its records section being read or
 * inflated, as Kafka's DefaultRecordBatch.iterator() does (compaction can leave such batches).
 * offsetDelta order and lastOffsetDelta are not checked here: they are the appending leader's
 * policy (Kafka's LogValidator), not framing.
 */
export function decodeRecordBatch(bytes: Uint8Array, limits?: Partial<RecordBatchLimits>): DecodedRecordBatch {
  const resolved = resolveLimits(limits);
  if (bytes.byteLength > resolved.maxBatchBytes) {
    throw new RecordBatchError('MESSAGE_TOO_LARGE', `record batch of ${bytes.byteLength} bytes is past maxBatchBytes (${resolved.maxBatchBytes})`);
  }
  const header = validateBatch(bytes);
  const attributes = decodeAttributes(header.attributes);
  if (header.recordCount > resolved.maxRecordsPerBatch) {
    throw new RecordBatchError('MESSAGE_TOO_LARGE', `record batch declares ${header.recordCount} records, past maxRecordsPerBatch (${resolved.maxRecordsPerBatch})`);
  }
  if (header.recordCount === 0) return { header, attributes, records: [] };

  const section = decompressRecords(attributes.compression, bytes.subarray(RECORD_BATCH_HEADER_BYTES), resolved.maxUncompressedBytes);
  return { header, attributes, records: readRecords(section, header.recordCount, resolved.maxHeadersPerRecord) };
}

/** Reads exactly `count` records that must fill `section`. */
function readRecords(section: Uint8Array, count: number, maxHeadersPerRecord: number): BatchRecord[] {
  // Checked before the loop so that a huge declared count cannot make the decoder work or
  // allocate in proportion to it: each record takes at least RECORD_BYTES_MIN bytes.
  if (count > section.byteLength / RECORD_BYTES_MIN) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `record batch declares ${count} records but its ${section.byteLength}-byte records section holds at most ${Math.floor(section.byteLength / RECORD_BYTES_MIN)}`);
  }
  const cursor: ByteCursor = { position: 0, end: section.byteLength };
  const records: BatchRecord[] = [];
  for (let index = 0; index < count; index++) {
    if (cursor.position >= cursor.end) {
      throw new RecordBatchError('CORRUPT_MESSAGE', `record batch declares ${count} records but its records section ends after ${index}`);
    }
    records.push(readRecord(section, cursor, maxHeadersPerRecord));
  }
  if (cursor.position !== cursor.end) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `record batch has ${cursor.end - cursor.position} bytes after its ${count} declared records`);
  }
  return records;
}

/** The absolute offset of a decoded record: baseOffset + offsetDelta. */
export function recordOffset(header: RecordBatchHeader, record: BatchRecord): bigint {
  return header.baseOffset + BigInt(record.offsetDelta);
}

/**
 * The timestamp of a decoded record: with log-append time, the batch's maxTimestamp (the time the
 * leader appended it); with create time, baseTimestamp + timestampDelta (Kafka's
 * DefaultRecordBatch: "if the timestamp type is LOG_APPEND_TIME, all records get maxTimestamp").
 */
export function recordTimestamp(header: RecordBatchHeader, record: BatchRecord): bigint {
  if (decodeAttributes(header.attributes).timestampType === 'log-append-time') return header.maxTimestamp;
  return header.baseTimestamp + record.timestampDelta;
}
