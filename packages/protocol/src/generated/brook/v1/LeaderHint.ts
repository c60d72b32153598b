// Original file: ../../proto/brook/v1/common.proto


/**
 * Where a client should send its next request for a partition, returned with
 * NOT_LEADER_OR_FOLLOWER and FENCED_LEADER_EPOCH so the client need not wait for a full metadata
 * refresh (Kafka's KIP-951).
 */
export interface LeaderHint {
  /**
   * The node id of the leader this broker knows of; -1 when it knows none.
   */
  'leaderId'?: (number);
  /**
   * The leader epoch of that leader; -1 when unknown.
   */
  'leaderEpoch'?: (number);
}

/**
 * Where a client should send its next request for a partition, returned with
 * NOT_LEADER_OR_FOLLOWER and FENCED_LEADER_EPOCH so the client need not wait for a full metadata
 * refresh (Kafka's KIP-951).
 */
export interface LeaderHint__Output {
  /**
   * The node id of the leader this broker knows of; -1 when it knows none.
   */
  'leaderId': (number);
  /**
   * The leader epoch of that leader; -1 when unknown.
   */
  'leaderEpoch': (number);
}
