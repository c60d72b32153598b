// The log arithmetic of §5.3 and §5.4.1: appending with conflict resolution, the guard against
// overwriting committed entries, the up-to-date rule, reads that span persisted and unstable
// entries, the unstable buffer's handover on advance, and the conflict-hint helpers.
import { describe, expect, test } from 'vitest';
import { MemoryRaftStorage } from '../memory-storage.js';
import type { Entry } from '../messages.js';
import { RaftInvariantError } from '../invariant.js';
import { RaftLog } from './raft-log.js';

function entry(index: number, term: number, text = ''): Entry {
  return { index, term, kind: 'normal', data: new TextEncoder().encode(text) };
}

/** A log whose persisted entries have the given terms, from index 1. */
function logWithTerms(terms: number[]): RaftLog {
  const storage = new MemoryRaftStorage();
  storage.append(terms.map((term, i) => entry(i + 1, term)));
  return new RaftLog(storage);
}

const termsOf = (log: RaftLog) => (log.slice(log.firstIndex(), log.lastIndex() + 1, Infinity) ?? []).map((e) => e.term);

describe('maybeAppend', () => {
  test('rejects when prevLogIndex/prevLogTerm do not match (§5.3 consistency check)', () => {
    const log = logWithTerms([1, 1, 2]);
    expect(log.maybeAppend(3, 1, 0, [entry(4, 2)])).toBeUndefined();
    expect(log.maybeAppend(5, 2, 0, [])).toBeUndefined();
    expect(log.lastIndex()).toBe(3);
  });

  test('appends new entries and commits no further than the message vouches for', () => {
    const log = logWithTerms([1, 1]);
    expect(log.maybeAppend(2, 1, 10, [entry(3, 2), entry(4, 2)])).toBe(4);
    expect(termsOf(log)).toEqual([1, 1, 2, 2]);
    expect(log.committed).toBe(4);
  });

  test('truncates a conflicting suffix and keeps matching entries', () => {
    const log = logWithTerms([1, 1, 2, 2, 2]);
    expect(log.maybeAppend(2, 1, 0, [entry(3, 2), entry(4, 3)])).toBe(4);
    expect(termsOf(log)).toEqual([1, 1, 2, 3]);
    expect(log.unstable.entries.map((e) => e.index)).toEqual([4]);
  });

  test('a stale, shorter message does not truncate entries after it', () => {
    const log = logWithTerms([1, 1, 2, 2]);
    expect(log.maybeAppend(1, 1, 0, [entry(2, 1)])).toBe(2);
    expect(termsOf(log)).toEqual([1, 1, 2, 2]);
  });

  test('never overwrites a committed entry', () => {
    const log = logWithTerms([1, 1, 2]);
    log.commitTo(3);
    expect(() => log.maybeAppend(1, 1, 3, [entry(2, 1), entry(3, 3)])).toThrow(RaftInvariantError);
  });
});

describe('isUpToDate (§5.4.1)', () => {
  const log = logWithTerms([1, 2, 2]);
  test.each([
    [3, 2, true],
    [9, 2, true],
    [2, 2, false],
    [1, 3, true],
    [9, 1, false],
  ])('candidate last %i@%i -> %s', (index, term, expected) => {
    expect(log.isUpToDate(index, term)).toBe(expected);
  });
});

describe('commit', () => {
  test('maybeCommit commits only an entry of the given term (§5.4.2)', () => {
    const log = logWithTerms([1, 1, 2]);
    expect(log.maybeCommit(2, 2)).toBe(false);
    expect(log.committed).toBe(0);
    expect(log.maybeCommit(3, 2)).toBe(true);
    expect(log.committed).toBe(3);
  });

  test('commitTo past the last index is an invariant violation', () => {
    const log = logWithTerms([1]);
    expect(() => log.commitTo(2)).toThrow(/CommitWithinLog/);
  });
});

describe('reads across persisted and unstable entries', () => {
  test('slice joins both parts and honours maxBytes (at least one entry)', () => {
    const log = logWithTerms([1, 1]);
    log.append([entry(3, 2, 'abc'), entry(4, 2, 'def')]);
    expect(log.slice(1, 5, Infinity)?.map((e) => e.index)).toEqual([1, 2, 3, 4]);
    expect(log.slice(2, 5, 1)?.map((e) => e.index)).toEqual([2]);
    expect(log.slice(3, 5, 16 + 3)?.map((e) => e.index)).toEqual([3]);
  });

  test('nextCommittedEntries returns committed, unapplied entries', () => {
    const log = logWithTerms([1, 1, 1]);
    log.commitTo(2);
    expect(log.nextCommittedEntries(Infinity).map((e) => e.index)).toEqual([1, 2]);
    log.appliedTo(2);
    expect(log.hasNextCommittedEntries()).toBe(false);
  });

  test('unstable entries leave the buffer only when the persisted term matches', () => {
    const log = logWithTerms([1]);
    log.append([entry(2, 1), entry(3, 1)]);
    log.unstable.stableTo(3, 9); // a Ready that was overtaken by a conflicting append
    expect(log.unstable.entries).toHaveLength(2);
    log.unstable.stableTo(2, 1);
    expect(log.unstable.entries.map((e) => e.index)).toEqual([3]);
  });
});

describe('snapshots', () => {
  test('restore replaces the log and commits through the snapshot', () => {
    const log = logWithTerms([1, 1, 1]);
    log.restore({ metadata: { index: 10, term: 3, voters: [1], learners: [] }, data: new Uint8Array(0) });
    expect(log.firstIndex()).toBe(11);
    expect(log.lastIndex()).toBe(10);
    expect(log.term(10)).toBe(3);
    expect(log.committed).toBe(10);
    expect(log.nextCommittedEntries(Infinity)).toEqual([]);
    expect(log.slice(5, 11, Infinity)).toBeUndefined();
  });
});

describe('conflict hints (thesis §5.3)', () => {
  const log = logWithTerms([1, 1, 4, 4, 4, 5, 5]);
  test('the follower reports the first index of the conflicting term', () => {
    expect(log.firstIndexOfTermAt(5)).toBe(3);
    expect(log.firstIndexOfTermAt(2)).toBe(1);
  });
  test('... but never below its commit index + 1, where the logs are known to agree', () => {
    const committed = logWithTerms([1, 1, 4, 4, 4, 5, 5]);
    committed.commitTo(3);
    expect(committed.firstIndexOfTermAt(5)).toBe(4);
  });
  test('the leader finds its last entry with a term at most the hint term', () => {
    expect(log.lastIndexWithTermAtMost(7, 4)).toEqual({ index: 5, term: 4 });
    expect(log.lastIndexWithTermAtMost(7, 3)).toEqual({ index: 2, term: 1 });
    expect(log.lastIndexWithTermAtMost(7, 0)).toEqual({ index: 0, term: 0 });
  });
});
