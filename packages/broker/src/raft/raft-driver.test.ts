// RaftDriver with real timers and real level stores, three drivers in one process over a
// loopback network: a leader is elected and pipelined proposals commit and are applied in the
// same order everywhere; a follower answers NOT_LEADER with the leader's id; an isolated leader's
// waiting proposals fail with NOT_LEADER; leadership moves on request; stop() fails what still
// waits; a restarted node re-applies its log from level; and a node that missed compacted
// entries catches up through a snapshot (restore hook).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entry, NodeId, Snapshot } from '@brook/raft';
import { RaftDriver } from './raft-driver.js';
import type { SnapshotHooks } from './raft-driver.js';
import { RaftDriverError } from './driver-errors.js';
import { LevelRaftStorage } from './storage/level-raft-storage.js';
import { LoopbackNetwork } from './transport/loopback-transport.js';

const VOTERS: readonly NodeId[] = [1, 2, 3];

/** A state machine that records every applied payload, snapshotting the list as JSON. */
class RecordingMachine {
  values: string[] = [];
  restores = 0;
  readonly apply = (entries: readonly Entry[]): void => {
    for (const entry of entries) this.values.push(new TextDecoder().decode(entry.data));
  };
  hooks(everyEntries: number): SnapshotHooks {
    return {
      everyEntries,
      take: () => new TextEncoder().encode(JSON.stringify(this.values)),
      restore: (snapshot: Snapshot) => {
        this.restores++;
        this.values = JSON.parse(new TextDecoder().decode(snapshot.data)) as string[];
      },
    };
  }
}

interface Member {
  id: NodeId;
  dir: string;
  driver: RaftDriver;
  storage: LevelRaftStorage;
  machine: RecordingMachine;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

class Cluster {
  readonly network = new LoopbackNetwork();
  readonly members = new Map<NodeId, Member>();
  readonly dirs = new Map<NodeId, string>();

  /** `electionTimeoutTicks`: 20 (100 ms) unless a test needs a leader to survive a busy machine. */
  constructor(
    private readonly snapshotEveryEntries?: number,
    private readonly electionTimeoutTicks = 20,
  ) {
    cleanups.push(async () => {
      for (const id of [...this.members.keys()]) await this.stop(id);
      for (const dir of this.dirs.values()) rmSync(dir, { recursive: true, force: true });
    });
  }

  async start(id: NodeId): Promise<Member> {
    const dir = this.dirs.get(id) ?? mkdtempSync(join(tmpdir(), `brook-raft-driver-${id}-`));
    this.dirs.set(id, dir);
    const storage = await LevelRaftStorage.open(dir);
    const machine = new RecordingMachine();
    const driver = new RaftDriver({
      id, voters: VOTERS, storage, transport: this.network.transport(id), tickMs: 5,
      electionTimeoutTicks: this.electionTimeoutTicks, heartbeatIntervalTicks: 2, apply: machine.apply,
      ...(this.snapshotEveryEntries === undefined ? {} : { snapshots: machine.hooks(this.snapshotEveryEntries) }),
    });
    this.network.heal(id);
    driver.start();
    const member = { id, dir, driver, storage, machine };
    this.members.set(id, member);
    return member;
  }

  async stop(id: NodeId): Promise<void> {
    const member = this.members.get(id);
    if (member === undefined) return;
    this.members.delete(id);
    this.network.isolate(id);
    await member.driver.stop();
    await member.storage.close();
  }

