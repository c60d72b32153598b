// The follower's side of replication for one partition (Kafka's PartitionFetchState and
// AbstractFetcherThread), and the leader's divergence check of a follower's fetch (Partition.
// fetchRecords with lastFetchedEpoch). PROTOCOL-NOTES.md section 3, "Leader epochs".
//
// A follower fetches with its log end offset and the epoch of its last batch. The leader looks
// up where that epoch ends in its own log (KIP-101, refined by KIP-279); if the follower has
// offsets past that end, or an epoch the leader never wrote, the leader answers with a diverging
// epoch instead of batches (KIP-320's truncation on fetch). The follower truncates to where the
// two logs agree and fetches again; it never truncates to its high watermark, which lost
// acknowledged data in Kafka before KIP-101 (a follower's HW lags the leader's).
import { UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET, type EpochEndOffset } from '@brook/storage';

/** The part of the storage package's LeaderEpochCache these rules need. */
export interface EpochLookup {
  readonly latestEpoch: number;
  /** KIP-101/279: (largest epoch <= requested, start of the next larger epoch or the log end). */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): EpochEndOffset;
}

/** The leader's own log, as the divergence check sees it. */
export interface LeaderLogView {
  epochs: EpochLookup;
  logEndOffset: number;
  leaderEpoch: number;
  /** The log end offset when this leader's epoch began (where Kafka assigns it in the cache). */
  leaderEpochStartOffset: number;
}

export type FetchEpochCheck =
  | { kind: 'in-sync' }
  | { kind: 'diverging'; divergingEpoch: EpochEndOffset }
  | { kind: 'rejected'; code: 'UNKNOWN_LEADER_EPOCH'; message: string };

/**
 * The leader's check of a follower fetch at `fetchOffset` whose last batch is from
 * `lastFetchedEpoch` (after the fetch's own leader epoch passed checkLeaderEpoch). The leader
 * answers the largest epoch <= the requested one and its end offset in the leader's log when
 * the follower is beyond it or asked for an epoch the leader does not have.
 */
export function divergingEpochFor(lastFetchedEpoch: number, fetchOffset: number, leader: LeaderLogView): FetchEpochCheck {
  // An empty follower log has no epoch to compare; its fetch offset is checked by the read.
  if (lastFetchedEpoch === UNDEFINED_EPOCH) return { kind: 'in-sync' };
  if (lastFetchedEpoch > leader.leaderEpoch) {
    return { kind: 'rejected', code: 'UNKNOWN_LEADER_EPOCH', message: `last fetched epoch ${lastFetchedEpoch} is newer than leader epoch ${leader.leaderEpoch}` };
  }
  const end = leaderEndOffsetFor(lastFetchedEpoch, leader);
  if (end.epoch < lastFetchedEpoch || end.endOffset < fetchOffset) return { kind: 'diverging', divergingEpoch: end };
  return { kind: 'in-sync' };
}

/**
 * The end of `epoch` in the leader's log. Kafka assigns the leader's epoch in its cache at
 * election (maybeAssignEpochStartOffset); Brook's log assigns an epoch at its first append, so
 * until then the current epoch is missing from the cache and is taken to start at
 * leaderEpochStartOffset here. Without that, a follower that wrote in an epoch between the
 * cache's latest and the leader's would get an undefined answer, and it could never truncate.
 */
function leaderEndOffsetFor(epoch: number, leader: LeaderLogView): EpochEndOffset {
  if (epoch === leader.leaderEpoch) return { epoch, endOffset: leader.logEndOffset };
  const cachedLatest = leader.epochs.latestEpoch;
  if (cachedLatest < leader.leaderEpoch && epoch >= cachedLatest) {
    // The floor is the cache's latest epoch (or, with an empty cache, the requested one, as
    // LeaderEpochCache answers for an epoch below all) and the next epoch is the leader's own.
    const floor = cachedLatest === UNDEFINED_EPOCH ? epoch : cachedLatest;
    return { epoch: floor, endOffset: leader.leaderEpochStartOffset };
  }
  return leader.epochs.endOffsetFor(epoch, leader.logEndOffset);
}

/** Where the follower truncates on a diverging epoch, and whether it must ask again. */
export interface TruncationPlan {
  truncateToOffset: number;
  /**
   * False when the follower does not have the leader's epoch: it truncated to the end of its own
   * largest epoch below it and fetches again with that epoch, to learn where the logs agree.
   */
  complete: boolean;
}

/**
 * KIP-279 on the follower (AbstractFetcherThread.getOffsetTruncationState): truncate to the
 * smaller of the leader's end offset for the diverging epoch and the follower's own end offset
 * for it, and never past the follower's log end.
 */
