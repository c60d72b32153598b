// `brook cluster status|quorum|health` and `topic describe` on a three-broker memory cluster
// through runCli: what they print (text and JSON), their exit codes and one-line errors, where
// they find the cluster (flag, BROOK_BROKERS, cluster.json) and, for `cluster start`, which
// flags and cluster.json combinations are refused before anything starts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clusterLayout, writeClusterFile } from '../cluster/cluster-file.js';
import { runCli } from '../program.js';
import { MemoryCluster, memoryContext } from '../testing/memory-session.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'brook-cli-commands-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function threeBrokers(): MemoryCluster {
  const cluster = new MemoryCluster();
  cluster.brokers = [1, 2, 3].map((nodeId) => ({ nodeId, host: '127.0.0.1', port: 9092 + 100 * (nodeId - 1), fenced: false, rack: nodeId === 1 ? 'rack-a' : undefined }));
  cluster.controllerId = 2;
  cluster.quorum = {
    leaderId: 2,
    leaderEpoch: 5,
    highWatermark: 120n,
    voters: [
      { nodeId: 1, logEndOffset: 118n, lag: 2n, lastContactMsAgo: 40 },
      { nodeId: 2, logEndOffset: 120n, lag: 0n, lastContactMsAgo: 0 },
      { nodeId: 3, logEndOffset: -1n, lag: -1n, lastContactMsAgo: -1 },
    ],
    observers: [{ nodeId: 4, logEndOffset: 120n, lag: 0n, lastContactMsAgo: 12_500 }],
  };
  return cluster;
}

async function brook(cluster: MemoryCluster, argv: string[], env: NodeJS.ProcessEnv = {}, cwd?: string) {
  const { context, output } = memoryContext(cluster, '', env, cwd);
  const code = await runCli(argv, context);
  return { code, ...output };
}

describe('brook cluster quorum', () => {
  it('prints the status and each replica like kafka-metadata-quorum describe', async () => {
    const { code, stdout } = await brook(threeBrokers(), ['cluster', 'quorum']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/leader id\s+2\n/);
    expect(stdout).toMatch(/leader epoch\s+5\n/);
    expect(stdout).toMatch(/high watermark\s+120\n/);
    expect(stdout).toMatch(/max follower lag\s+2\n/);
    expect(stdout).toMatch(/current voters\s+\[1,2,3\]\n/);
    expect(stdout).toMatch(/current observers\s+\[4\]\n/);
    expect(stdout).toMatch(/NODE\s+ROLE\s+LOG END OFFSET\s+LAG\s+LAST CONTACT/);
    expect(stdout).toMatch(/\n1\s+follower\s+118\s+2\s+40 ms ago\n/);
    expect(stdout).toMatch(/\n2\s+leader\s+120\s+0\s+0 ms ago\n/);
    expect(stdout).toMatch(/\n3\s+follower\s+unknown\s+unknown\s+never\n/);
    expect(stdout).toMatch(/\n4\s+observer\s+120\s+0\s+12\.5 s ago\n/);
  });

  it('prints JSON with offsets as numbers', async () => {
    const parsed = JSON.parse((await brook(threeBrokers(), ['cluster', 'quorum', '--format', 'json'])).stdout);
    expect(parsed).toMatchObject({ leaderId: 2, leaderEpoch: 5, highWatermark: 120 });
    expect(parsed.voters[0]).toEqual({ nodeId: 1, logEndOffset: 118, lag: 2, lastContactMsAgo: 40 });
  });

  it('fails with one line when nothing answers', async () => {
    const cluster = threeBrokers();
    cluster.unreachable = true;
    const failed = await brook(cluster, ['cluster', 'quorum']);
    expect(failed).toMatchObject({ code: 1, stdout: '' });
    expect(failed.stderr).toMatch(/^brook: NETWORK_EXCEPTION: no broker answered/);
  });
});

