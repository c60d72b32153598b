// RaftNode through its public surface, one rule per test: the vote rules (§5.2, §5.4.1), the
// leader lease and pre-vote (thesis §4.2.3, §9.6), learners, randomized timeouts, proposals,
// commitment (§5.4.2), fast backtracking, flow control, check quorum, snapshots, transfer and
// the Ready/advance contract. Nodes are driven by hand: step messages in, read Readies out.
import { describe, expect, test } from 'vitest';
import { MemoryRaftStorage, RaftNode, SeededRandom } from './index.js';
import type { Entry, Message, RaftNodeOptions, Ready } from './index.js';
import { persistReady } from './testing/cluster.js';

interface TestNode {
  node: RaftNode;
  storage: MemoryRaftStorage;
  /** Runs the Ready contract once and returns the Ready (or undefined when there was none). */
  drain(): Ready | undefined;
}

function testNode(id: number, options: Partial<RaftNodeOptions> = {}, storage = new MemoryRaftStorage()): TestNode {
  const node = new RaftNode({
    id, voters: [1, 2, 3], storage, random: new SeededRandom(id),
    electionTimeoutTicks: 10, heartbeatIntervalTicks: 2, ...options,
  });
  return {
    node, storage,
    drain() {
      if (!node.hasReady()) return undefined;
      const ready = node.ready();
      persistReady(storage, ready);
      node.advance(ready);
      return ready;
    },
  };
}

function entries(terms: number[], from = 1): Entry[] {
  return terms.map((term, i) => ({ index: from + i, term, kind: 'normal', data: new Uint8Array(0) }));
}

function voteRequest(from: number, to: number, term: number, last: [number, number], extra: Partial<Message> = {}): Message {
  return { type: 'vote-request', from, to, term, preVote: false, leadershipTransfer: false, lastLogIndex: last[0], lastLogTerm: last[1], ...extra } as Message;
}

/** Makes node 1 of a 3-voter group leader of term 1 (its own vote plus node 2's). */
function leaderOfTerm1(options: Partial<RaftNodeOptions> = {}, storage?: MemoryRaftStorage): TestNode {
  const t = testNode(1, { preVote: false, ...options }, storage);
  t.node.campaign();
  t.drain();
  t.node.step({ type: 'vote-response', from: 2, to: 1, term: t.node.status().term, preVote: false, granted: true });
  t.drain();
  expect(t.node.status().role).toBe('leader');
  return t;
}

const sent = (ready: Ready | undefined) => ready?.messages ?? [];

describe('voting (§5.2, §5.4.1)', () => {
  test('grants an up-to-date candidate, and the vote is persisted in the same Ready as the grant', () => {
    const t = testNode(2);
    t.node.step(voteRequest(1, 2, 1, [0, 0]));
    const ready = t.drain();
    expect(ready?.hardState).toEqual({ term: 1, vote: 1, commit: 0 });
    expect(sent(ready)).toEqual([expect.objectContaining({ type: 'vote-response', granted: true, term: 1 })]);
  });

  test('grants one vote per term', () => {
    const t = testNode(2);
    t.node.step(voteRequest(1, 2, 1, [0, 0]));
    t.drain();
    t.node.step(voteRequest(3, 2, 1, [0, 0]));
    expect(sent(t.drain())).toEqual([expect.objectContaining({ granted: false })]);
    t.node.step(voteRequest(1, 2, 1, [0, 0]));
    expect(sent(t.drain())).toEqual([expect.objectContaining({ granted: true })]);
  });

  test('refuses a candidate whose log is behind', () => {
    const storage = new MemoryRaftStorage();
    storage.append(entries([1, 1, 2]));
    storage.setHardState({ term: 2, vote: 0, commit: 0 });
    const t = testNode(2, {}, storage);
    t.node.step(voteRequest(1, 2, 3, [5, 1]));
    expect(sent(t.drain())).toEqual([expect.objectContaining({ granted: false, term: 3 })]);
    t.node.step(voteRequest(3, 2, 3, [3, 2]));
    expect(sent(t.drain())).toEqual([expect.objectContaining({ granted: true })]);
  });

  test('a follower that heard from its leader refuses a higher-term vote and keeps its term (leader lease)', () => {
    const t = testNode(2);
    t.node.step({ type: 'heartbeat', from: 1, to: 2, term: 1, commit: 0 });
    t.drain();
    t.node.step(voteRequest(3, 2, 2, [0, 0]));
    expect(sent(t.drain())).toEqual([expect.objectContaining({ granted: false, term: 1 })]);
    expect(t.node.status().term).toBe(1);
    // ... unless the campaign comes from a leadership transfer (thesis §3.10).
    t.node.step(voteRequest(3, 2, 2, [0, 0], { leadershipTransfer: true }));
    expect(sent(t.drain())).toEqual([expect.objectContaining({ granted: true, term: 2 })]);
  });

  test('a pre-vote is granted without changing term or vote (thesis §9.6)', () => {
    const t = testNode(2);
    t.node.step(voteRequest(1, 2, 1, [0, 0], { preVote: true }));
    const ready = t.drain();
    expect(sent(ready)).toEqual([expect.objectContaining({ preVote: true, granted: true, term: 1 })]);
    expect(ready?.hardState).toBeUndefined();
    expect(t.node.status()).toMatchObject({ term: 0, vote: 0 });
  });

  test('a pre-candidate keeps its term; only winning the pre-vote starts the real election', () => {
    const t = testNode(1);
    t.node.campaign();
    const ready = t.drain();
    expect(t.node.status()).toMatchObject({ role: 'pre-candidate', term: 0 });
    expect(sent(ready).map((m) => m.type === 'vote-request' && m.preVote && m.term)).toEqual([1, 1]);
    t.node.step({ type: 'vote-response', from: 2, to: 1, term: 1, preVote: true, granted: true });
    expect(t.node.status()).toMatchObject({ role: 'candidate', term: 1, vote: 1 });
  });
});

