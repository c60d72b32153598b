// RaftNode: one member of a Raft group as a pure, deterministic state machine. The driver feeds
// it ticks, messages and proposals, and drains its output through ready()/advance() (the
// contract is written in index.ts). This file holds the state, the term rules every message
// passes through (§5.1), role transitions and the Ready bookkeeping; each role's handling of
// messages lives in roles/.
import { NO_NODE } from './messages.js';
import type { Entry, HardState, Message, NodeId, Role, Snapshot, SoftState } from './messages.js';
import { resolveOptions } from './config.js';
import type { RaftNodeOptions, ResolvedOptions } from './config.js';
import type { Random } from './random.js';
import type { ProposeResult, Ready, TransferResult } from './ready.js';
import { RaftLog } from './log/raft-log.js';
import { Progress } from './progress.js';
import { invariant } from './invariant.js';
import { campaign, handleVoteRequest, stepCandidate } from './roles/election.js';
import { stepFollower } from './roles/follower.js';
import { appendEntries, broadcastAppend, stepLeader, tickLeader, transferLeadership } from './roles/leader.js';

export type CampaignKind = 'pre-vote' | 'election' | 'transfer';

export interface ProgressStatus {
  readonly match: number;
  readonly next: number;
  readonly state: Progress['state'];
  readonly isLearner: boolean;
  readonly inflight: number;
}

export interface NodeStatus {
  readonly id: NodeId;
  readonly role: Role;
  readonly term: number;
  readonly vote: NodeId;
  readonly leaderId: NodeId;
  readonly commit: number;
  readonly applied: number;
  readonly firstIndex: number;
  readonly lastIndex: number;
  readonly leadTransferee: NodeId;
  /** The leader's view of each peer; empty on other roles. */
  readonly progress: ReadonlyMap<NodeId, ProgressStatus>;
}

export class RaftNode {
  readonly id: NodeId;
  /** @internal */ readonly options: ResolvedOptions;
  /** @internal */ readonly random: Random;
  /** @internal */ readonly log: RaftLog;
  /** @internal */ term = 0;
  /** @internal */ vote: NodeId = NO_NODE;
  /** @internal */ lead: NodeId = NO_NODE;
  /** @internal */ role: Role = 'follower';
  /** @internal Leader only: one entry per peer (voters and learners, self included). */
  readonly progress = new Map<NodeId, Progress>();
  /** @internal Candidate and pre-candidate: the answers received. */
  readonly votes = new Map<NodeId, boolean>();
  /** @internal Ticks since the last reset: leader contact (follower), campaign start or quorum check. */
  electionElapsed = 0;
  /** @internal */ heartbeatElapsed = 0;
  /** @internal */ randomizedElectionTimeout = 0;
  /** @internal Leader only: the target of a leadership transfer in progress. */
  leadTransferee: NodeId = NO_NODE;
  private outbox: Message[] = [];
  private pendingCompaction: Snapshot | undefined;
  private previousHardState: HardState;
  private previousSoftState: SoftState;
  private readyOutstanding = false;

  constructor(options: RaftNodeOptions) {
    this.options = resolveOptions(options);
    this.id = this.options.id;
    this.random = options.random;
    this.log = new RaftLog(options.storage);
    const hardState = options.storage.hardState();
    this.term = hardState.term;
    this.vote = hardState.vote;
    this.log.commitTo(hardState.commit);
    const applied = options.applied ?? this.log.firstIndex() - 1;
    invariant(applied >= this.log.firstIndex() - 1 && applied <= this.log.committed, 'AppliedWithinLog',
      `applied ${applied} outside [${this.log.firstIndex() - 1}, ${this.log.committed}]`);
    this.log.appliedTo(applied);
    this.previousHardState = hardState;
    this.becomeFollower(this.term, NO_NODE);
    this.previousSoftState = this.softState();
  }

  // ---- Inputs -------------------------------------------------------------------------------

