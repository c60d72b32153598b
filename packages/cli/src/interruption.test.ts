// Races against the user's stop request: values, timeouts, interruption, and no listener left
// behind by a finished race.
import { describe, expect, it } from 'vitest';
import { Interruption, interruptionOf } from './interruption.js';

function stopSwitch(): { interrupted: Promise<void>; stop: () => void } {
  let stop!: () => void;
  const interrupted = new Promise<void>((resolve) => (stop = resolve));
  return { interrupted, stop };
}

const listenerCount = (interruption: Interruption): number => (interruption as unknown as { listeners: Set<unknown> }).listeners.size;

describe('Interruption', () => {
  it('gives the value, the timeout or the interruption, whichever comes first', async () => {
    const { interrupted, stop } = stopSwitch();
    const interruption = new Interruption(interrupted);
    expect(await interruption.race(Promise.resolve(7))).toEqual({ kind: 'value', value: 7 });
    expect(await interruption.race(new Promise(() => undefined), 5)).toEqual({ kind: 'timeout' });
    const waiting = interruption.race(new Promise(() => undefined));
    stop();
    expect(await waiting).toEqual({ kind: 'interrupted' });
    expect(interruption.requested).toBe(true);
    // After the stop, every race ends at once.
    expect(await interruption.race(new Promise(() => undefined))).toEqual({ kind: 'interrupted' });
    expect(await interruption.pause(10_000)).toBe(false);
  });

  it('leaves no listener behind however a race ends, so a long loop of races holds nothing', async () => {
    const { interrupted } = stopSwitch();
    const interruption = new Interruption(interrupted);
    for (let i = 0; i < 1000; i++) await interruption.race(Promise.resolve(i));
    await interruption.race(new Promise(() => undefined), 1);
    await expect(interruption.race(Promise.reject(new Error('fetch failed')))).rejects.toThrow('fetch failed');
    expect(await interruption.pause(1)).toBe(true);
    expect(listenerCount(interruption)).toBe(0);
  });

  it('ignores the late failure of a promise that lost the race', async () => {
    const { interrupted } = stopSwitch();
    const interruption = new Interruption(interrupted);
    let fail!: (error: Error) => void;
    const pending = new Promise<never>((_, reject) => (fail = reject));
    expect(await interruption.race(pending, 1)).toEqual({ kind: 'timeout' });
    fail(new Error('closed'));
    await new Promise((resolve) => setTimeout(resolve, 5)); // an unhandled rejection would fail the run
  });

  it('is one per interrupted promise', () => {
    const { interrupted } = stopSwitch();
    expect(interruptionOf(interrupted)).toBe(interruptionOf(interrupted));
    expect(interruptionOf(stopSwitch().interrupted)).not.toBe(interruptionOf(interrupted));
  });
});
