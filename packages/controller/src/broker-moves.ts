// Partition changes that follow a broker's state: taking leaderships and ISR places away from
// brokers that are being fenced, re-registered or shut down, and electing leaders for
// leaderless partitions when a broker comes back. Kafka's ReplicationControlManager does both
// through generateLeaderAndIsrUpdates(); the election rules are in partition-change.ts.

import type { MetadataImage, PartitionRegistration } from './image.js';
import { topicConfig } from './image.js';
import { buildPartitionChange, isrWithout } from './partition-change.js';
import { NO_LEADER } from './records.js';
import type { BrokerId, PartitionChangeRecord } from './records.js';

/** Is unclean leader election enabled for this topic (default false, PROTOCOL-NOTES 3)? */
export function uncleanAllowed(image: MetadataImage, topicName: string): boolean {
  return topicConfig(image, topicName).get('unclean.leader.election.enable') === 'true';
}

/** Acceptable leaders: unfenced, not shutting down, and not in `excluded`. */
export function acceptableLeader(image: MetadataImage, excluded: ReadonlySet<BrokerId>): (id: BrokerId) => boolean {
  return (id) => {
    if (excluded.has(id)) return false;
    const broker = image.brokers.get(id);
    return broker !== undefined && !broker.fenced && !broker.inControlledShutdown;
  };
}

/**
 * Changes removing `brokers` from every ISR and leadership: a new leader from the ISR where one
 * is acceptable; where a removed broker is the last ISR member it stays and the leader becomes
 * NO_LEADER (KIP-841), unless the topic allows unclean election.
 */
export function movesAwayFrom(image: MetadataImage, brokers: ReadonlySet<BrokerId>): PartitionChangeRecord[] {
  const acceptable = acceptableLeader(image, brokers);
  const changes: PartitionChangeRecord[] = [];
  for (const topic of image.topicsById.values()) {
    const unclean = uncleanAllowed(image, topic.name);
    topic.partitions.forEach((p, index) => {
      if (!touches(p, brokers)) return;
      let isr = p.isr;
      for (const id of brokers) isr = isrWithout(isr, id);
      const change = buildPartitionChange(topic.topicId, index, p, { isr, uncleanAllowed: unclean, acceptable });
      if (change !== null) changes.push(change);
    });
  }
  return changes;
}

function touches(p: PartitionRegistration, brokers: ReadonlySet<BrokerId>): boolean {
  return brokers.has(p.leader) || p.isr.some((id) => brokers.has(id));
}

/**
 * Elections for leaderless partitions once `brokerId` is acceptable again (it was just
 * unfenced, in the same batch): Kafka's handleBrokerUnfenced.
 */
export function electionsOnUnfence(image: MetadataImage, brokerId: BrokerId): PartitionChangeRecord[] {
  const base = acceptableLeader(image, new Set());
  const acceptable = (id: BrokerId): boolean => id === brokerId || base(id);
  const changes: PartitionChangeRecord[] = [];
  for (const topic of image.topicsById.values()) {
    const unclean = uncleanAllowed(image, topic.name);
    topic.partitions.forEach((p, index) => {
      if (p.leader !== NO_LEADER || !p.replicas.includes(brokerId)) return;
      const change = buildPartitionChange(topic.topicId, index, p, { uncleanAllowed: unclean, acceptable });
      if (change !== null) changes.push(change);
    });
  }
  return changes;
}

/** Does the broker lead any partition in `image`? */
export function leadsAnything(image: MetadataImage, brokerId: BrokerId): boolean {
  for (const topic of image.topicsById.values()) {
    if (topic.partitions.some((p) => p.leader === brokerId)) return true;
  }
  return false;
}
