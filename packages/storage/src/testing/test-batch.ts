// Builds RecordBatch v2 byte strings for tests and the benchmark: a correct 61-byte header
// (PROTOCOL-NOTES.md section 1, FORMAT.md section 2) over opaque "records" bytes, with a correct
// CRC-32C. The log never decodes records, so opaque bytes exercise it fully; the record codec
// belongs to @brook/record-batch.
import {
  ATTRIBUTES_OFFSET,
  BASE_OFFSET_OFFSET,
  BASE_SEQUENCE_OFFSET,
  BASE_TIMESTAMP_OFFSET,
  BATCH_LENGTH_OFFSET,
  CRC_OFFSET,
  LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD_BYTES,
  MAGIC_OFFSET,
  MAGIC_V2,
  MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  RECORD_BATCH_HEADER_BYTES,
  RECORD_COUNT_OFFSET,
  computeBatchCrc,
} from '@brook/record-batch';

export interface TestBatchOptions {
  recordCount?: number;
  /** The opaque bytes after the header (default: `payloadBytes` bytes of a repeating pattern). */
  payload?: Uint8Array;
  payloadBytes?: number;
  baseTimestamp?: number;
  maxTimestamp?: number;
  baseOffset?: number;
  partitionLeaderEpoch?: number;
  attributes?: number;
  magic?: number;
}

export function buildTestBatch(options: TestBatchOptions = {}): Uint8Array {
  const recordCount = options.recordCount ?? 1;
  const payload = options.payload ?? patternBytes(options.payloadBytes ?? 16, recordCount);
  const size = RECORD_BATCH_HEADER_BYTES + payload.byteLength;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  const baseTimestamp = options.baseTimestamp ?? 1_700_000_000_000;
  view.setBigInt64(BASE_OFFSET_OFFSET, BigInt(options.baseOffset ?? 0));
  view.setInt32(BATCH_LENGTH_OFFSET, size - LOG_OVERHEAD_BYTES);
  view.setInt32(PARTITION_LEADER_EPOCH_OFFSET, options.partitionLeaderEpoch ?? -1);
  view.setInt8(MAGIC_OFFSET, options.magic ?? MAGIC_V2);
  view.setInt16(ATTRIBUTES_OFFSET, options.attributes ?? 0);
  view.setInt32(LAST_OFFSET_DELTA_OFFSET, recordCount - 1);
  view.setBigInt64(BASE_TIMESTAMP_OFFSET, BigInt(baseTimestamp));
  view.setBigInt64(MAX_TIMESTAMP_OFFSET, BigInt(options.maxTimestamp ?? baseTimestamp));
  view.setBigInt64(PRODUCER_ID_OFFSET, -1n);
  view.setInt16(PRODUCER_EPOCH_OFFSET, -1);
  view.setInt32(BASE_SEQUENCE_OFFSET, -1);
  view.setInt32(RECORD_COUNT_OFFSET, recordCount);
  bytes.set(payload, RECORD_BATCH_HEADER_BYTES);
  view.setUint32(CRC_OFFSET, computeBatchCrc(bytes, 0, size));
  return bytes;
}

/** Several batches laid end to end with consecutive offsets from `baseOffset`, as a follower receives them. */
export function buildTestBatches(baseOffset: number, batches: TestBatchOptions[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let offset = baseOffset;
  for (const options of batches) {
    parts.push(buildTestBatch({ ...options, baseOffset: offset }));
    offset += options.recordCount ?? 1;
  }
  return Buffer.concat(parts);
}

function patternBytes(length: number, salt: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + salt * 7) & 0xff;
  return bytes;
}
