// The simulator's disk model: a crash while syncing a Ready keeps only a prefix of its writes,
// in contract order, and a restarted node resumes from exactly what was kept.
import { expect, test } from 'vitest';
import { SimCluster } from './cluster.js';

function cluster(): SimCluster {
  const c = new SimCluster({ voters: [1], seed: 1, electionTimeoutTicks: 10, heartbeatIntervalTicks: 2, tuning: { preVote: false } });
  c.drainReady(1);
  return c;
}

test('a crash before anything is synced loses the whole Ready', () => {
  const c = cluster();
  c.raft(1).campaign();
  expect(c.handleReady(1, 0)).toBe(true);
  expect(c.node(1).alive).toBe(false);
  expect(c.node(1).storage.hardState().term).toBe(0);
  c.restart(1);
  expect(c.raft(1).status()).toMatchObject({ term: 0, role: 'follower', lastIndex: 0 });
});

test('a torn sync keeps entries before the hardState that commits them', () => {
  const c = cluster();
  c.raft(1).campaign(); // single voter: term 1, leader, no-op 1@1 committed, all in one Ready
  expect(c.handleReady(1, 0.6)).toBe(true); // 2 steps (entry, hardState): keeps the entry only
  const storage = c.node(1).storage;
  expect(storage.lastIndex()).toBe(1);
  expect(storage.hardState()).toEqual({ term: 0, vote: 0, commit: 0 });
  c.restart(1);
  expect(c.raft(1).status()).toMatchObject({ term: 0, commit: 0, lastIndex: 1 });
});

test('a sync that completes keeps everything even if the node crashes before sending', () => {
  const c = cluster();
  c.raft(1).campaign();
  c.handleReady(1, 0.99);
  expect(c.node(1).storage.hardState()).toEqual({ term: 1, vote: 1, commit: 1 });
});
