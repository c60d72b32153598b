// The seeded generator: deterministic per seed, different across seeds, within bounds, and
// roughly uniform (a loose bound that cannot flake).
import { expect, test } from 'vitest';
import { SeededRandom } from './random.js';

test('the same seed gives the same sequence; another seed another', () => {
  const draw = (seed: number) => Array.from({ length: 8 }, ((r) => () => r.nextInt(1000))(new SeededRandom(seed)));
  expect(draw(7)).toEqual(draw(7));
  expect(draw(7)).not.toEqual(draw(8));
});

test('nextInt stays in [0, bound) and covers it evenly', () => {
  const random = new SeededRandom(1);
  const counts = new Array<number>(10).fill(0);
  let outOfRange = 0;
  for (let i = 0; i < 20_000; i++) {
    const value = random.nextInt(10);
    if (!Number.isInteger(value) || value < 0 || value >= 10) outOfRange++;
    else counts[value] = (counts[value] ?? 0) + 1;
  }
  expect(outOfRange).toBe(0);
  for (const count of counts) expect(count).toBeGreaterThan(1500);
});

test('nextInt rejects bounds that are not positive integers', () => {
  expect(() => new SeededRandom(1).nextInt(0)).toThrow(RangeError);
  expect(() => new SeededRandom(1).nextInt(1.5)).toThrow(RangeError);
});
