// The order RaftDriver gives the Ready contract's steps, observed through a storage whose
// persist() the test completes by hand. A candidate's vote requests (which depend on its new
// term and self-vote) are sent only after they are durable (§5.1); a leader's appends go out
// before its own write of the entries completes (thesis §10.2.1), but a proposal resolves only
// once the entry is durable on the leader as well; a follower applies an entry it receives
// together with the commit index covering it only after persisting it, and never applies the
// stale entry its disk still holds at an index a new leader has just overwritten and committed.
import { describe, expect, it } from 'vitest';
import { MemoryRaftStorage } from '@brook/raft';
import type { Entry, Message, NodeId } from '@brook/raft';
import { RaftDriver } from './raft-driver.js';
import type { DurableRaftStorage, PersistOutcome, PersistWork } from './storage/level-raft-storage.js';
import type { PeerTransportStatus, RaftMessageHandler, RaftTransport } from './transport/raft-transport.js';

/** MemoryRaftStorage whose writes complete only when the test calls release(). */
class GatedStorage extends MemoryRaftStorage implements DurableRaftStorage {
  private gates: (() => void)[] = [];
  persisted: PersistWork[] = [];
  persist(work: PersistWork): Promise<PersistOutcome> {
    return new Promise((resolve) => {
      this.gates.push(() => {
        if (work.snapshot !== undefined) this.installSnapshot(work.snapshot);
        if (work.compaction !== undefined) this.compact(work.compaction);
        if (work.entries.length > 0) this.append(work.entries);
        if (work.hardState !== undefined) this.setHardState(work.hardState);
        this.persisted.push(work);
        resolve({ synced: true, operations: 1 });
      });
    });
  }
  get waiting(): number {
    return this.gates.length;
  }
  release(): void {
    const gate = this.gates.shift();
    if (gate === undefined) throw new Error('no persist waiting');
    gate();
  }
}