describe('learners', () => {
  test('never campaign and refuse to vote', () => {
    const t = testNode(4, { voters: [1, 2, 3], learners: [4] });
    for (let i = 0; i < 100; i++) t.node.tick();
    expect(t.node.status().role).toBe('follower');
    expect(t.drain()).toBeUndefined();
    t.node.step(voteRequest(1, 4, 1, [0, 0]));
    expect(sent(t.drain())).toEqual([expect.objectContaining({ granted: false })]);
    expect(t.node.status().vote).toBe(0);
  });

  test('do not count toward the quorum', () => {
    const t = leaderOfTerm1({ voters: [1, 2, 3], learners: [4, 5] });
    t.drain();
    t.node.step({ type: 'append-response', from: 4, to: 1, term: 1, reject: false, index: 1, conflictTerm: 0, conflictIndex: 0 });
    t.node.step({ type: 'append-response', from: 5, to: 1, term: 1, reject: false, index: 1, conflictTerm: 0, conflictIndex: 0 });
    expect(t.node.status().commit).toBe(0);
    t.node.step({ type: 'append-response', from: 2, to: 1, term: 1, reject: false, index: 1, conflictTerm: 0, conflictIndex: 0 });
    expect(t.node.status().commit).toBe(1);
  });
});

test('election timeouts are drawn from [T, 2T)', () => {
  const observed = new Set<number>();
  for (let seed = 1; seed <= 40; seed++) {
    const node = new RaftNode({ id: 1, voters: [1, 2, 3], storage: new MemoryRaftStorage(), random: new SeededRandom(seed), electionTimeoutTicks: 10, heartbeatIntervalTicks: 2 });
    let ticks = 0;
    while (node.status().role === 'follower') {
      node.tick();
      ticks++;
    }
    observed.add(ticks);
  }
  expect(Math.min(...observed)).toBeGreaterThanOrEqual(10);
  expect(Math.max(...observed)).toBeLessThan(20);
  expect(observed.size).toBeGreaterThan(3);
});

describe('proposals and commitment', () => {
  test('a follower rejects a proposal with the leader it knows', () => {
    const t = testNode(2);
    t.node.step({ type: 'heartbeat', from: 3, to: 2, term: 1, commit: 0 });
    expect(t.node.propose(new Uint8Array([1]))).toEqual({ accepted: false, reason: 'not-leader', leaderId: 3 });
  });

  test('a single voter commits its own entries, persisting them in the Ready that applies them', () => {
    const t = testNode(1, { voters: [1], preVote: false });
    t.node.campaign();
    const first = t.drain();
    expect(first?.entries.map((e) => e.kind)).toEqual(['noop']);
    expect(first?.committedEntries.map((e) => e.index)).toEqual([1]);
    expect(t.node.propose(new Uint8Array([7]))).toEqual({ accepted: true, index: 2, term: 1 });
    const second = t.drain();
    expect(second?.entries.map((e) => e.index)).toEqual([2]);
    expect(second?.committedEntries.map((e) => e.index)).toEqual([2]);
  });

  test('a new leader does not commit an old-term entry by counting replicas (§5.4.2)', () => {
    const storage = new MemoryRaftStorage();
    storage.append(entries([1, 1]));
    storage.setHardState({ term: 1, vote: 0, commit: 1 });
    const t = leaderOfTerm1({}, storage);
    t.drain();
    // Node 2 acknowledges index 2 (term 1) but not the new no-op at 3 (term 2).
    t.node.step({ type: 'append-response', from: 2, to: 1, term: 2, reject: false, index: 2, conflictTerm: 0, conflictIndex: 0 });
    expect(t.node.status().commit).toBe(1);
    t.node.step({ type: 'append-response', from: 2, to: 1, term: 2, reject: false, index: 3, conflictTerm: 0, conflictIndex: 0 });
    expect(t.node.status().commit).toBe(3);
  });
});

