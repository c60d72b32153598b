// What a leader checks in a produced batch before handing it to the log, from the 61-byte header
// only (the records are never decoded on the produce path, ARCHITECTURE.md "The produce path").
// An idempotent batch's producer id, epoch and sequence are the producer state's (Partition.append).
// The log then checks the length, magic and CRC itself (validateBatch) as it appends.
import { BrookError } from '@brook/protocol';
import {
  ATTRIBUTE_COMPRESSION_MASK,
  ATTRIBUTE_CONTROL_BIT,
  ATTRIBUTE_TRANSACTIONAL_BIT,
  MAGIC_V2,
  RECORD_BATCH_HEADER_BYTES,
  readBatchHeader,
  type RecordBatchHeader,
} from '@brook/record-batch';

/** Codec ids Brook stores: none (0) and gzip (1); consumers could not read the others. */
const SUPPORTED_CODECS = new Set([0, 1]);
/** Kafka's codec ids 2-4 (snappy, lz4, zstd); 5-7 are no codec at all. */
const KNOWN_CODECS_MAX = 4;

/** Checks the header of a produced batch against `maxMessageBytes` and Brook's feature set; returns the header. */
export function admitProducedBatch(batch: Uint8Array, maxMessageBytes: number): RecordBatchHeader {
  if (batch.byteLength > maxMessageBytes) {
    throw new BrookError('MESSAGE_TOO_LARGE', `batch of ${batch.byteLength} bytes is larger than the topic's max.message.bytes ${maxMessageBytes}`);
  }
  if (batch.byteLength < RECORD_BATCH_HEADER_BYTES) {
    throw new BrookError('CORRUPT_MESSAGE', `batch of ${batch.byteLength} bytes is shorter than the ${RECORD_BATCH_HEADER_BYTES}-byte RecordBatch v2 header`);
  }
  const header = readBatchHeader(batch);
  if (header.magic !== MAGIC_V2) throw new BrookError('UNSUPPORTED_FOR_MESSAGE_FORMAT', `batch magic is ${header.magic}; Brook accepts RecordBatch v2 (magic 2) only`);
  const codec = header.attributes & ATTRIBUTE_COMPRESSION_MASK;
  if (!SUPPORTED_CODECS.has(codec)) {
    if (codec <= KNOWN_CODECS_MAX) throw new BrookError('UNSUPPORTED_COMPRESSION_TYPE', `compression codec ${codec} is not supported; use none (0) or gzip (1)`);
    throw new BrookError('CORRUPT_MESSAGE', `compression codec ${codec} does not exist`);
  }
  // Control batches are written by transaction coordinators, never by producers (Kafka's
  // LogValidator refuses them the same way), and Brook has no transactions yet.
  if ((header.attributes & ATTRIBUTE_CONTROL_BIT) !== 0) throw new BrookError('INVALID_RECORD', 'producers may not write control batches');
  if ((header.attributes & ATTRIBUTE_TRANSACTIONAL_BIT) !== 0) throw new BrookError('INVALID_RECORD', 'transactional batches are not supported yet');
  if (header.recordCount <= 0) throw new BrookError('CORRUPT_MESSAGE', `batch declares ${header.recordCount} records`);
  return header;
}
