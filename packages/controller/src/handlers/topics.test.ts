// Checks CreateTopics validation and placement, CreatePartitions, DeleteTopics and topic config
// changes: every error names the protocol error code, placement spreads replicas and preferred
// leaders within one across brokers over many topics, and with racks every partition's
// replicas sit on distinct racks.
import { describe, expect, it } from 'vitest';
import { BrokerHeartbeatTracker } from '../heartbeat-tracker.js';
import { InMemoryMetadataLog, imageViolations, sequentialTopicIds } from '../testing/index.js';
import type { ControllerContext } from '../controller-result.js';
import { topicByName, topicConfig } from '../image.js';
import { NO_LEADER } from '../records.js';
import { alterTopicConfigs } from './alter-configs.js';
import { brokerHeartbeat } from './broker-heartbeat.js';
import { createPartitions } from './create-partitions.js';
import { createTopics } from './create-topics.js';
import { deleteTopics } from './delete-topics.js';
import { fenceStaleBrokers } from './fence-stale-brokers.js';
import { registerBroker } from './register-broker.js';

const ctx: ControllerContext = { nowMs: 0, ids: sequentialTopicIds() };

function cluster(brokers: number, racks: string[] | null = null): { log: InMemoryMetadataLog; tracker: BrokerHeartbeatTracker } {
  const log = new InMemoryMetadataLog();
  const tracker = new BrokerHeartbeatTracker(1000);
  for (let id = 1; id <= brokers; id++) {
    const rack = racks === null ? null : racks[(id - 1) % racks.length]!;
    log.commit(registerBroker(log.image, { brokerId: id, incarnationId: id.toString(16).padStart(32, '0'), listeners: [], rack }, ctx, tracker));
    const epoch = log.image.brokers.get(id)!.epoch;
    log.commit(brokerHeartbeat(log.image, { brokerId: id, brokerEpoch: epoch, currentMetadataOffset: epoch, wantFence: false, wantShutdown: false }, ctx, tracker));
  }
  return { log, tracker };
}

const errorOf = (r: { topics: readonly { error: { code: string } | null }[] }, i = 0): string | null => r.topics[i]?.error?.code ?? null;

describe('CreateTopics', () => {
  it('validates names, counts, replication factor and configs', () => {
    const { log } = cluster(3);
    const created = log.commit(createTopics(log.image, { topics: [{ name: 'ok', partitions: 2, replicationFactor: 3, configs: { 'retention.ms': '1000' } }] }, ctx));
    expect(errorOf(created)).toBeNull();
    const cases: [object, string][] = [
      [{ name: 'ok', partitions: 1, replicationFactor: 1 }, 'TOPIC_ALREADY_EXISTS'],
      [{ name: 'bad name', partitions: 1, replicationFactor: 1 }, 'INVALID_TOPIC_EXCEPTION'],
      [{ name: '..', partitions: 1, replicationFactor: 1 }, 'INVALID_TOPIC_EXCEPTION'],
      [{ name: 'x'.repeat(250), partitions: 1, replicationFactor: 1 }, 'INVALID_TOPIC_EXCEPTION'],
      [{ name: 'p0', partitions: 0, replicationFactor: 1 }, 'INVALID_PARTITIONS'],
      [{ name: 'rf4', partitions: 1, replicationFactor: 4 }, 'INVALID_REPLICATION_FACTOR'],
      [{ name: 'rf0', partitions: 1, replicationFactor: 0 }, 'INVALID_REPLICATION_FACTOR'],
      [{ name: 'cfg', partitions: 1, replicationFactor: 1, configs: { 'cleanup.policy': 'compact' } }, 'INVALID_CONFIG'],
      [{ name: 'cfg2', partitions: 1, replicationFactor: 1, configs: { 'retention.ms': 'soon' } }, 'INVALID_CONFIG'],
      [{ name: 'cfg3', partitions: 1, replicationFactor: 1, configs: { 'no.such.key': '1' } }, 'INVALID_CONFIG'],
    ];
    for (const [topic, code] of cases) {
      const r = createTopics(log.image, { topics: [topic as never] }, ctx);
      expect(errorOf(r.response), JSON.stringify(topic)).toBe(code);
      expect(r.records).toEqual([]);
    }
    const twice = createTopics(log.image, { topics: [{ name: 'a', partitions: 1, replicationFactor: 1 }, { name: 'a', partitions: 1, replicationFactor: 1 }] }, ctx);
    expect([errorOf(twice.response, 0), errorOf(twice.response, 1)]).toEqual(['INVALID_REQUEST', 'INVALID_REQUEST']);
  });

  it('counts only unfenced brokers for the replication factor', () => {
    const { log, tracker } = cluster(3);
    tracker.touch(1, 1000);
    tracker.touch(2, 1000);
    log.commit(fenceStaleBrokers(log.image, { ...ctx, nowMs: 1500 }, tracker));
    expect(errorOf(createTopics(log.image, { topics: [{ name: 't', partitions: 1, replicationFactor: 3 }] }, ctx).response)).toBe('INVALID_REPLICATION_FACTOR');
    const ok = createTopics(log.image, { topics: [{ name: 't', partitions: 4, replicationFactor: 2 }] }, ctx);
    log.commit(ok);
    for (const p of topicByName(log.image, 't')!.partitions) expect(p.replicas).not.toContain(3);
  });

  it('creates partitions with ISR = replicas, the first replica leading, epochs 0', () => {
    const { log } = cluster(3);
    const response = log.commit(createTopics(log.image, { topics: [{ name: 't', partitions: 3, replicationFactor: 2 }] }, ctx));
    const topic = topicByName(log.image, 't')!;
    expect(topic.topicId).toBe(response.topics[0]!.topicId);
    for (const p of topic.partitions) {
      expect(p.isr).toEqual(p.replicas);
      expect(p.leader).toBe(p.replicas[0]);
      expect([p.leaderEpoch, p.partitionEpoch]).toEqual([0, 0]);
    }
  });

});

