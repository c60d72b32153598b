// A seeded random workload of controller commands, for property tests and simulations: brokers
// register (sometimes as a new incarnation), heartbeat (sometimes lagging, asking to be fenced
// or to shut down), go silent and get fenced; topics are created, grown, reconfigured and
// deleted; leaders shrink and expand ISRs with current or stale epochs; elections run. Every
// command is answered by the real handlers; the workload only picks plausible arguments from
// the current image, so both accepted and rejected paths are exercised.

import type { Random } from '@brook/raft';
import type { ControllerContext, ControllerResult } from '../controller-result.js';
import type { BrokerHeartbeatTracker } from '../heartbeat-tracker.js';
import type { MetadataImage } from '../image.js';
import { allocateProducerIds } from '../handlers/allocate-producer-ids.js';
import { alterTopicConfigs } from '../handlers/alter-configs.js';
import { alterPartition } from '../handlers/alter-partition.js';
import { brokerHeartbeat } from '../handlers/broker-heartbeat.js';
import { createPartitions } from '../handlers/create-partitions.js';
import { createTopics } from '../handlers/create-topics.js';
import { deleteTopics } from '../handlers/delete-topics.js';
import { electLeaders, electPreferredLeaders } from '../handlers/elect-leaders.js';
import { fenceStaleBrokers } from '../handlers/fence-stale-brokers.js';
import { registerBroker } from '../handlers/register-broker.js';

export interface WorkloadOptions {
  readonly brokerIds: readonly number[];
  readonly topicNames: readonly string[];
}

export const DEFAULT_WORKLOAD: WorkloadOptions = { brokerIds: [1, 2, 3, 4], topicNames: ['a', 'b', 'c'] };

const pick = <T>(random: Random, items: readonly T[]): T => items[random.nextInt(items.length)]!;

/**
 * One random command against `image`, run through its handler. `silent` brokers do not
 * heartbeat (a crashed or partitioned broker).
 */
export function randomCommand(
  random: Random,
  image: MetadataImage,
  context: ControllerContext,
  tracker: BrokerHeartbeatTracker,
  options: WorkloadOptions = DEFAULT_WORKLOAD,
  silent: ReadonlySet<number> = new Set(),
): ControllerResult<unknown> {
  const roll = random.nextInt(100);
  const live = options.brokerIds.filter((id) => !silent.has(id));
  if (roll < 10 && live.length > 0) {
    const id = pick(random, live);
    const incarnation = (id * 16 + random.nextInt(3)).toString(16).padStart(32, '0');
    return registerBroker(image, { brokerId: id, incarnationId: incarnation, listeners: [{ name: 'internal', host: `b${id}`, port: 9093 }], rack: `r${id % 2}` }, context, tracker);
  }
  if (roll < 45 && live.length > 0) {
    const id = pick(random, live);
    const broker = image.brokers.get(id);
    const epoch = broker === undefined || random.nextInt(10) === 0 ? random.nextInt(50) : broker.epoch;
    const lag = random.nextInt(4) === 0 ? random.nextInt(5) : 0;
    return brokerHeartbeat(image, { brokerId: id, brokerEpoch: epoch, currentMetadataOffset: image.offset - lag, wantFence: random.nextInt(30) === 0, wantShutdown: random.nextInt(25) === 0 }, context, tracker);
  }
  if (roll < 52) return fenceStaleBrokers(image, context, tracker);
  if (roll < 62) {
    const configs: Record<string, string> = random.nextInt(3) === 0 ? { 'unclean.leader.election.enable': 'true' } : {};
    return createTopics(image, { topics: [{ name: pick(random, options.topicNames), partitions: 1 + random.nextInt(4), replicationFactor: 1 + random.nextInt(3), configs }] }, context);
  }
  if (roll < 65) return createPartitions(image, { topics: [{ name: pick(random, options.topicNames), totalCount: 1 + random.nextInt(6) }] });
  if (roll < 68) return deleteTopics(image, { names: [pick(random, options.topicNames)] });
  if (roll < 71) {
    const value = random.nextInt(2) === 0 ? 'true' : 'false';
    return alterTopicConfigs(image, { topics: [{ name: pick(random, options.topicNames), operations: [{ key: 'unclean.leader.election.enable', op: 'set', value }] }] });
  }
  if (roll < 90) return randomAlterPartition(random, image);
  if (roll < 95) return electPreferredLeaders(image);
  if (roll < 97) return electLeaders(image, { electionType: 'unclean', partitions: null });
  const id = pick(random, options.brokerIds);
  return allocateProducerIds(image, { brokerId: id, brokerEpoch: image.brokers.get(id)?.epoch ?? 0 });
}

function randomAlterPartition(random: Random, image: MetadataImage): ControllerResult<unknown> {
  const topics = [...image.topicsById.values()].filter((t) => t.partitions.length > 0);
  if (topics.length === 0) return electPreferredLeaders(image);
  const topic = pick(random, topics);
  const index = random.nextInt(topic.partitions.length);
  const p = topic.partitions[index]!;
  const sender = p.leader >= 0 ? p.leader : pick(random, p.replicas);
  // Shrink to a random subset that keeps the leader, or expand by every replica.
  const isr = random.nextInt(2) === 0 ? p.replicas.filter((id) => id === sender || random.nextInt(2) === 0) : [...p.replicas];
  const stale = random.nextInt(8) === 0;
  return alterPartition(image, {
    brokerId: sender,
    brokerEpoch: image.brokers.get(sender)?.epoch ?? 0,
    topicId: topic.topicId,
    partition: index,
    leaderEpoch: p.leaderEpoch,
    partitionEpoch: stale ? p.partitionEpoch - 1 : p.partitionEpoch,
    newIsr: isr.map((id) => ({ brokerId: id, brokerEpoch: image.brokers.get(id)?.epoch ?? -1 })),
  });
}
