// Checks broker registration, heartbeats, session fencing and controlled shutdown against an
// in-memory metadata log: epochs are registration offsets, brokers start fenced and are
// unfenced once caught up, fencing moves leaderships within the ISR or leaves the partition
// leaderless with its last ISR member (KIP-841), and controlled shutdown moves leaderships
// before letting the broker go.
import { describe, expect, it } from 'vitest';
import { BrokerHeartbeatTracker } from '../heartbeat-tracker.js';
import { InMemoryMetadataLog, imageViolations, sequentialTopicIds } from '../testing/index.js';
import type { ControllerContext } from '../controller-result.js';
import { brokerHeartbeat } from './broker-heartbeat.js';
import { createTopics } from './create-topics.js';
import { fenceStaleBrokers } from './fence-stale-brokers.js';
import { registerBroker } from './register-broker.js';
import { NO_LEADER } from '../records.js';

const incarnation = (n: number): string => n.toString(16).padStart(32, '0');

function setup(brokers: number[], sessionTimeoutMs = 1000) {
  const log = new InMemoryMetadataLog();
  const tracker = new BrokerHeartbeatTracker(sessionTimeoutMs);
  const ctx = (nowMs: number): ControllerContext => ({ nowMs, ids: sequentialTopicIds() });
  for (const id of brokers) {
    log.commit(registerBroker(log.image, { brokerId: id, incarnationId: incarnation(id), listeners: [], rack: null }, ctx(0), tracker));
    const epoch = log.image.brokers.get(id)!.epoch;
    log.commit(brokerHeartbeat(log.image, { brokerId: id, brokerEpoch: epoch, currentMetadataOffset: log.image.offset, wantFence: false, wantShutdown: false }, ctx(0), tracker));
  }
  const heartbeat = (id: number, nowMs: number, extra: Partial<{ wantFence: boolean; wantShutdown: boolean; offset: number }> = {}) => {
    const epoch = log.image.brokers.get(id)!.epoch;
    return log.commit(brokerHeartbeat(log.image, { brokerId: id, brokerEpoch: epoch, currentMetadataOffset: extra.offset ?? log.image.offset, wantFence: extra.wantFence ?? false, wantShutdown: extra.wantShutdown ?? false }, ctx(nowMs), tracker));
  };
  return { log, tracker, ctx, heartbeat };
}

describe('broker registration', () => {
  it('assigns the registration offset as epoch, starts fenced and answers retries idempotently', () => {
    const { log, tracker, ctx } = setup([]);
    const offset = log.nextOffset();
    const first = log.commit(registerBroker(log.image, { brokerId: 7, incarnationId: incarnation(1), listeners: [{ name: 'i', host: 'h', port: 1 }], rack: 'r1' }, ctx(0), tracker));
    expect(first).toEqual({ error: null, brokerId: 7, brokerEpoch: null });
    expect(log.image.brokers.get(7)).toMatchObject({ epoch: offset, fenced: true, rack: 'r1' });
    const retry = registerBroker(log.image, { brokerId: 7, incarnationId: incarnation(1), listeners: [], rack: 'r1' }, ctx(1), tracker);
    expect(retry.records).toEqual([]);
    expect(retry.response).toEqual({ error: null, brokerId: 7, brokerEpoch: offset });
  });

  it('refuses a second live incarnation and accepts it once the session expired, handing off leaderships', () => {
    const { log, tracker, ctx, heartbeat } = setup([1, 2, 3]);
    log.commit(createTopics(log.image, { topics: [{ name: 't', partitions: 3, replicationFactor: 3 }] }, ctx(0)));
    const dup = registerBroker(log.image, { brokerId: 1, incarnationId: incarnation(99), listeners: [], rack: null }, ctx(500), tracker);
    expect(dup.response).toMatchObject({ error: { code: 'DUPLICATE_BROKER_REGISTRATION' } });
    heartbeat(2, 1500);
    heartbeat(3, 1500);
    const oldEpoch = log.image.brokers.get(1)!.epoch;
    log.commit(registerBroker(log.image, { brokerId: 1, incarnationId: incarnation(99), listeners: [], rack: null }, ctx(1500), tracker));
    const b1 = log.image.brokers.get(1)!;
    expect(b1.epoch).toBeGreaterThan(oldEpoch);
    expect(b1.fenced).toBe(true);
    for (const p of log.image.topicsById.values().next().value!.partitions) {
      expect(p.leader).not.toBe(1);
      expect(p.isr).not.toContain(1);
    }
    expect(imageViolations(log.image)).toEqual([]);
  });
});

