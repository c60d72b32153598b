// Group commit: many appends, one fsync. A sync request while fewer than `maxConcurrent` syncs run
// starts one at once; a request while that many run joins the single queued sync, which starts as
// soon as a running one ends and covers everything appended meanwhile. So at most `maxConcurrent`
// fsyncs are in flight and one waits, however many appends ask (the shape of a database's group
// commit, and of Kafka's flush of everything up to the log end offset in UnifiedLog.flush).
//
// Two in flight by default (SegmentedLog): with one, a batch written while an fsync runs waits for
// that fsync to end and then for its own, about two fsyncs; with two, its fsync starts at once and
// runs beside the first, and the kernel lets it finish no sooner than the data it covers is on disk.
// Whoever counts a sync's offsets as durable settles the syncs in the order they started
// (SegmentedLog.syncDirty), since a sync may leave an earlier one's files to that one.

export class GroupCommit {
  private readonly running = new Set<Promise<void>>();
  private queued: Promise<void> | undefined;
  private startQueued: (() => void) | undefined;

  constructor(
    private readonly syncOnce: () => Promise<void>,
    private readonly maxConcurrent = 1,
  ) {
    // Invariant: a group commit that may never run a sync would leave every request waiting.
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) throw new Error(`GroupCommit: maxConcurrent must be a positive integer, not ${maxConcurrent}`);
  }

  /** Resolves when a sync that started after this call has finished. */
  request(): Promise<void> {
    if (this.queued !== undefined) return this.queued;
    if (this.running.size < this.maxConcurrent) return this.start();
    const queued = new Promise<void>((resolve) => (this.startQueued = resolve)).then(() => {
      this.queued = undefined;
      return this.start();
    });
    this.queued = queued;
    return queued;
  }

  /** Resolves once no sync is running or queued. */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.queued !== undefined) {
      await (this.queued ?? Promise.race(this.running)).catch(() => undefined);
    }
  }

  private start(): Promise<void> {
    const run = this.syncOnce().finally(() => {
      this.running.delete(run);
      const startQueued = this.startQueued;
      this.startQueued = undefined;
      startQueued?.();
    });
    this.running.add(run);
    return run;
  }
}
