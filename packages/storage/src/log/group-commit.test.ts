// GroupCommit: a request while no sync runs starts one; requests during a sync share one queued
// sync that starts when the running one ends; a failure reaches the requests it covered only;
// with two allowed side by side, the second starts at once and the rest queue as one.
import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

function controlledSyncs(maxConcurrent = 1) {
  const releases: Array<(error?: Error) => void> = [];
  let started = 0;
  const groupCommit = new GroupCommit(
    () =>
      new Promise<void>((resolve, reject) => {
        started++;
        releases.push((error) => (error === undefined ? resolve() : reject(error)));
      }),
    maxConcurrent,
  );
  /** Ends the running sync that started `index`-th among those still running (0: the oldest). */
  const finish = async (index: number, error?: Error) => {
    const [release] = releases.splice(index, 1);
    release?.(error);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const finishNext = (error?: Error) => finish(0, error);
  return { groupCommit, finishNext, finish, started: () => started };
}

describe('GroupCommit', () => {
  it('with one allowed, runs one sync at a time and folds every request made meanwhile into one queued sync', async () => {
    const { groupCommit, finishNext, started } = controlledSyncs();
    const first = groupCommit.request();
    const queued = [groupCommit.request(), groupCommit.request(), groupCommit.request()];
    expect(started()).toBe(1);
    expect(queued[0]).toBe(queued[2]);
    await finishNext();
    await first;
    expect(started()).toBe(2);
    await finishNext();
    await Promise.all(queued);
    expect(started()).toBe(2);
    await groupCommit.idle();
  });

  it('a failed sync rejects its own waiters; the queued sync still runs', async () => {
    const { groupCommit, finishNext, started } = controlledSyncs();
    const first = groupCommit.request();
    const second = groupCommit.request();
    await finishNext(new Error('EIO'));
    await expect(first).rejects.toThrow('EIO');
    expect(started()).toBe(2);
    await finishNext();
    await expect(second).resolves.toBeUndefined();
  });

  it('with two allowed, a request during one sync starts a second at once; later ones share one queued sync', async () => {
    const { groupCommit, finish, started } = controlledSyncs(2);
    const first = groupCommit.request();
    const second = groupCommit.request();
    expect(started()).toBe(2);
    const queued = [groupCommit.request(), groupCommit.request()];
    expect(queued[0]).toBe(queued[1]);
    expect(started()).toBe(2);
    // The queued sync starts when either running one ends (here the later one).
    await finish(1);
    await second;
    expect(started()).toBe(3);
    await finish(0);
    await first;
    await finish(0);
    await Promise.all(queued);
    expect(started()).toBe(3);
    await groupCommit.idle();
  });

  it('refuses a bound below one', () => {
    expect(() => new GroupCommit(() => Promise.resolve(), 0)).toThrow(/positive integer/);
  });
});
