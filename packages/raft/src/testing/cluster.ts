// A cluster of RaftNodes driven exactly as the Ready contract says, over MemoryRaftStorage as
// each node's disk. Shared by the randomized simulator and the transcript tests. Crashes drop
// the node's volatile state and any Ready not yet persisted; restarts rebuild the node from
// its disk, with a fresh application restored from the disk's snapshot.
import { MemoryRaftStorage, RaftNode, SeededRandom } from '../index.js';
import type { Message, NodeId, RaftNodeOptions, Ready } from '../index.js';
import type { ApplicationFactory, ReplicatedApplication } from './application.js';
import { HashChainApplication } from './application.js';
import { InvariantChecker } from './invariants.js';

export type NodeTuning = Partial<Omit<RaftNodeOptions, 'id' | 'voters' | 'learners' | 'storage' | 'random'>>;

export interface ClusterOptions {
  readonly voters: readonly NodeId[];
  readonly learners?: readonly NodeId[];
  readonly seed: number;
  readonly electionTimeoutTicks: number;
  readonly heartbeatIntervalTicks: number;
  readonly tuning?: NodeTuning;
  readonly application?: ApplicationFactory;
  /**
   * Breaks the Ready contract on purpose, to show the checks catch it: 'send-before-persist'
   * sends a Ready's messages before its writes are durable, so a crash in between loses
   * writes that peers were already promised.
   */
  readonly driverFault?: 'send-before-persist';
}

export interface ClusterListener {
  /** A Ready was persisted and is about to be sent and applied. */
  readyPersisted?(id: NodeId, ready: Ready): void;
}

export class SimNode {
  readonly id: NodeId;
  readonly storage = new MemoryRaftStorage();
  readonly random: SeededRandom;
  raft: RaftNode | undefined;
  app: ReplicatedApplication | undefined;

  constructor(id: NodeId, seed: number) {
    this.id = id;
    this.random = new SeededRandom(seed);
  }

  get alive(): boolean {
    return this.raft !== undefined;
  }
}

export class SimCluster {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
  readonly nodes = new Map<NodeId, SimNode>();
  readonly checker: InvariantChecker;
  private readonly options: ClusterOptions;
  private readonly applicationFactory: ApplicationFactory;
  /** Where sent messages go (the network). */
  outgoing: (message: Message) => void = () => {};
  listener: ClusterListener = {};

  constructor(options: ClusterOptions) {
    this.options = options;
    this.voters = [...options.voters];
    this.learners = [...(options.learners ?? [])];
    this.applicationFactory = options.application ?? (() => new HashChainApplication());
    this.checker = new InvariantChecker(this.voters, this.learners);
    const seeds = new SeededRandom(options.seed);
    for (const id of [...this.voters, ...this.learners]) {
      const node = new SimNode(id, seeds.nextUint32());
      this.nodes.set(id, node);
      this.start(node);
    }
  }

  ids(): NodeId[] {
    return [...this.nodes.keys()];
  }

  node(id: NodeId): SimNode {
    const node = this.nodes.get(id);
    if (node === undefined) throw new RangeError(`no node ${id}`);
    return node;
  }

  raft(id: NodeId): RaftNode {
    const raft = this.node(id).raft;
    if (raft === undefined) throw new RangeError(`node ${id} is down`);
    return raft;
  }

  crash(id: NodeId): void {
    const node = this.node(id);
    node.raft = undefined;
    node.app = undefined;
  }

  restart(id: NodeId): void {
    const node = this.node(id);
    if (!node.alive) this.start(node);
  }

