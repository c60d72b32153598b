// The Raft log on disk: a level database (layout in storage-codec.ts and README.md) behind the
// core's synchronous RaftLogStorage interface. Like etcd's MemoryStorage in front of its WAL,
// reads are served from an in-memory view of what is durably persisted (MemoryRaftStorage);
// level is the durable copy, loaded into the view on open.
//
// persist() writes everything one Ready asks to persist (etcd's Ready contract, step 1) as ONE
// level batch: atomic, so a crash leaves either all of it or none of it, and fsync'd when Raft's
// safety depends on it. Only once the batch is durable does the view change, so the core never
// reads (and never sends a peer) anything a crash could take back.
import { Level } from 'level';
import { MemoryRaftStorage } from '@brook/raft';
import type { Entry, HardState, RaftLogStorage, Ready, Snapshot } from '@brook/raft';
import {
  ENTRY_KEY_END, FORMAT_KEY, HARD_STATE_KEY, SNAPSHOT_KEY, STORAGE_FORMAT_VERSION,
  decodeEntryKey, decodeEntryValue, decodeFormatVersion, decodeHardState, decodeSnapshot,
  encodeEntryValue, encodeFormatVersion, encodeHardState, encodeSnapshot, entryKey,
} from './storage-codec.js';

/** What one Ready asks to persist: the fields of step 1 of the contract. */
export type PersistWork = Pick<Ready, 'snapshot' | 'compaction' | 'entries' | 'hardState'>;

export interface PersistOutcome {
  /** Whether the batch was written with fsync (see mustSync). */
  readonly synced: boolean;
  /** level operations in the batch (puts and deletes). */
  readonly operations: number;
}

/**
 * What the driver needs from its storage: the core's synchronous reads of what is durable, and
 * one asynchronous write per Ready. LevelRaftStorage is the real one.
 */
export interface DurableRaftStorage extends RaftLogStorage {
  persist(work: PersistWork): Promise<PersistOutcome>;
}

/** The persisted state failed a consistency check on open: the store is not a valid Raft log. */
export class RaftStorageCorruptError extends Error {
  constructor(path: string, detail: string) {
    super(`raft storage at ${path} is inconsistent: ${detail}`);
    this.name = 'RaftStorageCorruptError';
  }
}

type Database = Level<Uint8Array, Uint8Array>;
type Batch = ReturnType<Database['batch']>;

export class LevelRaftStorage implements DurableRaftStorage {
  readonly path: string;
  private readonly db: Database;
  private readonly view: MemoryRaftStorage;
  private persisting = false;
  private closed = false;

  private constructor(path: string, db: Database, view: MemoryRaftStorage) {
    this.path = path;
    this.db = db;
    this.view = view;
  }

