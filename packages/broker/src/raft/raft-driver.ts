// RaftDriver: runs a pure RaftNode (@brook/raft) against real time, a level-backed log and a
// network transport, following etcd's Ready contract (packages/raft/src/index.ts):
//
//   loop while node.hasReady():
//     rd = node.ready()
//     1. persist rd.snapshot, rd.compaction, rd.entries, rd.hardState: ONE level batch, fsync'd
//        when it holds entries, a snapshot or a new term or vote (etcd's MustSync)
//     2. send rd.messages (grouped per peer into one frame each)
//     3. apply: restore rd.snapshot, then hand rd.committedEntries to `apply`, settling proposals
//     4. node.advance(rd)
//
// While step 1 is in flight, ticks, peers' messages and proposals keep stepping the node; their
// output waits for the next Ready, so one fsync covers everything that arrived meanwhile (group
// commit). The leader counts its own entries as matched as soon as it appends them, sends its
// appends before its own write of them, and writes in parallel with its followers (thesis
// §10.2.1, as etcd's server does; see leaderMaySendBeforePersisting); a proposal is reported
// committed only once applied, after the leader's own write is durable too.
import { randomInt } from 'node:crypto';
import { RaftNode, SeededRandom } from '@brook/raft';
import type { Entry, NodeId, RaftNodeOptions, Random, Ready, Role, Snapshot } from '@brook/raft';
import { RaftDriverError } from './driver-errors.js';
import { SILENT_LOGGER } from './logger.js';
import type { RaftLogger } from './logger.js';
import { PendingProposals } from './pending-proposals.js';
import type { ProposalPosition } from './pending-proposals.js';
import type { DurableRaftStorage } from './storage/level-raft-storage.js';
import type { RaftTransport } from './transport/raft-transport.js';

/** The application's side of snapshots (Raft paper §7). */
export interface SnapshotHooks {
  /** The state machine's state as of the last applied entry. */
  take(): Uint8Array;
  /** Replace the state machine with a snapshot (at start, or one received from the leader). */
  restore(snapshot: Snapshot): void;
  /** Compact the log once this many entries have been applied past the last snapshot. */
  readonly everyEntries: number;
}

export type RaftTuning = Partial<Pick<RaftNodeOptions,
  'preVote' | 'checkQuorum' | 'appendBytesMax' | 'inflightAppendsMax' | 'inflightBytesMax' | 'applyBytesMax'>>;

export interface RaftDriverOptions {
  readonly id: NodeId;
  readonly voters: readonly NodeId[];
  readonly learners?: readonly NodeId[];
  readonly storage: DurableRaftStorage;
  readonly transport: RaftTransport;
  /** Wall-clock length of one Raft tick. */
  readonly tickMs: number;
  /** Election timeout in ticks (a random one in [T, 2T) is drawn per election, §5.2). */
  readonly electionTimeoutTicks: number;
  readonly heartbeatIntervalTicks: number;
  /** Receives committed `normal` entries in log order, once each per process lifetime. */
  readonly apply: (entries: readonly Entry[]) => void;
  readonly snapshots?: SnapshotHooks;
  /** Default: a generator seeded from the OS. */
  readonly random?: Random;
  readonly tuning?: RaftTuning;
  readonly logger?: RaftLogger;
  /** Called when this node's role or known leader changes (after failing proposals on a lost leadership). */
  readonly onRoleChange?: (change: RaftRoleChange) => void;
  /**
   * Called once entries up to `appliedIndex` were handed out, noops included (`apply` never sees
   * noops), or a snapshot up to it was restored: a new leader learns here that its term's first
   * entry is applied, so its state machine holds everything committed before its term (§8).
   */
  readonly onApplied?: (appliedIndex: number) => void;
}

/** An appended proposal: its position now, and `applied` once it is committed and applied here. */
export interface ProposedEntry extends ProposalPosition {
  readonly applied: Promise<ProposalPosition>;
}

