// Compression of a batch's records section. When the codec bits are set, everything after the
// 61-byte header is one compressed stream holding the records back to back; the header itself
// (record count included) stays uncompressed (Kafka docs "Message Format", DefaultRecordBatch).
//
// Brook supports gzip through node:zlib, synchronously: batches are at most maxBatchBytes, and
// the synchronous call is the only one that takes maxOutputLength and so bounds inflation.
// Snappy, LZ4 and zstd batches are refused with UNSUPPORTED_COMPRESSION_TYPE (Kafka error 76).
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CompressionType } from './attributes.js';
import { RecordBatchError } from './errors.js';

/** Compresses a records section for the encoder. */
export function compressRecords(compression: CompressionType, records: Uint8Array): Uint8Array {
  switch (compression) {
    case 'none':
      return records;
    case 'gzip':
      // Default level and header, as Kafka's GZIPOutputStream and kafkajs write them.
      return gzipSync(records);
    default:
      throw new RecordBatchError('UNSUPPORTED_COMPRESSION_TYPE', `Brook cannot write ${compression}-compressed batches`);
  }
}

/**
 * Decompresses a records section, never producing more than `maxUncompressedBytes`. A codec
 * Brook lacks is UNSUPPORTED_COMPRESSION_TYPE; an id no Kafka version defines (null) and a
 * stream that does not inflate are CORRUPT_MESSAGE; inflating past the limit is MESSAGE_TOO_LARGE.
 */
export function decompressRecords(compression: CompressionType | null, section: Uint8Array, maxUncompressedBytes: number): Uint8Array {
  switch (compression) {
    case 'none':
      return section;
    case 'gzip':
      return gunzipBounded(section, maxUncompressedBytes);
    case 'snappy':
    case 'lz4':
    case 'zstd':
      throw new RecordBatchError('UNSUPPORTED_COMPRESSION_TYPE', `record batch is ${compression}-compressed, which Brook does not support`);
    case null:
      throw new RecordBatchError('CORRUPT_MESSAGE', 'record batch attributes name a compression codec id (5-7) that Kafka does not define');
  }
}

function gunzipBounded(section: Uint8Array, maxUncompressedBytes: number): Uint8Array {
  try {
    const inflated = gunzipSync(section, { maxOutputLength: maxUncompressedBytes });
    return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
  } catch (error) {
    // node:zlib signals the output bound with RangeError ERR_BUFFER_TOO_LARGE and bad input
    // with Z_DATA_ERROR, Z_BUF_ERROR (truncated stream) and the like.
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new RecordBatchError('MESSAGE_TOO_LARGE', `gzip records section inflates past maxUncompressedBytes (${maxUncompressedBytes})`, { cause: error });
    }
    throw new RecordBatchError('CORRUPT_MESSAGE', `gzip records section does not inflate: ${(error as Error).message}`, { cause: error });
  }
}
