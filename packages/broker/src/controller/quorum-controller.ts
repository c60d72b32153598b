// The controller role of a Brook node (KIP-631; Kafka's QuorumController as the model): a
// RaftDriver over the metadata log, the committed MetadataImage it builds, and, while this node
// leads the quorum, the active controller that turns commands into record batches.
//
// - Every committed entry is one batch of records (encodeRecords); replaying it at the entry's
//   index gives the next committed image, which brokers on this node read (MetadataSource) and
//   observers fetch (FetchMetadata).
// - Only the Raft leader is active, and only once it has applied its own term's first entry:
//   before that its image may miss entries committed by earlier leaders, and a command validated
//   on it could contradict them (Raft §5.4.2, §8). Commands wait for that, within their deadline.
// - Commands run one at a time, synchronously, on the speculative image (speculative-image.ts),
//   and answer once their batch is committed and applied here.
// - Broker sessions are soft state: the heartbeat tracker starts afresh on every new active
//   controller (KIP-631), so a failover never fences a broker that was heartbeating.
import { randomInt } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BrookError, notControllerError } from '@brook/protocol';
import type { BrookControllerHandlers, BrookRaftHandlers, DescribeQuorumResponse } from '@brook/protocol';
import {
  BrokerHeartbeatTracker, decodeRecords, decodeSnapshot, electPreferredLeaders, encodeRecords, encodeSnapshot,
  fenceStaleBrokers, randomTopicIds, replayBatch,
} from '@brook/controller';
import type { ControllerContext, MetadataImage, MetadataRecord, TopicIdSource } from '@brook/controller';
import { SeededRandom } from '@brook/raft';
import type { Entry, Snapshot } from '@brook/raft';
import { GrpcRaftTransport, LevelRaftStorage, RaftDriver } from '../raft/index.js';
import type { ProposalPosition, RaftRoleChange } from '../raft/index.js';
import type { ImageListener, MetadataSource } from '../cluster/metadata-source.js';
import type { Logger } from '../logging/logger.js';
import { ChangeSignal } from './change-signal.js';
import { CommittedImage } from './committed-image.js';
import { ContactTrackingTransport } from './contact-tracking-transport.js';
import { asControllerFailure, leaderHint } from './controller-errors.js';
import { controllerServiceHandlers } from './controller-service-handlers.js';
import { MetadataLogTail } from './metadata-log-tail.js';
import { monotonicNowMs } from './monotonic-clock.js';
import { describeQuorum, ObserverTracker } from './quorum-description.js';
import { checkOptions, raftTiming } from './quorum-controller-options.js';
import type { CommandOutcome, ControllerCommand, QuorumControllerOptions } from './quorum-controller-options.js';
import { SpeculativeImage } from './speculative-image.js';

/** This node leads the quorum in `term`; `ready` once its term's first entry is applied here. */
interface Leadership {
  readonly term: number;
  readonly termStartIndex: number;
  ready: boolean;
}

const TIMER_MS_MAX = 2 ** 31 - 1;

export class QuorumController implements MetadataSource {
  readonly options: QuorumControllerOptions;
  private readonly logger: Logger;
  private readonly committed: CommittedImage;
  private readonly tail: MetadataLogTail;
  private readonly speculative: SpeculativeImage;
  private readonly sessions: BrokerHeartbeatTracker;
  private readonly observers = new ObserverTracker();
  private readonly ids: TopicIdSource = randomTopicIds(new SeededRandom(randomInt(2 ** 32)));
  private readonly driver: RaftDriver;
  /** Notified whenever leadership, readiness or closing changes (commands waiting to run). */
  private readonly leadershipChanged = new ChangeSignal();
  private leadership: Leadership | undefined;
  private knownLeaderId = -1;
  private term = 0;
  private appliedIndex = 0;
  private timers: ReturnType<typeof setInterval>[] = [];
  /** The last batch proposed in this term: a command that writes nothing answers after it commits. */
  private latestProposal: Promise<ProposalPosition> | undefined;
  private preferredElectionScheduled = false;
  private started = false;
  private closed = false;
  private closing: Promise<void> | undefined;

