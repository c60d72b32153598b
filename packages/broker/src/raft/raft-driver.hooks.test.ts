// The driver's hooks for a state machine that must know more than the applied entries (the
// metadata controller): onRoleChange names a new leader's first entry of its term, onApplied
// reports the applied index including noops (so that entry being applied is observable), and
// lastIndex / proposeEntry say where a proposal is appended before it commits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeId } from '@brook/raft';
import { RaftDriver } from './raft-driver.js';
import type { RaftRoleChange } from './raft-driver.js';
import { RaftDriverError } from './driver-errors.js';
import { LevelRaftStorage } from './storage/level-raft-storage.js';
import { LoopbackNetwork } from './transport/loopback-transport.js';

interface Member {
  readonly id: NodeId;
  readonly driver: RaftDriver;
  readonly storage: LevelRaftStorage;
  readonly roleChanges: RaftRoleChange[];
  readonly appliedIndexes: number[];
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startMembers(voters: readonly NodeId[]): Promise<Member[]> {
  const network = new LoopbackNetwork();
  const dir = mkdtempSync(join(tmpdir(), 'brook-raft-hooks-'));
  const members: Member[] = [];
  cleanups.push(async () => {
    for (const m of members) {
      await m.driver.stop();
      await m.storage.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });
  for (const id of voters) {
    const storage = await LevelRaftStorage.open(join(dir, `node-${id}`));
    const roleChanges: RaftRoleChange[] = [];
    const appliedIndexes: number[] = [];
    const driver = new RaftDriver({
      id, voters, storage, transport: network.transport(id), tickMs: 5, electionTimeoutTicks: 20, heartbeatIntervalTicks: 2,
      apply: () => {}, onRoleChange: (change) => roleChanges.push(change), onApplied: (index) => appliedIndexes.push(index),
    });
    members.push({ id, driver, storage, roleChanges, appliedIndexes });
  }
  for (const m of members) m.driver.start();
  return members;
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

describe('RaftDriver hooks', () => {
  it('tells a new leader the index of its term\'s first entry, and when it is applied', async () => {
    const members = await startMembers([1, 2, 3]);
    const leader = await waitFor(() => members.find((m) => m.roleChanges.some((c) => c.role === 'leader')));
    const change = leader.roleChanges.find((c) => c.role === 'leader')!;
    expect(change).toMatchObject({ role: 'leader', leaderId: leader.id, term: leader.driver.status().term });
    // A fresh log: the leader's noop is the first entry.
    expect(change.termStartIndex).toBe(1);
    await waitFor(() => (leader.appliedIndexes.includes(change.termStartIndex) ? true : undefined));
    for (const follower of members.filter((m) => m !== leader)) {
      await waitFor(() => follower.roleChanges.find((c) => c.leaderId === leader.id));
      expect(follower.roleChanges.every((c) => c.role !== 'leader' || c.termStartIndex === 0)).toBe(true);
    }
  });

  it('a later leader\'s first index follows the entries it inherited', async () => {
    const members = await startMembers([1, 2, 3]);
    const first = await waitFor(() => members.find((m) => m.driver.status().role === 'leader'));
    for (let i = 0; i < 5; i++) await first.driver.propose(new Uint8Array([i]));
    const lastBefore = first.driver.status().lastIndex;
    const target = members.find((m) => m !== first)!;
    await waitFor(() => (target.driver.status().lastIndex === lastBefore ? true : undefined));
    expect(first.driver.transferLeadership(target.id)).toBe(true);
    const change = await waitFor(() => target.roleChanges.find((c) => c.role === 'leader'));
    expect(change.termStartIndex).toBe(lastBefore + 1);
    await waitFor(() => (target.appliedIndexes.at(-1)! >= change.termStartIndex ? true : undefined));
    await waitFor(() => first.roleChanges.find((c) => c.role === 'follower' && c.leaderId === target.id));
  });

  it('lastIndex and proposeEntry report where a proposal goes at once and resolves there; a follower throws NOT_LEADER', async () => {
    const members = await startMembers([1, 2, 3]);
    const leader = await waitFor(() => members.find((m) => m.driver.status().role === 'leader'));
    const before = leader.driver.lastIndex();
    expect(before).toBe(leader.driver.status().lastIndex);
    const entry = leader.driver.proposeEntry(new Uint8Array([9]));
    expect(entry.index).toBe(before + 1);
    expect(entry.term).toBe(leader.driver.status().term);
    expect(await entry.applied).toEqual({ index: entry.index, term: entry.term });
    const follower = members.find((m) => m !== leader)!;
    await waitFor(() => (follower.driver.status().leaderId === leader.id ? true : undefined));
    expect(() => follower.driver.proposeEntry(new Uint8Array([1]))).toThrow(RaftDriverError);
  });
});
