// Admin.describeConfigs and Admin.alterConfigs over real gRPC against the in-process fake cluster
// (its configs are a topic's own values over a table of cluster defaults): every config with its
// source, changes key by key with the keys not named kept, validateOnly, per-topic failures as
// one BrookAdminError with a failed topic's values all kept, the client's checks before sending,
// and the retry of a request-level retriable failure.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Brook } from '../brook.js';
import { FakeBrookCluster } from '../testing/fake-cluster.js';
import { BrookAdminError } from './admin-error.js';

let cluster: FakeBrookCluster;
let brook: Brook;

beforeEach(async () => {
  cluster = await FakeBrookCluster.start({ brokers: 2 });
  brook = new Brook({ brokers: cluster.addresses, clientId: 'admin-configs-test', retry: { initialBackoffMs: 5, maxBackoffMs: 20 } });
});

afterEach(async () => {
  await brook.close();
  cluster.close();
});

/** The topic's configs by name: [value, source]. */
async function configsOf(topic: string): Promise<Record<string, [string, string]>> {
  const [described] = await brook.admin().describeConfigs([topic]);
  return Object.fromEntries(described!.configs.map((c) => [c.name, [c.value, c.source]]));
}

describe('Admin.describeConfigs', () => {
  it('describes every config with its source', async () => {
    const admin = brook.admin();
    await admin.createTopics([{ topic: 'orders', configs: { 'retention.ms': '1000' } }]);
    const [orders] = await admin.describeConfigs(['orders']);
    expect(orders!.topic).toBe('orders');
    expect(orders!.configs.map((c) => c.name)).toEqual(['cleanup.policy', 'min.insync.replicas', 'retention.ms', 'segment.bytes']);
    expect(orders!.configs[2]).toEqual({ name: 'retention.ms', value: '1000', source: 'CONFIG_SOURCE_TOPIC', readOnly: false });
    expect(orders!.configs[1]).toMatchObject({ name: 'min.insync.replicas', value: '1', source: 'CONFIG_SOURCE_CLUSTER_DEFAULT' });
  });

  it('rejects describing unknown topics and bad names, and sends nothing for an empty list', async () => {
    const admin = brook.admin();
    await admin.createTopics([{ topic: 'known' }]);
    const error = (await admin.describeConfigs(['known', 'nope', '..']).catch((e: unknown) => e)) as BrookAdminError;
    expect([...error.failures].map(([name, e]) => [name, e.code])).toEqual([
      ['..', 'INVALID_TOPIC_EXCEPTION'],
      ['nope', 'UNKNOWN_TOPIC_OR_PARTITION'],
    ]);
    expect((error.succeeded as Array<{ topic: string }>).map((t) => t.topic)).toEqual(['known']);
    expect(await admin.describeConfigs([])).toEqual([]);
    expect(cluster.callsOf('DescribeConfigs')).toHaveLength(1);
  });
});

describe('Admin.alterConfigs', () => {
  it('sets and deletes keys, leaving the keys not named as they were', async () => {
    const admin = brook.admin();
    await admin.createTopics([{ topic: 'orders', configs: { 'retention.ms': '1000', 'segment.bytes': '4096' } }]);
    const altered = await admin.alterConfigs([{ topic: 'orders', set: { 'min.insync.replicas': '2' }, delete: ['retention.ms'] }], { timeoutMs: 5000 });
    expect(altered).toEqual([{ topic: 'orders' }]);
    expect(await configsOf('orders')).toMatchObject({
      'min.insync.replicas': ['2', 'CONFIG_SOURCE_TOPIC'],
      'retention.ms': ['604800000', 'CONFIG_SOURCE_CLUSTER_DEFAULT'],
      'segment.bytes': ['4096', 'CONFIG_SOURCE_TOPIC'],
    });
    // On the wire: the sets, then the deletes, with the request's options.
    expect(cluster.callsOf('IncrementalAlterConfigs').at(-1)!.request).toEqual({
      topics: [
        {
          name: 'orders',
          configs: [
            { name: 'min.insync.replicas', operation: 'CONFIG_OPERATION_SET', value: '2' },
            { name: 'retention.ms', operation: 'CONFIG_OPERATION_DELETE', value: '' },
          ],
        },
      ],
      timeoutMs: 5000,
      validateOnly: false,
    });
  });

  it('changes nothing with validateOnly', async () => {
    const admin = brook.admin();
    await admin.createTopics([{ topic: 'orders' }]);
    expect(await admin.alterConfigs([{ topic: 'orders', set: { 'retention.ms': '5' } }], { validateOnly: true })).toEqual([{ topic: 'orders' }]);
    expect((await configsOf('orders'))['retention.ms']).toEqual(['604800000', 'CONFIG_SOURCE_CLUSTER_DEFAULT']);
    await expect(admin.alterConfigs([{ topic: 'orders', set: { 'retention.ms': 'soon' } }], { validateOnly: true })).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
  });

  it('retries a request-level retriable failure of an alter', async () => {
    await brook.admin().createTopics([{ topic: 'later' }]);
    cluster.failNext('IncrementalAlterConfigs', 'NOT_CONTROLLER', { level: 'request', times: 2 });
    await expect(brook.admin().alterConfigs([{ topic: 'later', set: { 'retention.ms': '7' } }])).resolves.toEqual([{ topic: 'later' }]);
    expect(cluster.callsOf('IncrementalAlterConfigs')).toHaveLength(3);
  });
});

