// AlterPartition (KIP-497; broker epochs of ISR members from KIP-903; eligibility from KIP-841;
// Kafka's ReplicationControlManager.alterPartition). The partition leader proposes a new ISR.
// Checks, in order:
//   1. the sender is registered with this broker epoch: STALE_BROKER_EPOCH;
//   2. the partition exists: UNKNOWN_TOPIC_OR_PARTITION;
//   3. the sender leads it: NOT_LEADER_OR_FOLLOWER;
//   4. the leader epoch is the current one: FENCED_LEADER_EPOCH;
//   5. the partition epoch is the current one (the proposal was based on the latest state):
//      INVALID_UPDATE_VERSION;
//   6. the new ISR is non-empty, distinct, within the replicas and keeps the leader:
//      INVALID_REQUEST;
//   7. every member is eligible: registered, unfenced, not in controlled shutdown, and (when the
//      leader sent one, i.e. not -1) with the broker epoch the leader saw it at (KIP-903: a
//      replica that restarted with an empty disk must not rejoin on its old incarnation's
//      progress): INELIGIBLE_REPLICA.
// Success: a PartitionChange with the new ISR (replay bumps the partition epoch); the response
// carries the state after it. An unchanged ISR writes nothing and answers the current state.

import type { ControllerResult } from '../controller-result.js';
import { result } from '../controller-result.js';
import { controllerError } from '../errors.js';
import type { ControllerError } from '../errors.js';
import type { MetadataImage, PartitionRegistration } from '../image.js';
import type { BrokerId, TopicId } from '../records.js';

export interface IsrMember {
  readonly brokerId: BrokerId;
  /** The member's broker epoch as the leader knows it; -1 when unknown (skip the check). */
  readonly brokerEpoch: number;
}

export interface AlterPartitionCommand {
  readonly brokerId: BrokerId;
  readonly brokerEpoch: number;
  readonly topicId: TopicId;
  readonly partition: number;
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
  readonly newIsr: readonly IsrMember[];
}

export type AlterPartitionResponse =
  | { readonly error: null; readonly leader: BrokerId; readonly isr: readonly BrokerId[]; readonly leaderEpoch: number; readonly partitionEpoch: number }
  | { readonly error: ControllerError };

export function alterPartition(image: MetadataImage, command: AlterPartitionCommand): ControllerResult<AlterPartitionResponse> {
  const sender = image.brokers.get(command.brokerId);
  if (sender === undefined || sender.epoch !== command.brokerEpoch) {
    return result([], { error: controllerError('STALE_BROKER_EPOCH', `broker ${command.brokerId} epoch ${command.brokerEpoch} is not current`) });
  }
  const p = image.topicsById.get(command.topicId)?.partitions[command.partition];
  if (p === undefined) {
    return result([], { error: controllerError('UNKNOWN_TOPIC_OR_PARTITION', `no partition ${command.topicId}-${command.partition}`) });
  }
  const error = validate(image, p, command);
  if (error !== null) return result([], { error });
  const isr = command.newIsr.map((m) => m.brokerId);
  const unchanged = isr.length === p.isr.length && isr.every((id, i) => id === p.isr[i]);
  if (unchanged) return result([], { error: null, leader: p.leader, isr: p.isr, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch });
  return result([{ type: 'PartitionChange', version: 0, topicId: command.topicId, partition: command.partition, isr }], {
    error: null,
    leader: p.leader,
    isr,
    leaderEpoch: p.leaderEpoch,
    partitionEpoch: p.partitionEpoch + 1,
  });
}

function validate(image: MetadataImage, p: PartitionRegistration, command: AlterPartitionCommand): ControllerError | null {
  if (p.leader !== command.brokerId) return controllerError('NOT_LEADER_OR_FOLLOWER', `broker ${command.brokerId} does not lead this partition (leader ${p.leader})`);
  if (command.leaderEpoch !== p.leaderEpoch) return controllerError('FENCED_LEADER_EPOCH', `leader epoch ${command.leaderEpoch} is not ${p.leaderEpoch}`);
  if (command.partitionEpoch !== p.partitionEpoch) return controllerError('INVALID_UPDATE_VERSION', `partition epoch ${command.partitionEpoch} is not ${p.partitionEpoch}`);
  const ids = command.newIsr.map((m) => m.brokerId);
  if (ids.length === 0 || new Set(ids).size !== ids.length || !ids.every((id) => p.replicas.includes(id))) {
    return controllerError('INVALID_REQUEST', `ISR [${ids.join(',')}] must be distinct replicas of [${p.replicas.join(',')}]`);
  }
  if (!ids.includes(p.leader)) return controllerError('INVALID_REQUEST', `ISR [${ids.join(',')}] must keep the leader ${p.leader}`);
  for (const member of command.newIsr) {
    const broker = image.brokers.get(member.brokerId);
    const ineligible =
      broker === undefined ||
      broker.fenced ||
      broker.inControlledShutdown ||
      (member.brokerEpoch !== -1 && member.brokerEpoch !== broker.epoch);
    if (ineligible) return controllerError('INELIGIBLE_REPLICA', `replica ${member.brokerId} is fenced, shutting down, unknown or at a stale epoch`);
  }
  return null;
}
