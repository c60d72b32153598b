// GroupCommit: a request while no sync runs starts one; requests during a sync share one queued
// sync that starts when the running one ends; a failure reaches the requests it covered only.
import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

function controlledSyncs() {
  const releases: Array<(error?: Error) => void> = [];
  let started = 0;
  const groupCommit = new GroupCommit(
    () =>
      new Promise<void>((resolve, reject) => {
        started++;
        releases.push((error) => (error === undefined ? resolve() : reject(error)));
      }),
  );
  const finishNext = async (error?: Error) => {
    releases.shift()?.(error);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { groupCommit, finishNext, started: () => started };
}

describe('GroupCommit', () => {
  it('runs one sync at a time and folds every request made meanwhile into one queued sync', async () => {
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
});
