// Runs `brook` commands in-process through runCli against an in-memory cluster and checks what
// they print, what they change and how they fail: the exit code and the one-line error.
import { describe, expect, it } from 'vitest';
import { runCli } from '../program.js';
import { MemoryCluster, memoryContext } from '../testing/memory-session.js';

async function brook(cluster: MemoryCluster, argv: string[], stdin = '', env: NodeJS.ProcessEnv = {}) {
  const { context, output } = memoryContext(cluster, stdin, env);
  const code = await runCli(argv, context);
  return { code, ...output };
}

async function clusterWithTopic(partitions = 3): Promise<MemoryCluster> {
  const cluster = new MemoryCluster();
  expect((await brook(cluster, ['topic', 'create', 'orders', '-p', String(partitions)])).code).toBe(0);
  return cluster;
}

describe('topic commands', () => {
  it('create, list, describe and delete', async () => {
    const cluster = new MemoryCluster();
    const created = await brook(cluster, ['topic', 'create', 'orders', '-p', '2', '--config', 'retention.ms=1000', '--format', 'json']);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name: 'orders', partitions: 2, configs: [{ name: 'retention.ms', value: '1000' }] });
    await brook(cluster, ['topic', 'create', 'a-first', '-p', '1']);
    expect((await brook(cluster, ['topic', 'list'])).stdout).toBe('a-first\norders\n');
    expect(JSON.parse((await brook(cluster, ['topic', 'list', '--format', 'json'])).stdout)).toEqual(['a-first', 'orders']);
    const described = JSON.parse((await brook(cluster, ['topic', 'describe', 'orders', '--format', 'json'])).stdout);
    expect(described.partitions).toHaveLength(2);
    expect(described.partitions[1]).toMatchObject({ partition: 1, leaderId: 1, isr: [1], earliestOffset: 0, latestOffset: 0 });
    const text = (await brook(cluster, ['topic', 'describe', 'orders'])).stdout;
    expect(text).toMatch(/PARTITION\s+LEADER\s+EPOCH\s+REPLICAS\s+ISR\s+OFFLINE\s+EARLIEST\s+LATEST/);
    expect((await brook(cluster, ['topic', 'delete', 'orders'])).stdout).toBe('deleted topic orders\n');
    expect(cluster.topics.has('orders')).toBe(false);
    expect(cluster.sessionsOpened).toBe(cluster.sessionsClosed);
  });

  it('fails with one line and a code for bad names, duplicates and unknown topics', async () => {
    const cluster = await clusterWithTopic();
    const badName = await brook(cluster, ['topic', 'create', 'bad/name', '-p', '1']);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/^brook: INVALID_TOPIC_EXCEPTION: topic name "bad\/name" .+\n$/);
    expect(cluster.sessionsOpened).toBe(1);
    const duplicate = await brook(cluster, ['topic', 'create', 'orders', '-p', '1']);
    expect(duplicate).toMatchObject({ code: 1, stderr: 'brook: TOPIC_ALREADY_EXISTS: topic orders already exists\n' });
    const unknown = await brook(cluster, ['topic', 'describe', 'nope']);
    expect(unknown).toMatchObject({ code: 1, stderr: 'brook: UNKNOWN_TOPIC_OR_PARTITION: topic nope does not exist\n' });
  });

  it('turns commander usage errors into the one-line format', async () => {
    const cluster = new MemoryCluster();
    const missing = await brook(cluster, ['topic', 'create', 'orders']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^brook: INVALID_ARGUMENT: required option '-p, --partitions <n>' not specified\n$/);
    const unknown = await brook(cluster, ['topic', 'list', '--bogus']);
    expect(unknown.stderr).toMatch(/^brook: INVALID_ARGUMENT: unknown option '--bogus'/);
    expect((await brook(cluster, ['--version'])).code).toBe(0);
  });

  it('takes the broker list from --brokers, else BROOK_BROKERS', async () => {
    const cluster = new MemoryCluster();
    await brook(cluster, ['topic', 'list'], '', { BROOK_BROKERS: 'h1:1,h2:2' });
    expect(cluster.lastBrokers).toEqual(['h1:1', 'h2:2']);
    await brook(cluster, ['--brokers', 'h3:3', 'topic', 'list'], '', { BROOK_BROKERS: 'h1:1' });
    expect(cluster.lastBrokers).toEqual(['h3:3']);
    expect((await brook(cluster, ['topic', 'list'], '', { BROOK_BROKERS: 'nohost' })).stderr).toMatch(/^brook: INVALID_ARGUMENT: broker address 'nohost'/);
  });
});

