// A partition's idempotent-producer state kept in step with its log and its snapshot files: the
// appends update the state (the Partition does, under its serial queue), and this class handles
// what moves both at once. After an append that rolled a segment it saves a snapshot at the log
// end (Kafka snapshots at every roll); a truncation deletes the snapshots past its cut before
// cutting the log and reloads a forgotten producer from the newest snapshot below it; a restart at
// a new log start forgets everything; a clean close saves the whole state; retention drops the
// snapshots below the log start (producer-snapshot-files.ts says why each rule keeps a snapshot
// from describing batches the log no longer has).
import type { SegmentedLog } from '@brook/storage';
import type { ProducerStateManager } from '../replication/producer-state.js';
import type { ProducerSnapshots } from './partition-types.js';
import { truncateLogAndProducers } from './producer-state-loader.js';

export class PartitionProducers {
  /** The active segment when the state was last snapshotted (a roll changes it). */
  private snapshottedSegment: number;

  constructor(
    readonly state: ProducerStateManager,
    private readonly log: SegmentedLog,
    private readonly snapshots: ProducerSnapshots | undefined,
  ) {
    this.snapshottedSegment = log.activeSegmentBaseOffset;
  }

  /**
   * After an append whose batches the state has applied (so it covers the whole log): when the
   * log rolled a segment since the last snapshot, saves one at the log end, in the background, so
   * an open after a crash replays at most about a segment.
   */
  afterAppend(): void {
    const active = this.log.activeSegmentBaseOffset;
    if (active === this.snapshottedSegment) return;
    this.snapshottedSegment = active;
    this.snapshots?.saveInBackground(this.log.logEndOffset, this.state.entries());
  }

  /** Truncates the log and the state at `offset` (a follower's divergence or a shorter leader log). */
  async truncateTo(offset: number): Promise<void> {
    await truncateLogAndProducers(this.log, this.state, offset, this.snapshots);
    this.snapshottedSegment = this.log.activeSegmentBaseOffset;
  }

  /** Empties the log, restarting it at `offset` (the leader's log start passed ours), and the state. */
  async restartAt(offset: number): Promise<void> {
    await this.snapshots?.deleteAll();
    await this.log.truncateFullyAndStartAt(offset);
    this.state.truncateTo(0);
    this.snapshottedSegment = this.log.activeSegmentBaseOffset;
  }

  /** Saves the whole state at the log end (a clean close: nothing appends any more). */
  saveAtClose(): Promise<void> {
    return this.snapshots?.save(this.log.logEndOffset, this.state.entries()) ?? Promise.resolve();
  }

  /** Deletes the snapshots below the log start (retention moved it past them). */
  forgetBelowLogStart(): Promise<void> {
    return this.snapshots?.deleteBefore(this.log.logStartOffset) ?? Promise.resolve();
  }
}