  /** Advances logical time by one tick. */
  tick(): void {
    if (this.role === 'leader') {
      tickLeader(this);
      return;
    }
    this.electionElapsed++;
    if (this.isPromotable() && this.electionElapsed >= this.randomizedElectionTimeout) {
      this.electionElapsed = 0;
      this.campaign(this.options.preVote ? 'pre-vote' : 'election');
    }
  }

  /** Starts an election now (as if the election timeout had passed), through pre-vote if enabled. */
  campaign(kind: CampaignKind = this.options.preVote ? 'pre-vote' : 'election'): void {
    if (this.role === 'leader') return;
    campaign(this, kind);
  }

  /** Handles a message from a peer. Messages not addressed to this node are ignored. */
  step(message: Message): void {
    if (message.to !== this.id) return;
    if (message.term > this.term) {
      if (!this.acceptHigherTerm(message)) return;
    } else if (message.term < this.term) {
      this.answerStaleTerm(message);
      return;
    }
    if (message.type === 'vote-request') {
      handleVoteRequest(this, message);
      return;
    }
    switch (this.role) {
      case 'leader':
        stepLeader(this, message);
        return;
      case 'candidate':
      case 'pre-candidate':
        stepCandidate(this, message);
        return;
      case 'follower':
        stepFollower(this, message);
        return;
    }
  }

  /** Appends `data` to the log if this node leads; otherwise says who does (no forwarding). */
  propose(data: Uint8Array): ProposeResult {
    if (this.role !== 'leader') return { accepted: false, reason: 'not-leader', leaderId: this.lead };
    // Thesis §3.10: a leader handing over stops accepting proposals so the target can catch up.
    if (this.leadTransferee !== NO_NODE) return { accepted: false, reason: 'leadership-transfer', leaderId: this.id };
    const index = this.log.lastIndex() + 1;
    appendEntries(this, [{ index, term: this.term, kind: 'normal', data }]);
    broadcastAppend(this);
    return { accepted: true, index, term: this.term };
  }

  /** Hands leadership to `to` (thesis §3.10): catch it up, then send it TimeoutNow. */
  transferLeadership(to: NodeId): TransferResult {
    return transferLeadership(this, to);
  }

  /**
   * The application snapshotted its state as of `index` (<= applied): the log up to `index`
   * may be dropped (§7). The snapshot is handed back in the next Ready's `compaction` for the
   * driver to persist. Returns false when the log is already compacted that far.
   */
  compact(index: number, data: Uint8Array): boolean {
    if (index > this.log.applied) throw new RangeError(`compact(${index}) beyond applied index ${this.log.applied}`);
    const floor = Math.max(this.log.firstIndex() - 1, this.pendingCompaction?.metadata.index ?? 0);
    if (index <= floor) return false;
    const term = this.log.term(index);
    invariant(term !== undefined, 'CompactWithinLog', `no term at ${index}`);
    this.pendingCompaction = {
      metadata: { index, term, voters: this.options.voters, learners: this.options.learners },
      data,
    };
    return true;
  }

  // ---- Output: the Ready contract ---------------------------------------------------------

  hasReady(): boolean {
    if (this.readyOutstanding) return false;
    return (
      this.outbox.length > 0 ||
      this.log.unstable.entries.length > 0 ||
      this.log.unstable.snapshot !== undefined ||
      this.pendingCompaction !== undefined ||
      this.log.hasNextCommittedEntries() ||
      this.term !== this.previousHardState.term ||
      this.vote !== this.previousHardState.vote ||
      this.log.committed !== this.previousHardState.commit ||
      this.lead !== this.previousSoftState.leaderId ||
      this.role !== this.previousSoftState.role
    );
  }

