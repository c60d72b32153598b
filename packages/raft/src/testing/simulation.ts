// The seeded simulation: one seed fixes the cluster shape, the network's faults and every
// decision of the fault schedule, so any failure replays exactly from `reproduce: SEED=<n>`.
// Phase 1 (chaos) runs a workload under loss, duplication, reordering, partitions (symmetric,
// one-way, minority/majority, flapping), crashes (some losing an unsynced Ready) and restarts,
// with compactions so that lagging nodes need snapshots. Phase 2 (liveness) heals everything
// and requires a leader and a newly committed proposal, applied everywhere, within a bound.
// The InvariantChecker runs after every handled Ready, i.e. after every event that can
// change what a node persists, sends or applies.
import { SeededRandom } from '../random.js';
import type { NodeId } from '../index.js';
import type { ApplicationFactory } from './application.js';
import { SimCluster } from './cluster.js';
import { SimNetwork } from './network.js';
import { Nemesis } from './nemesis.js';
import { InvariantViolation } from './invariants.js';

export interface SimulationOptions {
  readonly seed: number;
  readonly voters: 3 | 5;
  /** Learners beside the voters. Default: 1 or 2, chosen by the seed. */
  readonly learners?: number;
  /** Ticks of the chaos phase. Default 2000. */
  readonly chaosTicks?: number;
  /** Ticks allowed after healing for a leader to emerge and a proposal to be applied everywhere. */
  readonly livenessTicksMax?: number;
  readonly application?: ApplicationFactory;
  /** Probability that handling a Ready crashes the node while it syncs (a torn write). Default 0.01. */
  readonly crashBeforeSyncRate?: number;
  /** A deliberate contract violation by the simulated driver (see ClusterOptions). */
  readonly driverFault?: 'send-before-persist';
}

export interface SimulationResult {
  readonly seed: number;
  readonly events: number;
  readonly ticks: number;
  readonly committed: number;
  readonly leaders: number;
  readonly crashes: number;
  readonly snapshotsSent: number;
  readonly transfers: number;
  readonly livenessTicks: number;
}

export class SimulationFailure extends Error {
  readonly seed: number;
  constructor(seed: number, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`${detail}\nreproduce: SEED=${seed}`, { cause });
    this.name = 'SimulationFailure';
    this.seed = seed;
  }
}

const ELECTION_TIMEOUT_TICKS = 10;
const HEARTBEAT_INTERVAL_TICKS = 2;

export function runSimulation(options: SimulationOptions): SimulationResult {
  try {
    return new Simulation(options).run();
  } catch (error) {
    throw new SimulationFailure(options.seed, error);
  }
}

class Simulation {
  private readonly random: SeededRandom;
  private readonly cluster: SimCluster;
  private readonly network: SimNetwork;
  private readonly nemesis: Nemesis;
  private readonly options: SimulationOptions;
  private now = 0;
  private events = 0;
  private proposals = 0;
  private snapshotsSent = 0;
  private transfers = 0;

  constructor(options: SimulationOptions) {
    this.options = options;
    this.random = new SeededRandom(options.seed);
    const learnerCount = options.learners ?? 1 + this.random.nextInt(2);
    const voters = range(1, options.voters);
    const learners = range(options.voters + 1, learnerCount);
    this.cluster = new SimCluster({
      voters, learners, seed: this.random.nextUint32(),
      electionTimeoutTicks: ELECTION_TIMEOUT_TICKS,
      heartbeatIntervalTicks: HEARTBEAT_INTERVAL_TICKS,
      tuning: {
        // Mostly the production setting; sometimes classic Raft, to keep both paths honest.
        preVote: this.random.chance(0.8),
        checkQuorum: this.random.chance(0.8),
        appendBytesMax: 64 + this.random.nextInt(256),
        inflightAppendsMax: 1 + this.random.nextInt(8),
        inflightBytesMax: 256 + this.random.nextInt(4096),
      },
      ...(options.application === undefined ? {} : { application: options.application }),
      ...(options.driverFault === undefined ? {} : { driverFault: options.driverFault }),
    });
    this.network = new SimNetwork(this.random, {
      lossRate: this.random.nextInt(21) / 100,
      duplicateRate: this.random.nextInt(10) / 100,
      delayTicksMin: 1,
      delayTicksMax: 1 + this.random.nextInt(6),
    });
    this.cluster.outgoing = (message) => {
      if (message.type === 'install-snapshot') this.snapshotsSent++;
      this.network.send(message, this.now);
    };
    this.nemesis = new Nemesis(this.random, this.cluster, this.network);
  }

