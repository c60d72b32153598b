// The named safety properties of Raft (paper §5.2-5.4, Figure 3), checked incrementally after
// every event of a simulation. Each check throws an InvariantViolation naming the property.
// Logs are compared through chain hashes: the hash at index i covers every entry up to i, so
// equal hashes at one index mean equal logs up to it (exactly the Log Matching property).
import type { Entry, Message, NodeId, Ready, Snapshot } from '../index.js';
import { entryHash, mixHash } from './application.js';

export class InvariantViolation extends Error {
  readonly invariant: string;
  constructor(invariant: string, detail: string) {
    super(`${invariant}: ${detail}`);
    this.name = 'InvariantViolation';
    this.invariant = invariant;
  }
}

function check(condition: boolean, invariant: string, detail: () => string): void {
  if (!condition) throw new InvariantViolation(invariant, detail());
}

/** A node's durable log as chain hashes: base is the snapshot index, hashes[k] covers base+1+k. */
class ChainLog {
  base = 0;
  baseHash = 0;
  hashes: number[] = [];

  hashAt(index: number): number | undefined {
    if (index === this.base) return this.baseHash;
    if (index < this.base) return undefined;
    return this.hashes[index - this.base - 1];
  }

  lastIndex(): number {
    return this.base + this.hashes.length;
  }
}

export class InvariantChecker {
  private readonly learners: ReadonlySet<NodeId>;
  private readonly chains = new Map<NodeId, ChainLog>();
  /** Chain hash of each committed index, as first recorded. */
  private readonly committed: number[] = [0];
  private readonly leaders = new Map<number, NodeId>();
  private readonly durableCommit = new Map<NodeId, number>();
  /** Per incarnation: the last index applied (or restored) on each node. */
  private readonly lastApplied = new Map<NodeId, number>();
  /** Entry hash of each applied index, as first applied anywhere. */
  private readonly appliedHashes: number[] = [0];

  constructor(voters: readonly NodeId[], learners: readonly NodeId[]) {
    this.learners = new Set(learners);
    for (const id of [...voters, ...learners]) {
      this.chains.set(id, new ChainLog());
      this.durableCommit.set(id, 0);
      this.lastApplied.set(id, 0);
    }
  }

  committedIndexMax(): number {
    return this.committed.length - 1;
  }

  /** A node (re)started from its durable state; its application was restored to `applied`. */
  started(id: NodeId, applied: number, commit: number): void {
    const durable = this.durableCommit.get(id) ?? 0;
    check(commit >= durable, 'MonotonicCommit', () => `node ${id} restarted with commit ${commit} below its persisted ${durable}`);
    this.lastApplied.set(id, applied);
  }

  /**
   * Step 1 of the contract finished: `ready` is durable on `id`. `leaderTerm` is the term the
   * node leads in, if it leads: a leader only appends to its log (Leader Append-Only, §5.3).
   */
  persisted(id: NodeId, ready: Ready, leaderTerm?: number): void {
    const chain = this.chainOf(id);
    const first = ready.entries[0];
    if (leaderTerm !== undefined && first !== undefined) {
      check(first.index > chain.lastIndex() && ready.snapshot === undefined, 'LeaderAppendOnly',
        () => `leader ${id} of term ${leaderTerm} rewrote its log from ${first.index} (it ended at ${chain.lastIndex()})`);
    }
    if (ready.snapshot !== undefined) this.installSnapshot(id, chain, ready.snapshot);
    if (ready.compaction !== undefined) this.compact(id, chain, ready.compaction);
    if (ready.entries.length > 0) this.appendEntries(id, chain, ready.entries);
    const hardState = ready.hardState;
    if (hardState !== undefined) {
      const before = this.durableCommit.get(id) ?? 0;
      check(hardState.commit >= before, 'MonotonicCommit', () => `node ${id} commit ${before} -> ${hardState.commit}`);
      this.durableCommit.set(id, hardState.commit);
      this.recordCommitted(id, chain, before, hardState.commit);
      check(!this.learners.has(id) || hardState.vote === 0, 'LearnersNeverVote', () => `learner ${id} voted for ${hardState.vote}`);
    }
  }

  /** The node reported a role; checks Election Safety and Leader Completeness (§5.2, §5.4). */
  roleObserved(id: NodeId, role: string, term: number): void {
    if (this.learners.has(id)) {
      check(role === 'follower', 'LearnersNeverVote', () => `learner ${id} became ${role} in term ${term}`);
      return;
    }
    if (role !== 'leader') return;
    const existing = this.leaders.get(term);
    check(existing === undefined || existing === id, 'ElectionSafety', () => `term ${term} has leaders ${existing} and ${id}`);
    if (existing !== undefined) return;
    this.leaders.set(term, id);
    const commitMax = this.committedIndexMax();
    const chain = this.chainOf(id);
    if (commitMax >= chain.base) {
      check(chain.hashAt(commitMax) === this.committed[commitMax], 'LeaderCompleteness',
        () => `leader ${id} of term ${term} lacks committed entry ${commitMax} (its log ends at ${chain.lastIndex()})`);
    }
  }