describe('replication', () => {
  test('a rejection hint skips a whole conflicting term (thesis §5.3)', () => {
    const storage = new MemoryRaftStorage();
    storage.append(entries([1, 1, 1, 4, 4, 5, 5, 6, 6, 6]));
    storage.setHardState({ term: 6, vote: 0, commit: 0 });
    const t = leaderOfTerm1({}, storage);
    t.drain();
    // Follower 2 holds terms [1 1 1 2 2 2 3 3 3 3 3]: at index 11 (prev of the first probe) it
    // lacks the entry; it answers with its log end. At 10 it has term 3, first at index 7.
    t.node.step({ type: 'append-response', from: 2, to: 1, term: 7, reject: true, index: 10, conflictTerm: 3, conflictIndex: 7 });
    const probe = sent(t.drain()).find((m) => m.to === 2);
    // The leader has no term-3 entry: it resumes at the follower's first index of term 3.
    expect(probe).toMatchObject({ type: 'append', prevLogIndex: 6, prevLogTerm: 5 });
    t.node.step({ type: 'append-response', from: 2, to: 1, term: 7, reject: true, index: 6, conflictTerm: 2, conflictIndex: 4 });
    expect(sent(t.drain()).find((m) => m.to === 2)).toMatchObject({ type: 'append', prevLogIndex: 3, prevLogTerm: 1 });
  });

  test('flow control caps the appends in flight to a replicating follower', () => {
    const t = leaderOfTerm1({ inflightAppendsMax: 2 });
    t.drain();
    t.node.step({ type: 'append-response', from: 2, to: 1, term: 1, reject: false, index: 1, conflictTerm: 0, conflictIndex: 0 });
    t.drain();
    for (let i = 0; i < 5; i++) t.node.propose(new Uint8Array([i]));
    const appendsTo2 = sent(t.drain()).filter((m) => m.to === 2 && m.type === 'append');
    expect(appendsTo2).toHaveLength(2);
    t.node.step({ type: 'append-response', from: 2, to: 1, term: 1, reject: false, index: 2, conflictTerm: 0, conflictIndex: 0 });
    expect(sent(t.drain()).filter((m) => m.to === 2 && m.type === 'append')).toHaveLength(1);
  });

  test('appends are batched up to appendBytesMax', () => {
    // Entries count 16 bytes plus their data: the no-op 16, each proposal 26.
    const t = leaderOfTerm1({ appendBytesMax: 70 });
    t.drain();
    for (let i = 0; i < 4; i++) t.node.propose(new Uint8Array(10));
    t.drain();
    // Node 3 is probing (its first append is unanswered); its heartbeat answer unpauses it.
    t.node.step({ type: 'heartbeat-response', from: 3, to: 1, term: 1 });
    const append = sent(t.drain()).find((m) => m.to === 3 && m.type === 'append');
    expect(append?.type === 'append' && append.entries.map((e) => e.index)).toEqual([1, 2, 3]);
  });
});

describe('check quorum (thesis §6.2)', () => {
  test('a leader that hears from no majority for an election timeout steps down', () => {
    const t = leaderOfTerm1();
    for (let i = 0; i < 9; i++) t.node.tick();
    expect(t.node.status().role).toBe('leader');
    t.node.tick();
    expect(t.node.status()).toMatchObject({ role: 'follower', term: 1, leaderId: 0 });
    expect(t.node.propose(new Uint8Array([1]))).toMatchObject({ accepted: false, reason: 'not-leader' });
  });

  test('answers from a majority keep it leading', () => {
    const t = leaderOfTerm1();
    for (let i = 0; i < 30; i++) {
      t.node.tick();
      t.node.step({ type: 'heartbeat-response', from: 3, to: 1, term: 1 });
    }
    expect(t.node.status().role).toBe('leader');
  });
});

