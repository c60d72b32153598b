// Original file: ../../proto/brook/v1/replication.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One partition in a replica fetch.
 */
export interface ReplicaFetchPartition {
  /**
   * The topic's name.
   */
  'topic'?: (string);
  /**
   * The topic's id; a mismatch (the topic was re-created) gets UNKNOWN_TOPIC_ID.
   */
  'topicId'?: (string);
  /**
   * The partition index.
   */
  'partition'?: (number);
  /**
   * The leader epoch the follower believes current (KIP-320): older gets FENCED_LEADER_EPOCH,
   * newer UNKNOWN_LEADER_EPOCH.
   */
  'currentLeaderEpoch'?: (number);
  /**
   * The next offset the follower wants: its durable log end offset.
   */
  'fetchOffset'?: (number | string | Long);
  /**
   * The epoch of the follower's last batch, or -1 for an empty log (KIP-279): when the leader's
   * log diverged from it, the answer carries diverging_epoch instead of records.
   */
  'lastFetchedEpoch'?: (number);
  /**
   * The follower's log start offset.
   */
  'logStartOffset'?: (number | string | Long);
  /**
   * A soft cap on this partition's record bytes.
   */
  'partitionMaxBytes'?: (number);
}

/**
 * One partition in a replica fetch.
 */
export interface ReplicaFetchPartition__Output {
  /**
   * The topic's name.
   */
  'topic': (string);
  /**
   * The topic's id; a mismatch (the topic was re-created) gets UNKNOWN_TOPIC_ID.
   */
  'topicId': (string);
  /**
   * The partition index.
   */
  'partition': (number);
  /**
   * The leader epoch the follower believes current (KIP-320): older gets FENCED_LEADER_EPOCH,
   * newer UNKNOWN_LEADER_EPOCH.
   */
  'currentLeaderEpoch': (number);
  /**
   * The next offset the follower wants: its durable log end offset.
   */
  'fetchOffset': (string);
  /**
   * The epoch of the follower's last batch, or -1 for an empty log (KIP-279): when the leader's
   * log diverged from it, the answer carries diverging_epoch instead of records.
   */
  'lastFetchedEpoch': (number);
  /**
   * The follower's log start offset.
   */
  'logStartOffset': (string);
  /**
   * A soft cap on this partition's record bytes.
   */
  'partitionMaxBytes': (number);
}
