// Topic configs on a real 3-node cluster, through the built `brook` CLI and the SDK: `topic alter`
// sets retention.ms and min.insync.replicas and deletes a key, and `topic describe` shows the new
// values with source topic and the deleted key back at the cluster's default (the value a topic
// without overrides shows); an invalid value or an unknown key fails with INVALID_CONFIG and
// changes nothing, nor does --validate-only. Then min.insync.replicas takes effect on the running
// leader: with 3 required and one follower killed (kill -9, the ISR shrunk to 2) an acks=all
// produce with retries off fails NOT_ENOUGH_REPLICAS, and after `alter --config
// min.insync.replicas=2` it succeeds. The harness SIGKILLs every node by pid in afterAll.
// Build first (pnpm build): it runs the dist of every package.
import { Brook } from '@brook/client';
import { BrookError } from '@brook/protocol';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { runBrook, type CliRun } from './cli-process.js';
import { startCluster, type BrookCluster } from '../harness/index.js';

interface ConfigRow {
  name: string;
  value: string;
  source: string;
}

const TOPIC = 'configured';
let cluster: BrookCluster;
const clients: Brook[] = [];

/** `brook ARGS` against the given nodes (default: every live one). */
function brook(args: string[], addresses = cluster.live().map((node) => node.clientAddress)): Promise<CliRun> {
  return runBrook(args, { brokers: addresses.join(',') });
}

function json<T>(run: CliRun): T {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

/** The topic's configs by name, as `brook topic describe` on `addresses` shows them. */
async function configsOf(topic: string, addresses?: string[]): Promise<Map<string, ConfigRow>> {
  const described = json<{ configs: ConfigRow[] }>(await brook(['topic', 'describe', topic, '--format', 'json'], addresses));
  return new Map(described.configs.map((c) => [c.name, c]));
}

/** One acks=all record through a producer that does not retry; resolves with its error code, or 'OK'. */
async function produceOnce(addresses: string[], value: string): Promise<string> {
  const client = new Brook({ brokers: addresses, clientId: 'e2e-topic-configs', retry: { retries: 0 } });
  clients.push(client);
  const producer = client.producer({ acks: -1, deliveryTimeoutMs: 5_000 });
  try {
    await producer.send({ topic: TOPIC, messages: [{ value }] });
    return 'OK';
  } catch (error) {
    if (error instanceof BrookError) return error.code;
    throw error;
  } finally {
    await producer.close();
  }
}

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3 });
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
});

