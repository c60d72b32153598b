// LevelRaftStorage against a real level database in a temporary directory: what one persist()
// writes is what a reopen reads back, a conflicting suffix and compacted entries are deleted in
// the same batch (checked by reading level's keys directly), commit-only hard states are not
// fsync'd, and a store that breaks the log's invariants is refused on open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Level } from 'level';
import type { Entry, Snapshot } from '@brook/raft';
import { LevelRaftStorage, RaftStorageCorruptError, mustSync } from './level-raft-storage.js';
import { ENTRY_KEY_END, decodeEntryKey, entryKey, encodeEntryValue } from './storage-codec.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'brook-raft-storage-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function entry(index: number, term: number, text = `e${index}t${term}`): Entry {
  return { index, term, kind: 'normal', data: new TextEncoder().encode(text) };
}

function entries(from: number, to: number, term: number): Entry[] {
  const result: Entry[] = [];
  for (let index = from; index <= to; index++) result.push(entry(index, term));
  return result;
}

const nothing = { snapshot: undefined, compaction: undefined, entries: [], hardState: undefined } as const;

function snapshotAt(index: number, term: number, text = 'image'): Snapshot {
  return { metadata: { index, term, voters: [1, 2, 3], learners: [4] }, data: new TextEncoder().encode(text) };
}

async function entryKeysOnDisk(path: string): Promise<number[]> {
  const db = new Level<Uint8Array, Uint8Array>(path, { keyEncoding: 'view', valueEncoding: 'view' });
  await db.open();
  const keys: number[] = [];
  for await (const key of db.keys({ gte: entryKey(0), lt: ENTRY_KEY_END })) keys.push(decodeEntryKey(key));
  await db.close();
  return keys;
}

describe('LevelRaftStorage', () => {
  it('opens empty, then reads back entries and hard state after a reopen', async () => {
    const store = await LevelRaftStorage.open(dir);
    expect([store.firstIndex(), store.lastIndex(), store.hardState()]).toEqual([1, 0, { term: 0, vote: 0, commit: 0 }]);
    const outcome = await store.persist({ ...nothing, entries: entries(1, 5, 1), hardState: { term: 1, vote: 2, commit: 3 } });
    expect(outcome).toEqual({ synced: true, operations: 6 });
    expect(store.lastIndex()).toBe(5);
    await store.close();

    const reopened = await LevelRaftStorage.open(dir);
    expect(reopened.hardState()).toEqual({ term: 1, vote: 2, commit: 3 });
    expect(reopened.entries(1, 6, Infinity)).toEqual(entries(1, 5, 1));
    expect(reopened.term(5)).toBe(1);
    await reopened.close();
  });

  it('overwrites a conflicting suffix and deletes the rest of the old tail in the same batch', async () => {
    const store = await LevelRaftStorage.open(dir);
    await store.persist({ ...nothing, entries: entries(1, 10, 1) });
    await store.persist({ ...nothing, entries: entries(6, 7, 2) });
    expect(store.lastIndex()).toBe(7);
    expect(store.term(6)).toBe(2);
    await store.close();
    expect(await entryKeysOnDisk(dir)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const reopened = await LevelRaftStorage.open(dir);
    expect(reopened.entries(5, 8, Infinity).map((e) => e.term)).toEqual([1, 2, 2]);
    await reopened.close();
  });

  it('compaction stores the snapshot and deletes the entries it covers', async () => {
    const store = await LevelRaftStorage.open(dir);
    await store.persist({ ...nothing, entries: entries(1, 10, 3) });
    await store.persist({ ...nothing, compaction: snapshotAt(6, 3) });
    expect([store.firstIndex(), store.lastIndex()]).toEqual([7, 10]);
    await store.close();
    expect(await entryKeysOnDisk(dir)).toEqual([7, 8, 9, 10]);
    const reopened = await LevelRaftStorage.open(dir);
    expect(reopened.snapshot()).toEqual(snapshotAt(6, 3));
    expect([reopened.firstIndex(), reopened.lastIndex(), reopened.term(6), reopened.term(5)]).toEqual([7, 10, 3, undefined]);
    await reopened.close();
  });

  it('a snapshot from the leader replaces the whole log, then new entries follow it', async () => {
    const store = await LevelRaftStorage.open(dir);
    await store.persist({ ...nothing, entries: entries(1, 4, 1) });
    await store.persist({ ...nothing, snapshot: snapshotAt(20, 5), entries: entries(21, 22, 5), hardState: { term: 5, vote: 0, commit: 20 } });
    await store.close();
    expect(await entryKeysOnDisk(dir)).toEqual([21, 22]);
    const reopened = await LevelRaftStorage.open(dir);
    expect([reopened.firstIndex(), reopened.lastIndex(), reopened.hardState().commit]).toEqual([21, 22, 20]);
    await reopened.close();
  });

  it('refuses entries that do not attach to the log and overlapping persists', async () => {
    const store = await LevelRaftStorage.open(dir);
    await expect(store.persist({ ...nothing, entries: entries(3, 4, 1) })).rejects.toThrow(/do not attach/);
    const first = store.persist({ ...nothing, entries: entries(1, 1, 1) });
    await expect(store.persist({ ...nothing, entries: entries(2, 2, 1) })).rejects.toThrow(/in flight/);
    await first;
    expect(store.lastIndex()).toBe(1);
    await store.close();
  });

  it('syncs entries, snapshots, term and vote, but not a commit-only hard state (etcd MustSync)', () => {
    const previous = { term: 2, vote: 1, commit: 5 };
    expect(mustSync({ ...nothing, hardState: { term: 2, vote: 1, commit: 9 } }, previous)).toBe(false);
    expect(mustSync({ ...nothing, hardState: { term: 3, vote: 0, commit: 5 } }, previous)).toBe(true);
    expect(mustSync({ ...nothing, hardState: { term: 2, vote: 3, commit: 5 } }, previous)).toBe(true);
    expect(mustSync({ ...nothing, entries: [entry(6, 2)] }, previous)).toBe(true);
    expect(mustSync({ ...nothing, snapshot: snapshotAt(9, 2) }, previous)).toBe(true);
    expect(mustSync(nothing, previous)).toBe(false);
  });

  it('refuses to open a log with a hole in it', async () => {
    const db = new Level<Uint8Array, Uint8Array>(dir, { keyEncoding: 'view', valueEncoding: 'view' });
    await db.open();
    await db.batch([
      { type: 'put', key: entryKey(1), value: encodeEntryValue(entry(1, 1)) },
      { type: 'put', key: entryKey(3), value: encodeEntryValue(entry(3, 1)) },
    ]);
    await db.close();
    await expect(LevelRaftStorage.open(dir)).rejects.toThrow(RaftStorageCorruptError);
  });
});
