// The leader's view of one follower or learner (etcd's Progress, after the thesis §3.5 and
// §10.2.1 optimisations). Three states:
//  - probe: the leader does not know where the logs diverge; it sends one append per heartbeat
//    round trip and backs `next` up on each rejection (§5.3).
//  - replicate: the follower is known to match; the leader streams appends optimistically,
//    bounded by the in-flight window (pipelining, thesis §10.2.1).
//  - snapshot: `next` fell below the leader's first index; the leader sent InstallSnapshot (§7)
//    and waits for it to be acknowledged (or retries after an election timeout).
import { Inflights } from './inflights.js';

export type ProgressState = 'probe' | 'replicate' | 'snapshot';

export class Progress {
  /** Highest index known to be replicated on the follower. */
  match = 0;
  /** Next index to send. Invariant: match < next. */
  next: number;
  state: ProgressState = 'probe';
  /** Probe state: an append is outstanding; wait for its answer or the next heartbeat answer. */
  probeSent = false;
  /** Snapshot state: the index of the snapshot sent, and ticks since it was sent. */
  pendingSnapshot = 0;
  snapshotElapsedTicks = 0;
  /** Heard from since the last check-quorum round (thesis §6.2). */
  recentActive = false;
  readonly isLearner: boolean;
  readonly inflights: Inflights;

  constructor(next: number, isLearner: boolean, inflightCountMax: number, inflightBytesMax: number) {
    this.next = next;
    this.isLearner = isLearner;
    this.inflights = new Inflights(inflightCountMax, inflightBytesMax);
  }

  becomeProbe(): void {
    // Leaving snapshot state, resume after the snapshot if it may have landed.
    const resumeAt = this.state === 'snapshot' ? Math.max(this.match + 1, this.pendingSnapshot + 1) : this.match + 1;
    this.resetState('probe');
    this.next = resumeAt;
  }

  becomeReplicate(): void {
    this.resetState('replicate');
    this.next = this.match + 1;
  }

  becomeSnapshot(snapshotIndex: number): void {
    this.resetState('snapshot');
    this.pendingSnapshot = snapshotIndex;
  }

  private resetState(state: ProgressState): void {
    this.state = state;
    this.probeSent = false;
    this.pendingSnapshot = 0;
    this.snapshotElapsedTicks = 0;
    this.inflights.reset();
  }

  /** An acknowledgement of `index`; returns false when it is stale (at or below match). */
  maybeUpdate(index: number): boolean {
    let updated = false;
    if (this.match < index) {
      this.match = index;
      updated = true;
      this.probeSent = false;
    }
    this.next = Math.max(this.next, index + 1);
    return updated;
  }

  /** Replicate state: appends up to `lastIndex` were just sent. */
  optimisticUpdate(lastIndex: number): void {
    this.next = lastIndex + 1;
  }

  /**
   * A rejection of the append whose prevLogIndex was `rejected`; `hintNext` is where the
   * conflict hint says to resume. Returns false for a stale rejection (a reply to an append
   * sent before `next` last moved), which must be ignored.
   */
  maybeDecrTo(rejected: number, hintNext: number): boolean {
    if (this.state === 'replicate') {
      if (rejected <= this.match) return false;
      this.next = clamp(hintNext, this.match + 1, rejected);
      return true;
    }
    if (this.state === 'snapshot' || this.next - 1 !== rejected) return false;
    this.next = clamp(hintNext, this.match + 1, rejected);
    this.probeSent = false;
    return true;
  }

  /** Whether the leader must hold appends back for now (flow control). */
  isPaused(): boolean {
    switch (this.state) {
      case 'probe':
        return this.probeSent;
      case 'replicate':
        return this.inflights.full();
      case 'snapshot':
        return true;
    }
  }
}

/** Clamps to [low, high]; `low` wins if they cross, so next never falls to or below match. */
function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(value, high));
}