  /** Collects the work for the driver. Must be followed by advance(ready) before the next ready(). */
  ready(): Ready {
    invariant(!this.readyOutstanding, 'ReadyAdvance', 'ready() called twice without advance()');
    this.readyOutstanding = true;
    const hardState = this.hardState();
    const softState = this.softState();
    // A snapshot installed since compact() was called may already cover the compaction.
    if (this.pendingCompaction !== undefined && this.pendingCompaction.metadata.index < this.log.firstIndex()) {
      this.pendingCompaction = undefined;
    }
    const messages = this.outbox;
    this.outbox = [];
    return {
      softState: sameSoftState(softState, this.previousSoftState) ? undefined : softState,
      hardState: sameHardState(hardState, this.previousHardState) ? undefined : hardState,
      snapshot: this.log.unstable.snapshot,
      entries: [...this.log.unstable.entries],
      compaction: this.pendingCompaction,
      messages,
      committedEntries: this.log.nextCommittedEntries(this.options.applyBytesMax),
    };
  }

  /** The driver has persisted, sent and applied everything in `ready`. */
  advance(ready: Ready): void {
    invariant(this.readyOutstanding, 'ReadyAdvance', 'advance() without ready()');
    this.readyOutstanding = false;
    if (ready.softState !== undefined) this.previousSoftState = ready.softState;
    if (ready.hardState !== undefined) this.previousHardState = ready.hardState;
    if (ready.snapshot !== undefined) {
      this.log.unstable.stableSnapshotTo(ready.snapshot.metadata.index);
      if (ready.snapshot.metadata.index > this.log.applied) this.log.appliedTo(ready.snapshot.metadata.index);
    }
    const lastEntry = ready.entries[ready.entries.length - 1];
    if (lastEntry !== undefined) this.log.unstable.stableTo(lastEntry.index, lastEntry.term);
    const lastApplied = ready.committedEntries[ready.committedEntries.length - 1];
    if (lastApplied !== undefined) this.log.appliedTo(lastApplied.index);
    if (ready.compaction !== undefined && this.pendingCompaction === ready.compaction) this.pendingCompaction = undefined;
  }

  status(): NodeStatus {
    const progress = new Map<NodeId, ProgressStatus>();
    for (const [id, pr] of this.role === 'leader' ? this.progress : []) {
      progress.set(id, { match: pr.match, next: pr.next, state: pr.state, isLearner: pr.isLearner, inflight: pr.inflights.count });
    }
    return {
      id: this.id, role: this.role, term: this.term, vote: this.vote, leaderId: this.lead,
      commit: this.log.committed, applied: this.log.applied, firstIndex: this.log.firstIndex(),
      lastIndex: this.log.lastIndex(), leadTransferee: this.leadTransferee, progress,
    };
  }

  /** Entries [lo, hi) of this node's log, for tests and tools; undefined below the first index. */
  logEntries(lo: number, hi: number): Entry[] | undefined {
    return this.log.slice(lo, Math.min(hi, this.log.lastIndex() + 1), Number.MAX_SAFE_INTEGER);
  }

  // ---- Internal: used by roles/ -------------------------------------------------------------

  /** @internal */
  send(message: Message): void {
    this.outbox.push(message);
  }

  /** @internal Voters only may campaign; learners never do. */
  isPromotable(): boolean {
    return this.options.voters.includes(this.id);
  }

  /** @internal */
  becomeFollower(term: number, lead: NodeId): void {
    this.reset(term);
    this.lead = lead;
    this.role = 'follower';
  }

  /** @internal Pre-vote does not change the term or the vote (thesis §9.6). */
  becomePreCandidate(): void {
    invariant(this.role !== 'leader', 'RoleTransition', 'leader cannot become pre-candidate');
    this.votes.clear();
    this.lead = NO_NODE;
    this.role = 'pre-candidate';
    this.resetRandomizedElectionTimeout();
  }

  /** @internal §5.2: increment the term and vote for self. */
  becomeCandidate(): void {
    invariant(this.role !== 'leader', 'RoleTransition', 'leader cannot become candidate');
    this.reset(this.term + 1);
    this.vote = this.id;
    this.role = 'candidate';
  }