describe('produce and consume', () => {
  it('round-trips lines with keys and headers', async () => {
    const cluster = await clusterWithTopic();
    const produced = await brook(cluster, ['produce', 'orders', '--key-separator', ':', '-H', 'source=cli', '--print-offsets'], 'a:1\nb:2\nc:3\n');
    expect(produced.code).toBe(0);
    expect(produced.stderr).toMatch(/^produced 3 records \(6 bytes\) to orders in \d+ ms; offsets /);
    expect(produced.stdout.trim().split('\n').map((l) => JSON.parse(l))).toHaveLength(3);
    const consumed = await brook(cluster, ['consume', 'orders', '--exit-at-end']);
    expect(consumed.code).toBe(0);
    const records = consumed.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => `${r.key}=${r.value}`).sort()).toEqual(['a=1', 'b=2', 'c=3']);
    expect(records[0].headers).toEqual([{ key: 'source', value: 'cli' }]);
  });

  it('consumes one partition from an offset with a template and a count', async () => {
    const cluster = await clusterWithTopic(1);
    await brook(cluster, ['produce', 'orders'], 'v0\nv1\nv2\nv3\n');
    const consumed = await brook(cluster, ['consume', 'orders', '-p', '0', '-o', '1', '-n', '2', '--format', '%p:%o %v']);
    expect(consumed).toMatchObject({ code: 0, stdout: '0:1 v1\n0:2 v2\n' });
    const fromEnd = await brook(cluster, ['consume', 'orders', '-o', 'end', '--exit-at-end']);
    expect(fromEnd).toMatchObject({ code: 0, stdout: '' });
    const byTime = await brook(cluster, ['consume', 'orders', '-o', `@${cluster.timestampMs - 1n}`, '-e', '--format', '%v']);
    expect(byTime.stdout).toBe('v3\n');
  });

  it('reports an offset past the end, an unknown partition and an idle timeout', async () => {
    const cluster = await clusterWithTopic(1);
    await brook(cluster, ['produce', 'orders'], 'x\n');
    const past = await brook(cluster, ['consume', 'orders', '-o', '5']);
    expect(past).toMatchObject({ code: 1, stderr: "brook: OFFSET_OUT_OF_RANGE: offset 5 is outside orders-0's log [0, 1]\n" });
    const noPartition = await brook(cluster, ['consume', 'orders', '-p', '4']);
    expect(noPartition.stderr).toMatch(/^brook: UNKNOWN_TOPIC_OR_PARTITION: orders has no partition 4/);
    const idle = await brook(cluster, ['consume', 'orders', '--timeout-ms', '100', '--format', '%v']);
    expect(idle).toMatchObject({ code: 0, stdout: 'x\n' });
  });

  it('stops at a record the broker refuses, keeps what was acknowledged and says so', async () => {
    const cluster = await clusterWithTopic(1);
    cluster.recordBytesMax = 4;
    const lines = 'ok\n'.repeat(1000) + 'too-long\n';
    const produced = await brook(cluster, ['produce', 'orders'], lines);
    expect(produced.code).toBe(1);
    expect(produced.stderr).toMatch(/^produced 1000 records \(2000 bytes\) to orders in \d+ ms; offsets 0:0-999\nbrook: MESSAGE_TOO_LARGE: .+\n$/);
    expect(cluster.topics.get('orders')?.partitions[0]).toHaveLength(1000);
  });

  it('refuses a line without the key separator after sending the lines before it', async () => {
    const cluster = await clusterWithTopic(1);
    const produced = await brook(cluster, ['produce', 'orders', '--key-separator', '\t'], 'k\tv\nnokey\n');
    expect(produced.code).toBe(1);
    expect(produced.stderr).toMatch(/brook: INVALID_INPUT: line 2 has no key separator/);
  });
});

