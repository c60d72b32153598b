// `brook cluster` over real processes: `cluster start -n 3` on a free block of ports in a
// temporary directory returns once healthy; status, quorum and health describe three unfenced
// brokers and a led quorum; `topic create -p 6 -r 3` and `topic describe` show a leader, three
// replicas and a full ISR per partition; a node killed with -9 makes health fail and name it,
// and `cluster start` brings it back until health passes again; `cluster stop` ends every node.
// Every pid the cluster ever had is SIGKILLed in afterAll, whatever happened.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeClusterBasePort, isBrookProcessAlive } from '@brook/cli/testing';
import { runBrook, type CliRun } from './cli-process.js';

const root = mkdtempSync(join(tmpdir(), 'brook-cli-cluster-'));
const dataDir = join(root, 'data');
const everyPid = new Set<number>();
// Test-sized: a killed broker is fenced within seconds, not the default 9.
const SERVER_FLAGS = ['--broker-heartbeat-interval-ms', '300', '--broker-session-timeout-ms', '2000'];
let basePort: number;
let brokers: string;

interface NodeRecord {
  nodeId: number;
  pid: number | null;
  pidFile: string;
}

function clusterNodes(): NodeRecord[] {
  if (!existsSync(join(dataDir, 'cluster.json'))) return [];
  const nodes = (JSON.parse(readFileSync(join(dataDir, 'cluster.json'), 'utf8')) as { nodes: NodeRecord[] }).nodes;
  for (const node of nodes) if (node.pid !== null) everyPid.add(node.pid);
  return nodes;
}

/** A node exited but not yet reaped by init (a zombie) is gone too. */
const alive = (pid: number): boolean => isBrookProcessAlive(pid);

/** `brook ARGS` against the cluster (the cluster commands with --data-dir), with a deadline. */
function brook(args: string[], timeoutMs = 90_000): Promise<CliRun> {
  // Right after the subcommand: whatever follows `--` goes to the servers.
  const withDir = args[0] === 'cluster' ? [...args.slice(0, 2), '--data-dir', dataDir, ...args.slice(2)] : args;
  return runBrook(withDir, { brokers, timeoutMs });
}

