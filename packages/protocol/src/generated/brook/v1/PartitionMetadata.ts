// Original file: ../../proto/brook/v1/metadata.proto


/**
 * One partition's leader, leader epoch and replica sets.
 */
export interface PartitionMetadata {
  /**
   * 0 (NONE), or e.g. LEADER_NOT_AVAILABLE while the partition has no leader.
   */
  'errorCode'?: (number);
  /**
   * The partition index.
   */
  'partition'?: (number);
  /**
   * The node id of the partition's leader; -1 when it has none.
   */
  'leaderId'?: (number);
  /**
   * The current leader epoch; every leader change increments it. -1 when unknown.
   */
  'leaderEpoch'?: (number);
  /**
   * The node ids of every replica, in assignment order (the first is the preferred leader).
   */
  'replicas'?: (number)[];
  /**
   * The node ids of the in-sync replicas, the only ones eligible to become leader.
   */
  'isr'?: (number)[];
  /**
   * The node ids of replicas on brokers that are fenced or whose log directory failed.
   */
  'offlineReplicas'?: (number)[];
}

/**
 * One partition's leader, leader epoch and replica sets.
 */
export interface PartitionMetadata__Output {
  /**
   * 0 (NONE), or e.g. LEADER_NOT_AVAILABLE while the partition has no leader.
   */
  'errorCode': (number);
  /**
   * The partition index.
   */
  'partition': (number);
  /**
   * The node id of the partition's leader; -1 when it has none.
   */
  'leaderId': (number);
  /**
   * The current leader epoch; every leader change increments it. -1 when unknown.
   */
  'leaderEpoch': (number);
  /**
   * The node ids of every replica, in assignment order (the first is the preferred leader).
   */
  'replicas': (number)[];
  /**
   * The node ids of the in-sync replicas, the only ones eligible to become leader.
   */
  'isr': (number)[];
  /**
   * The node ids of replicas on brokers that are fenced or whose log directory failed.
   */
  'offlineReplicas': (number)[];
}
