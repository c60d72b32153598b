// Micro-benchmark of the codec (a benchmark, not a test: it prints figures and never fails on
// them, TESTING.md "Benchmarks are not tests"). Run after a build:
//   pnpm --filter @brook/record-batch bench
// It measures encode and decode of a typical produce batch (100 records of 100-byte values, with
// and without gzip) and splitBatches with CRC checks over a segment-sized buffer. MB/s counts
// batch bytes as stored (compressed, for gzip).
import { performance } from 'node:perf_hooks';
import { decodeRecordBatch } from '../decode.js';
import { encodeRecordBatch, type RecordBatchInput } from '../encode.js';
import { splitBatches } from '../split.js';
import { concatBatches } from '../testing/index.js';

const recordsPerBatch = 100;
const valueBytes = 100;
const durationMsMin = 1000;

function sampleInput(compression: 'none' | 'gzip'): RecordBatchInput {
  const encoder = new TextEncoder();
  return {
    compression,
    records: Array.from({ length: recordsPerBatch }, (_, index) => ({
      key: encoder.encode(`key-${index}`),
      value: encoder.encode(`{"n":${index},"pad":"${'x'.repeat(valueBytes - 20)}"}`.slice(0, valueBytes)),
      headers: [{ key: 'trace', value: encoder.encode(String(index)) }],
      timestamp: 1_700_000_000_000n + BigInt(index),
    })),
  };
}

/** Runs `operation` for at least durationMsMin and returns operations per second. */
function measure(operation: () => void): number {
  for (let warmup = 0; warmup < 50; warmup++) operation();
  let count = 0;
  const start = performance.now();
  let elapsedMs = 0;
  while (elapsedMs < durationMsMin) {
    for (let batch = 0; batch < 20; batch++) operation();
    count += 20;
    elapsedMs = performance.now() - start;
  }
  return (count * 1000) / elapsedMs;
}

function report(name: string, operationsPerSecond: number, bytesPerOperation: number): void {
  const megabytesPerSecond = (operationsPerSecond * bytesPerOperation) / 1e6;
  console.log(`${name.padEnd(36)} ${operationsPerSecond.toFixed(0).padStart(9)} ops/s ${megabytesPerSecond.toFixed(1).padStart(8)} MB/s`);
}

for (const compression of ['none', 'gzip'] as const) {
  const input = sampleInput(compression);
  const batch = encodeRecordBatch(input);
  report(`encode ${recordsPerBatch} records (${compression})`, measure(() => encodeRecordBatch(input)), batch.byteLength);
  report(`decode ${recordsPerBatch} records (${compression})`, measure(() => decodeRecordBatch(batch)), batch.byteLength);
}

const segment = concatBatches(Array.from({ length: 100 }, () => encodeRecordBatch(sampleInput('none'))));
report('splitBatches, CRC checked (100 batches)', measure(() => {
  for (const view of splitBatches(segment)) if (view.header.recordCount !== recordsPerBatch) throw new Error('unexpected batch');
}), segment.byteLength);
