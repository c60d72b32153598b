// Runs the controller's state machine on the Raft simulator (@brook/raft/testing): 3 voters
// plus a learner (a broker following the metadata log), a lossy, reordering network, crashes
// with torn writes, partitions and restarts from disk, and compactions that make lagging nodes
// install snapshots of the metadata image. The active controller runs the seeded command
// workload (brokers registering, heartbeating, going silent and being fenced, topics, ISR
// changes, elections) against its image. After every applied entry on every node, the image
// must satisfy FencedNeverLeads, LeaderInIsr, IsrSubsetOfReplicas and
// FencedOnlyAsLastIsrMember, and no epoch may go back; at the end, nodes that applied the same
// index hold byte-identical images. A failure names the seed.
import { SeededRandom } from '@brook/raft';
import type { Entry, NodeId, Snapshot } from '@brook/raft';
import { Nemesis, SimCluster, SimNetwork } from '@brook/raft/testing';
import type { ReplicatedApplication } from '@brook/raft/testing';
import { describe, expect, it } from 'vitest';
import { randomTopicIds } from './controller-result.js';
import type { TopicIdSource } from './controller-result.js';
import { replayBatch } from './delta.js';
import { BrokerHeartbeatTracker } from './heartbeat-tracker.js';
import { EMPTY_IMAGE } from './image.js';
import type { MetadataImage } from './image.js';
import { decodeRecords, encodeRecords } from './record-codec.js';
import { decodeSnapshot, encodeSnapshot } from './snapshot.js';
import { epochRegressions, imageViolations, randomCommand } from './testing/index.js';

class ControllerApplication implements ReplicatedApplication {
  image: MetadataImage = EMPTY_IMAGE;
  private applied = 0;
  batches = 0;

  apply(entry: Entry): void {
    this.applied = entry.index;
    if (entry.kind === 'noop') return;
    const before = this.image;
    this.image = replayBatch(this.image, decodeRecords(entry.data), entry.index);
    this.batches++;
    const problems = [...imageViolations(this.image), ...epochRegressions(before, this.image)];
    if (problems.length > 0) throw new Error(`after entry ${entry.index}: ${problems.join('; ')}`);
  }

  appliedIndex(): number {
    return this.applied;
  }

  takeSnapshot(): Uint8Array {
    return encodeSnapshot(this.image);
  }

  restoreSnapshot(snapshot: Snapshot): void {
    this.image = decodeSnapshot(snapshot.data);
    this.applied = snapshot.metadata.index;
  }
}

interface SimResult {
  readonly batches: number;
  readonly fences: number;
  readonly snapshotsSent: number;
}

