// The leader's replication state for one partition (Kafka's Partition and Replica, leader side):
// follower progress, the ISR with at most one AlterPartition change in flight, and the high
// watermark. Pure: the broker feeds it follower fetches, its own log's end offsets and the
// controller's answers, with the time as a parameter, and acts on what it returns (answer the
// waiting produce and fetch requests, send AlterPartition). PROTOCOL-NOTES.md section 3.
//
// Invariants (checked after every change; `assertInvariants` names the broken one):
//   HighWatermarkMonotonic: the high watermark never goes back.
//   HighWatermarkBelowLeaderEnd: highWatermark <= the leader's durable log end offset.
//   LeaderInIsr: the leader is in the committed ISR and in any proposed one.
import { maximalIsr, minimalIsr, sameMembers } from './isr-arithmetic.js';

/** A follower's log end offset before its first fetch from this leader (Kafka's UnknownOffset). */
export const UNKNOWN_OFFSET = -1;
/**
 * lastCaughtUpTimeMs of a follower never caught up under this leader. Kafka uses 0, which on a
 * clock that starts near 0 (a simulation) would look like a recent catch-up.
 */
export const NEVER_CAUGHT_UP_MS = Number.NEGATIVE_INFINITY;

/** What the leader knows of one follower (Kafka's ReplicaState). */
export interface FollowerProgress {
  replicaId: number;
  /** The follower's log end offset, as its last fetch offset reported it (after its fsync). */
  logEndOffset: number;
  /** The last time the follower was caught up to the leader's log end offset. */
  lastCaughtUpTimeMs: number;
  lastFetchTimeMs: number;
  /** The leader's log end offset when that last fetch was answered. */
  lastFetchLeaderLogEndOffset: number;
}

export interface LeaderStateInit {
  leaderId: number;
  leaderEpoch: number;
  /** The controller's partition epoch of the committed ISR (AlterPartition guards on it, KIP-497). */
  partitionEpoch: number;
  /** The assignment: every replica of the partition, this leader included. */
  replicas: readonly number[];
  isr: readonly number[];
  minInsyncReplicas: number;
  /** Kafka's replica.lag.time.max.ms. */
  replicaLagMs: number;
  /** The leader's log end offset on election: where its epoch starts (leaderEpochStartOffset). */
  logEndOffset: number;
  /** The offset below which the leader's own log is fsynced. */
  durableEndOffset: number;
  /** The high watermark this replica had as a follower (or from its checkpoint). */
  highWatermark: number;
  nowMs: number;
  /**
   * Whether a replica outside the ISR may still hold the HW back while it catches up (Kafka's
   * isReplicaIsrEligible: registered, unfenced, not shutting down). A fenced follower (dead,
   * or cut off) must not: it was caught up when it died, and would stall acks=all for
   * replicaLagMs. Default: every replica.
   */
  isEligible?: (brokerId: number) => boolean;
}

/** The AlterPartition request to send (KIP-497): the controller refuses it if either epoch is stale. */
export interface IsrProposal {
  leaderEpoch: number;
  partitionEpoch: number;
  newIsr: number[];
}

export type FollowerFetchOutcome =
  | { kind: 'not-assigned' }
  | { kind: 'recorded'; highWatermark: number; highWatermarkAdvanced: boolean };

/** An ISR the controller committed, as the metadata image shows it (a PartitionState is one; no partition epoch = 0). */
export interface CommittedIsr {
  leaderEpoch: number;
  partitionEpoch?: number;
  isr: readonly number[];
}