describe('Admin.alterConfigs failures', () => {
  it('reports per-topic failures as one BrookAdminError; a failed topic keeps all its values', async () => {
    const admin = brook.admin();
    await admin.createTopics([{ topic: 'good' }, { topic: 'bad' }]);
    const error = (await admin
      .alterConfigs([
        { topic: 'good', set: { 'retention.ms': '10' } },
        { topic: 'bad', set: { 'retention.ms': '10', 'no.such.key': 'x' } },
        { topic: 'missing', set: { 'retention.ms': '10' } },
      ])
      .catch((e: unknown) => e)) as BrookAdminError;
    expect(error).toBeInstanceOf(BrookAdminError);
    expect(error.code).toBe('INVALID_CONFIG');
    expect([...error.failures].map(([name, e]) => [name, e.code])).toEqual([
      ['bad', 'INVALID_CONFIG'],
      ['missing', 'UNKNOWN_TOPIC_OR_PARTITION'],
    ]);
    expect(error.failures.get('bad')!.message).toMatch(/^topic bad: unknown topic config "no.such.key"/);
    expect(error.succeeded).toEqual([{ topic: 'good' }]);
    expect((await configsOf('good'))['retention.ms']).toEqual(['10', 'CONFIG_SOURCE_TOPIC']);
    // retention.ms came before the bad key in bad's changes, and was not applied either.
    expect((await configsOf('bad'))['retention.ms']).toEqual(['604800000', 'CONFIG_SOURCE_CLUSTER_DEFAULT']);
  });

  it('refuses before sending: a bad name, a key both set and deleted, no change, a topic named twice', async () => {
    const admin = brook.admin();
    await admin.createTopics([{ topic: 'ok' }]);
    const error = (await admin
      .alterConfigs([
        { topic: 'bad name', set: { 'retention.ms': '1' } },
        { topic: 'both', set: { 'retention.ms': '1' }, delete: ['retention.ms'] },
        { topic: 'empty', set: {}, delete: [] },
        { topic: 'twice', set: { 'retention.ms': '1' } },
        { topic: 'twice', delete: ['retention.ms'] },
        { topic: 'ok', set: { 'retention.ms': '1' } },
      ])
      .catch((e: unknown) => e)) as BrookAdminError;
    expect([...error.failures].map(([name, e]) => [name, e.code])).toEqual([
      ['bad name', 'INVALID_TOPIC_EXCEPTION'],
      ['both', 'INVALID_REQUEST'],
      ['empty', 'INVALID_REQUEST'],
      ['twice', 'INVALID_REQUEST'],
    ]);
    expect(error.failures.get('both')!.message).toBe('topic both: retention.ms both set and deleted');
    expect(error.succeeded).toEqual([{ topic: 'ok' }]);
    const sent = cluster.callsOf('IncrementalAlterConfigs').map((c) => (c.request as { topics: Array<{ name: string }> }).topics.map((t) => t.name));
    expect(sent).toEqual([['ok']]);
    // With nothing valid left, nothing is sent at all.
    await expect(admin.alterConfigs([{ topic: 'ok' }])).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(cluster.callsOf('IncrementalAlterConfigs')).toHaveLength(1);
  });
});
