// Majority arithmetic: commit index as the majority-th highest match, vote outcomes, and the
// check-quorum count, for odd and even voter sets.
import { describe, expect, test } from 'vitest';
import { committedIndex, majority, quorumActive, voteResult } from './quorum.js';

describe('majority', () => {
  test.each([[1, 1], [2, 2], [3, 2], [4, 3], [5, 3], [7, 4]])('of %i voters is %i', (n, m) => {
    expect(majority(n)).toBe(m);
  });
});

describe('committedIndex', () => {
  const matches = (m: Record<number, number>) => (id: number) => m[id] ?? 0;
  test('is the highest index a majority stores', () => {
    expect(committedIndex([1, 2, 3], matches({ 1: 5, 2: 3, 3: 1 }))).toBe(3);
    expect(committedIndex([1, 2, 3, 4, 5], matches({ 1: 9, 2: 9, 3: 2, 4: 7, 5: 1 }))).toBe(7);
  });
  test('needs a strict majority with an even number of voters', () => {
    expect(committedIndex([1, 2, 3, 4], matches({ 1: 8, 2: 8, 3: 1, 4: 1 }))).toBe(1);
  });
  test('counts a missing voter as 0 and ignores non-voters', () => {
    expect(committedIndex([1, 2, 3], matches({ 1: 4, 9: 100 }))).toBe(0);
  });
  test('of a single voter is its own match', () => {
    expect(committedIndex([7], matches({ 7: 12 }))).toBe(12);
  });
});

describe('voteResult', () => {
  const votes = (entries: [number, boolean][]) => new Map(entries);
  test('is won with a majority of grants', () => {
    expect(voteResult([1, 2, 3], votes([[1, true], [2, true]]))).toBe('won');
  });
  test('is pending while a majority is still possible', () => {
    expect(voteResult([1, 2, 3, 4, 5], votes([[1, true], [2, false], [3, true]]))).toBe('pending');
  });
  test('is lost once a majority can no longer grant', () => {
    expect(voteResult([1, 2, 3], votes([[1, true], [2, false], [3, false]]))).toBe('lost');
    expect(voteResult([1, 2, 3, 4], votes([[1, true], [2, false], [3, false]]))).toBe('lost');
  });
  test('ignores answers from non-voters (learners)', () => {
    expect(voteResult([1, 2, 3], votes([[1, true], [4, true], [5, true]]))).toBe('pending');
  });
});

describe('quorumActive', () => {
  test('needs a majority of voters active', () => {
    expect(quorumActive([1, 2, 3], (id) => id !== 3)).toBe(true);
    expect(quorumActive([1, 2, 3], (id) => id === 1)).toBe(false);
    expect(quorumActive([1, 2, 3, 4], (id) => id <= 2)).toBe(false);
  });
});