export interface RaftRoleChange {
  readonly role: Role;
  readonly leaderId: NodeId;
  readonly term: number;
  /** When this node became leader: the index of its term's first entry (the leader's noop); 0 otherwise. */
  readonly termStartIndex: number;
}

export interface RaftPeerStatus {
  readonly id: NodeId;
  readonly match: number;
  readonly next: number;
  readonly state: string;
  readonly isLearner: boolean;
}

export interface RaftDriverStatus {
  readonly id: NodeId;
  readonly role: Role;
  readonly term: number;
  readonly leaderId: NodeId;
  readonly commit: number;
  readonly applied: number;
  readonly firstIndex: number;
  readonly lastIndex: number;
  /** The leader's view of every member (self included); empty unless this node leads. */
  readonly peers: readonly RaftPeerStatus[];
  readonly readyCycles: number;
  readonly syncedWrites: number;
  /** Durations of the latest persists (at most 1024) that wrote something: p50, p99, max. */
  readonly persistMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly pendingProposals: number;
}

export class RaftDriver {
  private readonly options: RaftDriverOptions;
  private readonly node: RaftNode;
  private readonly storage: DurableRaftStorage;
  private readonly transport: RaftTransport;
  private readonly logger: RaftLogger;
  private readonly proposals = new PendingProposals();
  private ticker: NodeJS.Timeout | undefined;
  private cycleScheduled = false;
  private cycleRunning = false;
  /** The latest run of Ready cycles, for stop() to wait on. */
  private cycle: Promise<void> = Promise.resolve();
  private stopped = false;
  private failure: Error | undefined;
  private role: Role = 'follower';
  private leaderId: NodeId = 0;
  private lastSnapshotIndex: number;
  /** The index of the last entry handed to the application (noops included). */
  private appliedIndex: number;
  private readyCycles = 0;
  private syncedWrites = 0;
  private readonly persistDurationsMs = new Float64Array(1024);
  private persists = 0;

  constructor(options: RaftDriverOptions) {
    this.options = options;
    this.storage = options.storage;
    this.transport = options.transport;
    this.logger = options.logger ?? SILENT_LOGGER;
    const snapshot = options.storage.snapshot();
    this.lastSnapshotIndex = snapshot.metadata.index;
    this.appliedIndex = snapshot.metadata.index;
    // The state machine lives in memory: it restarts from the snapshot, and the node hands out
    // every committed entry after it again (applied = the snapshot's index).
    if (snapshot.metadata.index > 0) this.restoreSnapshot(snapshot);
    this.node = new RaftNode({
      ...options.tuning,
      id: options.id,
      voters: options.voters,
      learners: options.learners ?? [],
      storage: options.storage,
      random: options.random ?? new SeededRandom(randomInt(2 ** 32)),
      electionTimeoutTicks: options.electionTimeoutTicks,
      heartbeatIntervalTicks: options.heartbeatIntervalTicks,
      applied: snapshot.metadata.index,
    });
  }

  /** Starts ticking and accepting messages from the transport. */
  start(): void {
    if (this.ticker !== undefined || this.stopped) return;
    this.transport.setHandler((messages) => {
      if (this.stopped) return;
      for (const message of messages) this.node.step(message);
      this.applyCommittedNow();
      this.schedule();
    });
    this.ticker = setInterval(() => {
      this.node.tick();
      this.schedule();
    }, this.options.tickMs);
    const { term, commit } = this.node.status();
    this.logger.info({ id: this.options.id, term, commit, lastIndex: this.storage.lastIndex() }, 'raft driver started');
    this.schedule();
  }

  /**
   * Proposes `data` and resolves with its position once it is committed and applied here.
   * Rejects with RaftDriverError NOT_LEADER (with the known leader) when this node does not
   * lead, or loses leadership before the entry commits; STOPPED when the driver stops first.
   */
  propose(data: Uint8Array): Promise<ProposalPosition> {
    try {
      return this.proposeEntry(data).applied;
    } catch (error) {
      return Promise.reject(error as RaftDriverError);
    }
  }

