// The metadata cache over real gRPC against the fake cluster: bootstrap past an unreachable
// address, broker ids mapped to the advertised addresses, coalesced refreshes (many callers, one
// RPC), max age, and retried topic errors that end in the caller's BrookError.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { FakeBrookCluster } from '../testing/fake-cluster.js';
import { ConnectionPool } from '../transport/connection-pool.js';
import { rpcMessageSizeOptions } from '@brook/protocol';
import { MetadataCache } from './metadata-cache.js';

let cluster: FakeBrookCluster;
let pool: ConnectionPool;

const retry = { retries: 2, initialBackoffMs: 1, maxBackoffMs: 5, totalTimeoutMs: 5000 };

function cache(bootstrap: string[], maxAgeMs = 60_000): MetadataCache {
  return new MetadataCache(pool, { bootstrap, maxAgeMs, retry, logger: silentLogger });
}

beforeEach(async () => {
  cluster = await FakeBrookCluster.start({ brokers: 3 });
  cluster.createTopic('t', 3);
  pool = new ConnectionPool(2000, rpcMessageSizeOptions());
});

afterEach(() => {
  pool.close();
  cluster.close();
});

describe('MetadataCache', () => {
  it('bootstraps from any listed broker and maps leaders to advertised addresses', async () => {
    // Port 1 on localhost refuses connections: the cache must move on to the next address.
    const metadata = cache(['127.0.0.1:1', cluster.addresses[2]!]);
    const topic = await metadata.topic('t');
    expect(topic.partitions.map((p) => p.leaderId)).toEqual([1, 2, 3]);
    expect(metadata.leaderOf('t', 1)?.broker.address).toBe(cluster.addresses[1]);
    expect(metadata.leaderOf('t', 2)?.broker.nodeId).toBe(3);
    expect(metadata.leaderOf('t', 7)).toBeUndefined();
  });

  it('coalesces concurrent refreshes into one Metadata RPC', async () => {
    const metadata = cache(cluster.addresses);
    await Promise.all(Array.from({ length: 20 }, () => metadata.refresh(['t'])));
    expect(cluster.callsOf('Metadata')).toHaveLength(1);
  });

  it('queues one more request for topics the running refresh does not cover', async () => {
    cluster.createTopic('u', 1);
    const metadata = cache(cluster.addresses);
    const first = metadata.refresh(['t']);
    const second = Promise.all([metadata.refresh(['u']), metadata.refresh(['u']), metadata.refresh(['t', 'u'])]);
    await Promise.all([first, second]);
    const requests = cluster.callsOf('Metadata').map((c) => (c.request as { topics: string[] }).topics);
    expect(requests).toEqual([['t'], ['t', 'u']]);
    expect(metadata.cachedTopic('u')?.partitions).toHaveLength(1);
  });

  it('serves from the cache until the entry is older than maxAgeMs', async () => {
    const fresh = cache(cluster.addresses);
    await fresh.topic('t');
    await fresh.topic('t');
    expect(cluster.callsOf('Metadata')).toHaveLength(1);
    const aging = cache(cluster.addresses, 0);
    await aging.topic('t');
    await aging.topic('t');
    expect(cluster.callsOf('Metadata')).toHaveLength(3);
  });

  it('sees a moved leader after invalidate', async () => {
    const metadata = cache(cluster.addresses);
    await metadata.topic('t');
    cluster.moveLeader('t', 0, 3);
    expect(metadata.leaderOf('t', 0)?.broker.nodeId).toBe(1);
    metadata.invalidate('t');
    await metadata.topic('t');
    expect(metadata.leaderOf('t', 0)).toMatchObject({ broker: { nodeId: 3 }, leaderEpoch: 1 });
  });

  it('retries an unknown topic, then rejects with UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const metadata = cache(cluster.addresses);
    await expect(metadata.topic('missing')).rejects.toMatchObject({ code: 'UNKNOWN_TOPIC_OR_PARTITION' });
    expect(cluster.callsOf('Metadata')).toHaveLength(3);
  });

  it('many callers asking about a missing topic share one backoff, not a request each', async () => {
    const slow = new MetadataCache(pool, { bootstrap: cluster.addresses, maxAgeMs: 60_000, retry: { retries: 3, initialBackoffMs: 50, maxBackoffMs: 200, totalTimeoutMs: 5000 }, logger: silentLogger });
    const askers = Array.from({ length: 200 }, () => slow.topic('missing').catch((error: unknown) => error));
    const answers = await Promise.all(askers);
    expect(answers.every((answer) => (answer as { code?: string }).code === 'UNKNOWN_TOPIC_OR_PARTITION')).toBe(true);
    // Four attempts each; all 200 callers together: the first request and one per backoff step.
    expect(cluster.callsOf('Metadata').length).toBeLessThanOrEqual(8);
    // The topic appears: the next caller after the backoff finds it, and the backoff is forgotten.
    cluster.createTopic('missing', 1);
    await expect(slow.topic('missing')).resolves.toMatchObject({ name: 'missing' });
  });

  it('moves past brokers failing with transport errors, then retries', async () => {
    const metadata = cache(cluster.addresses);
    cluster.failNext('Metadata', 'NETWORK_EXCEPTION', { level: 'request', times: 3 });
    // Every address fails once in turn (three brokers); the retry then reaches a healthy answer.
    await expect(metadata.topic('t')).resolves.toMatchObject({ name: 't' });
  });
});
