// `brook topic describe` with configs and `brook topic alter`, run in-process through runCli
// against the in-memory cluster (a topic's own config values over cluster defaults, unknown keys
// and non-integer values refused as the broker would): what they print in text and JSON, what
// they change, the wait until the answering broker shows a change, and how they fail (usage
// errors before connecting, exit 2; the cluster's refusals, exit 1, changing nothing).
import { describe, expect, it } from 'vitest';
import { runCli } from '../program.js';
import { MemoryCluster, memoryContext } from '../testing/memory-session.js';

async function brook(cluster: MemoryCluster, argv: string[]) {
  const { context, output } = memoryContext(cluster);
  const code = await runCli(argv, context);
  return { code, ...output };
}

describe('topic describe', () => {
  it('describe shows every config with its source after the partitions, and adds configs to the JSON', async () => {
    const cluster = new MemoryCluster();
    await brook(cluster, ['topic', 'create', 'orders', '-p', '1', '--config', 'retention.ms=1000']);
    const text = (await brook(cluster, ['topic', 'describe', 'orders'])).stdout;
    expect(text).toMatch(/PARTITION\s+LEADER.*\n0\s+1\s+0\s+1\s+1\s+-\s+0\s+0\n\nCONFIG\s+VALUE\s+SOURCE\n/);
    expect(text).toMatch(/\nretention\.ms\s+1000\s+topic\n/);
    expect(text).toMatch(/\nmin\.insync\.replicas\s+1\s+cluster_default\n/);
    const json = JSON.parse((await brook(cluster, ['topic', 'describe', 'orders', '--format', 'json'])).stdout);
    expect(Object.keys(json)).toEqual(['name', 'topicId', 'isInternal', 'partitions', 'configs']);
    expect(json.configs.map((c: { name: string }) => c.name)).toEqual(['cleanup.policy', 'min.insync.replicas', 'retention.ms', 'segment.bytes']);
    expect(json.configs[2]).toEqual({ name: 'retention.ms', value: '1000', source: 'topic' });
  });
});

describe('topic alter', () => {
  it('alter sets and deletes keys and prints the configs after the change', async () => {
    const cluster = new MemoryCluster();
    await brook(cluster, ['topic', 'create', 'orders', '-p', '1', '--config', 'retention.ms=1000', '--config', 'segment.bytes=4096']);
    const altered = await brook(cluster, ['topic', 'alter', 'orders', '--config', 'min.insync.replicas=2', '--config', 'retention.ms=5000', '--delete-config', 'segment.bytes']);
    expect(altered.code, altered.stderr).toBe(0);
    expect(altered.stdout).toMatch(/^altered topic orders: set min\.insync\.replicas=2, retention\.ms=5000; deleted segment\.bytes\nCONFIG\s+VALUE\s+SOURCE\n/);
    expect(altered.stdout).toMatch(/\nsegment\.bytes\s+1073741824\s+cluster_default\n/);
    expect(cluster.topics.get('orders')?.configs).toEqual({ 'retention.ms': '5000', 'min.insync.replicas': '2' });
    const json = JSON.parse((await brook(cluster, ['topic', 'alter', 'orders', '--delete-config', 'retention.ms,min.insync.replicas', '--format', 'json'])).stdout);
    expect(json).toMatchObject({ name: 'orders', validateOnly: false, set: {}, deleted: ['retention.ms', 'min.insync.replicas'] });
    expect(json.configs.every((c: { source: string }) => c.source === 'cluster_default')).toBe(true);
    expect(cluster.sessionsOpened).toBe(cluster.sessionsClosed);
  });

  it('alter waits until the answering broker shows the change', async () => {
    const cluster = new MemoryCluster();
    await brook(cluster, ['topic', 'create', 'orders', '-p', '1']);
    cluster.configReadsBeforeVisible = 2;
    const altered = await brook(cluster, ['topic', 'alter', 'orders', '--config', 'retention.ms=5', '--format', 'json']);
    expect(altered).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(altered.stdout).configs).toContainEqual({ name: 'retention.ms', value: '5', source: 'topic' });
  });

  it('alter --validate-only changes nothing and prints no configs', async () => {
    const cluster = new MemoryCluster();
    await brook(cluster, ['topic', 'create', 'orders', '-p', '1']);
    const text = await brook(cluster, ['topic', 'alter', 'orders', '--config', 'retention.ms=5', '--validate-only']);
    expect(text).toMatchObject({ code: 0, stdout: 'validated changes to topic orders (nothing changed): set retention.ms=5\n' });
    const json = JSON.parse((await brook(cluster, ['topic', 'alter', 'orders', '--config', 'retention.ms=5', '--validate-only', '--format', 'json'])).stdout);
    expect(json).toEqual({ name: 'orders', validateOnly: true, set: { 'retention.ms': '5' }, deleted: [] });
    expect(cluster.topics.get('orders')?.configs).toEqual({});
    const refused = await brook(cluster, ['topic', 'alter', 'orders', '--config', 'retention.ms=soon', '--validate-only']);
    expect(refused).toMatchObject({ code: 1, stderr: 'brook: INVALID_CONFIG: topic orders: retention.ms=soon is not an integer\n' });
  });

  it('alter refuses a usage error before connecting, and reports the cluster refusing a change', async () => {
    const cluster = new MemoryCluster();
    await brook(cluster, ['topic', 'create', 'orders', '-p', '1', '--config', 'retention.ms=1000']);
    const opened = cluster.sessionsOpened;
    const usage = [
      [['topic', 'alter', 'orders'], /^brook: INVALID_ARGUMENT: nothing to change: give at least one --config key=value or --delete-config key\n$/],
      [['topic', 'alter', 'orders', '--config', 'retention.ms=1', '--delete-config', 'retention.ms'], /^brook: INVALID_ARGUMENT: retention\.ms both set \(--config\) and deleted \(--delete-config\)\n$/],
      [['topic', 'alter', 'orders', '--config', 'retention.ms'], /^brook: INVALID_ARGUMENT: --config expects key=value, got 'retention\.ms'\n$/],
      [['topic', 'alter', 'orders', '--delete-config', ','], /^brook: INVALID_ARGUMENT: --delete-config expects a config name\n$/],
      [['topic', 'alter', 'orders', '--config', 'a=1', '--format', 'yaml'], /^brook: INVALID_ARGUMENT: --format must be text or json/],
    ] as const;
    for (const [argv, stderr] of usage) {
      const run = await brook(cluster, [...argv]);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(stderr);
    }
    expect(cluster.sessionsOpened).toBe(opened);
    const badName = await brook(cluster, ['topic', 'alter', 'bad/name', '--config', 'retention.ms=1']);
    expect(badName).toMatchObject({ code: 1, stderr: expect.stringMatching(/^brook: INVALID_TOPIC_EXCEPTION: /) });
    const unknownKey = await brook(cluster, ['topic', 'alter', 'orders', '--config', 'retention.ms=5', '--config', 'no.such.key=1']);
    expect(unknownKey).toMatchObject({ code: 1, stdout: '', stderr: 'brook: INVALID_CONFIG: topic orders: unknown topic config "no.such.key"\n' });
    expect(cluster.topics.get('orders')?.configs).toEqual({ 'retention.ms': '1000' });
    const unknownTopic = await brook(cluster, ['topic', 'alter', 'nope', '--config', 'retention.ms=5']);
    expect(unknownTopic).toMatchObject({ code: 1, stderr: 'brook: UNKNOWN_TOPIC_OR_PARTITION: topic nope does not exist\n' });
  });
});