describe('topic configs on three nodes', () => {
  it('alter sets and deletes keys; describe shows them with their sources', async () => {
    onTestFailed(() => console.log(cluster.diagnostics()));
    expect((await brook(['topic', 'create', TOPIC, '-p', '1', '-r', '3', '--config', 'segment.bytes=1048576'])).code).toBe(0);
    expect((await brook(['topic', 'create', 'plain', '-p', '1', '-r', '1'])).code).toBe(0);
    const defaults = await configsOf('plain');
    expect((await configsOf(TOPIC)).get('segment.bytes')).toEqual({ name: 'segment.bytes', value: '1048576', source: 'topic' });

    const altered = json<{ configs: ConfigRow[] }>(
      await brook(['topic', 'alter', TOPIC, '--config', 'retention.ms=3600000', '--config', 'min.insync.replicas=3', '--delete-config', 'segment.bytes', '--format', 'json']),
    );
    const expected = {
      'retention.ms': { name: 'retention.ms', value: '3600000', source: 'topic' },
      'min.insync.replicas': { name: 'min.insync.replicas', value: '3', source: 'topic' },
      'segment.bytes': defaults.get('segment.bytes'),
    };
    expect(expected['segment.bytes']?.source).not.toBe('topic');
    const alteredByName = new Map(altered.configs.map((c) => [c.name, c]));
    for (const [name, row] of Object.entries(expected)) expect(alteredByName.get(name), name).toEqual(row);

    // Every node answers describe from its own image; each shows the change.
    for (const node of cluster.nodes) {
      const seen = await cluster.waitFor(async () => {
        const configs = await configsOf(TOPIC, [node.clientAddress]);
        return configs.get('min.insync.replicas')?.value === '3' ? configs : undefined;
      }, 10_000, { what: `node ${node.nodeId} showing the change` });
      for (const [name, row] of Object.entries(expected)) expect(seen.get(name), `node ${node.nodeId}: ${name}`).toEqual(row);
      // The keys not named keep their values (the defaults, here).
      expect(seen.get('cleanup.policy')).toEqual(defaults.get('cleanup.policy'));
    }
    const text = await brook(['topic', 'describe', TOPIC]);
    expect(text.stdout).toMatch(/\nCONFIG\s+VALUE\s+SOURCE\n/);
    expect(text.stdout).toMatch(/\nretention\.ms\s+3600000\s+topic\n/);
    expect(text.stdout).toMatch(/\nmin\.insync\.replicas\s+3\s+topic\n/);
  });

  it('refuses an invalid value or an unknown key with INVALID_CONFIG and changes nothing', async () => {
    const before = await configsOf(TOPIC);
    const zero = await brook(['topic', 'alter', TOPIC, '--config', 'retention.ms=60000', '--config', 'min.insync.replicas=0']);
    expect(zero.code).toBe(1);
    expect(zero.stdout).toBe('');
    expect(zero.stderr).toMatch(/^brook: INVALID_CONFIG: .*min\.insync\.replicas/);
    const unknown = await brook(['topic', 'alter', TOPIC, '--config', 'retention.ms=60000', '--config', 'no.such.key=1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^brook: INVALID_CONFIG: .*no\.such\.key/);
    const validated = await brook(['topic', 'alter', TOPIC, '--config', 'retention.ms=60000', '--validate-only']);
    expect(validated).toMatchObject({ code: 0, stdout: `validated changes to topic ${TOPIC} (nothing changed): set retention.ms=60000\n` });
    const missing = await brook(['topic', 'alter', 'no-such-topic', '--config', 'retention.ms=60000']);
    expect(missing.stderr).toMatch(/^brook: UNKNOWN_TOPIC_OR_PARTITION: /);
    // retention.ms came first in both refused changes: neither applied any part.
    expect(await configsOf(TOPIC)).toEqual(before);
  });

  it('min.insync.replicas applies to the running leader: NOT_ENOUGH_REPLICAS with 2 in sync of 3 required, success at 2', async () => {
    onTestFailed(() => console.log(cluster.diagnostics()));
    const full = await cluster.waitFor(async () => {
      const partition = (await cluster.describeTopic(TOPIC))?.partitions[0];
      return partition !== undefined && partition.leaderId > 0 && partition.isr.length === 3 ? partition : undefined;
    }, 30_000, { what: 'a full ISR' });
    const leader = cluster.node(full.leaderId);
    const controller = await cluster.activeController();
    // A follower, and not the active controller when that can be avoided: no election to wait for.
    const followers = full.replicas.filter((id) => id !== full.leaderId);
    const victimId = followers.find((id) => id !== controller.nodeId) ?? followers[0]!;
    expect(await produceOnce([leader.clientAddress], 'before the kill')).toBe('OK');

    await cluster.node(victimId).kill9();
    const shrunk = await cluster.waitFor(async () => {
      const partition = (await cluster.describeTopic(TOPIC, leader))?.partitions[0];
      return partition?.leaderId === leader.nodeId && partition.isr.length === 2 ? partition : undefined;
    }, 30_000, { what: `the ISR without node ${victimId}` });
    expect(shrunk.isr).not.toContain(victimId);
    const live = cluster.live().map((node) => node.clientAddress);
    expect(await produceOnce(live, 'refused')).toBe('NOT_ENOUGH_REPLICAS');

    // Through the leader, whose answer waits until its own image holds the change.
    const lowered = await brook(['topic', 'alter', TOPIC, '--config', 'min.insync.replicas=2'], [leader.clientAddress]);
    expect(lowered.code, lowered.stderr).toBe(0);
    expect(lowered.stdout).toMatch(/\nmin\.insync\.replicas\s+2\s+topic\n/);
    // The partition takes the new value as the leader applies the record; allow it a moment.
    const outcome = await cluster.waitFor(async () => ((await produceOnce(live, 'accepted')) === 'OK' ? 'OK' : undefined), 10_000, { what: 'an acks=all produce accepted with min.insync.replicas=2' });
    expect(outcome).toBe('OK');
    const consumed = await brook(['consume', TOPIC, '-e', '--format', '%v'], live);
    expect(consumed.stdout.split('\n').filter((line) => line !== '')).toEqual(expect.arrayContaining(['before the kill', 'accepted']));
    expect(consumed.stdout).not.toMatch(/^refused$/m);
  });
});
