// Checks AlterPartition's validation order and result (KIP-497, KIP-841, KIP-903), explicit and
// automatic preferred-leader election, unclean ElectLeaders, and producer id blocks.
import { beforeEach, describe, expect, it } from 'vitest';
import { BrokerHeartbeatTracker } from '../heartbeat-tracker.js';
import { InMemoryMetadataLog, imageViolations, sequentialTopicIds } from '../testing/index.js';
import type { ControllerContext } from '../controller-result.js';
import type { PartitionRegistration } from '../image.js';
import { topicByName } from '../image.js';
import { NO_LEADER } from '../records.js';
import { allocateProducerIds, PRODUCER_ID_BLOCK_SIZE } from './allocate-producer-ids.js';
import { alterPartition } from './alter-partition.js';
import type { AlterPartitionCommand } from './alter-partition.js';
import { brokerHeartbeat } from './broker-heartbeat.js';
import { createTopics } from './create-topics.js';
import { electLeaders, electPreferredLeaders } from './elect-leaders.js';
import { fenceStaleBrokers } from './fence-stale-brokers.js';
import { registerBroker } from './register-broker.js';

const ctx: ControllerContext = { nowMs: 0, ids: sequentialTopicIds() };
let log: InMemoryMetadataLog;
let tracker: BrokerHeartbeatTracker;

function heartbeat(id: number, nowMs: number): void {
  const epoch = log.image.brokers.get(id)!.epoch;
  log.commit(brokerHeartbeat(log.image, { brokerId: id, brokerEpoch: epoch, currentMetadataOffset: log.image.offset, wantFence: false, wantShutdown: false }, { ...ctx, nowMs }, tracker));
}

beforeEach(() => {
  log = new InMemoryMetadataLog();
  tracker = new BrokerHeartbeatTracker(1000);
  for (const id of [1, 2, 3]) {
    log.commit(registerBroker(log.image, { brokerId: id, incarnationId: id.toString(16).padStart(32, '0'), listeners: [], rack: null }, ctx, tracker));
    heartbeat(id, 0);
  }
  log.commit(createTopics(log.image, { topics: [{ name: 't', partitions: 3, replicationFactor: 3 }] }, ctx));
});

const partition = (i = 0): PartitionRegistration => topicByName(log.image, 't')!.partitions[i]!;
const epochOf = (id: number): number => log.image.brokers.get(id)!.epoch;

function shrinkCommand(overrides: Partial<AlterPartitionCommand> = {}): AlterPartitionCommand {
  const p = partition();
  const keep = p.isr.filter((id) => id !== p.replicas[2]);
  return {
    brokerId: p.leader,
    brokerEpoch: epochOf(p.leader),
    topicId: topicByName(log.image, 't')!.topicId,
    partition: 0,
    leaderEpoch: p.leaderEpoch,
    partitionEpoch: p.partitionEpoch,
    newIsr: keep.map((id) => ({ brokerId: id, brokerEpoch: epochOf(id) })),
    ...overrides,
  };
}

describe('AlterPartition', () => {
  it('shrinks and expands the ISR, bumping only the partition epoch', () => {
    const before = partition();
    const shrunk = log.commit(alterPartition(log.image, shrinkCommand()));
    expect(shrunk).toMatchObject({ error: null, leader: before.leader, leaderEpoch: before.leaderEpoch, partitionEpoch: before.partitionEpoch + 1 });
    expect(partition()).toMatchObject({ isr: before.replicas.slice(0, 2), leaderEpoch: 0, partitionEpoch: 1 });
    const expand = shrinkCommand({ newIsr: before.replicas.map((id) => ({ brokerId: id, brokerEpoch: -1 })) });
    expect(log.commit(alterPartition(log.image, expand))).toMatchObject({ error: null, partitionEpoch: 2 });
    expect(partition().isr).toEqual(before.replicas);
  });

  it('answers an unchanged ISR without a record', () => {
    const p = partition();
    const same = alterPartition(log.image, shrinkCommand({ newIsr: p.isr.map((id) => ({ brokerId: id, brokerEpoch: epochOf(id) })) }));
    expect(same.records).toEqual([]);
    expect(same.response).toMatchObject({ error: null, partitionEpoch: p.partitionEpoch });
  });

  it('rejects with the code of the first failed check', () => {
    const p = partition();
    const follower = p.replicas.find((id) => id !== p.leader)!;
    const codeOf = (c: AlterPartitionCommand): string | null => {
      const r = alterPartition(log.image, c);
      if (r.response.error !== null) expect(r.records).toEqual([]);
      return r.response.error?.code ?? null;
    };
    expect(codeOf(shrinkCommand({ brokerEpoch: 12345 }))).toBe('STALE_BROKER_EPOCH');
    expect(codeOf(shrinkCommand({ partition: 9 }))).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(codeOf(shrinkCommand({ brokerId: follower, brokerEpoch: epochOf(follower) }))).toBe('NOT_LEADER_OR_FOLLOWER');
    expect(codeOf(shrinkCommand({ leaderEpoch: p.leaderEpoch - 1 }))).toBe('FENCED_LEADER_EPOCH');
    expect(codeOf(shrinkCommand({ partitionEpoch: p.partitionEpoch + 1 }))).toBe('INVALID_UPDATE_VERSION');
    expect(codeOf(shrinkCommand({ newIsr: [{ brokerId: follower, brokerEpoch: -1 }] }))).toBe('INVALID_REQUEST');
    expect(codeOf(shrinkCommand({ newIsr: [{ brokerId: p.leader, brokerEpoch: -1 }, { brokerId: 9, brokerEpoch: -1 }] }))).toBe('INVALID_REQUEST');
    expect(codeOf(shrinkCommand({ newIsr: p.isr.map((id) => ({ brokerId: id, brokerEpoch: id === follower ? 1 : -1 })) }))).toBe('INELIGIBLE_REPLICA');
  });

  it('refuses fenced and shutting-down replicas as new ISR members (KIP-841)', () => {
    const p = partition();
    const out = p.replicas.find((id) => id !== p.leader)!;
    log.commit(alterPartition(log.image, shrinkCommand({ newIsr: p.isr.filter((id) => id !== out).map((id) => ({ brokerId: id, brokerEpoch: -1 })) })));
    const others = [1, 2, 3].filter((id) => id !== out);
    for (const id of others) heartbeat(id, 900);
    log.commit(fenceStaleBrokers(log.image, { ...ctx, nowMs: 1000 }, tracker));
    const now = partition();
    const back = alterPartition(log.image, { ...shrinkCommand(), leaderEpoch: now.leaderEpoch, partitionEpoch: now.partitionEpoch, newIsr: [...now.isr, out].map((id) => ({ brokerId: id, brokerEpoch: -1 })) });
    expect(back.response.error?.code).toBe('INELIGIBLE_REPLICA');
  });
});

