// One partition replica on this broker: its SegmentedLog, its role from the metadata image
// (leader or follower, with the leader epoch), the replication cores of that role, the
// idempotent-producer state (kept in step with the log's truncations, rolls and snapshot files
// by PartitionProducers), and the listeners woken when its log end or high watermark moves.
//
// Leader: LeaderState computes the high watermark over the ISR (the leader's own end counted only
// once fsynced, PROTOCOL-NOTES.md section 3 "Durability"; once written under a topic's
// flush.policy=interval, Kafka's behaviour), and acks=all produces wait in a DelayedProduceQueue
// until it passes their batch. On a single node the ISR is this broker alone, so the high
// watermark is the log's durable (or written) end. Follower: FollowerFetchState keeps the fetch
// position; the ReplicaFetcher appends what the leader sends through appendFetched.
//
// Every change of the log's end or of the role runs through one serial queue per partition
// (`serially`): an idempotent batch's check, append and producer-state update may not interleave
// with another append, a truncation or a leadership change (replication/README.md).
//
// Invariant: logStartOffset <= highWatermark <= logEndOffset.
import type { AppendResult, EpochEndOffset, LogReadResult, SegmentedLog } from '@brook/storage';
import { BrookError } from '@brook/protocol';
import { forEachBatch, type RecordBatchHeader } from '@brook/record-batch';
import { admitProducedBatch } from './batch-admission.js';
import { toBrookError } from './storage-errors.js';
import { PartitionProducers } from './partition-producers.js';
import { writesCountOf, type LeaderAppend, type PartitionListener, type ReplicationSettings, type WritesCount } from './partition-types.js';
import { logFlushPolicy, type LogSettings } from '../metadata/topic-configs.js';
import type { PartitionState } from '../metadata/metadata-view.js';
import { LeaderState, type CommittedIsr, type ReplicaShortage } from '../replication/leader-state.js';
import { applyIsrAnswer, proposeIsrChange, type IsrChange } from './isr-change.js';

export type { IsrChange } from './isr-change.js';
import { FollowerFetchState, type FollowerFetchPosition } from '../replication/follower-state.js';
import type { DelayedProduceError } from '../replication/delayed-produce.js';
import { ProduceWaiters } from './produce-waiters.js';
import { PartitionSignals } from './partition-signals.js';
import type { ProducerStateManager } from '../replication/producer-state.js';

export type { LeaderAppend, PartitionListener, ReplicationSettings, WritesCount } from './partition-types.js';