describe('CreateTopics placement', () => {
  function spreads(brokers: number, topics: { partitions: number; rf: number }[]): { replicas: number; leaders: number }[] {
    const { log } = cluster(brokers);
    const out: { replicas: number; leaders: number }[] = [];
    topics.forEach(({ partitions, rf }, t) => {
      log.commit(createTopics(log.image, { topics: [{ name: `t${t}`, partitions, replicationFactor: rf }] }, ctx));
      const replicas = new Map<number, number>();
      const leaders = new Map<number, number>();
      for (let b = 1; b <= brokers; b++) [replicas, leaders].forEach((m) => m.set(b, 0));
      for (const topic of log.image.topicsById.values()) {
        for (const p of topic.partitions) {
          leaders.set(p.leader, leaders.get(p.leader)! + 1);
          for (const r of p.replicas) replicas.set(r, replicas.get(r)! + 1);
        }
      }
      const spread = (m: Map<number, number>): number => Math.max(...m.values()) - Math.min(...m.values());
      out.push({ replicas: spread(replicas), leaders: spread(leaders) });
    });
    return out;
  }

  it('keeps preferred leaders within one and replicas within two across brokers over many topics', () => {
    for (const brokers of [3, 4, 5, 7]) {
      for (const mode of [1, 2, 3, 'mixed'] as const) {
        const topics = Array.from({ length: 50 }, (_, t) => ({ partitions: 1 + ((t * 7) % 11), rf: Math.min(brokers, mode === 'mixed' ? 1 + (t % 3) : mode) }));
        for (const [t, s] of spreads(brokers, topics).entries()) {
          expect(s.leaders, `leaders after t${t}, rf ${mode}, ${brokers} brokers`).toBeLessThanOrEqual(1);
          expect(s.replicas, `replicas after t${t}, rf ${mode}, ${brokers} brokers`).toBeLessThanOrEqual(mode === 1 ? 1 : 2);
        }
      }
    }
  });

  it('puts the replicas of a partition on distinct racks', () => {
    const { log } = cluster(6, ['a', 'a', 'a', 'b', 'b', 'c']);
    log.commit(createTopics(log.image, { topics: [{ name: 't', partitions: 30, replicationFactor: 3 }, { name: 'u', partitions: 12, replicationFactor: 2 }] }, ctx));
    for (const topic of log.image.topicsById.values()) {
      for (const p of topic.partitions) {
        const racks = p.replicas.map((id) => log.image.brokers.get(id)!.rack);
        expect(new Set(racks).size, `${topic.name} [${p.replicas.join(',')}]`).toBe(p.replicas.length);
      }
    }
  });
});

