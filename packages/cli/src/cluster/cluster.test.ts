// The local cluster's building blocks: cluster ids, the port and directory layout, cluster.json
// round trips and refusals, and the health rule case by case (pure, then gathered from a memory
// cluster where nodes go silent, brokers get fenced and partitions lose their leader).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { MemoryCluster } from '../testing/memory-session.js';
import { clusterLayout, controllersFlag, highestPort, newClusterId, readClusterFile, writeClusterFile } from './cluster-file.js';
import { checkHealth, evaluateHealth, healthLine, type HealthSnapshot } from './health.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'brook-cli-cluster-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('cluster ids and layout', () => {
  it('makes 22-character URL-safe base64 ids from 16 random bytes', () => {
    expect(newClusterId(() => Buffer.alloc(16, 0xff))).toBe('_____________________w');
    const id = newClusterId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newClusterId()).not.toBe(id);
  });

  it('puts node i on base+100(i-1), +1 internal, +552 admin, with its files under node-i', () => {
    const nodes = clusterLayout(join(root, 'data'), 9092, 3);
    expect(nodes.map((n) => [n.nodeId, n.clientAddress, n.internalAddress, n.adminAddress])).toEqual([
      [1, '127.0.0.1:9092', '127.0.0.1:9093', '127.0.0.1:9644'],
      [2, '127.0.0.1:9192', '127.0.0.1:9193', '127.0.0.1:9744'],
      [3, '127.0.0.1:9292', '127.0.0.1:9293', '127.0.0.1:9844'],
    ]);
    expect(nodes[1]).toMatchObject({ dataDir: join(root, 'data', 'node-2'), logFile: join(root, 'data', 'node-2', 'brook.log'), pidFile: join(root, 'data', 'node-2', 'brook.pid'), pid: null });
    expect(controllersFlag(nodes)).toBe('1@127.0.0.1:9093,2@127.0.0.1:9193,3@127.0.0.1:9293');
    expect(highestPort(9092, 3)).toBe(9844);
  });
});