  /**
   * propose(), also saying at once where the entry was appended, so a state machine can stage
   * the entry's effect at its index before it commits (the controller's speculative image).
   * Throws RaftDriverError (NOT_LEADER, STOPPED) at once when the entry is not appended.
   */
  proposeEntry(data: Uint8Array): ProposedEntry {
    if (this.stopped) throw this.stoppedError();
    const result = this.node.propose(data);
    if (!result.accepted) {
      const detail = result.reason === 'leadership-transfer' ? 'leadership is being transferred' : 'this node is not the leader';
      throw new RaftDriverError('NOT_LEADER', `${detail} (leader: ${result.leaderId || 'unknown'})`, result.leaderId, 'rejected');
    }
    this.schedule();
    return { index: result.index, term: result.term, applied: this.proposals.add(result) };
  }

  /** Hands leadership to `to` (thesis §3.10), e.g. before a controlled shutdown. */
  transferLeadership(to: NodeId): boolean {
    const result = this.node.transferLeadership(to);
    this.schedule();
    return result.started;
  }

  /** Starts an election now rather than at the election timeout. */
  campaign(): void {
    this.node.campaign();
    this.schedule();
  }

  /** The index of this node's last log entry: a proposal accepted now is appended right after it. */
  lastIndex(): number {
    return this.node.status().lastIndex;
  }

  status(): RaftDriverStatus {
    const s = this.node.status();
    const peers = [...s.progress].map(([id, p]) => ({ id, match: p.match, next: p.next, state: p.state, isLearner: p.isLearner }));
    return {
      id: s.id, role: s.role, term: s.term, leaderId: s.leaderId, commit: s.commit, applied: s.applied,
      firstIndex: s.firstIndex, lastIndex: s.lastIndex, peers, readyCycles: this.readyCycles,
      syncedWrites: this.syncedWrites, pendingProposals: this.proposals.size, persistMs: this.persistPercentiles(),
    };
  }

  /** The error that stopped the driver (a storage or apply failure), if any. */
  get error(): Error | undefined {
    return this.failure;
  }

  /**
   * Stops ticking and stepping, waits for the Ready in flight to be persisted, and fails the
   * proposals still waiting. The caller closes the transport and the storage afterwards.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.transport.setHandler(() => {});
    await this.cycle;
    this.proposals.failAll('STOPPED', this.leaderId, 'the raft driver stopped');
    this.logger.info({ id: this.options.id }, 'raft driver stopped');
  }

  private schedule(): void {
    if (this.cycleScheduled || this.cycleRunning || this.stopped) return;
    this.cycleScheduled = true;
    // setImmediate, not a microtask: let every message and proposal that is already queued on
    // the event loop reach the node first, so one Ready carries them all.
    setImmediate(() => {
      this.cycleScheduled = false;
      if (!this.cycleRunning && !this.stopped) this.cycle = this.runCycles();
    });
  }

  private async runCycles(): Promise<void> {
    this.cycleRunning = true;
    try {
      while (!this.stopped && this.node.hasReady()) {
        const ready = this.node.ready();
        await this.handleReady(ready);
        this.node.advance(ready);
        this.readyCycles++;
        this.maybeCompact();
      }
    } catch (error) {
      this.fail(error as Error);
    } finally {
      this.cycleRunning = false;
    }
    if (!this.stopped && this.node.hasReady()) this.schedule();
  }

  private async handleReady(ready: Ready): Promise<void> {
    if (ready.softState !== undefined) this.changeSoftState(ready.softState.role, ready.softState.leaderId);
    const sendEarly = this.leaderMaySendBeforePersisting(ready);
    if (sendEarly) this.transport.send(ready.messages);
    // Committed entries already durable here may be applied while the new ones are written (as
    // etcd's server applies concurrently with saving a Ready); the rest wait for step 1.
    const durable = this.durableCommittedCount(ready);
    this.applyEntries(ready.committedEntries.slice(0, durable));
    // 1. Persist. Nothing below may happen before this is durable.
    if (ready.snapshot !== undefined || ready.compaction !== undefined || ready.entries.length > 0 || ready.hardState !== undefined) {
      const started = performance.now();
      const outcome = await this.storage.persist(ready);
      if (outcome.synced) this.syncedWrites++;
      if (outcome.operations > 0) this.persistDurationsMs[this.persists++ % this.persistDurationsMs.length] = performance.now() - started;
    }
    // 2. Send.
    if (!sendEarly) this.transport.send(ready.messages);
    // 3. Apply.
    if (ready.snapshot !== undefined) {
      this.restoreSnapshot(ready.snapshot);
      this.lastSnapshotIndex = ready.snapshot.metadata.index;
      this.appliedIndex = ready.snapshot.metadata.index;
      this.options.onApplied?.(this.appliedIndex);
    }
    this.applyEntries(durable === 0 ? ready.committedEntries : ready.committedEntries.slice(durable));
  }

  /**
   * Hands a snapshot to the application. Without snapshot hooks the entries it replaced cannot
   * be applied any more, so the state machine would silently miss them: that is fatal.
   */
  private restoreSnapshot(snapshot: Snapshot): void {
    const hooks = this.options.snapshots;
    if (hooks === undefined) {
      throw new Error(`a snapshot at index ${snapshot.metadata.index} must be restored, but the driver has no snapshot hooks`);
    }
    hooks.restore(snapshot);
  }

