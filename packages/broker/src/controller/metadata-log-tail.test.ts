// The retained metadata log behind FetchMetadata: batches after an offset, the byte cap, the
// snapshot for an asker behind the log start, and what a snapshot keeps and drops.
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, EMPTY_IMAGE } from '@brook/controller';
import type { MetadataImage } from '@brook/controller';
import { MetadataLogTail } from './metadata-log-tail.js';

const at = (offset: number): MetadataImage => ({ ...EMPTY_IMAGE, offset });
const bytes = (n: number): Uint8Array => new Uint8Array(n);

function tailWith(offsets: readonly number[], size = 10): MetadataLogTail {
  const tail = new MetadataLogTail(EMPTY_IMAGE);
  for (const offset of offsets) tail.append(offset, bytes(size));
  return tail;
}

describe('MetadataLogTail', () => {
  it('returns the batches after an offset, offsets being sparse (noops take indexes too)', () => {
    const tail = tailWith([2, 3, 5, 8]);
    expect(tail.read(-1, 1_000).batches.map((b) => b.offset)).toEqual([2, 3, 5, 8]);
    expect(tail.read(3, 1_000).batches.map((b) => b.offset)).toEqual([5, 8]);
    expect(tail.read(4, 1_000).batches.map((b) => b.offset)).toEqual([5, 8]);
    expect(tail.read(8, 1_000).batches).toEqual([]);
    expect(tail.read(-1, 1_000).snapshot).toBeUndefined();
  });

  it('caps the answer at about max bytes, always sending at least one batch', () => {
    const tail = tailWith([1, 2, 3, 4], 10);
    expect(tail.read(-1, 25).batches.map((b) => b.offset)).toEqual([1, 2]);
    expect(tail.read(-1, 1).batches.map((b) => b.offset)).toEqual([1]);
  });

  it('keeps the batches since the previous snapshot and sends that snapshot to an asker behind it', () => {
    const tail = tailWith([1, 2, 3]);
    tail.snapshotTaken(at(3));
    // The first snapshot keeps everything: the previous one is the empty image.
    expect(tail.startOffset).toBe(-1);
    tail.append(4, bytes(10));
    tail.append(5, bytes(10));
    tail.snapshotTaken(at(5));
    expect(tail.startOffset).toBe(3);
    expect(tail.retainedBatches).toBe(2);
    const behind = tail.read(1, 1_000);
    expect(behind.snapshot?.offset).toBe(3);
    expect(decodeSnapshot(behind.snapshot!.image).offset).toBe(3);
    expect(behind.batches.map((b) => b.offset)).toEqual([4, 5]);
    expect(tail.read(3, 1_000).snapshot).toBeUndefined();
  });

  it('starts over from a restored snapshot', () => {
    const tail = tailWith([1, 2]);
    tail.restored(at(40));
    expect(tail.startOffset).toBe(40);
    expect(tail.read(2, 1_000).snapshot?.offset).toBe(40);
    expect(tail.read(40, 1_000)).toEqual({ snapshot: undefined, batches: [] });
  });

  it('wakes a long poll when a batch arrives, and times out otherwise', async () => {
    const tail = tailWith([]);
    const started = Date.now();
    await tail.waitForChange(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const waiting = tail.waitForChange(10_000);
    tail.append(1, bytes(1));
    await waiting;
  });
});