describe('brook cluster status', () => {
  it('lists every broker with rack and fencing, and the active controller', async () => {
    const cluster = threeBrokers();
    cluster.brokers[2]!.fenced = true;
    const { code, stdout } = await brook(cluster, ['cluster', 'status']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/active controller\s+2\n/);
    expect(stdout).toMatch(/BROKER\s+ADDRESS\s+RACK\s+STATE\s+ROLE/);
    expect(stdout).toMatch(/\n1\s+127\.0\.0\.1:9092\s+rack-a\s+unfenced\n/);
    expect(stdout).toMatch(/\n2\s+127\.0\.0\.1:9192\s+unfenced\s+active controller\n/);
    expect(stdout).toMatch(/\n3\s+127\.0\.0\.1:9292\s+fenced\n/);
    expect(stdout).not.toMatch(/local nodes/);
  });

  it("adds the local nodes' processes from cluster.json, and uses their addresses", async () => {
    const cluster = threeBrokers();
    writeClusterFile(join(root, 'data'), { clusterId: 'c', n: 3, basePort: 19092, nodes: clusterLayout(join(root, 'data'), 19092, 3) });
    const text = await brook(cluster, ['cluster', 'status'], {}, root);
    expect(text.stdout).toMatch(/^local nodes \(data\)\nNODE\s+PID\s+PROCESS\s+LOG\n1\s+-\s+not running\s+data\/node-1\/brook\.log\n/);
    expect(cluster.lastBrokers).toEqual(['127.0.0.1:19092', '127.0.0.1:19192', '127.0.0.1:19292']);
    const json = JSON.parse((await brook(cluster, ['cluster', 'status', '--format', 'json', '--data-dir', join(root, 'data')])).stdout);
    expect(json.processes).toEqual([1, 2, 3].map((nodeId) => ({ nodeId, pid: null, running: false, logFile: join(root, 'data', `node-${nodeId}`, 'brook.log') })));
    expect(json.brokers.map((b: { fenced: boolean }) => b.fenced)).toEqual([false, false, false]);
  });
});

describe('where commands find the cluster', () => {
  it('takes --brokers, then BROOK_BROKERS, then ./data/cluster.json, then 127.0.0.1:9092', async () => {
    const cluster = threeBrokers();
    await brook(cluster, ['topic', 'list'], {}, root);
    expect(cluster.lastBrokers).toEqual(['127.0.0.1:9092']);
    writeClusterFile(join(root, 'data'), { clusterId: 'c', n: 2, basePort: 29092, nodes: clusterLayout(join(root, 'data'), 29092, 2) });
    await brook(cluster, ['topic', 'list'], {}, root);
    expect(cluster.lastBrokers).toEqual(['127.0.0.1:29092', '127.0.0.1:29192']);
    await brook(cluster, ['topic', 'list'], { BROOK_BROKERS: 'b:1' }, root);
    expect(cluster.lastBrokers).toEqual(['b:1']);
    await brook(cluster, ['--brokers', 'f:2', 'cluster', 'quorum'], { BROOK_BROKERS: 'b:1' }, root);
    expect(cluster.lastBrokers).toEqual(['f:2']);
  });
});

describe('brook topic describe on a replicated topic', () => {
  it('shows leader, epoch, replicas, ISR and offline replicas; a partition without a leader reads none', async () => {
    const cluster = threeBrokers();
    expect((await brook(cluster, ['topic', 'create', 'orders', '-p', '3', '-r', '3'])).code).toBe(0);
    const placement = cluster.topics.get('orders')!.placement;
    cluster.brokers[2]!.fenced = true;
    placement[2] = { leaderId: -1, leaderEpoch: 4, replicas: [3, 1, 2], isr: [] };
    placement[1]!.isr = [2, 1];
    const { stdout } = await brook(cluster, ['topic', 'describe', 'orders']);
    expect(stdout).toMatch(/\n0\s+1\s+0\s+1,2,3\s+1,2,3\s+3\s+0\s+0\n/);
    expect(stdout).toMatch(/\n1\s+2\s+0\s+2,3,1\s+2,1\s+3\s+0\s+0\n/);
    expect(stdout).toMatch(/\n2\s+none\s+4\s+3,1,2\s+-\s+3\s+\?\s+\?\n/);
    const json = JSON.parse((await brook(cluster, ['topic', 'describe', 'orders', '--format', 'json'])).stdout);
    expect(json.partitions[2]).toEqual({ partition: 2, leaderId: -1, leaderEpoch: 4, replicas: [3, 1, 2], isr: [], offlineReplicas: [3] });
  });
});

