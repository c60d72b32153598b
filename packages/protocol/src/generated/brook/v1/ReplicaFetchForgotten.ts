// Original file: ../../proto/brook/v1/replication.proto


/**
 * A partition a follower no longer fetches in its incremental session.
 */
export interface ReplicaFetchForgotten {
  /**
   * The topic's name.
   */
  'topic'?: (string);
  /**
   * The partition index.
   */
  'partition'?: (number);
}

/**
 * A partition a follower no longer fetches in its incremental session.
 */
export interface ReplicaFetchForgotten__Output {
  /**
   * The topic's name.
   */
  'topic': (string);
  /**
   * The partition index.
   */
  'partition': (number);
}