  /**
   * Runs the Ready contract once on `id` if it has work: persist, send, apply, advance. With
   * `crashDuringSync` (a fraction in [0, 1)), the node instead crashes while persisting: only a
   * prefix of the Ready's writes, in contract order (snapshot, compaction, each entry,
   * hardState), becomes durable, from none of them (0) to nearly all, and nothing is sent.
   * This is the disk model: writes not yet synced are lost, possibly torn. Returns whether a
   * Ready was handled.
   */
  handleReady(id: NodeId, crashDuringSync?: number): boolean {
    const node = this.node(id);
    const raft = node.raft;
    const app = node.app;
    if (raft === undefined || app === undefined || !raft.hasReady()) return false;
    const ready = raft.ready();
    const sendFirst = this.options.driverFault === 'send-before-persist';
    if (sendFirst) for (const message of ready.messages) this.outgoing(message);
    if (crashDuringSync !== undefined) {
      const durable = durablePrefix(ready, crashDuringSync);
      persistReady(node.storage, durable);
      this.checker.persisted(id, durable, raft.role === 'leader' ? raft.term : undefined);
      this.crash(id);
      return true;
    }
    persistReady(node.storage, ready);
    this.checker.persisted(id, ready, raft.role === 'leader' ? raft.term : undefined);
    if (ready.softState !== undefined) this.checker.roleObserved(id, ready.softState.role, raft.term);
    this.listener.readyPersisted?.(id, ready);
    this.checker.sent(id, ready.messages);
    if (!sendFirst) for (const message of ready.messages) this.outgoing(message);
    if (ready.snapshot !== undefined) {
      app.restoreSnapshot(ready.snapshot);
      this.checker.restored(id, ready.snapshot);
    }
    for (const entry of ready.committedEntries) {
      app.apply(entry);
      this.checker.applied(id, entry);
    }
    raft.advance(ready);
    return true;
  }

  /** Handles Readies on `id` until it has none (a Ready is bounded, so this may take several). */
  drainReady(id: NodeId): void {
    for (let i = 0; i < 64 && this.handleReady(id); i++);
  }

  private start(node: SimNode): void {
    const snapshot = node.storage.snapshot();
    const app = this.applicationFactory(node.id);
    if (snapshot.metadata.index > 0) app.restoreSnapshot(snapshot);
    node.app = app;
    node.raft = new RaftNode({
      electionTimeoutTicks: this.options.electionTimeoutTicks,
      heartbeatIntervalTicks: this.options.heartbeatIntervalTicks,
      ...this.options.tuning,
      id: node.id,
      voters: this.voters,
      learners: this.learners,
      storage: node.storage,
      random: node.random,
      // The application says where it stands (a fresh one restored from the disk's snapshot).
      applied: app.appliedIndex(),
    });
    this.checker.started(node.id, app.appliedIndex(), node.raft.status().commit);
  }
}

/** Step 1 of the contract against MemoryRaftStorage, in the required order. */
export function persistReady(storage: MemoryRaftStorage, ready: Ready): void {
  if (ready.snapshot !== undefined) storage.installSnapshot(ready.snapshot);
  if (ready.compaction !== undefined) storage.compact(ready.compaction);
  storage.append(ready.entries);
  if (ready.hardState !== undefined) storage.setHardState(ready.hardState);
}

/** The part of a Ready that reached the disk when a crash tore its writes at `fraction`. */
function durablePrefix(ready: Ready, fraction: number): Ready {
  const steps = (ready.snapshot ? 1 : 0) + (ready.compaction ? 1 : 0) + ready.entries.length + (ready.hardState ? 1 : 0);
  let left = Math.floor(fraction * (steps + 1));
  const take = (present: boolean): boolean => {
    if (!present || left === 0) return false;
    left--;
    return true;
  };
  const snapshot = take(ready.snapshot !== undefined) ? ready.snapshot : undefined;
  const compaction = take(ready.compaction !== undefined) ? ready.compaction : undefined;
  const entries = ready.entries.slice(0, Math.min(left, ready.entries.length));
  left -= entries.length;
  const hardState = take(ready.hardState !== undefined) ? ready.hardState : undefined;
  return { softState: undefined, snapshot, compaction, entries, hardState, messages: [], committedEntries: [] };
}
