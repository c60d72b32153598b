// Limits the decoder enforces before it allocates, so that a hostile or corrupt batch costs at
// most a bounded amount of memory and time (STYLE.md: "a limit on everything"). Breaking one is
// a RecordBatchError MESSAGE_TOO_LARGE; a batch that contradicts itself (a record count its
// bytes cannot hold) is CORRUPT_MESSAGE.

export interface RecordBatchLimits {
  /** Whole batch, log overhead included. Kafka's default max.message.bytes is 1048588. */
  maxBatchBytes: number;
  /** Records one batch may declare. Kafka has no such limit; Brook keeps arrays bounded. */
  maxRecordsPerBatch: number;
  /** Headers one record may declare. */
  maxHeadersPerRecord: number;
  /**
   * Bytes a compressed records section may inflate to (zlib's maxOutputLength), so that a
   * "zip bomb" fails fast. Keys and values are views into the (decompressed) records section,
   * so they are bounded by this or by maxBatchBytes.
   */
  maxUncompressedBytes: number;
}

export const DEFAULT_RECORD_BATCH_LIMITS: Readonly<RecordBatchLimits> = Object.freeze({
  maxBatchBytes: 1_048_588,
  maxRecordsPerBatch: 1_000_000,
  maxHeadersPerRecord: 10_000,
  maxUncompressedBytes: 32 * 1024 * 1024,
});

/**
 * The smallest record: length, attributes, timestampDelta, offsetDelta, key length (-1), value
 * length (-1) and header count, one byte each. A declared record count is checked against the
 * bytes that could hold it before any array is sized from it.
 */
export const RECORD_BYTES_MIN = 7;

/**
 * The smallest header: an empty key (length 0) and a null value (length -1), one byte each.
 */
export const RECORD_HEADER_BYTES_MIN = 2;

/** Fills the missing fields of `limits` from the defaults and checks they are usable. */
export function resolveLimits(limits: Partial<RecordBatchLimits> | undefined): RecordBatchLimits {
  const resolved = { ...DEFAULT_RECORD_BATCH_LIMITS, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`record batch limit ${name} must be a positive integer, got ${value}`);
  }
  return resolved;
}