describe('cluster.json', () => {
  it('round-trips, and reads as null when absent', () => {
    expect(readClusterFile(root)).toBeNull();
    const file = { clusterId: 'abc', n: 2, basePort: 19092, nodes: clusterLayout(root, 19092, 2) };
    file.nodes[0]!.pid = 123;
    writeClusterFile(join(root, 'fresh'), file);
    expect(readClusterFile(join(root, 'fresh'))).toEqual(file);
  });

  it('refuses a file that is not JSON or not a cluster, saying how to recover', () => {
    writeFileSync(join(root, 'cluster.json'), '{ nope');
    expect(() => readClusterFile(root)).toThrow(/not JSON .*remove it/);
    writeFileSync(join(root, 'cluster.json'), '{"clusterId": 5}');
    const error = (() => {
      try {
        readClusterFile(root);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(/does not describe a cluster/);
  });
});

const healthy: HealthSnapshot = {
  nodes: [
    { nodeId: 1, address: 'h:1', answered: true },
    { nodeId: 2, address: 'h:2', answered: true },
  ],
  quorum: { leaderId: 2, leaderEpoch: 4 },
  brokers: [
    { nodeId: 1, fenced: false },
    { nodeId: 2, fenced: false },
  ],
  expectedBrokerIds: [1, 2],
  partitions: { total: 6, leaderless: [] },
};

describe('the health rule', () => {
  it('is healthy when every node answers, the quorum has a leader, brokers are unfenced and partitions led', () => {
    const report = evaluateHealth(healthy);
    expect(report).toMatchObject({ healthy: true, problems: [] });
    expect(healthLine(report)).toBe('healthy: 2/2 nodes answer, quorum leader 2 (epoch 4), 2 brokers unfenced, 6 partitions led');
  });

  it('names each problem', () => {
    const report = evaluateHealth({
      ...healthy,
      nodes: [healthy.nodes[0]!, { nodeId: 2, address: 'h:2', answered: false, error: 'ECONNREFUSED' }],
      quorum: { leaderId: -1, leaderEpoch: 4 },
      brokers: [{ nodeId: 2, fenced: true }],
      partitions: { total: 6, leaderless: ['orders-1', 'orders-4'] },
    });
    expect(report.healthy).toBe(false);
    expect(report.problems).toEqual([
      'node 2 (h:2) does not answer: ECONNREFUSED',
      'the metadata quorum has no leader',
      'broker 1 is not registered',
      'broker 2 is fenced',
      '2 partitions have no leader: orders-1, orders-4',
    ]);
    expect(healthLine(report)).toMatch(/^unhealthy: node 2 .*; the metadata quorum has no leader; /);
  });

  it('counts a fact that could not be learned as a problem', () => {
    const report = evaluateHealth({ ...healthy, quorum: { error: 'NOT_CONTROLLER' }, brokers: { error: 'timeout' }, partitions: { error: 'x' } });
    expect(report.problems).toEqual([
      'the metadata quorum cannot be described: NOT_CONTROLLER',
      'the brokers cannot be listed: timeout',
      'the partitions cannot be described: x',
    ]);
  });

  it('without expected nodes, needs at least one registered broker', () => {
    expect(evaluateHealth({ ...healthy, expectedBrokerIds: [], brokers: [] }).problems).toEqual(['no broker is registered']);
  });

  it('lists at most ten leaderless partitions', () => {
    const leaderless = Array.from({ length: 12 }, (_, p) => `t-${p}`);
    expect(evaluateHealth({ ...healthy, partitions: { total: 12, leaderless } }).problems[0]).toBe('12 partitions have no leader: t-0, t-1, t-2, t-3, t-4, t-5, t-6, t-7, t-8, t-9, ... (2 more)');
  });
});

describe('checkHealth over a session', () => {
  function threeNodes(): MemoryCluster {
    const cluster = new MemoryCluster();
    cluster.brokers = [1, 2, 3].map((nodeId) => ({ nodeId, host: '127.0.0.1', port: 9092 + 100 * (nodeId - 1), fenced: false }));
    return cluster;
  }
  const expected = [1, 2, 3].map((nodeId) => ({ nodeId, address: `127.0.0.1:${9092 + 100 * (nodeId - 1)}` }));

  it('gathers every fact, and reports a silent node, a fenced broker and a leaderless partition', async () => {
    const cluster = threeNodes();
    const session = await cluster.session(['127.0.0.1:9092']);
    await session.createTopic({ name: 'orders', partitions: 3, replicationFactor: 3, configs: {} });
    expect((await checkHealth(session, expected, 100)).healthy).toBe(true);
    cluster.silentNodes.add('127.0.0.1:9192');
    cluster.brokers[1]!.fenced = true;
    cluster.topics.get('orders')!.placement[1]!.leaderId = -1;
    const report = await checkHealth(session, expected, 100);
    expect(report.problems).toEqual([
      'node 2 (127.0.0.1:9192) does not answer: 127.0.0.1:9192: connection refused',
      'broker 2 is fenced',
      '1 partition has no leader: orders-1',
    ]);
  });

  it('asks the brokers the cluster lists when no nodes are expected', async () => {
    const cluster = threeNodes();
    cluster.brokers[2]!.fenced = true;
    const report = await checkHealth(await cluster.session([]), null, 100);
    expect(report.snapshot.nodes.map((n) => n.nodeId)).toEqual([1, 2, 3]);
    expect(report.problems).toEqual(['broker 3 is fenced']);
  });

  it('reports an unreachable cluster without throwing', async () => {
    const cluster = threeNodes();
    cluster.unreachable = true;
    const report = await checkHealth(await cluster.session([]), expected, 100);
    expect(report.healthy).toBe(false);
    expect(report.problems).toHaveLength(6);
    expect(report.problems[3]).toBe('the metadata quorum cannot be described: NETWORK_EXCEPTION: no broker answered (memory cluster unreachable)');
  });
});
