// Leader elections on request (Kafka's ElectLeaders, KIP-460) and the automatic preferred-leader
// election (auto.leader.rebalance.enable; ReplicationControlManager.maybeBalancePartitionLeaders).
// Preferred: move leadership to the first replica when it is acceptable (unfenced, not shutting
// down) and in the ISR. Unclean: give a leaderless partition a leader from outside the ISR
// (ISR becomes just that replica), which may lose acknowledged records (PROTOCOL-NOTES 3); only
// an operator asks for it, whatever the topic config says.

import type { ControllerResult } from '../controller-result.js';
import { result } from '../controller-result.js';
import { acceptableLeader } from '../broker-moves.js';
import { controllerError } from '../errors.js';
import type { ControllerError } from '../errors.js';
import type { MetadataImage, PartitionRegistration } from '../image.js';
import { topicByName } from '../image.js';
import { buildPartitionChange } from '../partition-change.js';
import { NO_LEADER } from '../records.js';
import type { BrokerId, PartitionChangeRecord, TopicId } from '../records.js';

export interface ElectLeadersCommand {
  readonly electionType: 'preferred' | 'unclean';
  /** null: every partition. */
  readonly partitions: readonly { readonly topic: string; readonly partition: number }[] | null;
}

export interface ElectLeadersResponse {
  readonly partitions: readonly { readonly topic: string; readonly partition: number; readonly error: ControllerError | null }[];
}

export function electLeaders(image: MetadataImage, command: ElectLeadersCommand): ControllerResult<ElectLeadersResponse> {
  const targets = command.partitions ?? allPartitions(image);
  const acceptable = acceptableLeader(image, new Set());
  const records: PartitionChangeRecord[] = [];
  const done = new Set<string>();
  const partitions = targets.map(({ topic, partition }) => {
    const t = topicByName(image, topic);
    const p = t?.partitions[partition];
    if (t === undefined || p === undefined) return { topic, partition, error: controllerError('UNKNOWN_TOPIC_OR_PARTITION', `no partition ${topic}-${partition}`) };
    const outcome = command.electionType === 'preferred' ? preferred(t.topicId, partition, p, acceptable) : unclean(t.topicId, partition, p, acceptable);
    if ('error' in outcome) return { topic, partition, error: outcome.error };
    const key = `${t.topicId}:${partition}`;
    if (!done.has(key)) records.push(outcome.change);
    done.add(key);
    return { topic, partition, error: null };
  });
  return result(records, { partitions });
}

/** The automatic run: preferred leaders for every partition where that is possible. */
export function electPreferredLeaders(image: MetadataImage): ControllerResult<{ readonly elected: number }> {
  const acceptable = acceptableLeader(image, new Set());
  const records: PartitionChangeRecord[] = [];
  for (const topic of image.topicsById.values()) {
    topic.partitions.forEach((p, index) => {
      const outcome = preferred(topic.topicId, index, p, acceptable);
      if ('change' in outcome) records.push(outcome.change);
    });
  }
  return result(records, { elected: records.length });
}

type Outcome = { readonly change: PartitionChangeRecord } | { readonly error: ControllerError };

function preferred(topicId: TopicId, partition: number, p: PartitionRegistration, acceptable: (id: BrokerId) => boolean): Outcome {
  const first = p.replicas[0]!;
  if (p.leader === first) return { error: controllerError('ELECTION_NOT_NEEDED', `broker ${first} already leads`) };
  if (!p.isr.includes(first) || !acceptable(first)) return { error: controllerError('PREFERRED_LEADER_NOT_AVAILABLE', `preferred leader ${first} is not live and in sync`) };
  const change = buildPartitionChange(topicId, partition, p, { election: 'preferred', uncleanAllowed: false, acceptable });
  return change === null ? { error: controllerError('ELECTION_NOT_NEEDED', 'nothing to change') } : { change };
}

function unclean(topicId: TopicId, partition: number, p: PartitionRegistration, acceptable: (id: BrokerId) => boolean): Outcome {
  if (p.leader !== NO_LEADER) return { error: controllerError('ELECTION_NOT_NEEDED', `broker ${p.leader} leads`) };
  const change = buildPartitionChange(topicId, partition, p, { uncleanAllowed: true, acceptable });
  return change === null ? { error: controllerError('ELIGIBLE_LEADERS_NOT_AVAILABLE', 'no live replica') } : { change };
}

function allPartitions(image: MetadataImage): { topic: string; partition: number }[] {
  const out: { topic: string; partition: number }[] = [];
  for (const t of [...image.topicsById.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    t.partitions.forEach((_, partition) => out.push({ topic: t.name, partition }));
  }
  return out;
}
