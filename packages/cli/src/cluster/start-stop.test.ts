// `brook cluster start` and `stop` as processes, with a fake broker bin (BROOK_SERVER_BIN): a
// script that logs its flags, writes broker.ready.json and waits for SIGTERM (or ignores it, or
// exits at once, as told). The cluster's answers come from a memory cluster whose brokers sit
// on the layout's ports. Checks the flags each node gets, the pid, log and cluster.json files,
// that running nodes are never started twice, early exits and timeouts with the log's tail, and
// SIGTERM then SIGKILL on stop. Every process started is killed by its pid afterwards.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../program.js';
import { MemoryCluster, memoryContext } from '../testing/memory-session.js';
import { readClusterFile } from './cluster-file.js';
import { isBrookProcessAlive } from './node-processes.js';

const FAKE_BIN = `
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
const args = process.argv.slice(2);
const flag = (name) => args[args.indexOf(name) + 1];
console.log(JSON.stringify({ msg: 'fake node', args }));
if (process.env.FAKE_EXIT_NODE === flag('--node-id')) {
  console.error('fake: refusing to start');
  process.exit(3);
}
process.on('SIGTERM', () => (process.env.FAKE_IGNORE_TERM === '1' ? undefined : process.exit(0)));
writeFileSync(join(flag('--data-dir'), 'broker.ready.json'), JSON.stringify({ pid: process.pid, clientAddress: flag('--listen') }));
setInterval(() => undefined, 1000);
`;

const BASE_PORT = 39092;
const everyPid = new Set<number>();
let root: string;
let dataDir: string;
let bin: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'brook-cli-start-'));
  dataDir = join(root, 'data');
  bin = join(root, 'fake-brook-server.mjs');
  writeFileSync(bin, FAKE_BIN);
});

afterEach(() => {
  for (const node of readClusterFile(dataDir)?.nodes ?? []) if (node.pid !== null) everyPid.add(node.pid);
  rmSync(root, { recursive: true, force: true });
});

afterAll(() => {
  for (const pid of everyPid) if (isBrookProcessAlive(pid)) process.kill(pid, 'SIGKILL');
});

function clusterOnLayoutPorts(n: number): MemoryCluster {
  const cluster = new MemoryCluster();
  cluster.brokers = Array.from({ length: n }, (_, i) => ({ nodeId: i + 1, host: '127.0.0.1', port: BASE_PORT + 100 * i, fenced: false }));
  return cluster;
}

async function brook(cluster: MemoryCluster, argv: string[], env: NodeJS.ProcessEnv = {}) {
  const { context, output } = memoryContext(cluster, '', { BROOK_SERVER_BIN: bin, ...env }, root);
  const code = await runCli(argv, context);
  return { code, ...output };
}

const start = ['cluster', 'start', '--base-port', String(BASE_PORT), '--timeout-ms', '20000'];

/** The flags the fake bin of node `nodeId` logged on its first start. */
function loggedArgs(nodeId: number): string[] {
  return (JSON.parse(readFileSync(join(dataDir, `node-${nodeId}`, 'brook.log'), 'utf8').split('\n')[0]!) as { args: string[] }).args;
}

function nodePids(): number[] {
  return (readClusterFile(dataDir)?.nodes ?? []).map((node) => node.pid ?? -1);
}