  private constructor(
    options: QuorumControllerOptions,
    private readonly storage: LevelRaftStorage,
    private readonly raftTransport: GrpcRaftTransport,
    private readonly transport: ContactTrackingTransport,
  ) {
    this.options = options;
    this.logger = options.logger.child({ component: 'controller' });
    this.committed = new CommittedImage(this.logger);
    this.tail = new MetadataLogTail(this.committed.image());
    this.speculative = new SpeculativeImage(this.committed.image());
    this.sessions = new BrokerHeartbeatTracker(options.brokerSessionTimeoutMs);
    // Last: the driver restores the latest snapshot in its constructor, through the hooks below.
    this.driver = new RaftDriver({
      id: options.nodeId,
      voters: [...options.voters.keys()],
      storage,
      transport,
      ...raftTiming(options.electionTimeoutMs),
      apply: (entries) => this.applyCommitted(entries),
      snapshots: { everyEntries: options.metadataSnapshotEntries, take: () => this.takeSnapshot(), restore: (s) => this.restoreSnapshot(s) },
      onRoleChange: (change) => this.roleChanged(change),
      onApplied: (index) => this.appliedUpTo(index),
      logger: options.logger.child({ component: 'raft' }),
    });
  }

  /** Opens the metadata log and the Raft transport; nothing runs until start(). */
  static async open(options: QuorumControllerOptions): Promise<QuorumController> {
    checkOptions(options);
    const path = join(options.dataDir, 'metadata');
    await mkdir(path, { recursive: true });
    const storage = await LevelRaftStorage.open(path);
    const raftTransport = new GrpcRaftTransport({
      clusterId: options.clusterId, nodeId: options.nodeId, peers: options.voters, logger: options.logger.child({ component: 'raft-transport' }),
    });
    try {
      return new QuorumController(options, storage, raftTransport, new ContactTrackingTransport(raftTransport));
    } catch (error) {
      // E.g. the stored snapshot does not decode: release the store before reporting it.
      await raftTransport.close();
      await storage.close();
      throw error;
    }
  }

  /** brook.v1.BrookRaft, for the internal listener. */
  raftHandlers(): BrookRaftHandlers {
    return this.raftTransport.handlers();
  }

  /** brook.v1.BrookController, for the internal listener. */
  controllerHandlers(): BrookControllerHandlers {
    return controllerServiceHandlers(this, this.options, this.logger);
  }

  /** Starts the Raft driver. A quorum of one elects itself at once rather than after an election timeout. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.driver.start();
    if (this.options.voters.size === 1) this.driver.campaign();
  }

  // ---- MetadataSource ----

  image(): MetadataImage {
    return this.committed.image();
  }

  onImage(listener: ImageListener): () => void {
    return this.committed.onImage(listener);
  }

  waitForOffset(offset: number, timeoutMs: number): Promise<void> {
    return this.committed.waitForOffset(offset, timeoutMs);
  }

  activeControllerId(): number {
    return this.knownLeaderId;
  }

  // ---- the active controller ----

  isActive(): boolean {
    // A driver stopped by a storage or apply failure reports no role change: check it here.
    return !this.closed && this.leadership?.ready === true && this.driver.error === undefined;
  }

  /** The Raft term this node last knew (the metadata log's leader epoch). */
  currentTerm(): number {
    return this.term;
  }

  describeQuorum(): DescribeQuorumResponse {
    if (!this.isActive()) throw new BrookError('NOT_CONTROLLER', `node ${this.options.nodeId} is not the active controller (active: ${this.knownLeaderId})`);
    const now = monotonicNowMs();
    return describeQuorum({
      selfId: this.options.nodeId,
      voterIds: [...this.options.voters.keys()],
      status: this.driver.status(),
      msSinceContact: (id) => this.transport.msSinceContact(id),
      observers: this.observers.replicas(new Set(this.options.voters.keys()), this.committed.image().offset, now),
    });
  }

  /**
   * Runs a command on the speculative image once this node is the ready active controller
   * (waiting at most until `deadlineMs`), proposes its records unless `validateOnly`, and
   * answers when they are committed and applied here.
   */
  async runCommand<R>(command: ControllerCommand<R>, deadlineMs: number, validateOnly = false): Promise<CommandOutcome<R>> {
    await this.untilActive(deadlineMs);
    const result = command(this.speculative.image(), this.context(), this.sessions);
    if (validateOnly || result.records.length === 0) {
      // The answer was read from the speculative image: it may rest on batches not committed
      // yet (a retried registration's epoch, a broker unfenced a moment ago). Answer once they
      // are, as Kafka's controller does for a write event that wrote nothing.
      if (this.speculative.pendingCount > 0 && this.latestProposal !== undefined) await this.latestProposal;
      return { response: result.response, offset: -1 };
    }
    const position = await this.propose(result.records);
    return { response: result.response, offset: position.index };
  }