  sent(id: NodeId, messages: readonly Message[]): void {
    if (!this.learners.has(id)) return;
    for (const m of messages) {
      const votes = (m.type === 'vote-response' && m.granted) || m.type === 'vote-request';
      check(!votes, 'LearnersNeverVote', () => `learner ${id} sent ${m.type} to ${m.to}`);
    }
  }

  /** Step 3: the node applied a snapshot received from the leader. */
  restored(id: NodeId, snapshot: Snapshot): void {
    const last = this.lastApplied.get(id) ?? 0;
    check(snapshot.metadata.index > last, 'MonotonicApply', () => `node ${id} restored snapshot ${snapshot.metadata.index} after applying ${last}`);
    this.lastApplied.set(id, snapshot.metadata.index);
  }

  applied(id: NodeId, entry: Entry): void {
    const last = this.lastApplied.get(id) ?? 0;
    check(entry.index === last + 1, 'MonotonicApply', () => `node ${id} applied ${entry.index} after ${last}`);
    check(entry.index <= (this.durableCommit.get(id) ?? 0), 'AppliedOnlyCommitted',
      () => `node ${id} applied ${entry.index} beyond its persisted commit ${this.durableCommit.get(id)}`);
    this.lastApplied.set(id, entry.index);
    const hash = entryHash(entry);
    const first = this.appliedHashes[entry.index];
    if (first === undefined) this.appliedHashes[entry.index] = hash;
    else check(first === hash, 'StateMachineSafety', () => `node ${id} applied a different entry at ${entry.index}`);
  }

  private chainOf(id: NodeId): ChainLog {
    const chain = this.chains.get(id);
    if (chain === undefined) throw new InvariantViolation('KnownNode', `unknown node ${id}`);
    return chain;
  }

  private installSnapshot(id: NodeId, chain: ChainLog, snapshot: Snapshot): void {
    const index = snapshot.metadata.index;
    const hash = this.committed[index];
    check(hash !== undefined, 'CommittedNeverLost', () => `node ${id} installed snapshot ${index} beyond anything committed`);
    chain.base = index;
    chain.baseHash = hash ?? 0;
    chain.hashes = [];
  }

  private compact(id: NodeId, chain: ChainLog, snapshot: Snapshot): void {
    const index = snapshot.metadata.index;
    if (index <= chain.base) return;
    const hash = chain.hashAt(index);
    check(hash !== undefined && index <= (this.durableCommit.get(id) ?? 0), 'CommittedNeverLost',
      () => `node ${id} compacted at ${index}, outside its committed log (${chain.base}, ${chain.lastIndex()}] commit ${this.durableCommit.get(id)}`);
    chain.hashes = chain.hashes.slice(index - chain.base);
    chain.base = index;
    chain.baseHash = hash ?? 0;
  }

  private appendEntries(id: NodeId, chain: ChainLog, entries: readonly Entry[]): void {
    const first = (entries[0] as Entry).index;
    check(first > chain.base && first <= chain.lastIndex() + 1, 'LogMatching', () => `node ${id} appended at ${first}, log is (${chain.base}, ${chain.lastIndex()}]`);
    const durableCommit = this.durableCommit.get(id) ?? 0;
    for (let index = first; index <= chain.lastIndex(); index++) {
      const hash = chain.hashAt(index);
      check(index > durableCommit, 'CommittedNeverLost', () => `node ${id} overwrote its own committed entry ${index}`);
      check(hash !== this.committed[index], 'CommittedNeverLost', () => `node ${id} overwrote committed entry ${index}`);
    }
    chain.hashes.length = first - chain.base - 1;
    let previous = chain.hashAt(first - 1) ?? 0;
    for (const entry of entries) {
      previous = mixHash(previous, entryHash(entry));
      chain.hashes.push(previous);
      this.checkLogMatching(id, entry, previous);
    }
  }

  private readonly byIndexTerm = new Map<number, number>();

  /** §5.3 Log Matching: two logs with an entry of the same index and term agree up to it. */
  private checkLogMatching(id: NodeId, entry: Entry, chainHash: number): void {
    const key = entry.index * 1_000_000 + entry.term;
    const existing = this.byIndexTerm.get(key);
    if (existing === undefined) this.byIndexTerm.set(key, chainHash);
    else check(existing === chainHash, 'LogMatching', () => `node ${id} holds a different log up to ${entry.index}@${entry.term}`);
  }

  private recordCommitted(id: NodeId, chain: ChainLog, from: number, to: number): void {
    for (let index = from + 1; index <= to; index++) {
      const hash = chain.hashAt(index);
      if (hash === undefined) continue;
      const known = this.committed[index];
      if (known === undefined) {
        check(index <= this.committed.length, 'CommittedNeverLost', () => `commit gap before ${index}`);
        this.committed[index] = hash;
      } else {
        check(known === hash, 'CommittedNeverLost', () => `node ${id} committed a different entry at ${index}`);
      }
    }
  }
}
