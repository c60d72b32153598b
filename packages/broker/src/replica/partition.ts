// One partition this broker leads: its SegmentedLog, its high watermark and the fetchers waiting
// for it to move. On a single node the ISR is this broker alone, so the high watermark is the
// log's durable end: every offset below it has been fsynced (the leader counts its own LEO only
// after its fsync, PROTOCOL-NOTES.md section 3, "Durability"). Consumers therefore never read a
// record that a crash could take back, and with the default flush policy (group commit after
// every append) the HW trails the LEO by about one fsync.
//
// Invariant: logStartOffset <= highWatermark <= logEndOffset.
import type { AppendResult, LogReadResult, SegmentedLog } from '@brook/storage';
import { BrookError } from '@brook/protocol';
import type { RecordBatchHeader } from '@brook/record-batch';
import { admitProducedBatch } from './batch-admission.js';
import { toBrookError } from './storage-errors.js';
import type { LogSettings } from '../metadata/topic-configs.js';

export type HighWatermarkListener = () => void;

/**
 * How the partition learns that its high watermark moved. The log has no durability event, and
 * asking it (flushedUpTo) forces an fsync. Under group commit every append asks for an fsync
 * anyway, so waiting on each append costs nothing more ('each-append'; a sync with nothing dirty
 * does no I/O). Under the interval policy that would fsync every append and defeat the policy,
 * so the partition manager polls the durable offset instead ('poll', see checkHighWatermark).
 */
export type DurabilityWatch = 'each-append' | 'poll';

export class Partition {
  private readonly listeners = new Set<HighWatermarkListener>();
  private closed = false;
  private announcedHighWatermark: number;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly topicId: string,
    readonly leaderEpoch: number,
    readonly settings: LogSettings,
    readonly directory: string,
    readonly log: SegmentedLog,
    private readonly durabilityWatch: DurabilityWatch = 'each-append',
  ) {
    this.announcedHighWatermark = this.highWatermark;
  }

  get highWatermark(): number {
    return Math.max(this.log.logStartOffset, Math.min(this.log.durableOffset, this.log.logEndOffset));
  }

  get logStartOffset(): number {
    return this.log.logStartOffset;
  }

  get logEndOffset(): number {
    return this.log.logEndOffset;
  }

  get sizeBytes(): number {
    return this.log.sizeBytes;
  }

  /**
   * Appends one produced batch as leader. The batch is checked from its header (admission)
   * synchronously, so a batch that can never be accepted throws before this returns a promise;
   * then the log checks it (length, magic, CRC), stamps its offsets and this leader's epoch in
   * place, and writes it. Resolves after the write; durability is `waitDurable`'s business.
   */
  append(batch: Uint8Array): Promise<{ result: AppendResult; header: RecordBatchHeader }> {
    if (this.closed) throw new BrookError('NOT_LEADER_OR_FOLLOWER', `${this.topic}-${this.partition} is no longer served here`);
    const header = admitProducedBatch(batch, this.settings.maxMessageBytes);
    return this.appendAdmitted(batch, header);
  }

  private async appendAdmitted(batch: Uint8Array, header: RecordBatchHeader): Promise<{ result: AppendResult; header: RecordBatchHeader }> {
    let result: AppendResult;
    try {
      result = await this.log.append(batch, { partitionLeaderEpoch: this.leaderEpoch });
    } catch (error) {
      throw toBrookError(error);
    }
    if (this.durabilityWatch === 'each-append') this.announceWhenDurable(result.lastOffset + 1);
    return { result, header };
  }

  /** Resolves once every offset below `endOffset` is durable, i.e. below the high watermark. */
  async waitDurable(endOffset: number): Promise<void> {
    try {
      await this.log.flushedUpTo(endOffset);
    } catch (error) {
      throw toBrookError(error);
    }
    this.checkHighWatermark();
  }

  /** Wakes the waiting fetchers if the high watermark moved since they were last woken. */
  checkHighWatermark(): void {
    const highWatermark = this.highWatermark;
    if (highWatermark === this.announcedHighWatermark) return;
    this.announcedHighWatermark = highWatermark;
    this.notify();
  }

  /** Whole batches from the one holding `fromOffset`, none reaching the high watermark. */
  async read(fromOffset: number, maxBytes: number): Promise<LogReadResult> {
    try {
      return await this.log.read(fromOffset, maxBytes, { maxOffset: this.highWatermark });
    } catch (error) {
      throw toBrookError(error);
    }
  }

  /** Calls `listener` whenever the high watermark may have moved; returns the unsubscribe function. */
  onHighWatermark(listener: HighWatermarkListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Waiting fetchers answer now with what they have rather than at their timeout.
    this.notify();
    this.listeners.clear();
    await this.log.close();
  }

  private announceWhenDurable(endOffset: number): void {
    this.log.flushedUpTo(endOffset).then(
      () => this.checkHighWatermark(),
      // The log failed or closed before the offsets became durable: the high watermark did not
      // move, and whoever acknowledged on durability has seen the same error.
      () => undefined,
    );
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