  /** Resolves once this node is the ready active controller (by `deadlineMs`, epoch ms); NOT_CONTROLLER when it does not lead. */
  async untilActive(deadlineMs: number): Promise<void> {
    for (;;) {
      if (this.closed || this.driver.error !== undefined) throw notControllerError(-1, 'the controller is closed or its metadata log failed');
      if (this.leadership === undefined) throw notControllerError(this.knownLeaderId);
      if (this.leadership.ready) return;
      const remainingMs = Math.min(TIMER_MS_MAX, deadlineMs - Date.now());
      if (remainingMs <= 0) throw new BrookError('REQUEST_TIMED_OUT', 'the new active controller has not applied the earlier terms\' entries yet');
      await this.leadershipChanged.wait(remainingMs);
    }
  }

  /** For FetchMetadata's long poll. */
  metadataTail(): MetadataLogTail {
    return this.tail;
  }

  observerFetched(nodeId: number, afterOffset: number): void {
    this.observers.fetched(nodeId, afterOffset, monotonicNowMs());
  }

  /**
   * Hands leadership on if active (unless `handOffLeadership: false`), then stops: timers,
   * waiting requests and long polls, the driver, the transport, the storage.
   */
  close(options: { readonly handOffLeadership?: boolean } = {}): Promise<void> {
    this.closing ??= this.stop(options.handOffLeadership ?? true);
    return this.closing;
  }

  private async stop(handOff: boolean): Promise<void> {
    if (handOff && this.isActive()) await this.handOffLeadership();
    this.closed = true;
    this.knownLeaderId = -1;
    this.stopTimers();
    this.leadershipChanged.notifyAll();
    this.tail.wakeAll();
    this.committed.close();
    await this.driver.stop();
    await this.raftTransport.close();
    await this.storage.close();
  }

  /**
   * Asks the most caught-up voter to take over (thesis §3.10; a KRaft controller resigns when it
   * shuts down too), so a planned stop costs the quorum a round trip instead of an election
   * timeout without an active controller. Waits at most one election timeout for it.
   */
  private async handOffLeadership(): Promise<void> {
    const successor = this.driver.status().peers
      .filter((p) => p.id !== this.options.nodeId && !p.isLearner)
      .sort((a, b) => b.match - a.match)[0];
    if (successor === undefined || !this.driver.transferLeadership(successor.id)) return;
    this.logger.info({ successor: successor.id }, 'closing: handing leadership over');
    const deadline = Date.now() + this.options.electionTimeoutMs;
    while (this.leadership !== undefined && Date.now() < deadline) await this.leadershipChanged.wait(deadline - Date.now());
  }

  // ---- proposing ----

  private context(): ControllerContext {
    return { nowMs: monotonicNowMs(), ids: this.ids };
  }

  private propose(records: readonly MetadataRecord[]): Promise<ProposalPosition> {
    // Replayed first (a broken invariant throws here, nothing is proposed) at the index the
    // entry will take: the next after the log's last (a broker's epoch is that index).
    const index = this.driver.lastIndex() + 1;
    const staged = this.speculative.stage(index, records);
    const data = encodeRecords(records);
    let entry;
    try {
      entry = this.driver.proposeEntry(data);
    } catch (error) {
      return Promise.reject(asControllerFailure(error, this.knownLeaderId));
    }
    if (entry.index !== index) throw new Error(`metadata batch appended at ${entry.index}, staged at ${index}`);
    this.speculative.proposed(entry.index, records, staged);
    const applied = entry.applied.catch((error: unknown) => {
      throw asControllerFailure(error, this.knownLeaderId);
    });
    this.latestProposal = applied;
    // Internal commands may have no waiter; the rejection is handled where it is awaited.
    applied.catch(() => {});
    return applied;
  }

  /** The periodic and follow-up commands (fencing, preferred leaders): no caller waits for them. */
  private runInternal(name: string, command: ControllerCommand<unknown>): void {
    if (!this.isActive()) return;
    const result = command(this.speculative.image(), this.context(), this.sessions);
    if (result.records.length === 0) return;
    this.logger.info({ command: name, records: result.records.length }, 'controller proposes');
    this.propose(result.records).catch((error: unknown) => this.logger.debug({ err: error, command: name }, 'controller command did not commit'));
  }