describe('leader elections', () => {
  function moveLeadershipOff(i: number): number {
    // The preferred leader drops out by session timeout and comes back: leadership stays away.
    const preferred = partition(i).replicas[0]!;
    for (const id of [1, 2, 3].filter((b) => b !== preferred)) heartbeat(id, 900);
    log.commit(fenceStaleBrokers(log.image, { ...ctx, nowMs: 1000 }, tracker));
    heartbeat(preferred, 1000);
    return preferred;
  }

  it('elects preferred leaders automatically once they are back and in sync', () => {
    const preferred = moveLeadershipOff(0);
    expect(partition(0).leader).not.toBe(preferred);
    expect(electPreferredLeaders(log.image).records).toEqual([]);
    const p = partition(0);
    log.commit(alterPartition(log.image, {
      brokerId: p.leader, brokerEpoch: epochOf(p.leader), topicId: topicByName(log.image, 't')!.topicId, partition: 0,
      leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr: [...p.isr, preferred].map((id) => ({ brokerId: id, brokerEpoch: epochOf(id) })),
    }));
    const run = log.commit(electPreferredLeaders(log.image));
    expect(run.elected).toBeGreaterThanOrEqual(1);
    expect(partition(0)).toMatchObject({ leader: preferred, leaderEpoch: p.leaderEpoch + 1 });
    expect(electPreferredLeaders(log.image).records).toEqual([]);
    expect(imageViolations(log.image)).toEqual([]);
  });

  it('answers ElectLeaders per partition', () => {
    const preferred = moveLeadershipOff(0);
    const r = electLeaders(log.image, { electionType: 'preferred', partitions: [{ topic: 't', partition: 0 }, { topic: 't', partition: 7 }] });
    expect(r.response.partitions.map((p) => p.error?.code ?? null)).toEqual(['PREFERRED_LEADER_NOT_AVAILABLE', 'UNKNOWN_TOPIC_OR_PARTITION']);
    expect(partition(0).isr).not.toContain(preferred);
    const unclean = electLeaders(log.image, { electionType: 'unclean', partitions: [{ topic: 't', partition: 0 }] });
    expect(unclean.response.partitions[0]!.error?.code).toBe('ELECTION_NOT_NEEDED');
  });

  it('elects an unclean leader on request for a leaderless partition', () => {
    const p = partition(0);
    const [a, b] = [p.replicas[0]!, p.replicas[1]!];
    const c = p.replicas[2]!;
    log.commit(alterPartition(log.image, shrinkCommand({ newIsr: [{ brokerId: a, brokerEpoch: -1 }] })));
    heartbeat(b, 900);
    heartbeat(c, 900);
    log.commit(fenceStaleBrokers(log.image, { ...ctx, nowMs: 1000 }, tracker));
    expect(partition(0)).toMatchObject({ leader: NO_LEADER, isr: [a] });
    log.commit(electLeaders(log.image, { electionType: 'unclean', partitions: [{ topic: 't', partition: 0 }] }));
    expect(partition(0)).toMatchObject({ leader: b, isr: [b] });
    expect(imageViolations(log.image)).toEqual([]);
  });
});

describe('AllocateProducerIds', () => {
  it('hands out consecutive blocks and checks the broker epoch', () => {
    const first = log.commit(allocateProducerIds(log.image, { brokerId: 1, brokerEpoch: epochOf(1) }));
    const second = log.commit(allocateProducerIds(log.image, { brokerId: 2, brokerEpoch: epochOf(2) }));
    expect(first).toEqual({ error: null, firstProducerId: 0, size: PRODUCER_ID_BLOCK_SIZE });
    expect(second).toEqual({ error: null, firstProducerId: PRODUCER_ID_BLOCK_SIZE, size: PRODUCER_ID_BLOCK_SIZE });
    expect(log.image.producerIds.nextProducerId).toBe(2 * PRODUCER_ID_BLOCK_SIZE);
    expect(allocateProducerIds(log.image, { brokerId: 1, brokerEpoch: 77 }).response.error?.code).toBe('STALE_BROKER_EPOCH');
  });
});
