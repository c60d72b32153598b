// The replication cores composed, on one partition of three replicas (minInsyncReplicas 2):
// a model controller elects leaders only from the ISR (first live member in assignment order)
// and commits AlterPartition when its epochs match; the leader runs LeaderState and answers
// fetches through checkLeaderEpoch and divergingEpochFor; followers run FollowerFetchState and
// truncationFor. Random events: produce, leader fsync, fetches, ISR proposals and answers, time,
// kill -9 (unsynced records lost) and restart. After every event: the high watermark never goes
// back under one leader, every record ever below a leader's HW (acknowledged under acks=all) is
// durably on at least two replicas when first acknowledged, and stays at its offset in every
// committed-ISR member's log, hence in every later leader's log.
// After healing, fetch rounds bring every log to the leader's and the ISR back to all three.
// A failure prints `reproduce: SEED=<n>`.
import fc from 'fast-check';
import { LeaderEpochCache, UNDEFINED_EPOCH } from '@brook/storage';
import { SeededRandom } from '@brook/storage/testing';
import { describe, expect, it } from 'vitest';
import { FollowerFetchState, divergingEpochFor } from './follower-state.js';
import { LeaderState } from './leader-state.js';
import { checkLeaderEpoch } from './leader-epoch-fence.js';

const SEED = Number(process.env.SEED ?? 20_261_123);
const REPLICAS = [1, 2, 3];
const LAG_MS = 500;

interface LogRecord { epoch: number; id: number }
interface Replica { id: number; alive: boolean; log: LogRecord[]; durable: number; fetch?: FollowerFetchState }

class Cluster {
  readonly replicas = new Map(REPLICAS.map((id): [number, Replica] => [id, { id, alive: true, log: [], durable: 0 }]));
  leaderId: number | undefined = 1;
  leaderEpoch = 0;
  partitionEpoch = 0;
  isr = [...REPLICAS];
  leader: LeaderState;
  pending: { leaderEpoch: number; partitionEpoch: number; newIsr: number[] } | undefined;
  readonly acknowledged = new Map<number, number>();
  nowMs = 0;
  private nextId = 0;

  constructor(private readonly random: SeededRandom) {
    this.leader = this.startLeader(1);
  }

  step(): void {
    this.nowMs += this.random.int(0, 120);
    const roll = this.random.int(0, 99);
    if (roll < 25) this.produce();
    else if (roll < 35) this.flushLeader();
    else if (roll < 70) this.fetch(this.random.pick(REPLICAS));
    else if (roll < 78) this.maintainIsr();
    else if (roll < 86) this.answerAlterPartition();
    else if (roll < 93) this.kill(this.random.pick(REPLICAS));
    else this.restart(this.random.pick(REPLICAS));
  }

  heal(): void {
    for (const id of REPLICAS) this.restart(id);
    for (let round = 0; round < 60; round++) {
      this.nowMs += 50;
      this.flushLeader();
      for (const id of REPLICAS) this.fetch(id);
      this.maintainIsr();
      this.answerAlterPartition();
    }
  }

  produce(): void {
    if (this.leaderId === undefined || this.leader.checkEnoughReplicas('before-append') !== undefined) return;
    this.replica(this.leaderId).log.push({ epoch: this.leaderEpoch, id: this.nextId++ });
  }

  flushLeader(): void {
    if (this.leaderId === undefined) return;
    const leader = this.replica(this.leaderId);
    leader.durable = leader.log.length;
    this.leader.onLeaderLog(leader.log.length, leader.durable, this.nowMs);
  }

