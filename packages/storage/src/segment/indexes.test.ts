// The sparse offset and time indexes: lookup finds the greatest entry <= the target (binary
// search), truncation drops entries at or past an offset, the byte layout is FORMAT.md sections
// 3 and 4, and a file that fails the sanity checks is refused with a reason.
import { describe, expect, it } from 'vitest';
import { OffsetIndex } from './offset-index.js';
import { TimeIndex } from './time-index.js';

describe('OffsetIndex', () => {
  it('looks up the greatest entry <= the target, or the segment start', () => {
    const index = new OffsetIndex(100);
    index.append(110, 4096);
    index.append(125, 8200);
    index.append(160, 12_500);
    expect(index.lookup(99)).toEqual({ offset: 100, position: 0 });
    expect(index.lookup(109)).toEqual({ offset: 100, position: 0 });
    expect(index.lookup(110)).toEqual({ offset: 110, position: 4096 });
    expect(index.lookup(159)).toEqual({ offset: 125, position: 8200 });
    expect(index.lookup(10_000)).toEqual({ offset: 160, position: 12_500 });
  });

  it('refuses entries that do not grow', () => {
    const index = new OffsetIndex(0);
    index.append(5, 100);
    expect(() => index.append(5, 200)).toThrow();
    expect(() => index.append(6, 100)).toThrow();
  });

  it('truncates and round-trips through its 8-byte big-endian entries', () => {
    const index = new OffsetIndex(1000);
    index.append(1010, 300);
    index.append(1020, 700);
    const bytes = index.toBytes();
    expect([...bytes]).toEqual([0, 0, 0, 10, 0, 0, 1, 44, 0, 0, 0, 20, 0, 0, 2, 188]);
    const read = OffsetIndex.fromBytes(1000, bytes, 800);
    expect(read).toBeInstanceOf(OffsetIndex);
    index.truncateTo(1020);
    expect(index.lastEntry()).toEqual({ offset: 1010, position: 300 });
  });

  it('fails the sanity check for a torn, decreasing or out-of-file index', () => {
    const good = new OffsetIndex(0);
    good.append(3, 100);
    good.append(9, 400);
    expect(OffsetIndex.fromBytes(0, good.toBytes().subarray(0, 12), 1000)).toMatch(/multiple/);
    expect(OffsetIndex.fromBytes(0, good.toBytes(), 400)).toMatch(/outside/);
    const swapped = new Uint8Array([...good.toBytes().subarray(8), ...good.toBytes().subarray(0, 8)]);
    expect(OffsetIndex.fromBytes(0, swapped, 1000)).toMatch(/not increasing/);
  });
});

describe('TimeIndex', () => {
  it('keeps strictly increasing timestamps and looks up the greatest entry below a time', () => {
    const index = new TimeIndex(50);
    index.maybeAppend(1000, 52);
    index.maybeAppend(1000, 55);
    index.maybeAppend(900, 56);
    index.maybeAppend(2000, 60);
    expect(index.entryCount).toBe(2);
    expect(index.lookup(500)).toBe(50);
    expect(index.lookup(1000)).toBe(50);
    expect(index.lookup(1001)).toBe(52);
    expect(index.lookup(5000)).toBe(60);
  });

  it('round-trips through 12-byte entries and checks them', () => {
    const index = new TimeIndex(0);
    index.maybeAppend(1_700_000_000_000, 4);
    const bytes = index.toBytes();
    expect(bytes.byteLength).toBe(12);
    expect(new DataView(bytes.buffer).getBigInt64(0)).toBe(1_700_000_000_000n);
    expect(new DataView(bytes.buffer).getInt32(8)).toBe(4);
    expect(TimeIndex.fromBytes(0, bytes, 5)).toBeInstanceOf(TimeIndex);
    expect(TimeIndex.fromBytes(0, bytes, 4)).toMatch(/outside/);
    index.truncateTo(4);
    expect(index.entryCount).toBe(0);
  });
});