  async leader(excluding?: NodeId): Promise<Member> {
    return waitFor(() => [...this.members.values()].find((m) => m.id !== excluding && m.driver.status().role === 'leader'));
  }
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const range = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('RaftDriver', () => {
  it('elects a leader and commits pipelined proposals, applied in the same order everywhere', async () => {
    const cluster = new Cluster();
    for (const id of VOTERS) await cluster.start(id);
    const leader = await cluster.leader();
    const positions = await Promise.all(range(500, 'p').map((value) => leader.driver.propose(text(value))));
    const indexes = positions.map((p) => p.index);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    expect(new Set(indexes).size).toBe(500);
    expect(leader.machine.values).toEqual(range(500, 'p'));
    for (const member of cluster.members.values()) {
      await waitFor(() => (member.machine.values.length === 500 ? true : undefined));
      expect(member.machine.values).toEqual(range(500, 'p'));
    }
    const status = leader.driver.status();
    expect(status.peers.map((p) => p.id).sort()).toEqual([1, 2, 3]);
    expect(status.syncedWrites).toBeGreaterThan(0);
    // Group commit: far fewer fsyncs than proposals.
    expect(status.syncedWrites).toBeLessThan(500);
  });

  it('a follower answers NOT_LEADER with the leader id', async () => {
    const cluster = new Cluster();
    for (const id of VOTERS) await cluster.start(id);
    const leader = await cluster.leader();
    await leader.driver.propose(text('x'));
    const follower = [...cluster.members.values()].find((m) => m.id !== leader.id) as Member;
    await waitFor(() => (follower.driver.status().leaderId === leader.id ? true : undefined));
    const error = await follower.driver.propose(text('y')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RaftDriverError);
    expect(error).toMatchObject({ code: 'NOT_LEADER', leaderId: leader.id, outcome: 'rejected' });
  });

  it('fails waiting proposals with NOT_LEADER when an isolated leader steps down (check quorum)', async () => {
    const cluster = new Cluster();
    for (const id of VOTERS) await cluster.start(id);
    const leader = await cluster.leader();
    await leader.driver.propose(text('before'));
    cluster.network.isolate(leader.id);
    const stranded = leader.driver.propose(text('stranded')).catch((e: unknown) => e);
    const error = await stranded;
    expect(error).toMatchObject({ code: 'NOT_LEADER', outcome: 'unknown' });
    const next = await cluster.leader(leader.id);
    await expect(next.driver.propose(text('after'))).resolves.toMatchObject({ term: next.driver.status().term });
  });

  it('stop() fails proposals still waiting with STOPPED', async () => {
    const cluster = new Cluster();
    for (const id of VOTERS) await cluster.start(id);
    const leader = await cluster.leader();
    for (const id of VOTERS) if (id !== leader.id) cluster.network.isolate(id);
    const waiting = leader.driver.propose(text('never')).catch((e: unknown) => e);
    await cluster.stop(leader.id);
    expect(await waiting).toMatchObject({ code: 'STOPPED' });
    await expect(leader.driver.propose(text('late'))).rejects.toMatchObject({ code: 'STOPPED' });
  });

  it('hands leadership to a chosen follower (thesis §3.10) and keeps committing there', async () => {
    const cluster = new Cluster();
    for (const id of VOTERS) await cluster.start(id);
    const leader = await cluster.leader();
    await leader.driver.propose(text('before'));
    const target = [...cluster.members.values()].find((m) => m.id !== leader.id) as Member;
    await waitFor(() => (target.machine.values.length === 1 ? true : undefined));
    expect(leader.driver.transferLeadership(target.id)).toBe(true);
    await waitFor(() => (target.driver.status().role === 'leader' ? true : undefined));
    await expect(leader.driver.propose(text('late'))).rejects.toMatchObject({ code: 'NOT_LEADER' });
    await target.driver.propose(text('after'));
    expect(target.machine.values).toEqual(['before', 'after']);
  });

  it('a restarted node reloads its log from level and applies it again', async () => {
    const cluster = new Cluster();
    for (const id of VOTERS) await cluster.start(id);
    const leader = await cluster.leader();
    await Promise.all(range(50, 'r').map((value) => leader.driver.propose(text(value))));
    const victim = [...cluster.members.values()].find((m) => m.id !== leader.id) as Member;
    await waitFor(() => (victim.machine.values.length === 50 ? true : undefined));
    await cluster.stop(victim.id);
    const restarted = await cluster.start(victim.id);
    expect(restarted.storage.lastIndex()).toBeGreaterThanOrEqual(51);
    await waitFor(() => (restarted.machine.values.length === 50 ? true : undefined));
    expect(restarted.machine.values).toEqual(range(50, 'r'));
  });

  it('refuses to start over a snapshot it has no hooks to restore', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brook-raft-driver-nohooks-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const storage = await LevelRaftStorage.open(dir);
    cleanups.push(() => storage.close());
    const entries = [1, 2, 3].map((index): Entry => ({ index, term: 1, kind: 'normal', data: text(`e${index}`) }));
    await storage.persist({ snapshot: undefined, compaction: undefined, entries, hardState: { term: 1, vote: 1, commit: 3 } });
    await storage.persist({ snapshot: undefined, entries: [], hardState: undefined,
      compaction: { metadata: { index: 2, term: 1, voters: [...VOTERS], learners: [] }, data: text('image') } });
    const options = { id: 1, voters: VOTERS, storage, transport: new LoopbackNetwork().transport(1), tickMs: 5,
      electionTimeoutTicks: 20, heartbeatIntervalTicks: 2, apply: () => {} };
    expect(() => new RaftDriver(options)).toThrow(/no snapshot hooks/);
    const machine = new RecordingMachine();
    machine.values = [];
    const driver = new RaftDriver({ ...options, snapshots: { ...machine.hooks(100), restore: (s) => machine.values.push(new TextDecoder().decode(s.data)) } });
    expect(machine.values).toEqual(['image']);
    expect(driver.status()).toMatchObject({ firstIndex: 3, commit: 3, applied: 2 });
  });

  it('compacts while pipelined proposals are applied ahead of the Readies', async () => {
    // 2000 proposals at once can stall the loop past 100 ms on a loaded CI machine, and a new
    // election would fail them with NOT_LEADER; this test is about compaction, so 1 s.
    const cluster = new Cluster(50, 200);
    for (const id of VOTERS) await cluster.start(id);
    const leader = await cluster.leader();
    const values = range(2000, 'c');
    await Promise.all(values.map((value) => leader.driver.propose(text(value))));
    expect(leader.machine.values).toEqual(values);
    await waitFor(() => (leader.storage.snapshot().metadata.index > 1000 ? true : undefined));
    expect(leader.driver.error).toBeUndefined();
    await expect(leader.driver.propose(text('after'))).resolves.toMatchObject({ term: leader.driver.status().term });
  });

  it('a node that missed compacted entries catches up through a snapshot', async () => {
    const cluster = new Cluster(20);
    for (const id of VOTERS) await cluster.start(id);
    const leader = await cluster.leader();
    const lagging = [...cluster.members.values()].find((m) => m.id !== leader.id) as Member;
    await cluster.stop(lagging.id);
    for (const value of range(100, 's')) await leader.driver.propose(text(value));
    await waitFor(() => (leader.storage.firstIndex() > 2 ? true : undefined));
    const restarted = await cluster.start(lagging.id);
    await waitFor(() => (restarted.machine.values.length === 100 ? true : undefined));
    expect(restarted.machine.restores).toBe(1);
    expect(restarted.machine.values).toEqual(range(100, 's'));
    expect(restarted.storage.snapshot().metadata.index).toBeGreaterThan(1);
  });
});