export function truncationFor(divergingEpoch: EpochEndOffset, epochs: EpochLookup, logEndOffset: number): TruncationPlan {
  // A Brook leader never sends an undefined end (divergingEpochFor); Kafka then truncates
  // nothing rather than guess, and so does this.
  if (divergingEpoch.endOffset === UNDEFINED_EPOCH_OFFSET) return { truncateToOffset: logEndOffset, complete: true };
  if (divergingEpoch.epoch === UNDEFINED_EPOCH) return { truncateToOffset: Math.min(divergingEpoch.endOffset, logEndOffset), complete: true };
  const local = epochs.endOffsetFor(divergingEpoch.epoch, logEndOffset);
  if (local.endOffset === UNDEFINED_EPOCH_OFFSET) {
    // The follower tracks no epoch at or around it (an empty cache): the leader's offset is the
    // only information, and the leader answered an epoch below the follower's.
    return { truncateToOffset: Math.min(divergingEpoch.endOffset, logEndOffset), complete: true };
  }
  if (local.epoch !== divergingEpoch.epoch) return { truncateToOffset: Math.min(local.endOffset, logEndOffset), complete: false };
  return { truncateToOffset: Math.min(local.endOffset, divergingEpoch.endOffset, logEndOffset), complete: true };
}

/** What the follower does on OFFSET_OUT_OF_RANGE from its leader (fetchOffsetAndTruncate). */
export type OutOfRangeAction =
  /** The leader's log ends before ours (only after an unclean election): truncate to its end. */
  | { kind: 'truncate'; offset: number }
  /** Our log ends before the leader's start (retention ran): start an empty log there. */
  | { kind: 'restart-at'; offset: number }
  /** Nothing to cut: fetch again from our end. */
  | { kind: 'retry'; offset: number };

export function outOfRangeAction(logEndOffset: number, leaderLogStartOffset: number, leaderLogEndOffset: number): OutOfRangeAction {
  if (leaderLogEndOffset < logEndOffset) return { kind: 'truncate', offset: leaderLogEndOffset };
  if (leaderLogStartOffset > logEndOffset) return { kind: 'restart-at', offset: leaderLogStartOffset };
  return { kind: 'retry', offset: logEndOffset };
}

/** What goes into the ReplicaFetch request for this partition. */
export interface FollowerFetchPosition {
  fetchOffset: number;
  lastFetchedEpoch: number;
  currentLeaderEpoch: number;
}

/**
 * One followed partition's fetch position. The fetch offset is the follower's acknowledgement to
 * the leader (ARCHITECTURE.md, "Replication"), so a position is offered only once everything
 * appended is fsynced: append, flush, then fetch.
 */
export class FollowerFetchState {
  private logEndOffset: number;
  private durableEndOffset: number;
  private lastEpoch: number;
  private highWatermarkValue: number;

  constructor(
    readonly leaderEpoch: number,
    start: { logEndOffset: number; durableEndOffset: number; latestEpoch: number; highWatermark: number },
  ) {
    this.logEndOffset = start.logEndOffset;
    this.durableEndOffset = Math.min(start.durableEndOffset, start.logEndOffset);
    this.lastEpoch = start.latestEpoch;
    this.highWatermarkValue = Math.min(start.highWatermark, start.logEndOffset);
  }

  get highWatermark(): number {
    return this.highWatermarkValue;
  }

  /** The next fetch, or undefined while appended batches await their fsync. */
  nextFetch(): FollowerFetchPosition | undefined {
    if (this.durableEndOffset < this.logEndOffset) return undefined;
    return { fetchOffset: this.logEndOffset, lastFetchedEpoch: this.lastEpoch, currentLeaderEpoch: this.leaderEpoch };
  }

  /** Fetched batches were appended; the last one carries `lastBatchEpoch`. */
  onAppended(logEndOffset: number, lastBatchEpoch: number): void {
    if (logEndOffset < this.logEndOffset) throw new Error(`invariant FollowerEndMonotonic broken: append moved ${this.logEndOffset} -> ${logEndOffset}`);
    this.logEndOffset = logEndOffset;
    this.lastEpoch = lastBatchEpoch;
  }

  onFlushed(durableEndOffset: number): void {
    this.durableEndOffset = Math.max(this.durableEndOffset, Math.min(durableEndOffset, this.logEndOffset));
  }

  /** The leader's answer carried its high watermark: ours is that, within our own log (Kafka). */
  onLeaderHighWatermark(leaderHighWatermark: number): void {
    this.highWatermarkValue = Math.min(leaderHighWatermark, this.logEndOffset);
  }

  /** The plan for a diverging epoch answer; apply it to the log, then call onTruncated. */
  onDivergingEpoch(divergingEpoch: EpochEndOffset, epochs: EpochLookup): TruncationPlan {
    return truncationFor(divergingEpoch, epochs, this.logEndOffset);
  }

  /**
   * The log was truncated (or restarted) and now ends at `logEndOffset`, its last batch from
   * `latestEpoch` (read both back from the log: it truncates whole batches). What was not yet
   * fsynced below the new end still is not.
   */
  onTruncated(logEndOffset: number, latestEpoch: number): void {
    this.logEndOffset = logEndOffset;
    this.durableEndOffset = Math.min(this.durableEndOffset, logEndOffset);
    this.lastEpoch = latestEpoch;
    this.highWatermarkValue = Math.min(this.highWatermarkValue, logEndOffset);
  }
}
