// Tail-read micro benchmark (not a test): the replicated produce cycle as one broker's storage
// sees it. Per cycle: append one 32 KiB batch, read it back twice from its offset (two
// followers' replica fetches), once bounded by maxOffset (a consumer under the high watermark),
// then flushedUpTo (group-commit fdatasync). Prints cycles/s and main-thread CPU per cycle
// (process.cpuUsage: user + system), with the tail cache on and off. Then it compares the two
// ways Node offers to do a positional write + read + fdatasync on a file: fs/promises FileHandle
// versus the callback API on a raw fd, since NodeFileHandle pays one of them per call.
//
// Run: pnpm build && node packages/storage/dist/bench/tail-read-bench.js. Environment:
// BENCH_CYCLES (default 2000, at most 20000), BENCH_DIR (parent directory, default the OS
// temporary directory). Bounded: at most 20000 x 32 KiB = 625 MiB per run, removed at the end.
import { close, fdatasync, open as openCallback, read, write } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { SegmentedLog } from '../log/segmented-log.js';
import { NodeFileSystem } from '../fs/node-file-system.js';
import { buildTestBatch } from '../testing/test-batch.js';

const BATCH_BYTES = 32 * 1024;
const RECORD_BYTES = 1024;
const CYCLES = Math.min(Number(process.env.BENCH_CYCLES ?? 2000), 20_000);

interface CycleFigures {
  cyclesPerSecond: number;
  cpuMicrosecondsPerCycle: number;
}

function report(label: string, figures: CycleFigures): void {
  console.log(`${label.padEnd(40)} ${figures.cyclesPerSecond.toFixed(0).padStart(7)} cycles/s  ${figures.cpuMicrosecondsPerCycle.toFixed(1).padStart(7)} us CPU/cycle`);
}

async function measure(cycles: number, cycle: (i: number) => Promise<void>): Promise<CycleFigures> {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < cycles; i++) await cycle(i);
  const milliseconds = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  return { cyclesPerSecond: cycles / (milliseconds / 1000), cpuMicrosecondsPerCycle: (cpu.user + cpu.system) / cycles };
}

async function replicatedCycles(directory: string, tailCacheBytes: number): Promise<CycleFigures> {
  const log = await SegmentedLog.open({ fileSystem: new NodeFileSystem(), directory, tailCacheBytes, retentionMs: -1 });
  const batch = buildTestBatch({ recordCount: BATCH_BYTES / RECORD_BYTES, payloadBytes: BATCH_BYTES - 61 });
  try {
    return await measure(CYCLES, async () => {
      const appended = await log.append(batch, { partitionLeaderEpoch: 0 });
      const end = appended.lastOffset + 1;
      const [first, second, consumer] = await Promise.all([
        log.read(appended.baseOffset, 1024 * 1024),
        log.read(appended.baseOffset, 1024 * 1024),
        log.read(appended.baseOffset, 1024 * 1024, { maxOffset: end }),
      ]);
      // Invariant: every reader got the batch just appended.
      if (first.nextOffset !== end || second.nextOffset !== end || consumer.nextOffset !== end) throw new Error('read did not return the appended batch');
      await log.flushedUpTo(end);
    });
  } finally {
    await log.close();
  }
}

/** The same write, two reads and fdatasync per cycle through fs/promises FileHandle. */
async function fileHandleCycles(path: string, bytes: Uint8Array): Promise<CycleFigures> {
  const handle = await open(path, 'w+');
  const buffer = Buffer.allocUnsafe(bytes.byteLength);
  try {
    return await measure(CYCLES, async (i) => {
      const position = i * bytes.byteLength;
      await handle.write(bytes, 0, bytes.byteLength, position);
      await handle.read(buffer, 0, bytes.byteLength, position);
      await handle.read(buffer, 0, bytes.byteLength, position);
      await handle.datasync();
    });
  } finally {
    await handle.close();
  }
}

/** The same cycle through the callback API on a raw fd, each call wrapped in one Promise. */
async function rawFdCycles(path: string, bytes: Uint8Array): Promise<CycleFigures> {
  const fd = await promisify(openCallback)(path, 'w+');
  const buffer = Buffer.allocUnsafe(bytes.byteLength);
  const writeAt = (position: number): Promise<number> =>
    new Promise((resolve, reject) => write(fd, bytes, 0, bytes.byteLength, position, (error, written) => (error === null ? resolve(written) : reject(error))));
  const readAt = (position: number): Promise<number> =>
    new Promise((resolve, reject) => read(fd, buffer, 0, bytes.byteLength, position, (error, bytesRead) => (error === null ? resolve(bytesRead) : reject(error))));
  const sync = (): Promise<void> => new Promise((resolve, reject) => fdatasync(fd, (error) => (error === null ? resolve() : reject(error))));
  try {
    return await measure(CYCLES, async (i) => {
      const position = i * bytes.byteLength;
      await writeAt(position);
      await readAt(position);
      await readAt(position);
      await sync();
    });
  } finally {
    await promisify(close)(fd);
  }
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(process.env.BENCH_DIR ?? tmpdir(), 'brook-tail-bench-'));
  console.log(`${CYCLES} cycles of 32 KiB in ${root}`);
  try {
    // Alternate the variants twice so that neither always runs on a colder disk or page cache.
    for (const round of [1, 2]) {
      report(`SegmentedLog, tail cache on  (round ${round})`, await replicatedCycles(join(root, `cache-${round}`), 4 * 1024 * 1024));
      report(`SegmentedLog, tail cache off (round ${round})`, await replicatedCycles(join(root, `nocache-${round}`), 0));
      const bytes = buildTestBatch({ recordCount: BATCH_BYTES / RECORD_BYTES, payloadBytes: BATCH_BYTES - 61 });
      report(`fs/promises FileHandle       (round ${round})`, await fileHandleCycles(join(root, `handle-${round}.bin`), bytes));
      report(`callback API on a raw fd     (round ${round})`, await rawFdCycles(join(root, `fd-${round}.bin`), bytes));
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
