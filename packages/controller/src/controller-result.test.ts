// Checks the injected topic id source: 32 lowercase hex characters, never the reserved zero id,
// the same sequence for the same seed and different ones for different seeds.
import { SeededRandom } from '@brook/raft';
import type { Random } from '@brook/raft';
import { describe, expect, it } from 'vitest';
import { randomTopicIds } from './controller-result.js';

describe('randomTopicIds', () => {
  it('is deterministic per seed and well formed', () => {
    const a = randomTopicIds(new SeededRandom(5));
    const b = randomTopicIds(new SeededRandom(5));
    const c = randomTopicIds(new SeededRandom(6));
    const ids = Array.from({ length: 50 }, () => a.nextTopicId());
    expect(Array.from({ length: 50 }, () => b.nextTopicId())).toEqual(ids);
    expect(c.nextTopicId()).not.toBe(ids[0]);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('skips the all-zero id', () => {
    let calls = 0;
    const zeroFirst: Random = { nextInt: (bound) => (calls++ < 8 ? 0 : bound - 1) };
    expect(randomTopicIds(zeroFirst).nextTopicId()).toBe('f'.repeat(32));
  });
});