  run(): SimulationResult {
    const chaosTicks = this.options.chaosTicks ?? 2000;
    for (let t = 0; t < chaosTicks; t++) {
      this.events += this.nemesis.act(this.leader());
      this.workload();
      this.step();
    }
    const livenessTicks = this.heal();
    return {
      seed: this.options.seed, events: this.events, ticks: this.now,
      committed: this.cluster.checker.committedIndexMax(), leaders: this.nemesis.leadersSeen.size,
      crashes: this.nemesis.crashes, snapshotsSent: this.snapshotsSent, transfers: this.transfers, livenessTicks,
    };
  }

  /** One tick of simulated time: deliver what is due, then tick every live node. */
  private step(): void {
    this.now++;
    for (const message of this.network.takeDue(this.now)) {
      const node = this.cluster.node(message.to);
      if (node.raft === undefined) continue;
      node.raft.step(message);
      this.events++;
      this.handleReady(message.to);
    }
    for (const node of this.cluster.nodes.values()) {
      if (node.raft === undefined) continue;
      node.raft.tick();
      this.events++;
      this.handleReady(node.id);
    }
  }

  private handleReady(id: NodeId): void {
    // A crash while syncing a Ready keeps a prefix of its writes (maybe none), never more.
    if (this.nemesis.active && this.random.chance(this.options.crashBeforeSyncRate ?? 0.01)) {
      if (this.cluster.handleReady(id, this.random.nextUint32() / 0x1_0000_0000)) this.nemesis.crashes++;
      return;
    }
    this.cluster.drainReady(id);
    const raft = this.cluster.nodes.get(id)?.raft;
    if (raft !== undefined && raft.role === 'leader') this.nemesis.leadersSeen.add(raft.term);
  }

  /**
   * Proposals to random nodes (only a leader accepts), now and then a leadership transfer to a
   * random voter, and compactions behind the applied index.
   */
  private workload(): void {
    if (this.random.chance(0.003)) {
      const leader = this.leader();
      const target = 1 + this.random.nextInt(this.options.voters);
      if (leader !== undefined && this.cluster.raft(leader).transferLeadership(target).started) {
        this.transfers++;
        this.handleReady(leader);
      }
    }
    if (this.random.chance(0.25)) {
      const id = 1 + this.random.nextInt(this.cluster.nodes.size);
      const raft = this.cluster.nodes.get(id)?.raft;
      if (raft !== undefined && raft.propose(proposalData(++this.proposals)).accepted) this.handleReady(id);
    }
    if (this.random.chance(0.05)) {
      const node = this.cluster.node(1 + this.random.nextInt(this.cluster.nodes.size));
      const raft = node.raft;
      const app = node.app;
      if (raft === undefined || app === undefined) return;
      const applied = raft.status().applied;
      if (applied - node.storage.firstIndex() >= 8) raft.compact(applied, app.takeSnapshot());
    }
  }

  private leader(): NodeId | undefined {
    let found: NodeId | undefined;
    let term = -1;
    for (const node of this.cluster.nodes.values()) {
      if (node.raft !== undefined && node.raft.role === 'leader' && node.raft.term > term) {
        found = node.id;
        term = node.raft.term;
      }
    }
    return found;
  }

  /**
   * Liveness: with every node up and the network reliable (delays remain), a leader must
   * emerge and a fresh proposal must be applied on every node within the bound.
   */
  private heal(): number {
    this.nemesis.healAll();
    const bound = this.options.livenessTicksMax ?? 40 * ELECTION_TIMEOUT_TICKS;
    const start = this.now;
    let target: { index: number; term: number } | undefined;
    while (this.now - start < bound) {
      this.step();
      const leader = this.leader();
      if (leader === undefined) continue;
      const raft = this.cluster.raft(leader);
      if (target === undefined || (raft.term !== target.term && raft.log.term(target.index) !== target.term)) {
        const result = raft.propose(proposalData(++this.proposals));
        if (result.accepted) target = { index: result.index, term: result.term };
        this.handleReady(leader);
        continue;
      }
      if (this.appliedEverywhere(target.index)) return this.now - start;
    }
    const states = this.cluster.ids().map((id) => {
      const s = this.cluster.raft(id).status();
      const progress = [...s.progress].map(([peer, p]) => `${peer}=${p.state}/m${p.match}/n${p.next}/i${p.inflight}`).join(',');
      return `${id}:${s.role}/t${s.term}/c${s.commit}/a${s.applied}/f${s.firstIndex}/l${s.lastIndex}${progress ? `[${progress}]` : ''}`;
    });
    throw new InvariantViolation('Liveness', `no proposal applied everywhere within ${bound} ticks after healing (${states.join(' ')})`);
  }

  private appliedEverywhere(index: number): boolean {
    for (const node of this.cluster.nodes.values()) {
      if (node.raft === undefined || node.raft.status().applied < index) return false;
    }
    return true;
  }
}

function range(first: number, count: number): NodeId[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

function proposalData(sequence: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, sequence);
  return bytes;
}
