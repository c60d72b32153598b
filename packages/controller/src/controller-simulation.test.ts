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

function simulate(seed: number, ticks: number): SimResult {
  const random = new SeededRandom(seed);
  const apps = new Map<NodeId, ControllerApplication>();
  const cluster = new SimCluster({
    voters: [1, 2, 3],
    learners: [4],
    seed: random.nextUint32(),
    electionTimeoutTicks: 10,
    heartbeatIntervalTicks: 2,
    application: (id) => {
      const app = new ControllerApplication();
      apps.set(id, app);
      return app;
    },
  });
  const network = new SimNetwork(random, { lossRate: 0.05, duplicateRate: 0.02, delayTicksMin: 1, delayTicksMax: 3 });
  let now = 0;
  let snapshotsSent = 0;
  cluster.outgoing = (m) => {
    if (m.type === 'install-snapshot') snapshotsSent++;
    network.send(m, now);
  };
  const nemesis = new Nemesis(random, cluster, network);
  const trackers = new Map<NodeId, BrokerHeartbeatTracker>([1, 2, 3].map((id) => [id, new BrokerHeartbeatTracker(300)]));
  const ids = randomTopicIds(random);
  const silentBrokers = new Set<number>();
  let fences = 0;
  const leader = (): NodeId | undefined => {
    let found: NodeId | undefined;
    let term = -1;
    for (const node of cluster.nodes.values()) {
      if (node.raft?.role === 'leader' && node.raft.term > term) [found, term] = [node.id, node.raft.term];
    }
    return found;
  };
  const drain = (id: NodeId): void => {
    if (nemesis.active && random.chance(0.005)) {
      if (cluster.handleReady(id, random.nextUint32() / 0x1_0000_0000)) nemesis.crashes++;
      return;
    }
    cluster.drainReady(id);
  };
  for (let t = 0; t < ticks; t++) {
    nemesis.act(leader());
    now++;
    for (const m of network.takeDue(now)) {
      const raft = cluster.nodes.get(m.to)?.raft;
      if (raft === undefined) continue;
      raft.step(m);
      drain(m.to);
    }
    for (const node of cluster.nodes.values()) {
      if (node.raft === undefined) continue;
      node.raft.tick();
      drain(node.id);
    }
    // Brokers crash (go silent) and come back.
    if (random.chance(0.01)) silentBrokers.add(1 + random.nextInt(4));
    if (random.chance(0.01)) silentBrokers.clear();
    for (const [id, tracker] of trackers) {
      // Broker sessions are soft state of the active controller only (KIP-631).
      if (cluster.nodes.get(id)?.raft?.role !== 'leader') tracker.clear();
    }
    const active = leader();
    if (active !== undefined && random.chance(0.7)) {
      const node = cluster.node(active);
      const raft = node.raft!;
      const app = apps.get(active)!;
      const status = raft.status();
      // A serial driver: run a handler only against an image that includes everything this
      // leader has proposed (applied == last index), so no two in-flight batches conflict.
      if (status.applied === status.lastIndex && node.app === app) {
        const result = randomCommand(random, app.image, { nowMs: now * 10, ids }, trackers.get(active)!, undefined, silentBrokers);
        if (result.records.length > 0) {
          if (result.records.some((r) => r.type === 'FenceBroker')) fences++;
          if (raft.propose(encodeRecords(result.records)).accepted) drain(active);
        }
      }
    }
    if (random.chance(0.03)) {
      const node = cluster.node(1 + random.nextInt(4));
      const app = node.app;
      if (node.raft !== undefined && app !== undefined) {
        const applied = node.raft.status().applied;
        if (applied - node.storage.firstIndex() >= 8) node.raft.compact(applied, app.takeSnapshot());
      }
    }
  }
  nemesis.healAll();
  for (let t = 0; t < 400; t++) {
    now++;
    for (const m of network.takeDue(now)) {
      const raft = cluster.nodes.get(m.to)?.raft;
      if (raft !== undefined) {
        raft.step(m);
        cluster.drainReady(m.to);
      }
    }
    for (const node of cluster.nodes.values()) {
      node.raft?.tick();
      cluster.drainReady(node.id);
    }
  }
  const byIndex = new Map<number, Uint8Array>();
  for (const node of cluster.nodes.values()) {
    const app = node.app as ControllerApplication | undefined;
    if (app === undefined) continue;
    const bytes = encodeSnapshot(app.image);
    const other = byIndex.get(app.appliedIndex());
    if (other !== undefined) expect(bytes, `node ${node.id} at ${app.appliedIndex()}`).toEqual(other);
    byIndex.set(app.appliedIndex(), bytes);
  }
  const batches = Math.max(...[...cluster.nodes.values()].map((n) => (n.app as ControllerApplication | undefined)?.batches ?? 0));
  return { batches, fences, snapshotsSent };
}

describe('controller on the Raft simulator', () => {
  it('keeps the metadata invariants on every node through faults', () => {
    let batches = 0;
    let fences = 0;
    let snapshots = 0;
    for (let seed = 1; seed <= 12; seed++) {
      let result: SimResult;
      try {
        result = simulate(seed, 1500);
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
