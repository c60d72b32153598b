// Leader-epoch fencing (KIP-320): every replica fetch and produce carries the leader epoch its
// sender believes in, and a replica answers a mismatch instead of acting on it. A sender behind
// (an old epoch) is FENCED_LEADER_EPOCH: it must refresh metadata. A sender ahead is
// UNKNOWN_LEADER_EPOCH: this replica has not yet learned of the new epoch and the sender retries.
// This is what stops a paused old leader that wakes up from accepting or acknowledging anything,
// and a follower from appending what a deposed leader served (PROTOCOL-NOTES.md section 3).

/** RecordBatch and request "no epoch": the sender did not say; Kafka then skips the check. */
export const NO_LEADER_EPOCH = -1;

export type LeaderEpochMismatch = { code: 'FENCED_LEADER_EPOCH' | 'UNKNOWN_LEADER_EPOCH'; message: string };

/**
 * Compares a request's leader epoch with the partition's current one. Undefined when they match
 * (or the request carries none and `required` is false); the mismatch to answer otherwise.
 */
export function checkLeaderEpoch(requestEpoch: number, currentEpoch: number, required = true): LeaderEpochMismatch | undefined {
  if (requestEpoch === NO_LEADER_EPOCH && !required) return undefined;
  if (requestEpoch === currentEpoch) return undefined;
  if (requestEpoch < currentEpoch) {
    return { code: 'FENCED_LEADER_EPOCH', message: `request leader epoch ${requestEpoch} is older than the current ${currentEpoch}` };
  }
  return { code: 'UNKNOWN_LEADER_EPOCH', message: `request leader epoch ${requestEpoch} is newer than the current ${currentEpoch}` };
}
