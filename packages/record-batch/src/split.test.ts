// Checks splitBatches, forEachBatch and scanValidPrefix on buffers of concatenated batches:
// views without copies, the valid-prefix position on a partial tail (both policies), and the
// typed error with `position` at the first corrupt batch.
import { describe, expect, it } from 'vitest';
import { BATCH_LENGTH_OFFSET, MAGIC_OFFSET } from './batch-header.js';
import { RecordBatchError } from './errors.js';
import { forEachBatch, scanValidPrefix, splitBatches } from './split.js';
import { buildTestBatch, concatBatches, corruptByte } from './testing/index.js';

const batches = [
  buildTestBatch({ baseOffset: 0n, recordCount: 3, label: 'a' }),
  buildTestBatch({ baseOffset: 3n, recordCount: 1, label: 'b', compression: 'gzip' }),
  buildTestBatch({ baseOffset: 4n, recordCount: 5, label: 'c' }),
];
const joined = concatBatches(batches);
const starts = [0, batches[0]!.byteLength, batches[0]!.byteLength + batches[1]!.byteLength];

function thrown(run: () => unknown): RecordBatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof RecordBatchError) return error;
    throw error;
  }
  throw new Error('expected a RecordBatchError');
}

describe('splitBatches', () => {
  it('yields each batch as a view into the buffer, with its header and position', () => {
    const views = [...splitBatches(joined)];
    expect(views.map((view) => view.position)).toEqual(starts);
    expect(views.map((view) => view.header.baseOffset)).toEqual([0n, 3n, 4n]);
    expect(views.map((view) => view.header.recordCount)).toEqual([3, 1, 5]);
    for (const [index, view] of views.entries()) {
      expect(view.bytes.buffer).toBe(joined.buffer);
      expect(view.bytes).toEqual(batches[index]);
    }
  });

  it('works on a view that does not start at the beginning of its ArrayBuffer', () => {
    const padded = new Uint8Array(joined.byteLength + 7);
    padded.set(joined, 3);
    expect([...splitBatches(padded.subarray(3, 3 + joined.byteLength))].map((view) => view.header.baseOffset)).toEqual([0n, 3n, 4n]);
  });

  it('yields nothing for no bytes', () => {
    expect(forEachBatch(new Uint8Array(0), () => expect.unreachable())).toBe(0);
  });

  it.each([1, 5, 11, 12, 40, batches[2]!.byteLength - 1])('treats a last batch missing all but %d bytes as partial', (kept) => {
    const cut = joined.subarray(0, starts[2]! + kept);
    const error = thrown(() => [...splitBatches(cut)]);
    expect(error.kind).toBe('CORRUPT_MESSAGE');
    expect(error.position).toBe(starts[2]);
    const seen: bigint[] = [];
    expect(forEachBatch(cut, (view) => seen.push(view.header.baseOffset), { partialTail: 'stop' })).toBe(starts[2]);
    expect(seen).toEqual([0n, 3n]);
    expect(scanValidPrefix(cut)).toEqual({ validBytes: starts[2], batchCount: 2, tail: 'partial', error: null });
  });

  it('stops at a corrupt batch with its position, after yielding the ones before it', () => {
    const corrupt = corruptByte(joined, starts[1]! + 70, 0x40);
    const seen: number[] = [];
    const error = thrown(() => forEachBatch(corrupt, (view) => seen.push(view.position)));
    expect(seen).toEqual([0]);
    expect(error).toMatchObject({ kind: 'CORRUPT_MESSAGE', position: starts[1] });
    expect(error.message).toMatch(/CRC/);
    expect(scanValidPrefix(corrupt)).toMatchObject({ validBytes: starts[1], batchCount: 1, tail: 'corrupt', error: { position: starts[1] } });
    // Without CRC checks the flipped byte goes unnoticed: the check above is the CRC's doing.
    expect([...splitBatches(corrupt, { verifyCrc: false })]).toHaveLength(3);
  });

  it('rejects a length field shorter than a v2 header, or past maxBatchBytes', () => {
    const short = joined.slice();
    new DataView(short.buffer).setInt32(starts[1]! + BATCH_LENGTH_OFFSET, 48);
    expect(thrown(() => [...splitBatches(short)])).toMatchObject({ kind: 'CORRUPT_MESSAGE', position: starts[1] });
    const huge = joined.slice();
    new DataView(huge.buffer).setInt32(starts[1]! + BATCH_LENGTH_OFFSET, 0x7fffffff);
    expect(thrown(() => [...splitBatches(huge)])).toMatchObject({ kind: 'MESSAGE_TOO_LARGE', position: starts[1] });
    expect(scanValidPrefix(huge).validBytes).toBe(starts[1]);
    expect(thrown(() => [...splitBatches(joined, { maxBatchBytes: batches[0]!.byteLength - 1 })])).toMatchObject({ kind: 'MESSAGE_TOO_LARGE', position: 0 });
  });

  it('checks the magic even when CRCs are not verified', () => {
    const oldMagic = corruptByte(joined, starts[2]! + MAGIC_OFFSET, 0x03);
    expect(thrown(() => [...splitBatches(oldMagic, { verifyCrc: false })])).toMatchObject({ kind: 'UNSUPPORTED_FOR_MESSAGE_FORMAT', position: starts[2] });
  });

  it('reports a buffer of whole valid batches as complete', () => {
    expect(scanValidPrefix(joined)).toEqual({ validBytes: joined.byteLength, batchCount: 3, tail: 'complete', error: null });
    expect(forEachBatch(joined, () => {})).toBe(joined.byteLength);
  });
});