export type ReplicaShortage = { code: 'NOT_ENOUGH_REPLICAS' | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'; message: string };

export class LeaderState {
  readonly leaderId: number;
  readonly leaderEpoch: number;
  /** The leader's log end offset when it was elected; a follower must reach it to rejoin the ISR. */
  readonly leaderEpochStartOffset: number;
  private readonly replicas: readonly number[];
  private readonly followers = new Map<number, FollowerProgress>();
  private committedIsr: number[];
  private proposedIsr: number[] | undefined;
  private partitionEpochValue: number;
  private minInsyncReplicasValue: number;
  private readonly replicaLagMs: number;
  private readonly isEligible: (brokerId: number) => boolean;
  private leaderLogEndOffset: number;
  private leaderDurableEndOffset: number;
  private highWatermarkValue: number;

  constructor(init: LeaderStateInit) {
    this.leaderId = init.leaderId;
    this.leaderEpoch = init.leaderEpoch;
    this.leaderEpochStartOffset = init.logEndOffset;
    this.replicas = [...init.replicas];
    this.committedIsr = [...init.isr];
    this.partitionEpochValue = init.partitionEpoch;
    this.minInsyncReplicasValue = init.minInsyncReplicas;
    this.replicaLagMs = init.replicaLagMs;
    this.isEligible = init.isEligible ?? (() => true);
    this.leaderLogEndOffset = init.logEndOffset;
    this.leaderDurableEndOffset = Math.min(init.durableEndOffset, init.logEndOffset);
    this.highWatermarkValue = Math.min(init.highWatermark, this.leaderDurableEndOffset);
    // Kafka's resetReplicaState on becoming leader: every follower's end offset is unknown until
    // it fetches, which holds the HW where it is. An ISR follower counts as caught up now, so it
    // gets replicaLagMs to fetch before it is proposed out; any other starts never caught up, so
    // it holds nothing back and must earn its way in.
    for (const replicaId of init.replicas) {
      if (replicaId === init.leaderId) continue;
      const inSync = init.isr.includes(replicaId);
      this.followers.set(replicaId, {
        replicaId,
        logEndOffset: UNKNOWN_OFFSET,
        lastCaughtUpTimeMs: inSync ? init.nowMs : NEVER_CAUGHT_UP_MS,
        lastFetchTimeMs: NEVER_CAUGHT_UP_MS,
        lastFetchLeaderLogEndOffset: UNKNOWN_OFFSET,
      });
    }
    this.assertInvariants(this.highWatermarkValue);
  }

  get highWatermark(): number {
    return this.highWatermarkValue;
  }

  get isr(): number[] {
    return [...this.committedIsr];
  }

  get partitionEpoch(): number {
    return this.partitionEpochValue;
  }

  get minInsyncReplicas(): number {
    return this.minInsyncReplicasValue;
  }

  /** The ISR the controller has not yet confirmed, if an AlterPartition is in flight. */
  get pendingIsr(): number[] | undefined {
    return this.proposedIsr === undefined ? undefined : [...this.proposedIsr];
  }

  /** The replicas the high watermark waits for (see isr-arithmetic.ts). */
  get maximalIsr(): number[] {
    return maximalIsr(this.committedIsr, this.proposedIsr);
  }

  /** The replicas min.insync.replicas counts (see isr-arithmetic.ts). */
  get minimalIsr(): number[] {
    return minimalIsr(this.committedIsr, this.proposedIsr);
  }

  follower(replicaId: number): FollowerProgress | undefined {
    const progress = this.followers.get(replicaId);
    return progress === undefined ? undefined : { ...progress };
  }

  /**
   * The leader appended (logEndOffset) or fsynced (durableEndOffset). The leader counts its own
   * end offset toward the HW only once fsynced (PROTOCOL-NOTES.md section 3, "Durability").
   * Returns whether the high watermark advanced.
   */
  onLeaderLog(logEndOffset: number, durableEndOffset: number, nowMs: number): boolean {
    this.leaderLogEndOffset = Math.max(this.leaderLogEndOffset, logEndOffset);
    this.leaderDurableEndOffset = Math.max(this.leaderDurableEndOffset, Math.min(durableEndOffset, this.leaderLogEndOffset));
    return this.maybeAdvanceHighWatermark(nowMs);
  }

  /**
   * A follower fetched from `fetchOffset`: its log holds, fsynced, every offset below it. The
   * caller has already checked the fetch's leader epoch and diverging epoch and read the log, so
   * fetchOffset <= leaderLogEndOffset. Kafka's Replica.updateFetchStateOrThrow: the follower was
   * caught up now if it asked for the leader's end; it was caught up at its previous fetch if it
   * now asks for at least what the leader's end was then.
   */
  onFollowerFetch(followerId: number, fetchOffset: number, nowMs: number, leaderLogEndOffset: number): FollowerFetchOutcome {
    const progress = this.followers.get(followerId);
    if (progress === undefined) return { kind: 'not-assigned' };
    this.leaderLogEndOffset = Math.max(this.leaderLogEndOffset, leaderLogEndOffset);
    // Invariant FetchWithinLog: a follower cannot hold offsets the leader never wrote once its
    // divergence was resolved; the caller answers such a fetch before it gets here.
    if (fetchOffset > this.leaderLogEndOffset) throw new Error(`invariant FetchWithinLog broken: follower ${followerId} fetched ${fetchOffset} past the leader end ${this.leaderLogEndOffset}`);
    if (fetchOffset >= leaderLogEndOffset) {
      progress.lastCaughtUpTimeMs = Math.max(progress.lastCaughtUpTimeMs, nowMs);
    } else if (fetchOffset >= progress.lastFetchLeaderLogEndOffset && progress.lastFetchLeaderLogEndOffset !== UNKNOWN_OFFSET) {
      progress.lastCaughtUpTimeMs = Math.max(progress.lastCaughtUpTimeMs, progress.lastFetchTimeMs);
    }
    progress.logEndOffset = fetchOffset;
    progress.lastFetchLeaderLogEndOffset = leaderLogEndOffset;
    progress.lastFetchTimeMs = nowMs;
    const highWatermarkAdvanced = this.maybeAdvanceHighWatermark(nowMs);
    return { kind: 'recorded', highWatermark: this.highWatermarkValue, highWatermarkAdvanced };
  }

  /**
   * ISR followers not caught up to the leader's end within replicaLagMs (Kafka's
   * getOutOfSyncReplicas: out of sync unless at the leader's end or caught up within the lag).
   * Empty while an AlterPartition is in flight: one change at a time.
   */
  isrShrinkCandidates(nowMs: number, replicaLagMs: number = this.replicaLagMs): number[] {
    if (this.proposedIsr !== undefined) return [];
    return this.committedIsr.filter((replicaId) => {
      const progress = this.followers.get(replicaId);
      return progress !== undefined && !this.isCaughtUp(progress, nowMs, replicaLagMs);
    });
  }

  /**
   * Assigned followers outside the ISR whose end offset has reached the high watermark and the
   * start of this leader's epoch (Kafka's isFollowerInSync): they hold every committed record and
   * none from a diverged older epoch. Empty while an AlterPartition is in flight.
   */
  isrExpandCandidates(): number[] {
    if (this.proposedIsr !== undefined) return [];
    return [...this.followers.values()]
      .filter((progress) => !this.committedIsr.includes(progress.replicaId))
      .filter((progress) => progress.logEndOffset >= this.highWatermarkValue && progress.logEndOffset >= this.leaderEpochStartOffset)
      .map((progress) => progress.replicaId);
  }

  /**
   * Records an AlterPartition in flight and returns the request to send. Returns undefined when
   * one is already in flight or the ISR would not change. The leader always stays in its ISR.
   */
  proposeIsr(newIsr: readonly number[]): IsrProposal | undefined {
    if (this.proposedIsr !== undefined || sameMembers(newIsr, this.committedIsr)) return undefined;
    if (!newIsr.includes(this.leaderId)) throw new Error(`invariant LeaderInIsr broken: proposed ISR ${newIsr.join(',')} leaves out leader ${this.leaderId}`);
    const unknown = newIsr.find((id) => !this.replicas.includes(id));
    if (unknown !== undefined) throw new Error(`invariant IsrWithinReplicas broken: ${unknown} is not a replica`);
    this.proposedIsr = [...newIsr];
    return { leaderEpoch: this.leaderEpoch, partitionEpoch: this.partitionEpochValue, newIsr: [...newIsr] };
  }

  /**
   * The controller committed an ISR (its AlterPartition answer, or the metadata image). Clears
   * the change in flight. Returns whether the high watermark advanced (a removal may unblock it).
   */
  onIsrCommitted(isr: readonly number[], partitionEpoch: number, nowMs: number): boolean {
    if (partitionEpoch < this.partitionEpochValue) return false;
    if (!isr.includes(this.leaderId)) throw new Error(`invariant LeaderInIsr broken: committed ISR ${isr.join(',')} leaves out leader ${this.leaderId}`);
    this.committedIsr = [...isr];
    this.partitionEpochValue = partitionEpoch;
    this.proposedIsr = undefined;
    return this.maybeAdvanceHighWatermark(nowMs);
  }

  /** The AlterPartition failed or was refused: nothing changed; the next check proposes again. */
  onIsrProposalFailed(): void {
    this.proposedIsr = undefined;
  }

  /** min.insync.replicas changed (a topic config change); returns whether the HW advanced. */
  setMinInsyncReplicas(minInsyncReplicas: number, nowMs: number): boolean {
    this.minInsyncReplicasValue = minInsyncReplicas;
    return this.maybeAdvanceHighWatermark(nowMs);
  }

  /** Whether the minimal ISR is at least min.insync.replicas. */
  get enoughReplicas(): boolean {
    return this.minimalIsr.length >= this.minInsyncReplicasValue;
  }

  /**
   * acks=all admission. Before the append: NOT_ENOUGH_REPLICAS (nothing written). After it:
   * NOT_ENOUGH_REPLICAS_AFTER_APPEND (the batch stays in the log; only an idempotent retry is
   * safe from duplicating it). Undefined when there are enough in-sync replicas.
   *
   * `image` is the ISR the metadata image already shows: the image is readable (Metadata,
   * DescribeTopics) a moment before the partition has applied it, and a client that has seen the
   * controller remove replicas must not get a batch appended that can then never be acknowledged.
   * A newer image ISR of this leader epoch narrows the replicas counted; an older one is ignored.
   */
  checkEnoughReplicas(phase: 'before-append' | 'after-append', image?: CommittedIsr): ReplicaShortage | undefined {
    const newer = image !== undefined && image.leaderEpoch === this.leaderEpoch && (image.partitionEpoch ?? 0) > this.partitionEpochValue;
    const counted = newer ? this.minimalIsr.filter((id) => image.isr.includes(id)) : this.minimalIsr;
    if (counted.length >= this.minInsyncReplicasValue) return undefined;
    const code = phase === 'before-append' ? 'NOT_ENOUGH_REPLICAS' : 'NOT_ENOUGH_REPLICAS_AFTER_APPEND';
    return { code, message: `in-sync replicas [${counted.join(',')}] are fewer than min.insync.replicas ${this.minInsyncReplicasValue}` };
  }

  /** acks=all may answer for a batch ending at `lastOffset` once the high watermark has passed it. */
  canAcknowledge(lastOffset: number): boolean {
    return this.highWatermarkValue > lastOffset;
  }

  private isCaughtUp(progress: FollowerProgress, nowMs: number, replicaLagMs: number): boolean {
    return progress.logEndOffset === this.leaderLogEndOffset || nowMs - progress.lastCaughtUpTimeMs <= replicaLagMs;
  }

  /**
   * The new HW candidate is the minimum end offset over the maximal ISR (the leader's durable
   * end included) and, as in Kafka's maybeIncrementLeaderHW, over followers outside it that are
   * caught up within the lag: otherwise, with an ISR of the leader alone, the HW would run at the
   * leader's end and a follower could never reach it to rejoin. It is frozen while the minimal
   * ISR is below min.insync.replicas (KIP-966) and never moves back.
   */
  private maybeAdvanceHighWatermark(nowMs: number): boolean {
    if (!this.enoughReplicas) return false;
    const waitedFor = this.maximalIsr;
    let candidate = this.leaderDurableEndOffset;
    for (const progress of this.followers.values()) {
      const counts = waitedFor.includes(progress.replicaId) || (this.isCaughtUp(progress, nowMs, this.replicaLagMs) && this.isEligible(progress.replicaId));
      if (counts) candidate = Math.min(candidate, progress.logEndOffset);
    }
    if (candidate <= this.highWatermarkValue) return false;
    this.assertInvariants(candidate);
    this.highWatermarkValue = candidate;
    return true;
  }

  private assertInvariants(nextHighWatermark: number): void {
    if (nextHighWatermark < this.highWatermarkValue) throw new Error(`invariant HighWatermarkMonotonic broken: ${this.highWatermarkValue} -> ${nextHighWatermark}`);
    if (nextHighWatermark > this.leaderDurableEndOffset) {
      throw new Error(`invariant HighWatermarkBelowLeaderEnd broken: ${nextHighWatermark} > durable end ${this.leaderDurableEndOffset}`);
    }
    if (!this.committedIsr.includes(this.leaderId)) throw new Error(`invariant LeaderInIsr broken: leader ${this.leaderId} is not in ISR ${this.committedIsr.join(',')}`);
  }
}