  private schedulePreferredElection(): void {
    if (this.preferredElectionScheduled) return;
    this.preferredElectionScheduled = true;
    setImmediate(() => {
      this.preferredElectionScheduled = false;
      this.runInternal('preferred leader election', (image) => electPreferredLeaders(image));
    });
  }

  // ---- Raft hooks ----

  private applyCommitted(entries: readonly Entry[]): void {
    let rebalance = false;
    for (const entry of entries) {
      const records = decodeRecords(entry.data);
      const next = replayBatch(this.committed.image(), records, entry.index);
      this.tail.append(entry.index, entry.data.slice());
      this.speculative.committedTo(next);
      this.committed.advance(next);
      rebalance ||= records.some(bringsPreferredLeaderBack);
    }
    if (rebalance && this.isActive()) this.schedulePreferredElection();
  }

  private takeSnapshot(): Uint8Array {
    const image = this.committed.image();
    this.tail.snapshotTaken(image);
    return encodeSnapshot(image);
  }

  private restoreSnapshot(snapshot: Snapshot): void {
    const image = decodeSnapshot(snapshot.data);
    this.logger.info({ offset: image.offset, index: snapshot.metadata.index }, 'metadata image restored from a snapshot');
    this.tail.restored(image);
    this.speculative.committedTo(image);
    this.speculative.reset();
    this.committed.advance(image);
  }

  private roleChanged(change: RaftRoleChange): void {
    this.term = change.term;
    this.knownLeaderId = leaderHint(change.leaderId);
    if (change.role === 'leader' && this.leadership === undefined) this.lead(change.term, change.termStartIndex);
    else if (change.role !== 'leader' && this.leadership !== undefined) this.resign();
  }

  private appliedUpTo(index: number): void {
    this.appliedIndex = index;
    this.becomeReadyIfCaughtUp();
  }

  // ---- leadership ----

  private lead(term: number, termStartIndex: number): void {
    this.leadership = { term, termStartIndex, ready: false };
    this.speculative.reset();
    this.sessions.clear();
    this.observers.clear();
    this.logger.info({ term, termStartIndex }, 'elected; waiting to apply the term\'s first entry');
    this.becomeReadyIfCaughtUp();
  }

  private becomeReadyIfCaughtUp(): void {
    const leadership = this.leadership;
    if (leadership === undefined || leadership.ready || this.appliedIndex < leadership.termStartIndex || this.closed) return;
    leadership.ready = true;
    this.logger.info({ term: leadership.term, offset: this.committed.image().offset }, 'active controller');
    this.startTimers();
    this.leadershipChanged.notifyAll();
    // A preferred leader may have come back while no controller was active.
    this.schedulePreferredElection();
  }

  private resign(): void {
    this.logger.info({ term: this.term, leaderId: this.knownLeaderId }, 'no longer the active controller');
    this.leadership = undefined;
    this.stopTimers();
    this.speculative.reset();
    this.sessions.clear();
    this.leadershipChanged.notifyAll();
    this.tail.wakeAll();
  }

  private startTimers(): void {
    const fenceEveryMs = Math.max(10, Math.floor(this.options.brokerSessionTimeoutMs / 8));
    // Node runs a timer longer than 2^31 - 1 ms after 1 ms instead: clamp (about 24.8 days).
    const imbalanceEveryMs = Math.min(TIMER_MS_MAX, Math.max(10, this.options.leaderImbalanceCheckIntervalMs));
    this.timers.push(
      setInterval(() => this.runInternal('fence stale brokers', fenceStaleBrokers), Math.min(TIMER_MS_MAX, fenceEveryMs)),
      setInterval(() => this.runInternal('preferred leader election', (image) => electPreferredLeaders(image)), imbalanceEveryMs),
    );
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }
}

/**
 * Records after which a preferred leader may be electable again: a broker unfenced, or an ISR
 * changed (the preferred replica caught up). The issue: "run automatically when a preferred
 * leader is back and in sync", not only on the periodic check.
 */
function bringsPreferredLeaderBack(record: MetadataRecord): boolean {
  return record.type === 'UnfenceBroker' || (record.type === 'PartitionChange' && record.isr !== undefined);
}
