// Checks the sticky partitioner's rules (KIP-480): a topic sticks to one partition until that
// partition's batch closes, then moves to a different one; partitions without a leader are
// avoided; topics stick independently.
import { describe, expect, it } from 'vitest';
import { StickyPartitioner } from './sticky-partitioner.js';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('StickyPartitioner', () => {
  it('keeps returning the same partition until its batch closes, then moves to another', () => {
    const partitioner = new StickyPartitioner(seeded(7));
    const all = [0, 1, 2, 3];
    const first = partitioner.partition('t', 4, all);
    for (let i = 0; i < 100; i++) expect(partitioner.partition('t', 4, all)).toBe(first);
    for (let round = 0; round < 50; round++) {
      const before = partitioner.partition('t', 4, all);
      partitioner.batchClosed('t', before, 4, all);
      expect(partitioner.partition('t', 4, all)).not.toBe(before);
    }
  });

  it('ignores a closed batch of a partition it is not sticking to', () => {
    const partitioner = new StickyPartitioner(seeded(3));
    const sticky = partitioner.partition('t', 3, [0, 1, 2]);
    partitioner.batchClosed('t', (sticky + 1) % 3, 3, [0, 1, 2]);
    expect(partitioner.partition('t', 3, [0, 1, 2])).toBe(sticky);
  });

  it('chooses only partitions with a leader, and stays put with one partition', () => {
    const partitioner = new StickyPartitioner(seeded(11));
    for (let round = 0; round < 30; round++) {
      const chosen = partitioner.partition('t', 5, [1, 3]);
      expect([1, 3]).toContain(chosen);
      partitioner.batchClosed('t', chosen, 5, [1, 3]);
    }
    const single = new StickyPartitioner(seeded(5));
    expect(single.partition('one', 1, [0])).toBe(0);
    single.batchClosed('one', 0, 1, [0]);
    expect(single.partition('one', 1, [0])).toBe(0);
  });

  it('spreads over every available partition across batches and keeps topics apart', () => {
    const partitioner = new StickyPartitioner(seeded(42));
    const seen = new Set<number>();
    for (let round = 0; round < 200; round++) {
      const chosen = partitioner.partition('a', 6, [0, 1, 2, 3, 4, 5]);
      seen.add(chosen);
      partitioner.batchClosed('a', chosen, 6, [0, 1, 2, 3, 4, 5]);
    }
    expect(seen.size).toBe(6);
    const b = partitioner.partition('b', 6, [0, 1, 2, 3, 4, 5]);
    partitioner.batchClosed('a', partitioner.partition('a', 6, [0, 1, 2, 3, 4, 5]), 6, [0, 1, 2, 3, 4, 5]);
    expect(partitioner.partition('b', 6, [0, 1, 2, 3, 4, 5])).toBe(b);
  });
});
