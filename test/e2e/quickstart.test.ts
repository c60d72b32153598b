// scripts/quickstart.sh as a user runs it, on a temporary data directory and a free block of
// ports (BROOK_BASE_PORT): start brings up three nodes and prints the address table and the next
// commands; the cluster answers with three unfenced brokers; a second start keeps the running
// nodes; status and stop work, and stop leaves no node running. (The setup step is skipped: the
// test command has just built.) Every node pid is killed in afterAll, whatever happened.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freeClusterBasePort, isBrookProcessAlive } from '@brook/cli/testing';
import { runBrook } from './cli-process.js';

const script = fileURLToPath(new URL('../../scripts/quickstart.sh', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'brook-quickstart-'));
const dataDir = join(root, 'data');
const startedPids = new Set<number>();
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const { BROOK_BROKERS: _ignored, ...inherited } = process.env;
  env = { ...inherited, BROOK_DATA_DIR: dataDir, BROOK_BASE_PORT: String(await freeClusterBasePort(3)), BROOK_QUICKSTART_SKIP_SETUP: '1' };
});

function quickstart(...args: string[]) {
  const result = spawnSync('bash', [script, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A node exited but not yet reaped by init (a zombie) is gone too. */
const alive = (pid: number): boolean => isBrookProcessAlive(pid);

function nodePids(): number[] {
  const cluster = JSON.parse(readFileSync(join(dataDir, 'cluster.json'), 'utf8')) as { nodes: Array<{ pid: number | null }> };
  return cluster.nodes.map((node) => node.pid ?? -1);
}

afterAll(() => {
  // Whatever the test left running (a failed stop), by pid; then the directory.
  for (const pid of startedPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

it('starts, reports, and stops a local 3-node cluster', async () => {
  const started = quickstart();
  for (const pid of existsSync(join(dataDir, 'cluster.json')) ? nodePids() : []) startedPids.add(pid);
  expect(started.code, started.stdout + started.stderr).toBe(0);
  expect(started.stdout).toMatch(/Brook cluster \S+: 3 nodes, data in /);
  expect(started.stdout).toMatch(/healthy: 3\/3 nodes answer/);
  expect(started.stdout).toMatch(/NODE\s+CLIENT\s+INTERNAL\s+ADMIN\s+PID\s+LOG/);
  const addresses = /export BROOK_BROKERS=(\S+)/.exec(started.stdout)?.[1];
  expect(addresses?.split(',')).toHaveLength(3);
  expect(started.stdout).toMatch(/pnpm brook topic create orders -p 6 --replication-factor 3/);
  expect(started.stdout).toMatch(/pnpm brook cluster health --watch/);
  expect(started.stdout).toMatch(/bash scripts\/quickstart\.sh stop/);

  const pids = nodePids();
  expect(pids.every(alive)).toBe(true);
  expect(existsSync(join(dataDir, 'node-3', 'brook.log'))).toBe(true);

  const status = await runBrook(['cluster', 'status', '--format', 'json', '--data-dir', dataDir], { brokers: addresses as string });
  expect(status.code, status.stderr).toBe(0);
  const brokers = (JSON.parse(status.stdout) as { brokers: Array<{ nodeId: number; fenced: boolean }> }).brokers;
  expect(brokers.map((b) => [b.nodeId, b.fenced])).toEqual([
    [1, false],
    [2, false],
    [3, false],
  ]);

  const again = quickstart();
  expect(again.code, again.stderr).toBe(0);
  expect(again.stderr).toMatch(/node 1 is already running \(pid \d+\); not starting it again/);
  expect(nodePids()).toEqual(pids);
  expect(quickstart('status')).toMatchObject({ code: 0, stdout: expect.stringMatching(/3\s+\d+\s+running/) });

  const stopped = quickstart('stop');
  expect(stopped.code, stopped.stderr).toBe(0);
  expect(stopped.stdout).toMatch(/quickstart: stopped; the data stays in/);
  expect(pids.some(alive)).toBe(false);
  expect(quickstart('status').code).toBe(3);
  expect(quickstart('stop')).toMatchObject({ code: 0, stdout: expect.stringMatching(/not running/) });
  expect(quickstart('bogus').code).toBe(2);
});