class ControllerSimulation {
  private readonly random: SeededRandom;
  private readonly apps = new Map<NodeId, ControllerApplication>();
  private readonly cluster: SimCluster;
  private readonly network: SimNetwork;
  private readonly nemesis: Nemesis;
  /** Broker sessions are soft state of the active controller only (KIP-631). */
  private readonly trackers = new Map<NodeId, BrokerHeartbeatTracker>([1, 2, 3].map((id) => [id, new BrokerHeartbeatTracker(300)]));
  private readonly ids: TopicIdSource;
  private readonly silentBrokers = new Set<number>();
  private now = 0;
  private snapshotsSent = 0;
  private fences = 0;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
    this.cluster = new SimCluster({
      voters: [1, 2, 3],
      learners: [4],
      seed: this.random.nextUint32(),
      electionTimeoutTicks: 10,
      heartbeatIntervalTicks: 2,
      application: (id) => {
        const app = new ControllerApplication();
        this.apps.set(id, app);
        return app;
      },
    });
    this.network = new SimNetwork(this.random, { lossRate: 0.05, duplicateRate: 0.02, delayTicksMin: 1, delayTicksMax: 3 });
    this.cluster.outgoing = (m) => {
      if (m.type === 'install-snapshot') this.snapshotsSent++;
      this.network.send(m, this.now);
    };
    this.nemesis = new Nemesis(this.random, this.cluster, this.network);
    this.ids = randomTopicIds(this.random);
  }

  run(ticks: number): SimResult {
    for (let t = 0; t < ticks; t++) {
      this.nemesis.act(this.leader());
      this.step(true);
      // Brokers crash (go silent) and come back.
      if (this.random.chance(0.01)) this.silentBrokers.add(1 + this.random.nextInt(4));
      if (this.random.chance(0.01)) this.silentBrokers.clear();
      this.command();
      this.maybeCompact();
    }
    this.nemesis.healAll();
    for (let t = 0; t < 400; t++) this.step(false);
    this.compareNodes();
    const batches = Math.max(...[...this.cluster.nodes.values()].map((n) => (n.app as ControllerApplication | undefined)?.batches ?? 0));
    return { batches, fences: this.fences, snapshotsSent: this.snapshotsSent };
  }

  private step(chaos: boolean): void {
    this.now++;
    for (const m of this.network.takeDue(this.now)) {
      const raft = this.cluster.nodes.get(m.to)?.raft;
      if (raft === undefined) continue;
      raft.step(m);
      this.drain(m.to, chaos);
    }
    for (const node of this.cluster.nodes.values()) {
      if (node.raft === undefined) continue;
      node.raft.tick();
      this.drain(node.id, chaos);
    }
    for (const [id, tracker] of this.trackers) {
      if (this.cluster.nodes.get(id)?.raft?.role !== 'leader') tracker.clear();
    }
  }

  private drain(id: NodeId, chaos: boolean): void {
    if (chaos && this.random.chance(0.005)) {
      if (this.cluster.handleReady(id, this.random.nextUint32() / 0x1_0000_0000)) this.nemesis.crashes++;
      return;
    }
    this.cluster.drainReady(id);
  }

  /**
   * The active controller as a serial driver: it runs a handler only against an image that
   * includes everything it has proposed (applied == last index), so no two in-flight batches
   * conflict. A real driver keeps a speculative image instead (README, "How a driver uses it").
   */
  private command(): void {
    const active = this.leader();
    if (active === undefined || !this.random.chance(0.7)) return;
    const node = this.cluster.node(active);
    const raft = node.raft!;
    const app = this.apps.get(active)!;
    const status = raft.status();
    if (status.applied !== status.lastIndex || node.app !== app) return;
    const result = randomCommand(this.random, app.image, { nowMs: this.now * 10, ids: this.ids }, this.trackers.get(active)!, undefined, this.silentBrokers);
    if (result.records.length === 0) return;
    if (result.records.some((r) => r.type === 'FenceBroker')) this.fences++;
    if (raft.propose(encodeRecords(result.records)).accepted) this.drain(active, true);
  }

  private maybeCompact(): void {
    if (!this.random.chance(0.03)) return;
    const node = this.cluster.node(1 + this.random.nextInt(4));
    const app = node.app;
    if (node.raft === undefined || app === undefined) return;
    const applied = node.raft.status().applied;
    if (applied - node.storage.firstIndex() >= 8) node.raft.compact(applied, app.takeSnapshot());
  }

  /** Nodes that applied the same index hold byte-identical images. */
  private compareNodes(): void {
    const byIndex = new Map<number, Uint8Array>();
    for (const node of this.cluster.nodes.values()) {
      const app = node.app as ControllerApplication | undefined;
      if (app === undefined) continue;
      const bytes = encodeSnapshot(app.image);
      const other = byIndex.get(app.appliedIndex());
      if (other !== undefined) expect(bytes, `node ${node.id} at ${app.appliedIndex()}`).toEqual(other);
      byIndex.set(app.appliedIndex(), bytes);
    }
  }

  private leader(): NodeId | undefined {
    let found: NodeId | undefined;
    let term = -1;
    for (const node of this.cluster.nodes.values()) {
      if (node.raft?.role === 'leader' && node.raft.term > term) [found, term] = [node.id, node.raft.term];
    }
    return found;
  }
}

describe('controller on the Raft simulator', () => {
  it('keeps the metadata invariants on every node through faults', () => {
    let batches = 0;
    let fences = 0;
    let snapshots = 0;
    for (let seed = 1; seed <= 12; seed++) {
      let result: SimResult;
      try {
        result = new ControllerSimulation(seed).run(1500);
      } catch (error) {
        throw new Error(`${(error as Error).message}\nreproduce: controller simulation SEED=${seed}`, { cause: error });
      }
      batches += result.batches;
      fences += result.fences;
      snapshots += result.snapshotsSent;
    }
    // The run must have done real work for its checks to mean anything.
    console.log(`controller simulation: ${batches} batches, ${fences} fencing batches, ${snapshots} snapshots sent`);
    expect(batches).toBeGreaterThan(500);
    expect(fences).toBeGreaterThan(5);
    expect(snapshots).toBeGreaterThan(0);
  });
});