class RecordingTransport implements RaftTransport {
  sent: Message[] = [];
  handler: RaftMessageHandler = () => {};
  send(messages: readonly Message[]): void {
    this.sent.push(...messages);
  }
  setHandler(handler: RaftMessageHandler): void {
    this.handler = handler;
  }
  peers(): PeerTransportStatus[] {
    return [];
  }
  async close(): Promise<void> {}
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

function driverFor(id: NodeId, storage: GatedStorage, transport: RecordingTransport, applied: Entry[]): RaftDriver {
  return new RaftDriver({
    id, voters: [1, 2, 3], storage, transport, tickMs: 60_000, electionTimeoutTicks: 10, heartbeatIntervalTicks: 1,
    apply: (entries) => applied.push(...entries),
  });
}

/** Drives node 1 to leadership: campaign, persist, grant pre-votes and votes, persist. */
async function electNodeOne(storage: GatedStorage, transport: RecordingTransport, driver: RaftDriver): Promise<void> {
  driver.start();
  driver.campaign();
  await settle();
  // Pre-vote changes nothing durable, so its requests go out at once.
  expect(transport.sent.filter((m) => m.type === 'vote-request' && m.preVote)).toHaveLength(2);
  transport.handler([{ type: 'vote-response', from: 2, to: 1, term: 1, preVote: true, granted: true }]);
  await settle();
  // The real vote needs term 1 and the self-vote on disk before any request leaves.
  expect(transport.sent.filter((m) => m.type === 'vote-request' && !m.preVote)).toHaveLength(0);
  expect(storage.waiting).toBe(1);
  storage.release();
  await settle();
  expect(transport.sent.filter((m) => m.type === 'vote-request' && !m.preVote)).toHaveLength(2);
  transport.handler([{ type: 'vote-response', from: 2, to: 1, term: 1, preVote: false, granted: true }]);
  await settle();
  expect(driver.status().role).toBe('leader');
}

describe('RaftDriver step order', () => {
  it('persists term and vote before sending vote requests; a leader sends appends before its own write completes', async () => {
    const storage = new GatedStorage();
    const transport = new RecordingTransport();
    const applied: Entry[] = [];
    const driver = driverFor(1, storage, transport, applied);
    await electNodeOne(storage, transport, driver);
    // The leader's no-op append went out while its own write of the no-op is still pending.
    expect(storage.waiting).toBe(1);
    expect(transport.sent.some((m) => m.type === 'append' && m.to === 2 && m.entries.length === 1)).toBe(true);
    storage.release();
    // Node 2 acknowledges the no-op, so its progress leaves probe state and appends stream.
    transport.handler([{ type: 'append-response', from: 2, to: 1, term: 1, reject: false, index: 1, conflictTerm: 0, conflictIndex: 0 }]);
    await settle();
    while (storage.waiting > 0) storage.release();
    await settle();

    transport.sent = [];
    let resolved = false;
    const proposal = driver.propose(new TextEncoder().encode('x')).then((position) => {
      resolved = true;
      return position;
    });
    await settle();
    const append = transport.sent.find((m): m is Extract<Message, { type: 'append' }> => m.type === 'append' && m.to === 2);
    expect(append?.entries.map((e) => e.index)).toEqual([2]);
    expect(storage.waiting).toBe(1);
    // A follower acknowledges before the leader's own write of entry 2 completes: committed by
    // a majority in the core's arithmetic, but not reported to the proposer yet.
    transport.handler([{ type: 'append-response', from: 2, to: 1, term: 1, reject: false, index: 2, conflictTerm: 0, conflictIndex: 0 }]);
    await settle();
    expect(resolved).toBe(false);
    storage.release();
    await settle();
    while (storage.waiting > 0) storage.release();
    await expect(proposal).resolves.toEqual({ index: 2, term: 1 });
    expect(applied.map((e) => e.index)).toEqual([2]);
    await driver.stop();
  });

  it('a follower applies entries that arrive with their commit index only after persisting them', async () => {
    const storage = new GatedStorage();
    const transport = new RecordingTransport();
    const applied: Entry[] = [];
    const driver = driverFor(2, storage, transport, applied);
    driver.start();
    const entries: Entry[] = [{ index: 1, term: 1, kind: 'normal', data: Uint8Array.of(7) }];
    transport.handler([{ type: 'append', from: 1, to: 2, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries, commit: 1 }]);
    await settle();
    expect(storage.waiting).toBe(1);
    expect(applied).toEqual([]);
    expect(transport.sent).toEqual([]);
    storage.release();
    await settle();
    expect(applied.map((e) => e.index)).toEqual([1]);
    expect(transport.sent).toMatchObject([{ type: 'append-response', to: 1, reject: false, index: 1 }]);
    await driver.stop();
  });

  it('a follower never applies the stale on-disk entry at an index the leader overwrote and committed', async () => {
    const storage = new GatedStorage();
    const old = (index: number): Entry => ({ index, term: 1, kind: 'normal', data: Uint8Array.of(index) });
    storage.append([old(1), old(2)]);
    storage.setHardState({ term: 1, vote: 1, commit: 1 });
    const transport = new RecordingTransport();
    const applied: Entry[] = [];
    const driver = driverFor(2, storage, transport, applied);
    driver.start();
    await settle();
    expect(applied.map((e) => [e.index, e.term])).toEqual([[1, 1]]);
    // A new leader (term 2) replaces entry 2 and commits it in the same append.
    const replacement: Entry = { index: 2, term: 2, kind: 'normal', data: Uint8Array.of(99) };
    transport.handler([{ type: 'append', from: 3, to: 2, term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: [replacement], commit: 2 }]);
    await settle();
    expect(applied.map((e) => [e.index, e.term])).toEqual([[1, 1]]);
    while (storage.waiting > 0) storage.release();
    await settle();
    expect(applied.map((e) => [e.index, e.term, [...e.data]])).toEqual([[1, 1, [1]], [2, 2, [99]]]);
    await driver.stop();
  });
});