describe('broker heartbeat', () => {
  it('answers STALE_BROKER_EPOCH and BROKER_ID_NOT_REGISTERED', () => {
    const { log, tracker, ctx } = setup([1]);
    const stale = brokerHeartbeat(log.image, { brokerId: 1, brokerEpoch: 999, currentMetadataOffset: 0, wantFence: false, wantShutdown: false }, ctx(0), tracker);
    expect(stale.response).toMatchObject({ error: { code: 'STALE_BROKER_EPOCH' } });
    const unknown = brokerHeartbeat(log.image, { brokerId: 5, brokerEpoch: 0, currentMetadataOffset: 0, wantFence: false, wantShutdown: false }, ctx(0), tracker);
    expect(unknown.response).toMatchObject({ error: { code: 'BROKER_ID_NOT_REGISTERED' } });
  });

  it('keeps a broker fenced until its metadata offset reaches its registration', () => {
    const { log, tracker, ctx, heartbeat } = setup([]);
    log.commit(registerBroker(log.image, { brokerId: 1, incarnationId: incarnation(1), listeners: [], rack: null }, ctx(0), tracker));
    const epoch = log.image.brokers.get(1)!.epoch;
    expect(heartbeat(1, 10, { offset: epoch - 1 })).toEqual({ error: null, isCaughtUp: false, isFenced: true, shouldShutdown: false });
    expect(log.image.brokers.get(1)!.fenced).toBe(true);
    expect(heartbeat(1, 20, { offset: epoch, wantFence: true })).toMatchObject({ isFenced: true });
    expect(heartbeat(1, 30, { offset: epoch })).toEqual({ error: null, isCaughtUp: true, isFenced: false, shouldShutdown: false });
    expect(log.image.brokers.get(1)!.fenced).toBe(false);
  });
});

