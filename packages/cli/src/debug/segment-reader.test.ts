// Checks the chunked segment walk: the same batches at the same positions whatever the chunk size
// (chunks cutting through headers and batches, a batch larger than a chunk), and the three ways a
// file can end: cleanly, in a torn batch, or at a batch that cannot be framed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stampBatch } from '@brook/record-batch';
import { buildTestBatch, concatBatches, corruptByte } from '@brook/record-batch/testing';
import { listSegments, readSegment, type SegmentEnd } from './segment-reader.js';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'brook-segment-reader-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

async function readAll(path: string, options: Parameters<typeof readSegment>[1] = {}) {
  const batches: Array<{ position: number; baseOffset: bigint; size: number; crcOk: boolean }> = [];
  const reader = readSegment(path, options);
  for (;;) {
    const next = await reader.next();
    if (next.done === true) return { batches, end: next.value as SegmentEnd };
    const { position, header, bytes, computedCrc } = next.value;
    batches.push({ position, baseOffset: header.baseOffset, size: bytes.byteLength, crcOk: computedCrc === header.crc });
  }
}

function batchAt(baseOffset: bigint, recordCount: number, label = 'v'): Uint8Array {
  const batch = buildTestBatch({ recordCount, label });
  stampBatch(batch, 0, baseOffset, 3);
  return batch;
}

describe('readSegment', () => {
  const batches = [batchAt(0n, 3), batchAt(3n, 40, 'a-longer-label-so-this-batch-is-big'), batchAt(43n, 1)];
  const bytes = concatBatches(batches);

  it('yields the same batches for every chunk size, one smaller than a batch header included', async () => {
    const path = join(directory, 'seg.log');
    writeFileSync(path, bytes);
    const whole = await readAll(path);
    expect(whole.batches.map((b) => b.baseOffset)).toEqual([0n, 3n, 43n]);
    expect(whole.batches.map((b) => b.position)).toEqual([0, batches[0]!.byteLength, batches[0]!.byteLength + batches[1]!.byteLength]);
    expect(whole.end).toEqual({ size: bytes.byteLength, tail: null });
    for (const chunkBytes of [1, 13, 64, 100, 1000]) {
      expect(await readAll(path, { chunkBytes }), `chunk ${chunkBytes}`).toEqual(whole);
    }
  });

  it('reports a torn tail inside the length prefix and inside a batch', async () => {
    const path = join(directory, 'torn.log');
    const first = batches[0]!;
    writeFileSync(path, concatBatches([first, batches[1]!.subarray(0, 7)]));
    const short = await readAll(path, { chunkBytes: 16 });
    expect(short.batches).toHaveLength(1);
    expect(short.end.tail).toEqual({ position: first.byteLength, kind: 'partial', reason: expect.stringMatching(/7 bytes, fewer than the 12-byte/) });
    writeFileSync(path, concatBatches([first, batches[1]!.subarray(0, 100)]));
    const cut = await readAll(path, { chunkBytes: 16 });
    expect(cut.end.tail).toEqual({ position: first.byteLength, kind: 'partial', reason: `partial batch: 100 of its ${batches[1]!.byteLength} bytes present, ${batches[1]!.byteLength - 100} missing` });
  });

  it('goes on past a CRC mismatch but stops at a batch it cannot frame, naming the file position', async () => {
    const path = join(directory, 'bad.log');
    const flipped = corruptByte(batches[1]!, batches[1]!.byteLength - 1);
    const zeros = new Uint8Array(40); // a zero length field: shorter than any batch header
    writeFileSync(path, concatBatches([batches[0]!, flipped, batches[2]!, zeros]));
    const read = await readAll(path, { chunkBytes: 50 });
    expect(read.batches.map((b) => b.crcOk)).toEqual([true, false, true]);
    const position = bytes.byteLength;
    expect(read.end.tail).toEqual({ position, kind: 'corrupt', reason: `CORRUPT_MESSAGE: batch at byte ${position} has length 0, shorter than a v2 header` });
  });

  it('refuses a batch past maxBatchBytes without reading it', async () => {
    const path = join(directory, 'big.log');
    writeFileSync(path, bytes);
    const read = await readAll(path, { maxBatchBytes: 200 });
    expect(read.batches).toHaveLength(1);
    expect(read.end.tail).toMatchObject({ position: batches[0]!.byteLength, kind: 'corrupt', reason: expect.stringMatching(/^MESSAGE_TOO_LARGE: .*past maxBatchBytes \(200\)/) });
  });

  it('reads an empty file as no batches and a clean end', async () => {
    const path = join(directory, 'empty.log');
    writeFileSync(path, '');
    expect(await readAll(path)).toEqual({ batches: [], end: { size: 0, tail: null } });
  });
});

describe('listSegments', () => {
  it('lists only 20-digit .log files, in offset order', async () => {
    for (const name of ['00000000000000001024.log', '00000000000000000000.log', '00000000000000000000.index', '00000000000000001024.timeindex', 'leader-epoch-checkpoint', '00000000000000002048.log.tmp']) {
      writeFileSync(join(directory, name), '');
    }
    expect((await listSegments(directory)).map((s) => [s.name, s.baseOffset])).toEqual([['00000000000000000000', 0n], ['00000000000000001024', 1024n]]);
  });
});
