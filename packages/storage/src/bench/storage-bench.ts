// Storage benchmark (not a test; TESTING.md "Benchmarks are not tests"): durable appends of 1 KiB
// records in batches of 16 KiB, 64 KiB, 256 KiB and 1 MiB through SegmentedLog with the default
// group-commit flush policy on the real disk, then sequential reads of the same bytes (from the
// page cache), and, on the same file system, `dd ... conv=fdatasync` of the same size as the
// physical reference. Prints MB/s, records/s and the ratio to dd.
//
// Run: pnpm build && pnpm bench:storage. Environment: BENCH_MB (MiB per round, default 40, at
// most 256), BENCH_ROUNDS (default 3), BENCH_BATCH_KIB (one batch size only), BENCH_WINDOW_MB
// (un-durable bytes the producers may have in flight, default 32), BENCH_DIR (parent directory,
// default the OS temporary directory). Bounded: 4 sizes x 3 rounds x 40 MiB = 480 MiB of log, the
// same again for dd, all removed at the end.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SegmentedLog } from '../log/segmented-log.js';
import { NodeFileSystem } from '../fs/node-file-system.js';
import { buildTestBatch } from '../testing/test-batch.js';

const MIB = 1024 * 1024;
const RECORD_BYTES = 1024;
const BATCH_SIZES = process.env.BENCH_BATCH_KIB !== undefined ? [Number(process.env.BENCH_BATCH_KIB) * 1024] : [16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024];
const MEGABYTES_PER_ROUND = Math.min(Number(process.env.BENCH_MB ?? 40), 256);
/** Rounds per batch size, alternating log and dd; the median of each is printed (a shared machine is noisy). */
const ROUNDS = Math.min(Number(process.env.BENCH_ROUNDS ?? 3), 9);
/** Bytes appended but not yet durable before the "producers" wait: a bounded pipeline, like max in-flight requests. */
const DURABILITY_WINDOW_BYTES = Number(process.env.BENCH_WINDOW_MB ?? 32) * MIB;

interface Figures {
  megabytesPerSecond: number;
  recordsPerSecond: number;
}

function figures(bytes: number, records: number, milliseconds: number): Figures {
  return { megabytesPerSecond: bytes / MIB / (milliseconds / 1000), recordsPerSecond: records / (milliseconds / 1000) };
}

async function appendDurably(log: SegmentedLog, batchBytes: number, totalBytes: number): Promise<Figures> {
  const batch = buildTestBatch({ recordCount: batchBytes / RECORD_BYTES, payloadBytes: batchBytes - 61 });
  const batches = Math.floor(totalBytes / batchBytes);
  const pending: Array<{ bytes: number; durable: Promise<void> }> = [];
  let pendingBytes = 0;
  const start = performance.now();
  for (let i = 0; i < batches; i++) {
    const result = await log.append(batch, { partitionLeaderEpoch: 0 });
    pending.push({ bytes: batchBytes, durable: log.flushedUpTo(result.lastOffset + 1) });
    pendingBytes += batchBytes;
    while (pendingBytes > DURABILITY_WINDOW_BYTES) {
      const oldest = pending.shift();
      if (oldest === undefined) break;
      await oldest.durable;
      pendingBytes -= oldest.bytes;
    }
  }
  await Promise.all(pending.map((p) => p.durable));
  return figures(batches * batchBytes, batches * (batchBytes / RECORD_BYTES), performance.now() - start);
}

async function readSequentially(log: SegmentedLog, batchBytes: number): Promise<Figures> {
  const maxBytes = Math.max(MIB, batchBytes);
  let offset = log.logStartOffset;
  let bytes = 0;
  const start = performance.now();
  while (offset < log.logEndOffset) {
    const read = await log.read(offset, maxBytes);
    bytes += read.bytes.byteLength;
    offset = read.nextOffset;
  }
  return figures(bytes, log.logEndOffset, performance.now() - start);
}

function ddMegabytesPerSecond(directory: string, megabytes: number): number {
  const file = join(directory, 'dd.bin');
  const start = performance.now();
  const result = spawnSync('dd', ['if=/dev/zero', `of=${file}`, 'bs=1M', `count=${megabytes}`, 'conv=fdatasync'], { stdio: 'ignore' });
  const milliseconds = performance.now() - start;
  spawnSync('rm', ['-f', file]);
  if (result.status !== 0) throw new Error(`dd failed with status ${String(result.status)}`);
  return megabytes / (milliseconds / 1000);
}

interface Round {
  append: Figures;
  read: Figures;
  readUnchecked: Figures;
  ddMegabytesPerSecond: number;
}

async function benchmarkRound(parent: string, batchBytes: number): Promise<Round> {
  const directory = join(parent, `log-${batchBytes}`);
  const log = await SegmentedLog.open({ fileSystem: new NodeFileSystem(), directory, maxMessageBytes: 2 * MIB, retentionMs: -1 });
  const append = await appendDurably(log, batchBytes, MEGABYTES_PER_ROUND * MIB);
  const read = await readSequentially(log, batchBytes);
  await log.close();
  // The same reads without the CRC check (Kafka's broker does not check on fetch; its consumers do).
  const unchecked = await SegmentedLog.open({ fileSystem: new NodeFileSystem(), directory, verifyCrcOnRead: false });
  const readUnchecked = await readSequentially(unchecked, batchBytes);
  await unchecked.close();
  await rm(directory, { recursive: true, force: true });
  return { append, read, readUnchecked, ddMegabytesPerSecond: ddMegabytesPerSecond(parent, MEGABYTES_PER_ROUND) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function benchmarkBatchSize(parent: string, batchBytes: number): Promise<void> {
  const rounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) rounds.push(await benchmarkRound(parent, batchBytes));
  const appendMegabytes = median(rounds.map((r) => r.append.megabytesPerSecond));
  const dd = median(rounds.map((r) => r.ddMegabytesPerSecond));
  const line = [
    `batch ${String(batchBytes / 1024).padStart(4)} KiB`,
    `append ${appendMegabytes.toFixed(1).padStart(6)} MB/s ${Math.round(median(rounds.map((r) => r.append.recordsPerSecond))).toString().padStart(7)} rec/s`,
    `read ${median(rounds.map((r) => r.read.megabytesPerSecond)).toFixed(0).padStart(5)} MB/s ${Math.round(median(rounds.map((r) => r.read.recordsPerSecond))).toString().padStart(8)} rec/s`,
    `read w/o CRC ${median(rounds.map((r) => r.readUnchecked.megabytesPerSecond)).toFixed(0).padStart(5)} MB/s`,
    `dd ${dd.toFixed(1).padStart(6)} MB/s`,
    `append/dd ${(appendMegabytes / dd).toFixed(2)}`,
  ];
  console.log(line.join(' | '));
}

async function main(): Promise<void> {
  const parent = await mkdtemp(join(process.env.BENCH_DIR ?? tmpdir(), 'brook-storage-bench-'));
  console.log(`storage bench: ${ROUNDS} rounds of ${MEGABYTES_PER_ROUND} MiB per batch size (medians), 1 KiB records, group-commit fsync, in ${parent} (MB = MiB)`);
  try {
    for (const batchBytes of BATCH_SIZES) await benchmarkBatchSize(parent, batchBytes);
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}

await main();
