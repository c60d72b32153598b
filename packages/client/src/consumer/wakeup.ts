// A one-listener wake-up signal for the consumer's loop. notify() calls the listener set by the
// loop's current wait, if any, and forgets it; a notify while the loop is busy is dropped, which
// is safe because every step of the loop starts by looking at the positions afresh. A callback
// rather than a shared promise that each wait races: a pending promise keeps a reaction for every
// Promise.race it joined until it settles, so one that outlives many fetches grows the heap with
// each of them.

export class Wakeup {
  private listener: (() => void) | undefined;

  /** Calls `listener` at the next notify(), once; replaces a listener set before. */
  once(listener: () => void): void {
    this.listener = listener;
  }

  /** Forgets the listener (the wait it belonged to ended another way). */
  cancel(): void {
    this.listener = undefined;
  }

  notify(): void {
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  }
}