describe('cluster info and perf', () => {
  it('prints the cluster in text and JSON', async () => {
    const cluster = new MemoryCluster();
    expect(JSON.parse((await brook(cluster, ['cluster', 'info', '--format', 'json'])).stdout)).toMatchObject({ clusterId: 'memory-cluster', controllerId: 1 });
    expect((await brook(cluster, ['cluster', 'info'])).stdout).toMatch(/cluster id\s+memory-cluster\ncontroller\s+1\n/);
  });

  it('perf produce then perf consume report every record', async () => {
    const cluster = await clusterWithTopic(2);
    const produce = await brook(cluster, ['perf', 'produce', '--topic', 'orders', '--records', '3000', '--record-size', '100', '--format', 'json']);
    expect(produce.code).toBe(0);
    const summary = JSON.parse(produce.stdout);
    expect(summary).toMatchObject({ records: 3000, bytes: 300000, recordBytes: 100 });
    expect(summary.latencyMs.p99).toBeGreaterThanOrEqual(summary.latencyMs.p50);
    const consume = await brook(cluster, ['perf', 'consume', '--topic', 'orders', '--records', '3000', '--format', 'json']);
    expect(consume.code).toBe(0);
    expect(JSON.parse(consume.stdout)).toMatchObject({ records: 3000, bytes: 300000, stoppedBy: 'count' });
    const short = await brook(cluster, ['perf', 'consume', '--topic', 'orders', '--records', '5000', '--timeout-ms', '100']);
    expect(short.code).toBe(1);
    expect(short.stdout).toMatch(/^3000 records read/);
    expect(short.stderr).toMatch(/brook: TIMED_OUT: read 3000 of 5000 records before the idle timeout\n$/);
  });

  it('perf produce holds a fixed rate', async () => {
    const cluster = await clusterWithTopic(1);
    const produce = await brook(cluster, ['perf', 'produce', '--topic', 'orders', '--records', '200', '--record-size', '10', '--throughput', '1000', '--format', 'json']);
    const summary = JSON.parse(produce.stdout);
    // 200 records at 1000/s take at least ~200 ms; the bound is loose for a busy machine.
    expect(summary.elapsedMs).toBeGreaterThan(150);
    expect(summary.recordsPerSecond).toBeLessThan(1400);
  });
});

describe('produce checks the topic first', () => {
  it('fails at once on an unknown topic or partition, sending nothing', async () => {
    const cluster = await clusterWithTopic(2);
    const unknown = await brook(cluster, ['produce', 'nope'], 'x\n');
    expect(unknown).toMatchObject({ code: 1, stderr: 'brook: UNKNOWN_TOPIC_OR_PARTITION: topic nope does not exist\n' });
    const badPartition = await brook(cluster, ['produce', 'orders', '--partition', '2'], 'x\n');
    expect(badPartition.stderr).toBe('brook: UNKNOWN_TOPIC_OR_PARTITION: orders has no partition 2 (it has 2)\n');
    expect(cluster.topics.get('orders')?.partitions.flat()).toHaveLength(0);
  });
});

describe('flags are checked before connecting', () => {
  it('refuses a bad -o, template or count without opening a session', async () => {
    const cluster = new MemoryCluster();
    const bad = [
      ['consume', 't', '-o', 'bogus'], ['consume', 't', '--format', '%x'], ['consume', 't', '-n', '-1'], ['consume', 't', '--encoding', 'utf16'],
      ['produce', 't', '-H', 'novalue'], ['produce', 't', '--key-separator', ''], ['produce', 't', '--acks', '2'], ['produce', 't', '--partition', '-1'],
    ];
    for (const argv of bad) {
      const run = await brook(cluster, argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^brook: INVALID_ARGUMENT: /);
    }
    expect(cluster.sessionsOpened).toBe(0);
  });
});