  /** @internal */
  becomeLeader(): void {
    invariant(this.role === 'candidate', 'RoleTransition', `${this.role} cannot become leader`);
    this.reset(this.term);
    this.lead = this.id;
    this.role = 'leader';
    const self = this.progress.get(this.id);
    if (self !== undefined) {
      self.becomeReplicate();
      self.recentActive = true;
    }
    // §5.4.2 / thesis §6.4: commit an entry of the new term so older entries commit with it.
    appendEntries(this, [{ index: this.log.lastIndex() + 1, term: this.term, kind: 'noop', data: new Uint8Array(0) }]);
  }

  /** @internal */
  resetRandomizedElectionTimeout(): void {
    const timeout = this.options.electionTimeoutTicks;
    this.randomizedElectionTimeout = timeout + this.random.nextInt(timeout);
  }

  private reset(term: number): void {
    if (term !== this.term) {
      this.term = term;
      this.vote = NO_NODE;
    }
    this.lead = NO_NODE;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.resetRandomizedElectionTimeout();
    this.leadTransferee = NO_NODE;
    this.votes.clear();
    this.progress.clear();
    const next = this.log.lastIndex() + 1;
    for (const id of this.options.voters) this.progress.set(id, this.newProgress(next, false));
    for (const id of this.options.learners) this.progress.set(id, this.newProgress(next, true));
    const self = this.progress.get(this.id);
    if (self !== undefined) self.match = this.log.lastIndex();
  }

  private newProgress(next: number, isLearner: boolean): Progress {
    return new Progress(next, isLearner, this.options.inflightAppendsMax, this.options.inflightBytesMax);
  }

  /**
   * §5.1: a message with a higher term makes us adopt it, with two exceptions. A vote request
   * while we believe a live leader exists is ignored (thesis §4.2.3 "disruptive servers";
   * with check quorum the leader lease makes this safe), unless it comes from a leadership
   * transfer. And pre-vote traffic never changes anyone's term (thesis §9.6, KIP-996).
   * Returns false when the message must be dropped.
   */
  private acceptHigherTerm(message: Message): boolean {
    if (message.type === 'vote-request') {
      const inLease = this.options.checkQuorum && this.lead !== NO_NODE && this.electionElapsed < this.options.electionTimeoutTicks;
      if (inLease && !message.leadershipTransfer) {
        // KIP-996: refuse; the answer carries our term, so it never raises the sender's.
        this.send({ type: 'vote-response', from: this.id, to: message.from, term: this.term, preVote: message.preVote, granted: false });
        return false;
      }
      if (message.preVote) return true;
    }
    if (message.type === 'vote-response' && message.preVote && message.granted) return true;
    const fromLeader = message.type === 'append' || message.type === 'heartbeat' || message.type === 'install-snapshot';
    this.becomeFollower(message.term, fromLeader ? message.from : NO_NODE);
    return true;
  }

  /**
   * A message from an older term is dropped, but a stale leader is told our term so it steps
   * down: with pre-vote and check quorum a node may sit at a higher term that no election will
   * ever reach the old leader with (etcd's rule; thesis §9.6). A stale pre-vote is refused.
   */
  private answerStaleTerm(message: Message): void {
    if (message.type === 'append' || message.type === 'heartbeat') {
      this.send({ type: 'heartbeat-response', from: this.id, to: message.from, term: this.term });
    } else if (message.type === 'vote-request' && message.preVote) {
      this.send({ type: 'vote-response', from: this.id, to: message.from, term: this.term, preVote: true, granted: false });
    }
  }

  private hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.log.committed };
  }

  private softState(): SoftState {
    return { leaderId: this.lead, role: this.role };
  }
}

function sameHardState(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}

function sameSoftState(a: SoftState, b: SoftState): boolean {
  return a.leaderId === b.leaderId && a.role === b.role;
}
