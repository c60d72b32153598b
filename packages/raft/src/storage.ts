// What the Raft core reads from stable storage. Everything here is synchronous on purpose: the
// core is a pure state machine and never waits. A driver backed by a real disk (the broker's
// level-backed log, for example) keeps an in-memory view of what it has durably persisted and
// serves these calls from that view, exactly as etcd's MemoryStorage sits in front of its WAL.
// The driver, not the core, writes storage: see the Ready contract in index.ts.
import type { Entry, HardState, Snapshot } from './messages.js';

export interface RaftLogStorage {
  /** The last persisted HardState, read once when a node starts. */
  hardState(): HardState;
  /**
   * Entries [lo, hi), in order, stopping early once their sizes exceed `maxBytes` (but always
   * at least one entry). Callers ensure firstIndex() <= lo < hi <= lastIndex() + 1.
   */
  entries(lo: number, hi: number, maxBytes: number): Entry[];
  /**
   * The term of the entry at `index`, for firstIndex() - 1 <= index <= lastIndex() (the entry
   * just before firstIndex is the latest snapshot's last entry); undefined outside that range.
   */
  term(index: number): number | undefined;
  /** The first index still held as an entry (the latest snapshot's index + 1). */
  firstIndex(): number;
  /** The index of the last persisted entry (the snapshot's index when the log is empty). */
  lastIndex(): number;
  /** The latest snapshot (index 0 when none was taken). */
  snapshot(): Snapshot;
}
