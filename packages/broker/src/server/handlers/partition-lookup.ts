// Finding the partition a request names, with the errors Kafka gives for each way it can be
// missing or stale: unknown topic or partition; known but led elsewhere (with a leader hint,
// KIP-951); led here but not open yet; or named with another leader epoch (KIP-320).
import { BrookError, LEADER_EPOCH_UNKNOWN, NODE_ID_NONE, type LeaderHint } from '@brook/protocol';
import type { HandlerContext } from '../handler-context.js';
import type { Partition } from '../../replica/partition.js';

export function findLeaderPartition(context: HandlerContext, topic: string, index: number, requestEpoch: number | undefined): Partition {
  const state = context.metadata.partition(topic, index);
  if (state === undefined) {
    const known = context.metadata.topic(topic) !== undefined;
    throw new BrookError('UNKNOWN_TOPIC_OR_PARTITION', known ? `topic "${topic}" has no partition ${index}` : `topic "${topic}" does not exist`);
  }
  if (state.leaderId !== context.metadata.localNodeId) {
    throw new BrookError(state.leaderId === NODE_ID_NONE ? 'LEADER_NOT_AVAILABLE' : 'NOT_LEADER_OR_FOLLOWER', `node ${context.metadata.localNodeId} does not lead ${topic}-${index}`);
  }
  const epoch = requestEpoch ?? LEADER_EPOCH_UNKNOWN;
  if (epoch !== LEADER_EPOCH_UNKNOWN && epoch < state.leaderEpoch) throw new BrookError('FENCED_LEADER_EPOCH', `leader epoch ${epoch} is older than the current ${state.leaderEpoch}`);
  if (epoch !== LEADER_EPOCH_UNKNOWN && epoch > state.leaderEpoch) throw new BrookError('UNKNOWN_LEADER_EPOCH', `leader epoch ${epoch} is newer than the current ${state.leaderEpoch}`);
  const partition = context.partitions.get(topic, index);
  if (partition === undefined) throw new BrookError('LEADER_NOT_AVAILABLE', `${topic}-${index} is still opening`);
  // The image names this node, but the partition has not taken that leadership yet (its role
  // changes are applied in order, after the image): retriable, like a partition still opening.
  if (!partition.isLeader || partition.leaderEpoch !== state.leaderEpoch) throw new BrookError('LEADER_NOT_AVAILABLE', `${topic}-${index} is becoming leader here`);
  return partition;
}

/** How long a request waits for a partition to take the leadership the image already gives it. */
const BECOMING_LEADER_WAIT_MS = 1_000;

/**
 * findLeaderPartition, except that a partition the image names this node the leader of, but
 * which has not taken the role yet (it checkpoints its epoch's start first), is waited for
 * briefly instead of answering LEADER_NOT_AVAILABLE at once.
 */
export async function findReadyLeaderPartition(context: HandlerContext, topic: string, index: number, requestEpoch: number | undefined): Promise<Partition> {
  try {
    return findLeaderPartition(context, topic, index, requestEpoch);
  } catch (error) {
    const partition = context.partitions.get(topic, index);
    const state = context.metadata.partition(topic, index);
    const becoming = partition !== undefined && state !== undefined && state.leaderId === context.metadata.localNodeId;
    if (!becoming || !(await partition.waitForLeadership(state.leaderEpoch, BECOMING_LEADER_WAIT_MS))) throw error;
    return findLeaderPartition(context, topic, index, requestEpoch);
  }
}

/** The leader hint for responses carrying NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH; null otherwise. */
export function leaderHintFor(context: HandlerContext, topic: string, index: number, error: BrookError): LeaderHint | null {
  if (error.code !== 'NOT_LEADER_OR_FOLLOWER' && error.code !== 'FENCED_LEADER_EPOCH') return null;
  const state = context.metadata.partition(topic, index);
  return { leaderId: state?.leaderId ?? NODE_ID_NONE, leaderEpoch: state?.leaderEpoch ?? LEADER_EPOCH_UNKNOWN };
}
