// Flow control: the in-flight window (count and bytes), the probe/replicate/snapshot states
// and their pause rules, and stale-rejection handling in maybeDecrTo.
import { describe, expect, test } from 'vitest';
import { Inflights } from './inflights.js';
import { Progress } from './progress.js';

describe('Inflights', () => {
  test('is full at the count limit and frees up to an acknowledged index', () => {
    const inflights = new Inflights(3, 1000);
    inflights.add(5, 10);
    inflights.add(7, 10);
    expect(inflights.full()).toBe(false);
    inflights.add(9, 10);
    expect(inflights.full()).toBe(true);
    inflights.freeLE(7);
    expect(inflights.count).toBe(1);
    expect(inflights.inflightBytes).toBe(10);
    expect(inflights.full()).toBe(false);
  });

  test('is full at the byte limit', () => {
    const inflights = new Inflights(100, 50);
    inflights.add(1, 30);
    expect(inflights.full()).toBe(false);
    inflights.add(2, 30);
    expect(inflights.full()).toBe(true);
    inflights.freeLE(1);
    expect(inflights.full()).toBe(false);
  });

  test('freeFirstOne releases the oldest message only', () => {
    const inflights = new Inflights(2, 100);
    inflights.add(3, 1);
    inflights.add(4, 1);
    inflights.freeFirstOne();
    expect(inflights.count).toBe(1);
    inflights.freeLE(3);
    expect(inflights.count).toBe(1);
  });

  test('rejects indexes that do not increase', () => {
    const inflights = new Inflights(5, 100);
    inflights.add(4, 1);
    expect(() => inflights.add(4, 1)).toThrow(RangeError);
  });
});

describe('Progress', () => {
  const progress = () => new Progress(11, false, 2, 1000);

  test('probe sends one append at a time', () => {
    const pr = progress();
    expect(pr.isPaused()).toBe(false);
    pr.probeSent = true;
    expect(pr.isPaused()).toBe(true);
    expect(pr.maybeUpdate(10)).toBe(true);
    expect(pr.isPaused()).toBe(false);
    expect(pr.next).toBe(11);
  });

  test('replicate pauses when the window is full', () => {
    const pr = progress();
    pr.maybeUpdate(10);
    pr.becomeReplicate();
    pr.inflights.add(12, 10);
    pr.optimisticUpdate(12);
    pr.inflights.add(14, 10);
    pr.optimisticUpdate(14);
    expect(pr.isPaused()).toBe(true);
    expect(pr.next).toBe(15);
  });

  test('a stale acknowledgement changes nothing', () => {
    const pr = progress();
    pr.maybeUpdate(10);
    expect(pr.maybeUpdate(8)).toBe(false);
    expect(pr.match).toBe(10);
  });

  test('probe: only the rejection of the last probe moves next back, within [match+1, rejected]', () => {
    const pr = new Progress(21, false, 4, 1000);
    pr.match = 5;
    expect(pr.maybeDecrTo(15, 3)).toBe(false); // answers an older probe
    expect(pr.maybeDecrTo(20, 3)).toBe(true);
    expect(pr.next).toBe(6); // clamped to match + 1
    pr.probeSent = true;
    pr.next = 21;
    expect(pr.maybeDecrTo(20, 12)).toBe(true);
    expect(pr.next).toBe(12);
    expect(pr.probeSent).toBe(false);
  });

  test('replicate: a rejection at or below match is stale', () => {
    const pr = progress();
    pr.maybeUpdate(10);
    pr.becomeReplicate();
    expect(pr.maybeDecrTo(9, 1)).toBe(false);
    expect(pr.maybeDecrTo(12, 11)).toBe(true);
    expect(pr.next).toBe(11);
  });

  test('snapshot state pauses until acknowledged, then resumes after the snapshot', () => {
    const pr = progress();
    pr.becomeSnapshot(40);
    expect(pr.isPaused()).toBe(true);
    expect(pr.maybeDecrTo(10, 1)).toBe(false);
    pr.becomeProbe();
    expect(pr.next).toBe(41);
    expect(pr.isPaused()).toBe(false);
  });
});