describe('brook cluster health', () => {
  it('exits 0 with one line when healthy', async () => {
    const cluster = threeBrokers();
    const { code, stdout, stderr } = await brook(cluster, ['cluster', 'health']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe('healthy: 3/3 nodes answer, quorum leader 2 (epoch 5), 3 brokers unfenced, 0 partitions led\n');
    expect(cluster.lastSessionOptions).toEqual({ quick: true });
  });

  it('exits 1 with the problems listed and an UNHEALTHY line', async () => {
    const cluster = threeBrokers();
    cluster.brokers[1]!.fenced = true;
    cluster.quorum.leaderId = -1;
    const { code, stdout, stderr } = await brook(cluster, ['cluster', 'health']);
    expect(code).toBe(1);
    expect(stdout).toBe('unhealthy:\n  - the metadata quorum has no leader\n  - broker 2 is fenced\n');
    expect(stderr).toBe('brook: UNHEALTHY: the metadata quorum has no leader (and 1 more)\n');
    const json = JSON.parse((await brook(cluster, ['cluster', 'health', '--format', 'json'])).stdout);
    expect(json).toMatchObject({ healthy: false, problems: ['the metadata quorum has no leader', 'broker 2 is fenced'], quorum: { leaderId: -1 } });
  });

  it("expects cluster.json's nodes: a node that is not registered is a problem", async () => {
    const cluster = threeBrokers();
    cluster.brokers = cluster.brokers.slice(0, 2);
    writeClusterFile(join(root, 'data'), { clusterId: 'c', n: 3, basePort: 9092, nodes: clusterLayout(join(root, 'data'), 9092, 3) });
    const { stdout } = await brook(cluster, ['cluster', 'health', '--data-dir', join(root, 'data')]);
    expect(stdout).toBe('unhealthy:\n  - node 3 (127.0.0.1:9292) does not answer: 127.0.0.1:9292: connection refused\n  - broker 3 is not registered\n');
  });

  it('--exit-when-healthy waits for health; --watch prints a line per change', async () => {
    const cluster = threeBrokers();
    cluster.brokers[0]!.fenced = true;
    setTimeout(() => (cluster.brokers[0]!.fenced = false), 150);
    const { code, stdout } = await brook(cluster, ['cluster', 'health', '--watch', '--exit-when-healthy', '--interval-ms', '20']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z unhealthy: broker 1 is fenced$/);
    expect(lines[1]).toMatch(/^\S+ healthy: 3\/3 nodes answer/);
  });

  it('--exit-when-healthy without --watch prints only the final verdict; --timeout-ms gives up', async () => {
    const cluster = threeBrokers();
    cluster.silentNodes.add('127.0.0.1:9192');
    const timedOut = await brook(cluster, ['cluster', 'health', '--exit-when-healthy', '--interval-ms', '10', '--timeout-ms', '60']);
    expect(timedOut.code).toBe(1);
    expect(timedOut.stdout).toMatch(/^unhealthy:\n {2}- node 2 \(127\.0\.0\.1:9192\) does not answer/);
    expect(timedOut.stderr).toMatch(/^brook: TIMED_OUT: not healthy after 60 ms: node 2 /);
    cluster.silentNodes.clear();
    const fine = await brook(cluster, ['cluster', 'health', '--exit-when-healthy']);
    expect(fine).toMatchObject({ code: 0, stdout: expect.stringMatching(/^healthy: /) });
  });

  it('--watch ends on Ctrl-C with the last verdict as exit code', async () => {
    const cluster = threeBrokers();
    const { context, output, interrupt } = memoryContext(cluster, '', {});
    const running = runCli(['cluster', 'health', '--watch', '--interval-ms', '10', '--format', 'json'], context);
    setTimeout(() => (cluster.quorum.leaderId = -1), 60);
    setTimeout(interrupt, 150);
    expect(await running).toBe(1);
    const lines = output.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.healthy)).toEqual([true, false]);
    expect(lines[1]).toMatchObject({ time: expect.any(String), problems: ['the metadata quorum has no leader'] });
    expect(output.stderr).toBe('brook: UNHEALTHY: the metadata quorum has no leader\n');
  });
});

describe('brook cluster start flags', () => {
  it('refuses bad counts and ports before starting anything', async () => {
    const cluster = new MemoryCluster();
    const dir = ['--data-dir', join(root, 'data')];
    expect((await brook(cluster, ['cluster', 'start', '-n', '0', ...dir])).stderr).toMatch(/^brook: INVALID_ARGUMENT: --nodes must be between 1 and 16, got 0/);
    expect((await brook(cluster, ['cluster', 'start', '--base-port', '65000', ...dir])).stderr).toBe(
      'brook: INVALID_ARGUMENT: --base-port 65000 leaves no room for 3 nodes (the last admin port would be 65752)\n',
    );
    expect((await brook(cluster, ['cluster', 'start', '--cluster-id', 'a b', ...dir])).code).toBe(2);
    expect((await brook(cluster, ['cluster', 'start', '--format', 'yaml', ...dir])).code).toBe(2);
  });

  it('refuses another node count or cluster id over an existing cluster', async () => {
    const cluster = new MemoryCluster();
    const dataDir = join(root, 'data');
    writeClusterFile(dataDir, { clusterId: 'kept-id', n: 3, basePort: 9092, nodes: clusterLayout(dataDir, 9092, 3) });
    const count = await brook(cluster, ['cluster', 'start', '-n', '5', '--data-dir', dataDir]);
    expect(count.stderr).toMatch(/^brook: INVALID_ARGUMENT: .* holds a cluster of 3 nodes; stop it and remove the directory .* to start 5\n$/);
    const id = await brook(cluster, ['cluster', 'start', '--cluster-id', 'other', '--data-dir', dataDir]);
    expect(id.stderr).toMatch(/holds cluster kept-id, not other/);
  });
});
