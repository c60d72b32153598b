// The invariants of one partition registration, asserted by replay on every Partition and
// PartitionChange record (ReplicationControlManager validates the same way before it replays).

import { check } from './errors.js';
import type { BrokerRegistration, PartitionRegistration } from './image.js';
import { NO_LEADER } from './records.js';
import type { BrokerId } from './records.js';

export function checkPartition(
  p: PartitionRegistration,
  broker: (id: BrokerId) => BrokerRegistration | undefined,
  name: string,
): void {
  check(p.replicas.length > 0 && new Set(p.replicas).size === p.replicas.length, 'DistinctReplicas', () => `${name} replicas [${p.replicas.join(',')}]`);
  check(new Set(p.isr).size === p.isr.length, 'DistinctIsr', () => `${name} isr [${p.isr.join(',')}]`);
  // Invariant: the ISR is a subset of the replicas.
  check(p.isr.every((id) => p.replicas.includes(id)), 'IsrSubsetOfReplicas', () => `${name} isr [${p.isr.join(',')}] replicas [${p.replicas.join(',')}]`);
  // KIP-841: the ISR never becomes empty; a leaderless partition keeps its last member.
  check(p.isr.length > 0, 'NonEmptyIsr', () => `${name} has an empty ISR`);
  check(p.leaderEpoch >= 0 && p.partitionEpoch >= 0, 'NonNegativeEpochs', () => `${name} epochs ${p.leaderEpoch}/${p.partitionEpoch}`);
  if (p.leader === NO_LEADER) return;
  // Invariant: the leader is in the ISR, and is a live (unfenced) broker (PROTOCOL-NOTES 5).
  check(p.isr.includes(p.leader), 'LeaderInIsr', () => `${name} leader ${p.leader} not in [${p.isr.join(',')}]`);
  const leader = broker(p.leader);
  check(leader !== undefined && !leader.fenced, 'LeaderUnfenced', () => `${name} leader ${p.leader} is fenced or unknown`);
}
