// The consumer loop's wake-up signal: one listener, called once, dropped when nobody waits.
import { describe, expect, it } from 'vitest';
import { Wakeup } from './wakeup.js';

describe('Wakeup', () => {
  it('calls the listener of the current wait once, and a later listener replaces it', () => {
    const wake = new Wakeup();
    const calls: string[] = [];
    wake.once(() => calls.push('first'));
    wake.once(() => calls.push('second'));
    wake.notify();
    wake.notify();
    expect(calls).toEqual(['second']);
  });

  it('drops a notify with no listener, and a cancelled listener is never called', () => {
    const wake = new Wakeup();
    const calls: string[] = [];
    wake.notify();
    wake.once(() => calls.push('after'));
    wake.cancel();
    wake.notify();
    expect(calls).toEqual([]);
  });
});
