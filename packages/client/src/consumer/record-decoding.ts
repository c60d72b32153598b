// Turns a partition's fetched bytes (whole RecordBatch v2 batches, concatenated) into messages.
// The first batch may start before the offset asked for (the broker never splits a batch), so
// records below it are skipped; control batches (transaction markers) carry no user records and
// are skipped too. The next fetch offset is the end of the last batch, so a batch whose records
// were all compacted away still moves the position forward.
import { BrookError } from '@brook/protocol';
import { RecordBatchError, decodeRecordBatch, recordOffset, recordTimestamp, splitBatches } from '@brook/record-batch';
import type { ConsumerMessage } from './consumer-types.js';

export interface DecodedFetch {
  readonly messages: ConsumerMessage[];
  /** The offset after the last batch read, or fetchOffset when there was none. */
  readonly nextOffset: bigint;
}

// The decoder's views are subarrays of the fetched Buffer (or of zlib's output Buffer), and a
// Buffer's subarray is already a Buffer: wrapping again would allocate an object per key, value
// and header for nothing.
const asBuffer = (bytes: Uint8Array | null): Buffer | null =>
  bytes === null ? null : Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function decodeFetchedRecords(records: Buffer, fetchOffset: bigint, context: string): DecodedFetch {
  const messages: ConsumerMessage[] = [];
  let nextOffset = fetchOffset;
  try {
    // A partial batch at the end is not an error: it is the rest of a batch a byte limit cut.
    // The size limit protects allocations made before bytes are read; these bytes already arrived
    // within the gRPC message limit, so a batch as large as the response is acceptable (a topic's
    // max.message.bytes may exceed the codec's 1 MiB default).
    const maxBatchBytes = Math.max(records.byteLength, 1);
    for (const { bytes } of splitBatches(records, { partialTail: 'stop', maxBatchBytes })) {
      const { header, attributes, records: batchRecords } = decodeRecordBatch(bytes, { maxBatchBytes });
      const batchEnd = header.baseOffset + BigInt(header.lastOffsetDelta) + 1n;
      if (batchEnd > nextOffset) nextOffset = batchEnd;
      if (attributes.control) continue;
      for (const record of batchRecords) {
        const offset = recordOffset(header, record);
        if (offset < fetchOffset) continue;
        messages.push({
          offset,
          key: asBuffer(record.key),
          value: asBuffer(record.value),
          headers: record.headers.map((h) => ({ key: h.key, value: asBuffer(h.value) })),
          timestamp: recordTimestamp(header, record),
        });
      }
    }
  } catch (error) {
    if (error instanceof RecordBatchError) throw new BrookError('CORRUPT_MESSAGE', `${context}: ${error.message}`, { cause: error });
    throw error;
  }
  return { messages, nextOffset };
}
