// Test helpers for packages that handle record batches (storage, broker, client): small valid
// batches with predictable contents, built with the real encoder. Exported as
// @brook/record-batch/testing; never imported by production code.
import { encodeRecordBatch, type RecordBatchInput } from '../encode.js';

const utf8 = new TextEncoder();

export interface TestBatchOptions {
  baseOffset?: bigint;
  recordCount?: number;
  /** Timestamp of the first record; each next record is 1 ms later. */
  baseTimestamp?: bigint;
  compression?: RecordBatchInput['compression'];
  partitionLeaderEpoch?: number;
  /** Distinguishes the values of different batches: record i's value is `${label}-${i}`. */
  label?: string;
}

/**
 * A valid batch of `recordCount` records (default 3) whose key is `key-${i}` and whose value
 * is `${label}-${i}`, with one header `h` = `${i}` per record.
 */
export function buildTestBatch(options: TestBatchOptions = {}): Uint8Array {
  const count = options.recordCount ?? 3;
  const baseTimestamp = options.baseTimestamp ?? 1_700_000_000_000n;
  const label = options.label ?? 'value';
  return encodeRecordBatch({
    baseOffset: options.baseOffset ?? 0n,
    partitionLeaderEpoch: options.partitionLeaderEpoch ?? 0,
    compression: options.compression ?? 'none',
    records: Array.from({ length: count }, (_, index) => ({
      key: utf8.encode(`key-${index}`),
      value: utf8.encode(`${label}-${index}`),
      headers: [{ key: 'h', value: utf8.encode(String(index)) }],
      timestamp: baseTimestamp + BigInt(index),
    })),
  });
}

/** A copy of `bytes` with `byteIndex` XORed with `mask` (default: flip the lowest bit). */
export function corruptByte(bytes: Uint8Array, byteIndex: number, mask = 0x01): Uint8Array {
  const copy = bytes.slice();
  copy[byteIndex] = (copy[byteIndex] ?? 0) ^ mask;
  return copy;
}

/** The batches laid end to end, as in a segment file or a fetch response. */
export function concatBatches(batches: readonly Uint8Array[]): Uint8Array {
  const total = batches.reduce((sum, batch) => sum + batch.byteLength, 0);
  const joined = new Uint8Array(total);
  let position = 0;
  for (const batch of batches) {
    joined.set(batch, position);
    position += batch.byteLength;
  }
  return joined;
}

/**
 * The seed for a property-test file: FC_SEED from the environment when set, else a fresh one.
 * It is printed either way, so any run can be reproduced (TESTING.md: "a failure prints the
 * seed"); fast-check also prints it with the counterexample when a property fails.
 */
export function propertySeed(label: string): number {
  const fromEnvironment = process.env.FC_SEED;
  const seed = fromEnvironment !== undefined && fromEnvironment !== '' ? Number(fromEnvironment) : Math.floor(Math.random() * 0x7fffffff);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`FC_SEED must be an integer, got ${fromEnvironment}`);
  console.log(`${label}: fast-check seed ${seed} (reproduce: FC_SEED=${seed})`);
  return seed;
}