export class Partition {
  private readonly signals = new PartitionSignals();
  private readonly produceWaiters: ProduceWaiters;
  /** Broker epochs of followers, from their fetches (replica_epoch). */
  private readonly followerBrokerEpochs = new Map<number, number>();
  private serial: Promise<unknown> = Promise.resolve();
  private closed = false;
  private announcedHighWatermark: number;
  private leader: LeaderState | undefined;
  private follower: FollowerFetchState | undefined;
  private leaderIdValue = -1;
  private leaderEpochValue = -1;
  /** When this replica's writes count toward the high watermark (flush.policy); updateSettings may switch it. */
  private writesCount: WritesCount;
  private readonly producerLog: PartitionProducers;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly topicId: string,
    private settingsValue: LogSettings,
    readonly directory: string,
    readonly log: SegmentedLog,
    readonly producers: ProducerStateManager,
    private readonly replication: ReplicationSettings,
  ) {
    this.writesCount = writesCountOf(settingsValue);
    this.produceWaiters = new ProduceWaiters(`${topic}-${partition}`, () => this.settleProduceWaiters(Date.now()));
    this.announcedHighWatermark = this.highWatermark;
    this.producerLog = new PartitionProducers(producers, log, replication.snapshots);
  }

  /** The topic's log settings as this replica applies them. */
  get settings(): LogSettings {
    return this.settingsValue;
  }

  /**
   * The topic's configs changed (IncrementalAlterConfigs): the log takes the new limits,
   * retention, segment rolling and flush policy at once, as Kafka's updateConfig does, and acks=all
   * admission the new min.insync.replicas. A switch to every-append fsyncs what was written first,
   * so this replica's counted end never goes back; serialized with appends.
   */
  updateSettings(settings: LogSettings, minInsyncReplicas: number): Promise<void> {
    return this.serially(async () => {
      if (this.closed) return;
      const { segmentBytes, segmentMs, retentionMs, retentionBytes, maxMessageBytes } = settings;
      this.log.updateConfig({ segmentBytes, segmentMs, retentionMs, retentionBytes, maxMessageBytes, flushPolicy: logFlushPolicy(settings) });
      const writesCount = writesCountOf(settings);
      if (writesCount === 'fsynced' && this.writesCount === 'written') await this.log.flush();
      this.settingsValue = settings;
      this.writesCount = writesCount;
      const nowMs = Date.now();
      this.leader?.setMinInsyncReplicas(minInsyncReplicas, nowMs);
      this.afterHighWatermarkMayHaveMoved(nowMs);
    });
  }

  get leaderEpoch(): number {
    return this.leaderEpochValue;
  }

  get leaderId(): number {
    return this.leaderIdValue;
  }

  get isLeader(): boolean {
    return this.leader !== undefined;
  }

  get isFollower(): boolean {
    return this.follower !== undefined;
  }

  /** The leader's replication state (tests and the ISR updater read it). */
  get leaderState(): LeaderState | undefined {
    return this.leader;
  }

  get highWatermark(): number {
    const raw = this.leader?.highWatermark ?? this.follower?.highWatermark ?? this.replication.initialHighWatermark ?? 0;
    return Math.max(this.log.logStartOffset, Math.min(raw, this.log.logEndOffset));
  }

  /** This replica's end as the high watermark counts it: fsynced, or (interval policy) written. */
  private get countedEnd(): number {
    return this.writesCount === 'fsynced' ? this.log.durableOffset : this.log.logEndOffset;
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
   * Takes the role the metadata gives this replica. A new leader epoch makes a new LeaderState
   * (its log end is where the epoch starts, KIP-101; nothing is truncated) or a new follower
   * position (the first fetch finds any divergence, KIP-279); an ISR change under the same
   * leader epoch is applied to the LeaderState (the image is the truth, KIP-497).
   */
  applyAssignment(state: PartitionState, minInsyncReplicas: number, nowMs = Date.now()): Promise<void> {
    return this.serially(async () => {
      if (this.closed) return;
      const local = this.replication.localNodeId;
      const sameEpoch = state.leaderEpoch === this.leaderEpochValue && state.leaderId === this.leaderIdValue;
      if (state.leaderId === local && this.leader !== undefined && sameEpoch) this.applyIsr(state, minInsyncReplicas, nowMs);
      else if (state.leaderId === local) await this.becomeLeader(state, minInsyncReplicas, nowMs);
      else if (!(this.follower !== undefined && sameEpoch)) this.becomeFollower(state);
      this.afterHighWatermarkMayHaveMoved(nowMs);
      this.signals.notify('role');
    });
  }

  /**
   * Resolves true once this replica leads at `leaderEpoch`, false after `timeoutMs`: the image
   * names this node a moment before the partition has taken the role (the epoch's start is
   * checkpointed first), and a request arriving in between waits rather than failing.
   */
  waitForLeadership(leaderEpoch: number, timeoutMs: number): Promise<boolean> {
    const ready = (): boolean => this.leader !== undefined && this.leaderEpochValue === leaderEpoch;
    if (ready() || this.closed) return Promise.resolve(ready());
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        unsubscribe();
        resolve(ready());
      };
      const timer = setTimeout(finish, timeoutMs);
      const unsubscribe = this.signals.on('role', () => {
        if (ready() || this.leaderEpochValue > leaderEpoch || this.closed) finish();
      });
    });
  }

  private applyIsr(state: PartitionState, minInsyncReplicas: number, nowMs: number): void {
    const leader = this.leader;
    if (leader === undefined) return;
    leader.setMinInsyncReplicas(minInsyncReplicas, nowMs);
    const partitionEpoch = state.partitionEpoch ?? 0;
    if (partitionEpoch > leader.partitionEpoch && state.isr.includes(this.replication.localNodeId)) leader.onIsrCommitted(state.isr, partitionEpoch, nowMs);
  }

  private async becomeLeader(state: PartitionState, minInsyncReplicas: number, nowMs: number): Promise<void> {
    this.failWaiters('NOT_LEADER_OR_FOLLOWER');
    // The epoch starts at the log end, in the cache and its checkpoint, before any append (KIP-101).
    // A failure here costs nothing essential: divergingEpochFor takes leaderEpochStartOffset instead,
    // and the log's own failure state answers the next append.
    await this.log.assignLeaderEpoch(state.leaderEpoch).catch(() => undefined);
    const local = this.replication.localNodeId;
    const highWatermark = this.highWatermark;
    this.leaderIdValue = state.leaderId;
    this.leaderEpochValue = state.leaderEpoch;
    this.follower = undefined;
    this.followerBrokerEpochs.clear();
    this.leader = new LeaderState({
      leaderId: local,
      leaderEpoch: state.leaderEpoch,
      partitionEpoch: state.partitionEpoch ?? 0,
      replicas: state.replicas.includes(local) ? state.replicas : [...state.replicas, local],
      // The controller elects only from the ISR; a leader outside it would be a controller bug,
      // and counting itself keeps LeaderState's LeaderInIsr invariant.
      isr: state.isr.includes(local) ? state.isr : [...state.isr, local],
      minInsyncReplicas,
      replicaLagMs: this.replication.replicaLagMs,
      ...(this.replication.isEligible === undefined ? {} : { isEligible: this.replication.isEligible }),
      logEndOffset: this.log.logEndOffset,
      durableEndOffset: this.countedEnd,
      highWatermark,
      nowMs,
    });
    // With no follower in the ISR (one node) the HW is the counted end at once; a recovered
    // tail not yet fsynced becomes visible after its fsync.
    this.leader.onLeaderLog(this.log.logEndOffset, this.countedEnd, nowMs);
    if (this.countedEnd < this.log.logEndOffset) this.announceWhenDurable(this.log.logEndOffset);
  }

  private becomeFollower(state: PartitionState): void {
    this.failWaiters('NOT_LEADER_OR_FOLLOWER');
    const highWatermark = this.highWatermark;
    this.leaderIdValue = state.leaderId;
    this.leaderEpochValue = state.leaderEpoch;
    this.leader = undefined;
    this.follower = new FollowerFetchState(state.leaderEpoch, {
      logEndOffset: this.log.logEndOffset,
      durableEndOffset: this.countedEnd,
      latestEpoch: this.log.leaderEpochCache.latestEpoch,
      highWatermark,
    });
    // Whoever waits on this partition as leader (consumer fetches) answers now.
    this.signals.notify('high-watermark');
  }

  /**
   * Appends one produced batch as leader. Admission (size, magic, codec) throws synchronously,
   * before this returns a promise; then, serialized with every other change of the log, the
   * producer state checks an idempotent batch (a duplicate answers its original offsets), the
   * log checks and stamps it with this leader's epoch and writes it, and the producer state
   * records it. Resolves after the write; acks=all waits with waitForHighWatermark.
   */
  append(batch: Uint8Array): Promise<LeaderAppend> {
    if (this.closed) throw new BrookError('NOT_LEADER_OR_FOLLOWER', `${this.topic}-${this.partition} is no longer served here`);
    const header = admitProducedBatch(batch, this.settingsValue.maxMessageBytes);
    return this.serially(() => this.appendAdmitted(batch, header));
  }

  private async appendAdmitted(batch: Uint8Array, header: RecordBatchHeader): Promise<LeaderAppend> {
    if (this.leader === undefined || this.closed) throw new BrookError('NOT_LEADER_OR_FOLLOWER', `${this.topic}-${this.partition} is not led here`);
    const check = this.producers.check(header, this.log.logEndOffset);
    if (check.kind === 'rejected') throw new BrookError(check.code, check.message);
    if (check.kind === 'duplicate') {
      const result = { baseOffset: check.firstOffset, lastOffset: check.lastOffset, maxTimestamp: check.timestampMs, logAppendTime: -1, position: -1 };
      return { result, header, duplicate: true };
    }
    let result: AppendResult;
    try {
      result = await this.log.append(batch, { partitionLeaderEpoch: this.leaderEpochValue });
    } catch (error) {
      throw toBrookError(error);
    }
    this.producers.update(header, result.baseOffset);
    this.producerLog.afterAppend();
    const nowMs = Date.now();
    this.leader.onLeaderLog(this.log.logEndOffset, this.countedEnd, nowMs);
    if (this.writesCount === 'fsynced') this.announceWhenDurable(result.lastOffset + 1);
    else this.afterHighWatermarkMayHaveMoved(nowMs);
    this.signals.notify('log-end');
    return { result, header, duplicate: false };
  }

  /** acks=all admission, before the append and after it (replication/README.md). */
  checkEnoughReplicas(phase: 'before-append' | 'after-append', image?: CommittedIsr): ReplicaShortage | undefined {
    if (this.leader === undefined) return { code: 'NOT_ENOUGH_REPLICAS', message: `${this.topic}-${this.partition} is not led here` };
    return this.leader.checkEnoughReplicas(phase, image);
  }

  /**
   * Resolves once the high watermark reaches `requiredOffset` with enough in-sync replicas;
   * rejects with NOT_ENOUGH_REPLICAS_AFTER_APPEND, REQUEST_TIMED_OUT after `timeoutMs`, or
   * NOT_LEADER_OR_FOLLOWER when leadership moves first.
   */
  waitForHighWatermark(requiredOffset: number, timeoutMs: number): Promise<void> {
    if (this.leader === undefined) return Promise.reject(new BrookError('NOT_LEADER_OR_FOLLOWER', `${this.topic}-${this.partition} is not led here`));
    if (this.leader.highWatermark >= requiredOffset && this.leader.enoughReplicas) return Promise.resolve();
    // Under group commit the append already asked for the fsync; under the interval policy the
    // write counts without one (Kafka's behaviour), so nothing forces it here.
    return this.produceWaiters.wait(requiredOffset, timeoutMs);
  }

  /** Recomputes the high watermark and wakes whoever waits on it (time alone can move it). */
  checkHighWatermark(): void {
    this.onLocalDurable();
  }

  /** Whole batches from the one holding `fromOffset`, none reaching the high watermark (consumers). */
  async read(fromOffset: number, maxBytes: number): Promise<LogReadResult> {
    try {
      return await this.log.read(fromOffset, maxBytes, { maxOffset: this.highWatermark });
    } catch (error) {
      throw toBrookError(error);
    }
  }

  /** Whole batches from `fromOffset` up to the log end (a follower replicates past the HW). */
  async readForReplica(fromOffset: number, maxBytes: number): Promise<LogReadResult> {
    try {
      return await this.log.read(fromOffset, maxBytes);
    } catch (error) {
      throw toBrookError(error);
    }
  }

  /**
   * A follower fetched at `fetchOffset` (its fsynced log end): its progress moves the high
   * watermark. Returns false when this replica no longer leads or the follower is not assigned.
   */
  recordFollowerFetch(followerId: number, brokerEpoch: number, fetchOffset: number, nowMs = Date.now()): boolean {
    if (this.leader === undefined) return false;
    this.followerBrokerEpochs.set(followerId, brokerEpoch);
    const outcome = this.leader.onFollowerFetch(followerId, fetchOffset, nowMs, this.log.logEndOffset);
    if (outcome.kind === 'not-assigned') return false;
    this.afterHighWatermarkMayHaveMoved(nowMs);
    return true;
  }

  /** The ISR change to propose now, recorded as in flight (see isr-change.ts). */
  isrChange(nowMs = Date.now(), eligible: (brokerId: number) => boolean = () => true): IsrChange | undefined {
    if (this.leader === undefined) return undefined;
    const change = proposeIsrChange(this.leader, this.followerBrokerEpochs, nowMs, eligible);
    // A removal counts for min.insync.replicas at once: waiters may have to fail now.
    if (change !== undefined) this.afterHighWatermarkMayHaveMoved(nowMs);
    return change;
  }

  onIsrAnswer(leaderEpoch: number, answer: { partitionEpoch: number } | 'failed'): void {
    if (this.leader !== undefined) applyIsrAnswer(this.leader, leaderEpoch, answer, Date.now());
  }

  /** The follower's next fetch position; waits for the fsync of what it appended (its acknowledgement). */
  async followerFetchPosition(): Promise<FollowerFetchPosition | undefined> {
    const follower = this.follower;
    if (follower === undefined || this.closed) return undefined;
    const position = follower.nextFetch();
    if (position !== undefined) return position;
    if (this.writesCount === 'fsynced') await this.log.flushedUpTo(this.log.logEndOffset);
    follower.onFlushed(this.countedEnd);
    return follower.nextFetch();
  }

  /**
   * Appends batches fetched from the leader of `leaderEpoch` and fsyncs them (under the interval
   * policy the follower acknowledges written offsets, as Kafka does, and the log fsyncs later). Returns false when this
   * replica no longer follows that epoch: the batches are dropped.
   */
  async appendFetched(records: Uint8Array, leaderEpoch: number, leaderHighWatermark: number): Promise<boolean> {
    const appended = await this.serially(async () => {
      const follower = this.follower;
      if (follower === undefined || follower.leaderEpoch !== leaderEpoch || this.closed) return false;
      if (records.byteLength > 0) {
        await this.log.appendAsFollower(records);
        let lastEpoch = this.log.leaderEpochCache.latestEpoch;
        // appendAsFollower checked every batch's CRC: reading the headers again needs no second pass over the bytes.
        forEachBatch(
          records,
          (batch) => {
            this.producers.update(batch.header, Number(batch.header.baseOffset));
            lastEpoch = batch.header.partitionLeaderEpoch;
          },
          { verifyCrc: false },
        );
        this.producerLog.afterAppend();
        follower.onAppended(this.log.logEndOffset, lastEpoch);
      }
      return true;
    });
    if (!appended) return false;
    const follower = this.follower;
    if (follower === undefined) return false;
    if (this.writesCount === 'fsynced') await this.log.flushedUpTo(this.log.logEndOffset);
    follower.onFlushed(this.countedEnd);
    follower.onLeaderHighWatermark(leaderHighWatermark);
    this.afterHighWatermarkMayHaveMoved(Date.now());
    return true;
  }

  /** The leader answered a diverging epoch: truncate where the logs agree (KIP-279), never to the HW. */
  truncateToDivergence(divergingEpoch: EpochEndOffset, leaderEpoch: number): Promise<void> {
    return this.serially(async () => {
      const follower = this.follower;
      if (follower === undefined || follower.leaderEpoch !== leaderEpoch || this.closed) return;
      const plan = follower.onDivergingEpoch(divergingEpoch, this.log.leaderEpochCache);
      await this.producerLog.truncateTo(plan.truncateToOffset);
      follower.onTruncated(this.log.logEndOffset, this.log.leaderEpochCache.latestEpoch);
    });
  }

  /** OFFSET_OUT_OF_RANGE: cut to a shorter leader log, or restart empty at the leader's log start. */
  resetForOutOfRange(action: { kind: 'truncate' | 'restart-at' | 'retry'; offset: number }, leaderEpoch: number): Promise<void> {
    return this.serially(async () => {
      const follower = this.follower;
      if (follower === undefined || follower.leaderEpoch !== leaderEpoch || this.closed || action.kind === 'retry') return;
      if (action.kind === 'truncate') await this.producerLog.truncateTo(action.offset);
      else await this.producerLog.restartAt(action.offset);
      follower.onTruncated(this.log.logEndOffset, this.log.leaderEpochCache.latestEpoch);
    });
  }

  /** Calls `listener` whenever the high watermark may have moved; returns the unsubscribe function. */
  onHighWatermark(listener: PartitionListener): () => void {
    return this.signals.on('high-watermark', listener);
  }

  /** Calls `listener` after every leader append (replica fetches long-poll on it). */
  onLogEnd(listener: PartitionListener): () => void {
    return this.signals.on('log-end', listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failWaiters('NOT_LEADER_OR_FOLLOWER');
    // Waiting fetchers answer now with what they have rather than at their timeout.
    this.signals.closeAll();
    await this.serial.catch(() => undefined);
    // Nothing appends any more: the producer state covers the whole log. Saved only from a
    // healthy log (a failed one reopens through recovery and a rebuild).
    if (this.log.failure === undefined) {
      await this.producerLog.saveAtClose().catch(() => undefined);
    }
    await this.log.close();
  }

  /** Deletes the producer snapshots below the log start (retention moved it past them). */
  forgetSnapshotsBelowLogStart(): Promise<void> {
    return this.producerLog.forgetBelowLogStart();
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.serial.then(work, work);
    this.serial = next.catch(() => undefined);
    return next;
  }

  private announceWhenDurable(endOffset: number): void {
    this.log.flushedUpTo(endOffset).then(
      () => this.onLocalDurable(),
      // The log failed or closed before the offsets became durable: the high watermark did not
      // move, and the waiting produces time out or fail with the partition.
      () => undefined,
    );
  }

  private onLocalDurable(): void {
    if (this.closed) return;
    const nowMs = Date.now();
    this.leader?.onLeaderLog(this.log.logEndOffset, this.countedEnd, nowMs);
    this.afterHighWatermarkMayHaveMoved(nowMs);
  }

  /** Answers the produces the high watermark (or a deadline) settled, and wakes the consumers. */
  private afterHighWatermarkMayHaveMoved(nowMs: number): void {
    this.settleProduceWaiters(nowMs);
    const highWatermark = this.highWatermark;
    if (highWatermark === this.announcedHighWatermark) return;
    this.announcedHighWatermark = highWatermark;
    this.signals.notify('high-watermark');
  }

  private settleProduceWaiters(nowMs: number): void {
    if (this.leader !== undefined) this.produceWaiters.settle(this.leader.highWatermark, nowMs, this.leader.enoughReplicas);
  }

  private failWaiters(error: DelayedProduceError): void {
    this.produceWaiters.failAll(error);
  }
}
