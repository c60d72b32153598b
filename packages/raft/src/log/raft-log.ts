// The node's view of its log: the persisted part (through RaftLogStorage) followed by the
// unstable part, plus the commit and apply positions. The arithmetic of §5.3 (log matching,
// conflict resolution) and §5.4.1 (the up-to-date check) lives here.
import type { Entry, Snapshot } from '../messages.js';
import type { RaftLogStorage } from '../storage.js';
import { Unstable } from './unstable.js';
import { limitBySize } from './limit.js';
import { invariant } from '../invariant.js';

export class RaftLog {
  readonly storage: RaftLogStorage;
  readonly unstable: Unstable;
  /** Highest index known to be committed (§5.3). Invariant: applied <= committed <= lastIndex. */
  committed: number;
  /** Highest index handed to the application. */
  applied: number;

  constructor(storage: RaftLogStorage) {
    this.storage = storage;
    this.unstable = new Unstable(storage.lastIndex() + 1);
    this.committed = storage.firstIndex() - 1;
    this.applied = storage.firstIndex() - 1;
  }

  firstIndex(): number {
    return this.unstable.maybeFirstIndex() ?? this.storage.firstIndex();
  }

  lastIndex(): number {
    return this.unstable.maybeLastIndex() ?? this.storage.lastIndex();
  }

  /** The term at `index`, or undefined when compacted away or beyond the log. Index 0 has term 0. */
  term(index: number): number | undefined {
    if (index === 0) return 0;
    const unstableTerm = this.unstable.maybeTerm(index);
    if (unstableTerm !== undefined) return unstableTerm;
    if (index >= this.unstable.offset) return undefined;
    return this.storage.term(index);
  }

  lastTerm(): number {
    const term = this.term(this.lastIndex());
    invariant(term !== undefined, 'LastTermKnown', `no term for last index ${this.lastIndex()}`);
    return term;
  }

  matchTerm(index: number, term: number): boolean {
    return this.term(index) === term;
  }

  /**
   * §5.4.1: a candidate's log is at least as up-to-date as ours if its last term is higher, or
   * equal with an index at least as high.
   */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    const ourLastTerm = this.lastTerm();
    return lastTerm > ourLastTerm || (lastTerm === ourLastTerm && lastIndex >= this.lastIndex());
  }

  /**
   * The follower side of AppendEntries (§5.3 Figure 2, receiver steps 2-5). Returns the index
   * of the last entry the leader's message vouches for, or undefined when the log lacks
   * (prevIndex, prevTerm) and the leader must back up.
   */
  maybeAppend(prevIndex: number, prevTerm: number, commit: number, entries: readonly Entry[]): number | undefined {
    if (!this.matchTerm(prevIndex, prevTerm)) return undefined;
    const lastNewIndex = prevIndex + entries.length;
    const conflict = this.findConflict(entries);
    if (conflict !== 0) {
      // Invariant (§5.4, Leader Completeness): a committed entry is never overwritten.
      invariant(conflict > this.committed, 'CommittedNeverLost', `entry ${conflict} conflicts with commit ${this.committed}`);
      const start = conflict - (prevIndex + 1);
      this.append(entries.slice(start));
    }
    // Step 5: commit only what this message proves we share with the leader.
    this.commitTo(Math.min(commit, lastNewIndex));
    return lastNewIndex;
  }

  /** The index of the first entry that is new or conflicts with ours, 0 when all already match. */
  findConflict(entries: readonly Entry[]): number {
    for (const entry of entries) {
      if (!this.matchTerm(entry.index, entry.term)) return entry.index;
    }
    return 0;
  }

  append(entries: readonly Entry[]): number {
    const first = entries[0];
    if (first === undefined) return this.lastIndex();
    invariant(first.index > this.committed, 'CommittedNeverLost', `append at ${first.index} below commit ${this.committed}`);
    this.unstable.truncateAndAppend(entries);
    return this.lastIndex();
  }

  commitTo(index: number): void {
    if (index <= this.committed) return;
    invariant(index <= this.lastIndex(), 'CommitWithinLog', `commit ${index} beyond last index ${this.lastIndex()}`);
    this.committed = index;
  }

  /** Commits `index` if it holds an entry of `term` (the leader passes its current term, §5.4.2). */
  maybeCommit(index: number, term: number): boolean {
    if (index > this.committed && this.term(index) === term) {
      this.commitTo(index);
      return true;
    }
    return false;
  }

  appliedTo(index: number): void {
    if (index === 0) return;
    invariant(index <= this.committed && index >= this.applied, 'MonotonicApply', `apply ${index}: applied ${this.applied}, committed ${this.committed}`);
    this.applied = index;
  }

  restore(snapshot: Snapshot): void {
    this.committed = snapshot.metadata.index;
    this.unstable.restore(snapshot);
  }

  snapshot(): Snapshot {
    return this.unstable.snapshot ?? this.storage.snapshot();
  }

  /** Entries [lo, hi) within maxBytes, or undefined when lo has been compacted away. */
  slice(lo: number, hi: number, maxBytes: number): Entry[] | undefined {
    if (lo < this.firstIndex()) return undefined;
    invariant(hi <= this.lastIndex() + 1, 'SliceWithinLog', `slice [${lo}, ${hi}) past ${this.lastIndex()}`);
    if (lo >= hi) return [];
    const result: Entry[] = [];
    if (lo < this.unstable.offset) {
      const stored = this.storage.entries(lo, Math.min(hi, this.unstable.offset), maxBytes);
      result.push(...stored);
      if (stored.length < Math.min(hi, this.unstable.offset) - lo) return result;
    }
    if (hi > this.unstable.offset) {
      result.push(...this.unstable.slice(Math.max(lo, this.unstable.offset), hi));
    }
    return limitBySize(result, maxBytes);
  }

  /** Committed entries not yet applied, limited to maxBytes (at least one). */
  nextCommittedEntries(maxBytes: number): Entry[] {
    if (this.unstable.snapshot !== undefined) return [];
    const lo = Math.max(this.applied + 1, this.firstIndex());
    if (lo > this.committed) return [];
    return this.slice(lo, this.committed + 1, maxBytes) ?? [];
  }

  hasNextCommittedEntries(): boolean {
    return this.unstable.snapshot === undefined && this.committed > Math.max(this.applied, this.firstIndex() - 1);
  }

  /**
   * The first index of the term held at `index`, for the conflict hint of a rejected append
   * (thesis §5.3). The walk stops after the commit index: committed entries already match the
   * leader's log (Leader Completeness, §5.4), so the leader never needs to go below
   * committed + 1, and the walk stays short however long a term lasted.
   */
  firstIndexOfTermAt(index: number): number {
    const term = this.term(index);
    const floor = Math.max(this.firstIndex(), this.committed + 1);
    let first = index;
    while (first - 1 >= floor && this.term(first - 1) === term) first--;
    return first;
  }

  /**
   * The leader side of the conflict hint: the last index at or before `from` whose term is at
   * most `term`. If it holds exactly `term`, both logs agree through it (Log Matching, §5.3).
   */
  lastIndexWithTermAtMost(from: number, term: number): { index: number; term: number | undefined } {
    let index = from;
    let indexTerm = this.term(index);
    while (indexTerm !== undefined && indexTerm > term && index > 0) {
      index--;
      indexTerm = this.term(index);
    }
    return { index, term: indexTerm };
  }
}