describe('session fencing', () => {
  it('fences silent brokers, moves their leaderships within the ISR and keeps the last ISR member (KIP-841)', () => {
    const { log, tracker, ctx, heartbeat } = setup([1, 2, 3]);
    log.commit(createTopics(log.image, { topics: [{ name: 'r3', partitions: 6, replicationFactor: 3 }, { name: 'r1', partitions: 3, replicationFactor: 1 }] }, ctx(0)));
    heartbeat(2, 900);
    heartbeat(3, 900);
    expect(fenceStaleBrokers(log.image, ctx(999), tracker).records).toEqual([]);
    const response = log.commit(fenceStaleBrokers(log.image, ctx(1000), tracker));
    expect(response.fenced).toEqual([1]);
    expect(log.image.brokers.get(1)!.fenced).toBe(true);
    const [r3, r1] = ['r3', 'r1'].map((n) => log.image.topicsById.get(log.image.topicIdsByName.get(n)!)!);
    for (const p of r3!.partitions) {
      expect(p.leader).not.toBe(1);
      expect(p.isr).not.toContain(1);
      expect(p.leader).toBe(p.replicas.find((id) => id !== 1));
    }
    const onOne = r1!.partitions.find((p) => p.replicas[0] === 1)!;
    expect(onOne).toMatchObject({ leader: NO_LEADER, isr: [1], leaderEpoch: 1 });
    expect(imageViolations(log.image)).toEqual([]);
  });

  it('re-elects a returning last ISR member when it unfences', () => {
    const { log, tracker, ctx, heartbeat } = setup([1, 2]);
    log.commit(createTopics(log.image, { topics: [{ name: 'solo', partitions: 2, replicationFactor: 1 }] }, ctx(0)));
    heartbeat(2, 900);
    log.commit(fenceStaleBrokers(log.image, ctx(1000), tracker));
    const topic = () => log.image.topicsById.get(log.image.topicIdsByName.get('solo')!)!;
    expect(topic().partitions.filter((p) => p.leader === NO_LEADER)).toHaveLength(1);
    heartbeat(1, 1100);
    expect(log.image.brokers.get(1)!.fenced).toBe(false);
    const p = topic().partitions.find((q) => q.replicas[0] === 1)!;
    expect(p).toMatchObject({ leader: 1, isr: [1], leaderEpoch: 2 });
  });

  it('elects an out-of-sync replica only when the topic allows unclean election', () => {
    for (const unclean of ['false', 'true']) {
      const { log, tracker, ctx, heartbeat } = setup([1, 2]);
      log.commit(createTopics(log.image, { topics: [{ name: 't', partitions: 1, replicationFactor: 2, configs: { 'unclean.leader.election.enable': unclean } }] }, ctx(0)));
      const id = log.image.topicIdsByName.get('t')!;
      const p0 = log.image.topicsById.get(id)!.partitions[0]!;
      const follower = p0.replicas[1]!;
      log.commit({ records: [{ type: 'PartitionChange', version: 0, topicId: id, partition: 0, isr: [p0.leader] }], response: null });
      heartbeat(follower, 900);
      log.commit(fenceStaleBrokers(log.image, ctx(1000), tracker));
      const after = log.image.topicsById.get(id)!.partitions[0]!;
      if (unclean === 'true') expect(after).toMatchObject({ leader: follower, isr: [follower] });
      else expect(after).toMatchObject({ leader: NO_LEADER, isr: [p0.leader] });
    }
  });

  it('gives a broker never seen by this controller a fresh session (failover)', () => {
    const { log, tracker, ctx } = setup([1, 2]);
    tracker.clear();
    expect(fenceStaleBrokers(log.image, ctx(50_000), tracker).records).toEqual([]);
    expect(fenceStaleBrokers(log.image, ctx(51_000), tracker).response.fenced).toEqual([1, 2]);
  });
});

describe('controlled shutdown', () => {
  it('moves leaderships away, then fences the broker and lets it go', () => {
    const { log, ctx, heartbeat } = setup([1, 2, 3]);
    log.commit(createTopics(log.image, { topics: [{ name: 't', partitions: 6, replicationFactor: 3 }, { name: 'one', partitions: 3, replicationFactor: 1 }] }, ctx(0)));
    const first = heartbeat(1, 10, { wantShutdown: true, offset: log.image.offset });
    expect(first).toMatchObject({ shouldShutdown: false, isFenced: false });
    const b1 = log.image.brokers.get(1)!;
    expect(b1.inControlledShutdown).toBe(true);
    for (const topic of log.image.topicsById.values()) {
      for (const p of topic.partitions) {
        expect(p.leader).not.toBe(1);
        if (p.replicas.length > 1) expect(p.isr).not.toContain(1);
      }
    }
    // A broker that has not applied the shutdown record yet is not let go.
    expect(heartbeat(1, 20, { wantShutdown: true, offset: b1.controlledShutdownOffset - 1 })).toMatchObject({ shouldShutdown: false });
    expect(heartbeat(1, 30, { wantShutdown: true })).toMatchObject({ shouldShutdown: true, isFenced: true });
    expect(log.image.brokers.get(1)!.fenced).toBe(true);
    expect(imageViolations(log.image)).toEqual([]);
  });
});