  /** Opens (creating if absent) the store at `path` and loads it, checking it is a valid log. */
  static async open(path: string): Promise<LevelRaftStorage> {
    const db: Database = new Level<Uint8Array, Uint8Array>(path, { keyEncoding: 'view', valueEncoding: 'view' });
    await db.open();
    try {
      const view = await load(path, db);
      return new LevelRaftStorage(path, db, view);
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  // ---- RaftLogStorage: served from the view of what is durable --------------------------------

  hardState(): HardState {
    return this.view.hardState();
  }

  entries(lo: number, hi: number, maxBytes: number): Entry[] {
    return this.view.entries(lo, hi, maxBytes);
  }

  term(index: number): number | undefined {
    return this.view.term(index);
  }

  firstIndex(): number {
    return this.view.firstIndex();
  }

  lastIndex(): number {
    return this.view.lastIndex();
  }

  snapshot(): Snapshot {
    return this.view.snapshot();
  }

  // ---- Writes ---------------------------------------------------------------------------------

  /**
   * Persists one Ready's snapshot, compaction, entries and hard state in one level batch, then
   * updates the view. Calls must not overlap: the driver persists one Ready at a time.
   */
  async persist(work: PersistWork): Promise<PersistOutcome> {
    if (this.closed) throw new Error(`raft storage at ${this.path} is closed`);
    if (this.persisting) throw new Error('persist() called while another persist is in flight');
    const synced = mustSync(work, this.view.hardState());
    const batch = this.db.batch();
    const operations = this.plan(batch, work);
    if (operations === 0) {
      await batch.close();
      return { synced: false, operations: 0 };
    }
    this.persisting = true;
    try {
      await batch.write({ sync: synced });
    } finally {
      this.persisting = false;
    }
    this.applyToView(work);
    return { synced, operations };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  /**
   * Adds the batch operations for `work`, in the order the contract lists them, and returns
   * how many. The range arithmetic follows the view as the batch will leave it.
   */
  private plan(batch: Batch, work: PersistWork): number {
    let operations = 0;
    let first = this.view.firstIndex();
    let last = this.view.lastIndex();
    const deleteRange = (lo: number, hi: number): void => {
      for (let index = lo; index <= hi; index++) batch.del(entryKey(index));
      operations += Math.max(0, hi - lo + 1);
    };
    if (work.snapshot !== undefined) {
      // A snapshot from the leader replaces the whole log (§7 Figure 13, receiver step 7).
      deleteRange(first, last);
      batch.put(SNAPSHOT_KEY, encodeSnapshot(work.snapshot));
      operations++;
      first = work.snapshot.metadata.index + 1;
      last = work.snapshot.metadata.index;
    }
    const compaction = work.compaction;
    if (compaction !== undefined && compaction.metadata.index >= first) {
      // Log compaction (§7): the snapshot covers everything up to its index; drop those entries.
      if (compaction.metadata.index > last) throw new RangeError(`compaction at ${compaction.metadata.index} beyond last index ${last}`);
      deleteRange(first, compaction.metadata.index);
      batch.put(SNAPSHOT_KEY, encodeSnapshot(compaction));
      operations++;
      first = compaction.metadata.index + 1;
    }
    const head = work.entries[0];
    const tail = work.entries[work.entries.length - 1];
    if (head !== undefined && tail !== undefined) {
      if (head.index < first || head.index > last + 1) {
        throw new RangeError(`entries at ${head.index} do not attach to the log [${first}, ${last}]`);
      }
      for (const entry of work.entries) batch.put(entryKey(entry.index), encodeEntryValue(entry));
      operations += work.entries.length;
      // A conflicting suffix (§5.3) past the new entries goes in the same batch.
      deleteRange(tail.index + 1, last);
    }
    if (work.hardState !== undefined) {
      batch.put(HARD_STATE_KEY, encodeHardState(work.hardState));
      operations++;
    }
    return operations;
  }

  private applyToView(work: PersistWork): void {
    if (work.snapshot !== undefined) this.view.installSnapshot(work.snapshot);
    if (work.compaction !== undefined) this.view.compact(work.compaction);
    if (work.entries.length > 0) this.view.append(work.entries);
    if (work.hardState !== undefined) this.view.setHardState(work.hardState);
  }
}

/**
 * etcd's MustSync: entries, a snapshot, or a new term or vote must reach the disk before any
 * message promising them is sent (§5.1 Figure 2, "updated on stable storage before responding
 * to RPCs"). A commit-only change need not be synced: a lost commit index is learned again from
 * the leader, and level's log keeps the write ordered after the entries it refers to.
 */
export function mustSync(work: PersistWork, previous: HardState): boolean {
  if (work.entries.length > 0 || work.snapshot !== undefined) return true;
  const next = work.hardState;
  return next !== undefined && (next.term !== previous.term || next.vote !== previous.vote);
}

async function load(path: string, db: Database): Promise<MemoryRaftStorage> {
  const corrupt = (detail: string): never => {
    throw new RaftStorageCorruptError(path, detail);
  };
  const format = await db.get(FORMAT_KEY);
  if (format === undefined) {
    await db.put(FORMAT_KEY, encodeFormatVersion(), { sync: true });
  } else if (decodeFormatVersion(format) !== STORAGE_FORMAT_VERSION) {
    corrupt(`format version ${decodeFormatVersion(format)}, expected ${STORAGE_FORMAT_VERSION}`);
  }
  const view = new MemoryRaftStorage();
  const snapshotValue = await db.get(SNAPSHOT_KEY);
  if (snapshotValue !== undefined) view.installSnapshot(decodeSnapshot(snapshotValue));
  const entries: Entry[] = [];
  for await (const [key, value] of db.iterator({ gte: entryKey(0), lt: ENTRY_KEY_END })) {
    const index = decodeEntryKey(key);
    // Invariant: the log is contiguous and starts right after the snapshot (compaction and
    // snapshot installation delete in the same batch that moves the snapshot).
    const expected = view.firstIndex() + entries.length;
    if (index !== expected) corrupt(`entry ${index} where ${expected} was expected`);
    entries.push(decodeEntryValue(index, value));
  }
  view.append(entries);
  const hardStateValue = await db.get(HARD_STATE_KEY);
  if (hardStateValue !== undefined) {
    const hardState = decodeHardState(hardStateValue);
    if (hardState.commit > view.lastIndex()) corrupt(`commit ${hardState.commit} beyond last index ${view.lastIndex()}`);
    view.setHardState(hardState);
  }
  return view;
}