describe('brook cluster start and stop', () => {
  it('starts three nodes with their flags, files and table; a second start leaves them alone; stop ends them', async () => {
    const cluster = clusterOnLayoutPorts(3);
    const started = await brook(cluster, [...start, '--cluster-id', 'test-cluster', '--', '--log-level', 'debug']);
    expect(started.code, started.stderr).toBe(0);
    const pids = nodePids();
    pids.forEach((pid) => everyPid.add(pid));
    expect(pids.every(isBrookProcessAlive)).toBe(true);
    expect(started.stdout).toMatch(/^Brook cluster test-cluster: 3 nodes, data in data\nhealthy: 3\/3 nodes answer.*\n\nNODE\s+CLIENT\s+INTERNAL\s+ADMIN\s+PID\s+LOG\n/);
    expect(started.stdout).toMatch(new RegExp(`\\n2\\s+127\\.0\\.0\\.1:39192\\s+127\\.0\\.0\\.1:39193\\s+127\\.0\\.0\\.1:39744\\s+${pids[1]}\\s+data/node-2/brook\\.log\\n`));
    expect(readFileSync(join(dataDir, 'node-2', 'brook.pid'), 'utf8').trim()).toBe(String(pids[1]));

    expect(loggedArgs(2)).toEqual([
      '--node-id', '2', '--data-dir', join(dataDir, 'node-2'), '--listen', '127.0.0.1:39192', '--internal-listen', '127.0.0.1:39193',
      '--admin-listen', '127.0.0.1:39744', '--roles', 'broker,controller', '--controllers', '1@127.0.0.1:39093,2@127.0.0.1:39193,3@127.0.0.1:39293',
      '--cluster-id', 'test-cluster', '--default-replication-factor', '3', '--log-level', 'debug',
    ]);

    const again = await brook(cluster, ['cluster', 'start', '--timeout-ms', '20000']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`node 1 is already running \\(pid ${pids[0]}\\); not starting it again`));
    expect(nodePids()).toEqual(pids);
    expect(readClusterFile(dataDir)).toMatchObject({ clusterId: 'test-cluster', n: 3, basePort: BASE_PORT });

    const stopped = await brook(cluster, ['cluster', 'stop', '--format', 'json']);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(JSON.parse(stopped.stdout)).toEqual(pids.map((pid, i) => ({ nodeId: i + 1, pid, outcome: 'stopped' })));
    expect(pids.some(isBrookProcessAlive) || existsSync(join(dataDir, 'node-1', 'brook.pid'))).toBe(false);
    expect(nodePids()).toEqual([-1, -1, -1]);
    expect((await brook(cluster, ['cluster', 'stop'])).stdout).toMatch(/\n1\s+-\s+not running\n/);
  });

  it('keeps the cluster id in cluster.json and uses min(3, n) as the default replication factor', async () => {
    const cluster = clusterOnLayoutPorts(1);
    expect((await brook(cluster, [...start, '-n', '1'])).code).toBe(0);
    const { clusterId } = readClusterFile(dataDir)!;
    expect(clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const args = loggedArgs(1);
    expect(args.slice(args.indexOf('--default-replication-factor'), args.indexOf('--default-replication-factor') + 2)).toEqual(['--default-replication-factor', '1']);
    expect((await brook(cluster, ['cluster', 'stop'])).code).toBe(0);
    expect((await brook(cluster, ['cluster', 'start', '--timeout-ms', '20000'])).code).toBe(0);
    expect(readClusterFile(dataDir)!.clusterId).toBe(clusterId);
    expect((await brook(cluster, ['cluster', 'stop'])).code).toBe(0);
  });

  it('fails with NODE_EXITED and the end of the log when a node exits while starting', async () => {
    const failed = await brook(clusterOnLayoutPorts(3), start, { FAKE_EXIT_NODE: '2' });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/the end of .*node-2\/brook\.log:\n.*fake node.*\nfake: refusing to start\n/);
    expect(failed.stderr).toMatch(/brook: NODE_EXITED: node 2 \(pid \d+\) exited \(code 3\) before the cluster was healthy; see .*node-2\/brook\.log\n$/);
    // The others were recorded, so stop finds them.
    const stopped = await brook(clusterOnLayoutPorts(3), ['cluster', 'stop', '--format', 'json']);
    expect(JSON.parse(stopped.stdout).map((r: { outcome: string }) => r.outcome)).toEqual(['stopped', 'not running', 'stopped']);
  });

  it('fails with TIMED_OUT and what is wrong when the cluster does not become healthy', async () => {
    const cluster = clusterOnLayoutPorts(2);
    cluster.quorum.leaderId = -1;
    const failed = await brook(cluster, ['cluster', 'start', '-n', '2', '--base-port', String(BASE_PORT), '--timeout-ms', '1200']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/brook: TIMED_OUT: the cluster was not healthy after 1200 ms: the metadata quorum has no leader\n$/);
    expect((await brook(cluster, ['cluster', 'stop'])).code).toBe(0);
  });

  it('stops waiting on Ctrl-C with INTERRUPTED (130) and leaves the nodes running for stop', async () => {
    const cluster = clusterOnLayoutPorts(1);
    cluster.quorum.leaderId = -1;
    const { context, output, interrupt } = memoryContext(cluster, '', { BROOK_SERVER_BIN: bin }, root);
    setTimeout(interrupt, 700);
    expect(await runCli([...start, '-n', '1'], context)).toBe(130);
    expect(output.stderr).toMatch(/brook: INTERRUPTED: stopped waiting; the nodes keep running/);
    expect(nodePids().every(isBrookProcessAlive)).toBe(true);
    expect((await brook(cluster, ['cluster', 'stop'])).stdout).toMatch(/\n1\s+\d+\s+stopped\n/);
  });

  it('kills a node that ignores SIGTERM once the stop timeout passes', async () => {
    const cluster = clusterOnLayoutPorts(1);
    expect((await brook(cluster, [...start, '-n', '1'], { FAKE_IGNORE_TERM: '1' })).code).toBe(0);
    const [pid] = nodePids();
    const stopped = await brook(cluster, ['cluster', 'stop', '--timeout-ms', '300']);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toMatch(new RegExp(`\\n1\\s+${pid}\\s+killed \\(SIGKILL after 300 ms\\)\\n`));
    expect(isBrookProcessAlive(pid)).toBe(false);
  });
});