  fetch(followerId: number): void {
    const follower = this.replica(followerId);
    if (this.leaderId === undefined || followerId === this.leaderId || !follower.alive || follower.fetch === undefined) return;
    const position = follower.fetch.nextFetch();
    if (position === undefined) return;
    if (checkLeaderEpoch(position.currentLeaderEpoch, this.leaderEpoch) !== undefined) return;
    const leader = this.replica(this.leaderId);
    const view = { epochs: cacheOf(leader.log), logEndOffset: leader.log.length, leaderEpoch: this.leaderEpoch, leaderEpochStartOffset: this.leader.leaderEpochStartOffset };
    const check = divergingEpochFor(position.lastFetchedEpoch, position.fetchOffset, view);
    if (check.kind === 'rejected') throw new Error(`fetch rejected: ${check.message}`);
    if (check.kind === 'diverging') {
      const plan = follower.fetch.onDivergingEpoch(check.divergingEpoch, cacheOf(follower.log));
      follower.log = follower.log.slice(0, plan.truncateToOffset);
      follower.durable = Math.min(follower.durable, follower.log.length);
      follower.fetch.onTruncated(follower.log.length, follower.log[follower.log.length - 1]?.epoch ?? UNDEFINED_EPOCH);
      return;
    }
    this.leader.onFollowerFetch(followerId, position.fetchOffset, this.nowMs, leader.log.length);
    const batch = leader.log.slice(position.fetchOffset, position.fetchOffset + this.random.int(1, 4));
    follower.log.push(...batch);
    const last = batch[batch.length - 1];
    if (last !== undefined) follower.fetch.onAppended(follower.log.length, last.epoch);
    follower.durable = follower.log.length; // the follower fsyncs before its next fetch
    follower.fetch.onFlushed(follower.durable);
    follower.fetch.onLeaderHighWatermark(this.leader.highWatermark);
  }

  maintainIsr(): void {
    if (this.leaderId === undefined) return;
    const out = this.leader.isrShrinkCandidates(this.nowMs);
    const into = this.leader.isrExpandCandidates();
    let proposal;
    if (out.length > 0) proposal = this.leader.proposeIsr(this.leader.isr.filter((id) => !out.includes(id)));
    else if (into.length > 0) proposal = this.leader.proposeIsr([...this.leader.isr, ...into]);
    if (proposal !== undefined) this.pending = proposal;
  }

  /** The controller's AlterPartition handling (KIP-497): refused when either epoch is stale. */
  answerAlterPartition(): void {
    const proposal = this.pending;
    if (proposal === undefined) return;
    this.pending = undefined;
    if (proposal.leaderEpoch !== this.leaderEpoch || proposal.partitionEpoch !== this.partitionEpoch) {
      if (proposal.leaderEpoch === this.leaderEpoch) this.leader.onIsrProposalFailed();
      return;
    }
    this.commitIsr(proposal.newIsr);
  }

  kill(id: number): void {
    const replica = this.replica(id);
    if (!replica.alive) return;
    replica.alive = false;
    replica.log = replica.log.slice(0, replica.durable); // kill -9 loses what was not fsynced
    replica.fetch = undefined;
    // The controller fences the broker and takes it out of the ISR, keeping the last member.
    if (this.isr.length > 1 && this.isr.includes(id)) this.commitIsr(this.isr.filter((member) => member !== id), true);
    if (id === this.leaderId) this.elect();
  }

  restart(id: number): void {
    const replica = this.replica(id);
    if (replica.alive) return;
    replica.alive = true;
    if (this.leaderId === undefined) this.elect();
    else if (id !== this.leaderId) this.follow(replica);
  }

  /** Unclean election is off: only a live ISR member may lead; otherwise the partition is offline. */
  private elect(): void {
    const candidate = REPLICAS.find((id) => this.isr.includes(id) && this.replica(id).alive);
    this.leaderId = candidate;
    if (candidate === undefined) return;
    this.leaderEpoch += 1;
    this.partitionEpoch += 1;
    this.leader = this.startLeader(candidate);
    for (const replica of this.replicas.values()) if (replica.id !== candidate && replica.alive) this.follow(replica);
  }

  private startLeader(id: number): LeaderState {
    const replica = this.replica(id);
    replica.fetch = undefined;
    return new LeaderState({
      leaderId: id, leaderEpoch: this.leaderEpoch, partitionEpoch: this.partitionEpoch, replicas: REPLICAS, isr: this.isr,
      minInsyncReplicas: 2, replicaLagMs: LAG_MS, logEndOffset: replica.log.length, durableEndOffset: replica.durable,
      highWatermark: 0, nowMs: this.nowMs,
    });
  }

  private follow(replica: Replica): void {
    const start = { logEndOffset: replica.log.length, durableEndOffset: replica.durable, latestEpoch: replica.log[replica.log.length - 1]?.epoch ?? UNDEFINED_EPOCH, highWatermark: 0 };
    replica.fetch = new FollowerFetchState(this.leaderEpoch, start);
  }