function json<T>(run: CliRun): T {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

beforeAll(async () => {
  basePort = await freeClusterBasePort(3);
  brokers = [0, 1, 2].map((i) => `127.0.0.1:${basePort + 100 * i}`).join(',');
});

afterAll(() => {
  clusterNodes();
  for (const pid of everyPid) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('brook cluster on three real nodes', () => {
  it('starts healthy and prints the address table', async () => {
    const started = await brook(['cluster', 'start', '-n', '3', '--base-port', String(basePort), '--timeout-ms', '60000', '--', ...SERVER_FLAGS], 120_000);
    clusterNodes();
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toMatch(/^Brook cluster [A-Za-z0-9_-]{22}: 3 nodes, data in .*\nhealthy: 3\/3 nodes answer, quorum leader [123] /);
    expect(started.stdout).toMatch(new RegExp(`\\n3\\s+127\\.0\\.0\\.1:${basePort + 200}\\s+127\\.0\\.0\\.1:${basePort + 201}\\s+127\\.0\\.0\\.1:${basePort + 752}\\s+\\d+\\s+`));
    expect(clusterNodes().every((node) => node.pid !== null && alive(node.pid))).toBe(true);
  });

  it('status lists three unfenced brokers, the active controller and the running processes', async () => {
    const status = json<{ controllerId: number; brokers: Array<{ nodeId: number; fenced: boolean }>; processes: Array<{ running: boolean }> }>(await brook(['cluster', 'status', '--format', 'json']));
    expect(status.brokers.map((b) => [b.nodeId, b.fenced])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);
    expect([1, 2, 3]).toContain(status.controllerId);
    expect(status.processes.map((p) => p.running)).toEqual([true, true, true]);
    expect((await brook(['cluster', 'status'])).stdout).toMatch(/active controller\s+[123]\n/);
  });

  it('quorum shows a leader, its epoch, the high watermark and three voters', async () => {
    const quorum = json<{ leaderId: number; leaderEpoch: number; highWatermark: number; voters: Array<{ nodeId: number; lag: number }> }>(await brook(['cluster', 'quorum', '--format', 'json']));
    expect([1, 2, 3]).toContain(quorum.leaderId);
    expect(quorum.leaderEpoch).toBeGreaterThan(0);
    expect(quorum.highWatermark).toBeGreaterThan(0);
    expect(quorum.voters.map((v) => v.nodeId)).toEqual([1, 2, 3]);
    expect((await brook(['cluster', 'quorum'])).stdout).toMatch(/NODE\s+ROLE\s+LOG END OFFSET\s+LAG\s+LAST CONTACT\n(.*\n){3}/);
  });

  it('health passes', async () => {
    const health = await brook(['cluster', 'health']);
    expect(health.code, health.stdout + health.stderr).toBe(0);
    expect(health.stdout).toMatch(/^healthy: 3\/3 nodes answer/);
  });

  it('creates a topic of 6 partitions with replication factor 3 and describes leaders, replicas and ISR', async () => {
    const created = await brook(['topic', 'create', 'orders', '-p', '6', '-r', '3']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/with 6 partitions, replication factor 3/);
    // The ISR of a new partition fills as followers catch up; the health rule waits for leaders.
    expect((await brook(['cluster', 'health', '--exit-when-healthy', '--timeout-ms', '30000'])).code).toBe(0);
    const topic = json<{ partitions: Array<{ partition: number; leaderId: number; leaderEpoch: number; replicas: number[]; isr: number[]; offlineReplicas: number[] }> }>(
      await brook(['topic', 'describe', 'orders', '--format', 'json']),
    );
    expect(topic.partitions.map((p) => p.partition)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const p of topic.partitions) {
      expect([...p.replicas].sort()).toEqual([1, 2, 3]);
      expect(p.replicas).toContain(p.leaderId);
      expect(p.isr).toContain(p.leaderId);
      expect(p.leaderEpoch).toBeGreaterThanOrEqual(0);
      expect(p.offlineReplicas).toEqual([]);
    }
    // Preferred leaders are spread: every broker leads some partition.
    expect(new Set(topic.partitions.map((p) => p.replicas[0]))).toEqual(new Set([1, 2, 3]));
    const text = await brook(['topic', 'describe', 'orders']);
    expect(text.stdout).toMatch(/PARTITION\s+LEADER\s+EPOCH\s+REPLICAS\s+ISR\s+OFFLINE\s+EARLIEST\s+LATEST\n(\d\s+[123]\s+\d+\s+[123],[123],[123]\s+[123,]+\s+-\s+0\s+0\n){6}/);
  });

  it('fails health when a node is killed, and a second start brings it back to health', async () => {
    const victim = clusterNodes().find((node) => node.nodeId === 2)!;
    process.kill(victim.pid!, 'SIGKILL');
    const sick = await brook(['cluster', 'health']);
    expect(sick.code).toBe(1);
    expect(sick.stdout).toMatch(/node 2 \(127\.0\.0\.1:\d+\) does not answer/);
    expect(sick.stderr).toMatch(/^brook: UNHEALTHY: node 2 /);
    const restarted = await brook(['cluster', 'start', '--timeout-ms', '60000', '--', ...SERVER_FLAGS], 120_000);
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(restarted.stderr).toMatch(/node 1 is already running/);
    expect(restarted.stderr).toMatch(/started node 2 \(pid \d+\)/);
    const healed = await brook(['cluster', 'health', '--exit-when-healthy', '--timeout-ms', '30000']);
    expect(healed.code, healed.stdout + healed.stderr).toBe(0);
  });

  it('stops every node and removes the pid files', async () => {
    const pids = clusterNodes().map((node) => node.pid!);
    const stopped = json<Array<{ outcome: string }>>(await brook(['cluster', 'stop', '--format', 'json'], 60_000));
    expect(stopped.map((r) => r.outcome)).toEqual(['stopped', 'stopped', 'stopped']);
    expect(pids.some(alive)).toBe(false);
    expect(clusterNodes().map((node) => [node.pid, existsSync(node.pidFile)])).toEqual([
      [null, false],
      [null, false],
      [null, false],
    ]);
  });
});
