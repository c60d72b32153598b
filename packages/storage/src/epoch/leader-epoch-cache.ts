// The leader-epoch cache (Kafka's LeaderEpochFileCache.java): for each leader epoch seen in this
// log, the first offset written in it. A follower that meets a new leader asks for the end
// offset of its last epoch and truncates there (KIP-101, KIP-279), never to its high watermark
// (PROTOCOL-NOTES.md section 3). The cache is in memory; the SegmentedLog writes it to the
// leader-epoch-checkpoint file (leader-epoch-checkpoint.ts) after every change.

export interface EpochEntry {
  epoch: number;
  startOffset: number;
}

/** Kafka's UNDEFINED_EPOCH and UNDEFINED_EPOCH_OFFSET. */
export const UNDEFINED_EPOCH = -1;
export const UNDEFINED_EPOCH_OFFSET = -1;

export interface EpochEndOffset {
  epoch: number;
  endOffset: number;
}

export class LeaderEpochCache {
  private epochs: EpochEntry[];

  constructor(entries: readonly EpochEntry[] = []) {
    this.epochs = entries.map((entry) => ({ ...entry }));
  }

  entries(): EpochEntry[] {
    return this.epochs.map((entry) => ({ ...entry }));
  }

  latestEntry(): EpochEntry | undefined {
    const last = this.epochs[this.epochs.length - 1];
    return last === undefined ? undefined : { ...last };
  }

  get latestEpoch(): number {
    return this.epochs[this.epochs.length - 1]?.epoch ?? UNDEFINED_EPOCH;
  }

  /**
   * Records that `epoch` starts at `startOffset`. As in Kafka's assign: nothing changes when the
   * epoch is already the latest (and started no later); otherwise entries that would break the
   * order (an epoch >= this one, or a start >= this one) are removed first. Returns whether the
   * cache changed (and so must be checkpointed).
   */
  assign(epoch: number, startOffset: number): boolean {
    if (epoch < 0) return false;
    const latest = this.epochs[this.epochs.length - 1];
    if (latest !== undefined && latest.epoch === epoch && latest.startOffset <= startOffset) return false;
    this.epochs = this.epochs.filter((entry) => entry.epoch < epoch && entry.startOffset < startOffset);
    this.epochs.push({ epoch, startOffset });
    return true;
  }

  /**
   * The end offset of `requestedEpoch` in this log (KIP-101, refined by KIP-279): for the latest
   * epoch, the log end offset; otherwise the start offset of the next larger epoch, paired with
   * the largest epoch <= the requested one (or the requested epoch when it is below them all).
   * An epoch above every known one is undefined.
   */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): EpochEndOffset {
    const undefinedAnswer = { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    if (requestedEpoch === UNDEFINED_EPOCH) return undefinedAnswer;
    const latest = this.epochs[this.epochs.length - 1];
    if (latest !== undefined && latest.epoch === requestedEpoch) return { epoch: requestedEpoch, endOffset: logEndOffset };
    const higher = this.epochs.find((entry) => entry.epoch > requestedEpoch);
    if (higher === undefined) return undefinedAnswer;
    const floor = [...this.epochs].reverse().find((entry) => entry.epoch <= requestedEpoch);
    return { epoch: floor?.epoch ?? requestedEpoch, endOffset: higher.startOffset };
  }

  /** The epoch the batch at `offset` was written in, per this cache. */
  epochForOffset(offset: number): number {
    let epoch = UNDEFINED_EPOCH;
    for (const entry of this.epochs) if (entry.startOffset <= offset) epoch = entry.epoch;
    return epoch;
  }

  /** Removes entries starting at or after `endOffset` (the log was truncated there). */
  truncateFromEnd(endOffset: number): boolean {
    const before = this.epochs.length;
    this.epochs = this.epochs.filter((entry) => entry.startOffset < endOffset);
    return this.epochs.length !== before;
  }

  /**
   * The log now starts at `startOffset`: entries starting at or before it collapse into the last
   * of them, moved up to `startOffset` (Kafka's truncateFromStart).
   */
  truncateFromStart(startOffset: number): boolean {
    let lastBelow = -1;
    for (let i = 0; i < this.epochs.length; i++) if ((this.epochs[i]?.startOffset ?? 0) <= startOffset) lastBelow = i;
    const kept = this.epochs[lastBelow];
    if (kept === undefined || (lastBelow === 0 && kept.startOffset === startOffset)) return false;
    this.epochs = [{ epoch: kept.epoch, startOffset }, ...this.epochs.slice(lastBelow + 1)];
    return true;
  }

  clear(): boolean {
    const changed = this.epochs.length > 0;
    this.epochs = [];
    return changed;
  }
}
