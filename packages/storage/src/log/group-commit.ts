// Group commit: many appends, one fsync. A sync request while no sync runs starts one; requests
// while one runs share a single queued sync that starts as soon as the running one ends and
// covers everything appended meanwhile. So at most one fsync is in flight and one waits, however
// many appends ask (the same shape as a database's group commit, and as Kafka's flush of
// everything up to the log end offset in UnifiedLog.flush).

export class GroupCommit {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly syncOnce: () => Promise<void>) {}

  /** Resolves when a sync that started after this call has finished. */
  request(): Promise<void> {
    if (this.queued !== undefined) return this.queued;
    if (this.running === undefined) return this.start();
    const queued = this.running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      this.queued = undefined;
      return this.start();
    });
    this.queued = queued;
    return queued;
  }

  /** Resolves once no sync is running or queued. */
  async idle(): Promise<void> {
    while (this.running !== undefined || this.queued !== undefined) {
      await (this.queued ?? this.running)?.catch(() => undefined);
    }
  }

  private start(): Promise<void> {
    const run = this.syncOnce().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }
}
