// ListOffsets lookups on one partition (Kafka's UnifiedLog.fetchOffsetByTimestamp). Only
// offsets below the high watermark are ever reported, as consumers can read no further.
// These run on the admin path, not the produce or fetch hot path, so decoding one batch to find
// the exact record is affordable.
import { decodeRecordBatch, recordOffset, recordTimestamp, LOG_OVERHEAD_BYTES, RECORD_BATCH_HEADER_BYTES, batchSizeAt, readBatchHeader } from '@brook/record-batch';
import type { Partition } from './partition.js';

export interface FoundOffset {
  offset: number;
  timestamp: number;
  leaderEpoch: number;
}

/** Bytes read per step when scanning the log for the largest timestamp. */
const SCAN_CHUNK_BYTES = 1024 * 1024;

/** The first record at or after `timestampMs` below the high watermark, or undefined. */
export async function offsetForTimestamp(partition: Partition, timestampMs: number): Promise<FoundOffset | undefined> {
  const found = await partition.log.offsetForTimestamp(timestampMs);
  if (found === undefined) return undefined;
  return firstRecordAtOrAfter(partition, found.offset, (timestamp) => timestamp >= timestampMs);
}

/**
 * The record with the largest timestamp (the first of them if several share it) below the high
 * watermark (KIP-734). The segments' time indexes are not exposed by the log, so this walks the
 * batch headers of the whole readable log, without decoding records, then decodes the one batch
 * that holds the maximum: linear in the log's size, acceptable for an admin lookup.
 */
export async function offsetOfMaxTimestamp(partition: Partition): Promise<FoundOffset | undefined> {
  let best: { baseOffset: number; maxTimestamp: bigint } | undefined;
  let offset = partition.logStartOffset;
  const end = partition.highWatermark;
  while (offset < end) {
    const read = await partition.read(offset, SCAN_CHUNK_BYTES);
    if (read.bytes.byteLength === 0) break;
    for (let at = 0; at + RECORD_BATCH_HEADER_BYTES <= read.bytes.byteLength; ) {
      const header = readBatchHeader(read.bytes, at);
      if (best === undefined || header.maxTimestamp > best.maxTimestamp) best = { baseOffset: Number(header.baseOffset), maxTimestamp: header.maxTimestamp };
      at += Math.max(LOG_OVERHEAD_BYTES, batchSizeAt(read.bytes, at));
    }
    offset = read.nextOffset;
  }
  if (best === undefined) return undefined;
  const maxTimestamp = best.maxTimestamp;
  return firstRecordAtOrAfter(partition, Math.max(best.baseOffset, partition.logStartOffset), (timestamp) => BigInt(timestamp) === maxTimestamp);
}

/**
 * The first record at or after `fromOffset`, below the high watermark, whose timestamp matches:
 * decodes batch after batch from the one holding `fromOffset` (as Kafka scans forward from the
 * time index's entry), since record timestamps need not grow with offsets.
 */
async function firstRecordAtOrAfter(partition: Partition, fromOffset: number, matches: (timestamp: number) => boolean): Promise<FoundOffset | undefined> {
  let offset = fromOffset;
  while (offset < partition.highWatermark) {
    const read = await partition.read(offset, SCAN_CHUNK_BYTES);
    if (read.bytes.byteLength === 0) return undefined;
    for (let at = 0; at + RECORD_BATCH_HEADER_BYTES <= read.bytes.byteLength; ) {
      const size = batchSizeAt(read.bytes, at);
      const batch = decodeRecordBatch(read.bytes.subarray(at, at + size));
      for (const record of batch.records) {
        const recordAt = Number(recordOffset(batch.header, record));
        const timestamp = Number(recordTimestamp(batch.header, record));
        if (recordAt >= fromOffset && recordAt < partition.highWatermark && matches(timestamp)) return { offset: recordAt, timestamp, leaderEpoch: batch.header.partitionLeaderEpoch };
      }
      at += Math.max(LOG_OVERHEAD_BYTES, size);
    }
    offset = read.nextOffset;
  }
  return undefined;
}