  /**
   * How many of the Ready's committed entries are already in durable storage with the same
   * term and are not rewritten by this Ready (a follower may receive entries and the commit
   * index covering them in one append, §5.3).
   */
  private durableCommittedCount(ready: Ready): number {
    if (ready.snapshot !== undefined || ready.compaction !== undefined) return 0;
    const rewrittenFrom = ready.entries[0]?.index ?? Number.POSITIVE_INFINITY;
    const durableLast = this.storage.lastIndex();
    let count = 0;
    for (const entry of ready.committedEntries) {
      if (entry.index >= rewrittenFrom || entry.index > durableLast || this.storage.term(entry.index) !== entry.term) break;
      count++;
    }
    return count;
  }

  /**
   * Applies, without waiting for the next Ready, the entries a message just committed that are
   * already durable here. A leader learns of commitment from its followers' answers while its
   * next batch is usually being written; waiting for that write (and the Ready after it) would
   * put one more fsync on every commit's path. Safe for the same reason as applying durable
   * entries early in handleReady: they are committed, and this node's copy is on disk. The
   * next Ready hands them out again; applyEntries skips what was applied.
   */
  private applyCommittedNow(): void {
    // A due compaction needs the core's applied index to reach ours first (it snapshots exactly
    // what was applied), so stop running ahead of the Readies until it is taken.
    if (this.compactionDue()) return;
    const commit = this.node.status().commit;
    const last = Math.min(commit, this.storage.lastIndex());
    const next = this.appliedIndex + 1;
    // Below firstIndex the log was compacted or replaced by a snapshot: the Ready path restores it.
    if (last < next || next < this.storage.firstIndex()) return;
    // The node's entries, not storage's: a follower may hold on disk an old entry at a committed
    // index whose replacement (same index, the leader's term, §5.3) is still being written. Only
    // the prefix whose durable copy has the node's term is applied.
    const entries = this.node.logEntries(next, last + 1) ?? [];
    let durable = 0;
    while (durable < entries.length && this.storage.term((entries[durable] as Entry).index) === (entries[durable] as Entry).term) durable++;
    this.applyEntries(durable === entries.length ? entries : entries.slice(0, durable));
  }

  private applyEntries(all: readonly Entry[]): void {
    // Entries applied early (applyCommittedNow) come again in a later Ready: skip them.
    let skip = 0;
    while (skip < all.length && (all[skip] as Entry).index <= this.appliedIndex) skip++;
    const entries = skip === 0 ? all : all.slice(skip);
    const last = entries[entries.length - 1];
    if (last === undefined) return;
    const first = entries[0] as Entry;
    // Invariant: the application sees every committed entry once, in order.
    if (first.index !== this.appliedIndex + 1) throw new Error(`apply at ${first.index} after ${this.appliedIndex}`);
    const normal = entries.filter((entry) => entry.kind === 'normal');
    if (normal.length > 0) this.options.apply(normal);
    this.proposals.applied(entries, this.leaderId);
    this.appliedIndex = last.index;
    this.options.onApplied?.(this.appliedIndex);
  }