describe('snapshots', () => {
  test('a follower installs a snapshot through Ready and answers only after it', () => {
    const t = testNode(2);
    const snapshot = { metadata: { index: 20, term: 3, voters: [1, 2, 3], learners: [] }, data: new Uint8Array([9]) };
    t.node.step({ type: 'install-snapshot', from: 1, to: 2, term: 3, snapshot });
    const ready = t.drain();
    expect(ready?.snapshot).toBe(snapshot);
    expect(ready?.hardState).toEqual({ term: 3, vote: 0, commit: 20 });
    expect(sent(ready)).toEqual([expect.objectContaining({ type: 'append-response', reject: false, index: 20 })]);
    expect(t.storage.firstIndex()).toBe(21);
    expect(t.node.status()).toMatchObject({ applied: 20, commit: 20, lastIndex: 20 });
  });

  test('compact() refuses to pass the applied index and hands the snapshot to the driver', () => {
    const t = testNode(1, { voters: [1], preVote: false });
    t.node.campaign();
    t.drain();
    t.node.propose(new Uint8Array([1]));
    t.drain();
    expect(() => t.node.compact(3, new Uint8Array(0))).toThrow(RangeError);
    expect(t.node.compact(2, new Uint8Array([5]))).toBe(true);
    expect(t.drain()?.compaction?.metadata).toMatchObject({ index: 2, term: 1 });
    expect(t.storage.firstIndex()).toBe(3);
    expect(t.node.compact(2, new Uint8Array(0))).toBe(false);
  });
});

describe('leadership transfer (thesis §3.10)', () => {
  test('refuses learners and non-leaders, and blocks proposals while under way', () => {
    const t = leaderOfTerm1({ learners: [4], checkQuorum: false });
    expect(t.node.transferLeadership(4)).toEqual({ started: false, reason: 'not-a-voter' });
    expect(t.node.transferLeadership(3)).toEqual({ started: true });
    expect(t.node.propose(new Uint8Array([1]))).toMatchObject({ accepted: false, reason: 'leadership-transfer' });
    // Abandoned after an election timeout without completing; asking again does not extend it.
    for (let i = 0; i < 5; i++) t.node.tick();
    expect(t.node.transferLeadership(3)).toEqual({ started: true });
    for (let i = 0; i < 5; i++) t.node.tick();
    expect(t.node.status()).toMatchObject({ role: 'leader', leadTransferee: 0 });
    expect(t.node.propose(new Uint8Array([1]))).toMatchObject({ accepted: true });
    expect(testNode(2).node.transferLeadership(3)).toEqual({ started: false, reason: 'not-leader' });
  });

  test('TimeoutNow makes a follower campaign at once, skipping pre-vote', () => {
    const t = testNode(3);
    t.node.step({ type: 'timeout-now', from: 1, to: 3, term: 0 });
    const ready = t.drain();
    expect(t.node.status()).toMatchObject({ role: 'candidate', term: 1 });
    expect(sent(ready)).toContainEqual(expect.objectContaining({ type: 'vote-request', preVote: false, leadershipTransfer: true }));
  });
});

describe('the Ready contract', () => {
  test('ready() twice without advance() is a programmer error', () => {
    const t = testNode(1);
    t.node.campaign();
    t.node.ready();
    expect(() => t.node.ready()).toThrow(/ReadyAdvance/);
  });

  test('hardState appears only when it changed, and messages leave the node only through Ready', () => {
    const t = testNode(2);
    t.node.step(voteRequest(1, 2, 1, [0, 0]));
    expect(t.drain()?.hardState).toBeDefined();
    t.node.step({ type: 'heartbeat', from: 1, to: 2, term: 1, commit: 0 });
    const ready = t.drain();
    expect(ready?.hardState).toBeUndefined();
    expect(sent(ready)).toEqual([expect.objectContaining({ type: 'heartbeat-response' })]);
    expect(t.drain()).toBeUndefined();
  });

  test('a restarted node resumes from storage: term, vote and commit survive, applied restarts at the snapshot', () => {
    const t = testNode(1, { voters: [1], preVote: false });
    t.node.campaign();
    t.drain();
    t.node.propose(new Uint8Array([1]));
    t.drain();
    const restarted = testNode(1, { voters: [1], preVote: false }, t.storage);
    expect(restarted.node.status()).toMatchObject({ term: 1, vote: 1, commit: 2, applied: 0, role: 'follower' });
    expect(restarted.drain()?.committedEntries.map((e) => e.index)).toEqual([1, 2]);
  });
});
