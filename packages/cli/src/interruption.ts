// Races a command's waits against the user's stop request (Ctrl-C, SIGTERM: CliContext's
// `interrupted`). Racing `interrupted` itself in a loop would leave a reaction on that promise
// for every wait, kept until the user stops: a `brook consume` following a topic for a day would
// hold one per fetched batch. One Interruption per `interrupted` promise listens once and ends
// whichever waits are open; each wait removes its listener when it ends.

export type Raced<T> = { kind: 'value'; value: T } | { kind: 'timeout' } | { kind: 'interrupted' };

export class Interruption {
  private stopped = false;
  private readonly listeners = new Set<() => void>();

  constructor(interrupted: Promise<void>) {
    void interrupted.then(() => {
      this.stopped = true;
      for (const listener of [...this.listeners]) listener();
    });
  }

  /** True once the user asked to stop. */
  get requested(): boolean {
    return this.stopped;
  }

  /**
   * `promise`'s value, or 'timeout' after `timeoutMs` (when given), or 'interrupted' when the user
   * stops first. A rejection of `promise` rejects the race; once the race is lost, `promise`'s
   * later failure is ignored (it belongs to no one, as when a pending fetch fails as its consumer closes).
   */
  race<T>(promise: Promise<T>, timeoutMs?: number): Promise<Raced<T>> {
    if (this.stopped) {
      promise.catch(() => undefined);
      return Promise.resolve({ kind: 'interrupted' });
    }
    return new Promise<Raced<T>>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        clearTimeout(timer);
        this.listeners.delete(onInterrupt);
      };
      const onInterrupt = (): void => {
        finish();
        resolve({ kind: 'interrupted' });
      };
      this.listeners.add(onInterrupt);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          finish();
          resolve({ kind: 'timeout' });
        }, timeoutMs);
      }
      promise.then(
        (value) => {
          finish();
          resolve({ kind: 'value', value });
        },
        (error: unknown) => {
          finish();
          reject(error);
        },
      );
    });
  }

  /** Resolves true after `ms`, or false as soon as the user stops. */
  async pause(ms: number): Promise<boolean> {
    return (await this.race(new Promise<never>(() => undefined), ms)).kind === 'timeout';
  }
}

const byPromise = new WeakMap<Promise<void>, Interruption>();

/** The one Interruption for this `interrupted` promise (a CliContext's). */
export function interruptionOf(interrupted: Promise<void>): Interruption {
  let interruption = byPromise.get(interrupted);
  if (interruption === undefined) {
    interruption = new Interruption(interrupted);
    byPromise.set(interrupted, interruption);
  }
  return interruption;
}