  /**
   * The one exception to persist-then-send: a leader's appends and heartbeats may go out while
   * its own copy of the entries is still being written (thesis §10.2.1; etcd's server sends a
   * leader's messages before saving its Ready). They promise nothing about the leader's disk:
   * an entry counts as committed for a client only when it is applied here, which is after this
   * Ready is durable, so a majority (this leader plus the followers that acknowledged, each
   * after its own fsync) holds it. Term and vote are different: a Ready that changes them, or
   * carries vote traffic, is always persisted first (§5.1, Figure 2).
   */
  private leaderMaySendBeforePersisting(ready: Ready): boolean {
    if (this.role !== 'leader' || ready.messages.length === 0) return false;
    const persisted = this.storage.hardState();
    if (ready.hardState !== undefined && (ready.hardState.term !== persisted.term || ready.hardState.vote !== persisted.vote)) return false;
    return ready.messages.every((m) => m.type === 'append' || m.type === 'heartbeat' || m.type === 'install-snapshot' || m.type === 'timeout-now');
  }

  private changeSoftState(role: Role, leaderId: NodeId): void {
    const wasLeader = this.role === 'leader';
    if (role !== this.role || leaderId !== this.leaderId) {
      this.logger.info({ id: this.options.id, role, leaderId, term: this.node.status().term }, 'raft role changed');
    }
    const changed = role !== this.role || leaderId !== this.leaderId;
    this.role = role;
    this.leaderId = leaderId;
    if (wasLeader && role !== 'leader') {
      this.proposals.failAll('NOT_LEADER', leaderId, 'leadership was lost before the entry committed');
    }
    if (changed && this.options.onRoleChange !== undefined) {
      const term = this.node.status().term;
      const termStartIndex = role === 'leader' && !wasLeader ? this.firstIndexOfTerm(term) : 0;
      this.options.onRoleChange({ role, leaderId, term, termStartIndex });
    }
  }

  /** The first entry of `term` in this node's log: a new leader's noop, which ends its log (§5.4.2). */
  private firstIndexOfTerm(term: number): number {
    const { firstIndex, lastIndex } = this.node.status();
    let index = lastIndex;
    while (index > firstIndex && this.node.logEntries(index - 1, index)?.[0]?.term === term) index--;
    return index;
  }

  /** Log compaction (§7): snapshot the state machine once enough entries were applied past the last one. */
  private maybeCompact(): void {
    const hooks = this.options.snapshots;
    if (hooks === undefined || !this.compactionDue()) return;
    // The state machine is at appliedIndex; the core may compact only what it has handed out.
    const applied = this.appliedIndex;
    if (this.node.status().applied !== applied) return;
    if (this.node.compact(applied, hooks.take())) this.lastSnapshotIndex = applied;
  }

  private compactionDue(): boolean {
    const hooks = this.options.snapshots;
    return hooks !== undefined && this.appliedIndex - this.lastSnapshotIndex >= hooks.everyEntries;
  }

  private persistPercentiles(): RaftDriverStatus['persistMs'] {
    const recorded = this.persistDurationsMs.slice(0, Math.min(this.persists, this.persistDurationsMs.length)).sort();
    const at = (fraction: number): number => recorded[Math.max(0, Math.ceil(fraction * recorded.length) - 1)] ?? 0;
    return { p50: at(0.5), p99: at(0.99), max: recorded[recorded.length - 1] ?? 0 };
  }

  private fail(error: Error): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.logger.error({ id: this.options.id, err: error.message }, 'raft driver failed; stopping');
    void this.stop();
  }

  private stoppedError(): RaftDriverError {
    return new RaftDriverError('STOPPED', 'the raft driver is stopped', this.leaderId, 'rejected');
  }
}