describe('CreatePartitions, DeleteTopics, configs', () => {
  it('grows a topic only', () => {
    const { log } = cluster(3);
    log.commit(createTopics(log.image, { topics: [{ name: 't', partitions: 2, replicationFactor: 2 }] }, ctx));
    expect(errorOf(createPartitions(log.image, { topics: [{ name: 't', totalCount: 2 }] }).response)).toBe('INVALID_PARTITIONS');
    expect(errorOf(createPartitions(log.image, { topics: [{ name: 'nope', totalCount: 5 }] }).response)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(errorOf(log.commit(createPartitions(log.image, { topics: [{ name: 't', totalCount: 5 }] })))).toBeNull();
    const topic = topicByName(log.image, 't')!;
    expect(topic.partitions).toHaveLength(5);
    expect(topic.partitions.every((p) => p.replicas.length === 2)).toBe(true);
  });

  it('deletes topics with their configs; the name can be reused with a new id', () => {
    const { log } = cluster(1);
    const first = log.commit(createTopics(log.image, { topics: [{ name: 't', partitions: 1, replicationFactor: 1, configs: { 'retention.ms': '5' } }] }, ctx));
    expect(errorOf(deleteTopics(log.image, { names: ['nope'] }).response)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    log.commit(deleteTopics(log.image, { names: ['t', 't'] }));
    expect(log.image.topicsById.size).toBe(0);
    expect(topicConfig(log.image, 't').size).toBe(0);
    const second = log.commit(createTopics(log.image, { topics: [{ name: 't', partitions: 1, replicationFactor: 1 }] }, ctx));
    expect(second.topics[0]!.topicId).not.toBe(first.topics[0]!.topicId);
  });

  it('sets and deletes topic configs, rejecting invalid ones', () => {
    const { log } = cluster(1);
    log.commit(createTopics(log.image, { topics: [{ name: 't', partitions: 1, replicationFactor: 1 }] }, ctx));
    const bad = alterTopicConfigs(log.image, { topics: [{ name: 't', operations: [{ key: 'retention.ms', op: 'set', value: '9' }, { key: 'min.insync.replicas', op: 'set', value: '0' }] }] });
    expect(errorOf(bad.response)).toBe('INVALID_CONFIG');
    expect(bad.records).toEqual([]);
    expect(errorOf(alterTopicConfigs(log.image, { topics: [{ name: 'x', operations: [] }] }).response)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    log.commit(alterTopicConfigs(log.image, { topics: [{ name: 't', operations: [{ key: 'retention.ms', op: 'set', value: '9' }, { key: 'flush.policy', op: 'set', value: 'interval' }] }] }));
    expect(Object.fromEntries(topicConfig(log.image, 't'))).toEqual({ 'retention.ms': '9', 'flush.policy': 'interval' });
    log.commit(alterTopicConfigs(log.image, { topics: [{ name: 't', operations: [{ key: 'retention.ms', op: 'delete' }] }] }));
    expect(Object.fromEntries(topicConfig(log.image, 't'))).toEqual({ 'flush.policy': 'interval' });
  });

  it('elects an unclean leader for leaderless partitions when unclean election is switched on', () => {
    const { log, tracker } = cluster(2);
    log.commit(createTopics(log.image, { topics: [{ name: 't', partitions: 1, replicationFactor: 2 }] }, ctx));
    const topic = topicByName(log.image, 't')!;
    const p0 = topic.partitions[0]!;
    const survivor = p0.replicas[1]!;
    log.commit({ records: [{ type: 'PartitionChange', version: 0, topicId: topic.topicId, partition: 0, isr: [p0.leader] }], response: null });
    tracker.touch(survivor, 1000);
    log.commit(fenceStaleBrokers(log.image, { ...ctx, nowMs: 1500 }, tracker));
    expect(topicByName(log.image, 't')!.partitions[0]!.leader).toBe(NO_LEADER);
    log.commit(alterTopicConfigs(log.image, { topics: [{ name: 't', operations: [{ key: 'unclean.leader.election.enable', op: 'set', value: 'true' }] }] }));
    expect(topicByName(log.image, 't')!.partitions[0]).toMatchObject({ leader: survivor, isr: [survivor] });
    expect(imageViolations(log.image)).toEqual([]);
  });
});
