// An in-memory RaftLogStorage. Tests and the simulator use it as "the disk"; a real driver can
// use it as the in-memory view of what it has persisted, updating it only after each write is
// durable. The write methods are the ones a driver calls while handling a Ready.
import { EMPTY_HARD_STATE, EMPTY_SNAPSHOT } from './messages.js';
import type { Entry, HardState, Snapshot } from './messages.js';
import type { RaftLogStorage } from './storage.js';
import { limitBySize } from './log/limit.js';

export class MemoryRaftStorage implements RaftLogStorage {
  private persistedHardState: HardState = EMPTY_HARD_STATE;
  private latestSnapshot: Snapshot = EMPTY_SNAPSHOT;
  /** entries[0] is the entry at snapshotIndex + 1. */
  private log: Entry[] = [];

  hardState(): HardState {
    return this.persistedHardState;
  }

  snapshot(): Snapshot {
    return this.latestSnapshot;
  }

  firstIndex(): number {
    return this.latestSnapshot.metadata.index + 1;
  }

  lastIndex(): number {
    return this.latestSnapshot.metadata.index + this.log.length;
  }

  term(index: number): number | undefined {
    const snapshotIndex = this.latestSnapshot.metadata.index;
    if (index === snapshotIndex) return this.latestSnapshot.metadata.term;
    if (index < snapshotIndex || index > this.lastIndex()) return undefined;
    return this.log[index - snapshotIndex - 1]?.term;
  }

  entries(lo: number, hi: number, maxBytes: number): Entry[] {
    if (lo < this.firstIndex() || hi > this.lastIndex() + 1 || lo > hi) {
      throw new RangeError(`entries [${lo}, ${hi}) outside [${this.firstIndex()}, ${this.lastIndex() + 1})`);
    }
    const offset = this.firstIndex();
    return limitBySize(this.log.slice(lo - offset, hi - offset), maxBytes);
  }

  /** Persists a HardState (term, vote, commit). */
  setHardState(hardState: HardState): void {
    this.persistedHardState = hardState;
  }

  /**
   * Appends entries, first discarding any persisted suffix from entries[0].index on (a new
   * leader overwriting an uncommitted tail, §5.3). Entries must be contiguous with the log.
   */
  append(entries: readonly Entry[]): void {
    const first = entries[0];
    if (first === undefined) return;
    if (first.index < this.firstIndex()) {
      throw new RangeError(`append at ${first.index} is below the first index ${this.firstIndex()}`);
    }
    if (first.index > this.lastIndex() + 1) {
      throw new RangeError(`append at ${first.index} leaves a gap after ${this.lastIndex()}`);
    }
    this.log.length = first.index - this.firstIndex();
    for (const entry of entries) this.log.push(entry);
  }

  /** Replaces the whole log with a snapshot received from the leader (§7). */
  installSnapshot(snapshot: Snapshot): void {
    if (snapshot.metadata.index < this.latestSnapshot.metadata.index) {
      throw new RangeError(`snapshot ${snapshot.metadata.index} is older than ${this.latestSnapshot.metadata.index}`);
    }
    this.latestSnapshot = snapshot;
    this.log = [];
  }

  /**
   * Records a snapshot the application took locally and drops the entries it covers (log
   * compaction, §7). Entries after the snapshot's index stay.
   */
  compact(snapshot: Snapshot): void {
    const index = snapshot.metadata.index;
    if (index <= this.latestSnapshot.metadata.index) return;
    if (index > this.lastIndex()) throw new RangeError(`compact at ${index} beyond last index ${this.lastIndex()}`);
    if (this.term(index) !== snapshot.metadata.term) {
      throw new RangeError(`compact at ${index}: snapshot term ${snapshot.metadata.term} != log term ${this.term(index)}`);
    }
    this.log = this.log.slice(index - this.latestSnapshot.metadata.index);
    this.latestSnapshot = snapshot;
  }
}