  private commitIsr(isr: number[], byController = false): void {
    this.isr = [...isr];
    this.partitionEpoch += 1;
    if (this.leaderId !== undefined && this.isr.includes(this.leaderId)) this.leader.onIsrCommitted(this.isr, this.partitionEpoch, this.nowMs);
    if (byController) this.pending = undefined;
  }

  replica(id: number): Replica {
    const replica = this.replicas.get(id);
    if (replica === undefined) throw new Error(`no replica ${id}`);
    return replica;
  }

  /** Records what the leader's HW acknowledges, then checks it against every ISR member. */
  checkInvariants(highWatermarkBefore: number | undefined): void {
    if (this.leaderId === undefined) return;
    const leaderLog = this.replica(this.leaderId).log;
    if (highWatermarkBefore !== undefined && this.leader.highWatermark < highWatermarkBefore) throw new Error(`HW went back ${highWatermarkBefore} -> ${this.leader.highWatermark}`);
    for (let offset = 0; offset < this.leader.highWatermark; offset++) {
      const id = leaderLog[offset]?.id;
      if (id === undefined) throw new Error(`HW ${this.leader.highWatermark} above the leader log end ${leaderLog.length}`);
      const acknowledged = this.acknowledged.get(offset);
      if (acknowledged !== undefined && acknowledged !== id) throw new Error(`acknowledged record ${acknowledged} at ${offset} replaced by ${id}`);
      if (acknowledged === undefined) this.checkCopies(offset, id);
      this.acknowledged.set(offset, id);
    }
    for (const member of this.isr) {
      const log = this.replica(member).log;
      for (const [offset, id] of this.acknowledged) {
        if (log[offset]?.id !== id) throw new Error(`ISR member ${member} lacks acknowledged record ${id} at ${offset}`);
      }
    }
  }

  /** acks=all with min ISR 2: a record is acknowledged only once two replicas hold it durably. */
  private checkCopies(offset: number, id: number): void {
    const copies = [...this.replicas.values()].filter((replica) => replica.durable > offset && replica.log[offset]?.id === id).length;
    if (copies < 2) throw new Error(`record ${id} at ${offset} acknowledged with ${copies} durable copies`);
  }
}

function cacheOf(log: readonly LogRecord[]): LeaderEpochCache {
  const cache = new LeaderEpochCache();
  log.forEach((record, offset) => cache.assign(record.epoch, offset));
  return cache;
}

function run(seed: number, steps: number): Cluster {
  const cluster = new Cluster(new SeededRandom(seed));
  try {
    for (let step = 0; step < steps; step++) {
      const leaderBefore = cluster.leaderId;
      const highWatermarkBefore = cluster.leaderId === undefined ? undefined : cluster.leader.highWatermark;
      cluster.step();
      cluster.checkInvariants(cluster.leaderId === leaderBefore ? highWatermarkBefore : undefined);
    }
    cluster.heal();
    cluster.checkInvariants(undefined);
  } catch (error) {
    throw new Error(`reproduce: SEED=${SEED} (model seed ${seed}): ${(error as Error).message}`, { cause: error });
  }
  return cluster;
}

describe(`replication model: 3 replicas, min ISR 2, kills and restarts (SEED=${SEED})`, () => {
  it('never loses or moves an acknowledged record, and converges after healing', () => {
    let acknowledgedTotal = 0;
    let elections = 0;
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
      const cluster = run(seed, 400);
      acknowledgedTotal += cluster.acknowledged.size;
      elections += cluster.leaderEpoch;
      const leaderId = cluster.leaderId;
      expect(leaderId, `seed ${seed}: a leader after healing`).toBeDefined();
      if (leaderId === undefined) return;
      cluster.produce();
      for (let i = 0; i < 10; i++) cluster.heal();
      const leaderLog = cluster.replica(leaderId).log;
      for (const id of REPLICAS) expect(cluster.replica(id).log, `seed ${seed}: replica ${id} converged`).toEqual(leaderLog);
      expect([...cluster.isr].sort(), `seed ${seed}: full ISR`).toEqual(REPLICAS);
      expect(cluster.leader.highWatermark, `seed ${seed}: everything committed`).toBe(leaderLog.length);
    }), { seed: SEED, numRuns: 120 });
    // The workload must acknowledge records and move leadership for the check to mean anything.
    expect(acknowledgedTotal).toBeGreaterThan(1_000);
    expect(elections).toBeGreaterThan(120);
  });
});
