// Groups per-partition work by the leader that must serve it, so each round sends one RPC per
// leader broker covering all its partitions (never one per partition).
import { BrookError } from '@brook/protocol';
import type { MetadataCache } from './metadata-cache.js';

export interface LeaderGroupItem<T> {
  readonly item: T;
  readonly leaderId: number;
  readonly leaderEpoch: number;
}

export function leaderGroups<T extends { readonly topic: string; readonly partition: number }>(
  metadata: MetadataCache,
  items: readonly T[],
): { groups: Map<string, Array<LeaderGroupItem<T>>>; leaderless: T[] } {
  const groups = new Map<string, Array<LeaderGroupItem<T>>>();
  const leaderless: T[] = [];
  for (const item of items) {
    const leader = metadata.leaderOf(item.topic, item.partition);
    if (leader === undefined) {
      leaderless.push(item);
      continue;
    }
    const group = groups.get(leader.broker.address) ?? [];
    group.push({ item, leaderId: leader.broker.nodeId, leaderEpoch: leader.leaderEpoch });
    groups.set(leader.broker.address, group);
  }
  return { groups, leaderless };
}

/** Why the cache has no leader for a partition: unknown topic, unknown partition, or no leader yet. */
export function missingLeaderError(metadata: MetadataCache, topic: string, partition: number): BrookError {
  const info = metadata.cachedTopic(topic);
  if (info === undefined) return metadata.topicError(topic) ?? new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${topic} is not known to the cluster`);
  const p = info.partitions[partition];
  if (p === undefined) return new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${topic} has no partition ${partition} (it has ${info.partitions.length})`);
  return p.error ?? new BrookError('LEADER_NOT_AVAILABLE', `partition ${topic}/${partition} has no reachable leader`);
}
