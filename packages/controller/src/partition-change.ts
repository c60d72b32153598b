// Building one PartitionChange record (Kafka's PartitionChangeBuilder): the caller says what
// the ISR (and replicas) should become; this file decides the leader and drops the record when
// nothing would change. Replay bumps the epochs (delta.ts).
//
// Election rules (PROTOCOL-NOTES 3 and 5, KIP-841):
// - a leader must be acceptable: registered, unfenced and not in controlled shutdown;
// - keep the current leader if it is still in the ISR and acceptable (no needless epoch bump);
// - otherwise the first acceptable ISR member in assignment (replica) order;
// - if there is none, unclean election only when the topic allows it: the first acceptable
//   replica becomes leader with ISR = [it];
// - else NO_LEADER, and the ISR keeps its members (never empty), so the partition waits for one
//   of them to come back instead of electing a stale replica.

import type { PartitionRegistration } from './image.js';
import { NO_LEADER } from './records.js';
import type { BrokerId, PartitionChangeRecord, TopicId } from './records.js';

export type LeaderElection = 'keep-or-isr' | 'preferred';

export interface PartitionChangeTarget {
  readonly isr?: readonly BrokerId[];
  readonly replicas?: readonly BrokerId[];
  readonly election?: LeaderElection;
  readonly uncleanAllowed: boolean;
  /** Is this broker acceptable as leader (and, for unclean election, as the new ISR)? */
  readonly acceptable: (id: BrokerId) => boolean;
}

export interface ChosenLeader {
  readonly leader: BrokerId;
  readonly isr: readonly BrokerId[];
}

export function chooseLeader(current: PartitionRegistration, replicas: readonly BrokerId[], isr: readonly BrokerId[], target: PartitionChangeTarget): ChosenLeader {
  if (target.election === 'preferred') {
    const preferred = replicas[0];
    if (preferred !== undefined && isr.includes(preferred) && target.acceptable(preferred)) return { leader: preferred, isr };
  }
  if (current.leader !== NO_LEADER && isr.includes(current.leader) && target.acceptable(current.leader)) {
    return { leader: current.leader, isr };
  }
  const fromIsr = replicas.find((id) => isr.includes(id) && target.acceptable(id));
  if (fromIsr !== undefined) return { leader: fromIsr, isr };
  if (target.uncleanAllowed) {
    const unclean = replicas.find((id) => target.acceptable(id));
    if (unclean !== undefined) return { leader: unclean, isr: [unclean] };
  }
  return { leader: NO_LEADER, isr };
}

/** The change taking `current` to the target, or null when it would change nothing. */
export function buildPartitionChange(topicId: TopicId, partition: number, current: PartitionRegistration, target: PartitionChangeTarget): PartitionChangeRecord | null {
  const replicas = target.replicas ?? current.replicas;
  const requestedIsr = target.isr ?? current.isr;
  const chosen = chooseLeader(current, replicas, requestedIsr, target);
  const change: { -readonly [K in keyof PartitionChangeRecord]: PartitionChangeRecord[K] } = {
    type: 'PartitionChange',
    version: 0,
    topicId,
    partition,
  };
  let changed = false;
  if (!sameList(chosen.isr, current.isr)) {
    change.isr = [...chosen.isr];
    changed = true;
  }
  if (chosen.leader !== current.leader) {
    change.leader = chosen.leader;
    changed = true;
  }
  if (!sameList(replicas, current.replicas)) {
    change.replicas = [...replicas];
    changed = true;
  }
  return changed ? change : null;
}

/**
 * The ISR without `brokerId`; when it is the last member it stays (KIP-841), and the election
 * above will leave the partition leaderless unless another acceptable member exists.
 */
export function isrWithout(isr: readonly BrokerId[], brokerId: BrokerId): readonly BrokerId[] {
  if (!isr.includes(brokerId)) return isr;
  if (isr.length === 1) return isr;
  return isr.filter((id) => id !== brokerId);
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
