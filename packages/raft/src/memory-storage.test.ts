// MemoryRaftStorage: appends that overwrite a suffix, compaction keeping the snapshot's term
// as the dummy entry, snapshot installation, byte limits and range checks.
import { describe, expect, test } from 'vitest';
import { MemoryRaftStorage } from './memory-storage.js';
import type { Entry, Snapshot } from './messages.js';

const entry = (index: number, term: number): Entry => ({ index, term, kind: 'normal', data: new Uint8Array(4) });
const snapshot = (index: number, term: number): Snapshot => ({
  metadata: { index, term, voters: [1, 2, 3], learners: [] },
  data: new Uint8Array([index]),
});

describe('MemoryRaftStorage', () => {
  test('starts empty', () => {
    const storage = new MemoryRaftStorage();
    expect(storage.firstIndex()).toBe(1);
    expect(storage.lastIndex()).toBe(0);
    expect(storage.term(0)).toBe(0);
    expect(storage.term(1)).toBeUndefined();
  });

  test('append overwrites from the first new index', () => {
    const storage = new MemoryRaftStorage();
    storage.append([entry(1, 1), entry(2, 1), entry(3, 1)]);
    storage.append([entry(2, 2)]);
    expect(storage.lastIndex()).toBe(2);
    expect(storage.term(2)).toBe(2);
    expect(() => storage.append([entry(5, 2)])).toThrow(/gap/);
  });

  test('compact drops covered entries and keeps the snapshot term at its index', () => {
    const storage = new MemoryRaftStorage();
    storage.append([entry(1, 1), entry(2, 1), entry(3, 2), entry(4, 2)]);
    storage.compact(snapshot(3, 2));
    expect(storage.firstIndex()).toBe(4);
    expect(storage.term(3)).toBe(2);
    expect(storage.term(2)).toBeUndefined();
    expect(storage.entries(4, 5, Infinity).map((e) => e.index)).toEqual([4]);
    expect(() => storage.entries(2, 5, Infinity)).toThrow(RangeError);
    expect(() => storage.compact(snapshot(4, 9))).toThrow(/term/);
  });

  test('installSnapshot replaces the log', () => {
    const storage = new MemoryRaftStorage();
    storage.append([entry(1, 1), entry(2, 1)]);
    storage.installSnapshot(snapshot(10, 3));
    expect(storage.firstIndex()).toBe(11);
    expect(storage.lastIndex()).toBe(10);
    expect(storage.snapshot().metadata.index).toBe(10);
    expect(() => storage.installSnapshot(snapshot(5, 2))).toThrow(/older/);
  });

  test('entries stop at maxBytes but return at least one', () => {
    const storage = new MemoryRaftStorage();
    storage.append([entry(1, 1), entry(2, 1), entry(3, 1)]);
    expect(storage.entries(1, 4, 0)).toHaveLength(1);
    expect(storage.entries(1, 4, 40)).toHaveLength(2);
  });
});
