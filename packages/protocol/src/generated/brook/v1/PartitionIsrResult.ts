// Original file: ../../proto/brook/v1/controller.proto


/**
 * One partition's state after an AlterPartition, or why the proposal was refused.
 */
export interface PartitionIsrResult {
  /**
   * The topic's id.
   */
  'topicId'?: (string);
  /**
   * The partition index.
   */
  'partition'?: (number);
  /**
   * 0, or e.g. FENCED_LEADER_EPOCH, INVALID_UPDATE_VERSION, INELIGIBLE_REPLICA.
   */
  'errorCode'?: (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage'?: (string);
  /**
   * The partition's leader after the change.
   */
  'leaderId'?: (number);
  /**
   * The leader epoch after the change.
   */
  'leaderEpoch'?: (number);
  /**
   * The partition epoch after the change.
   */
  'partitionEpoch'?: (number);
  /**
   * The ISR after the change.
   */
  'isr'?: (number)[];
}

/**
 * One partition's state after an AlterPartition, or why the proposal was refused.
 */
export interface PartitionIsrResult__Output {
  /**
   * The topic's id.
   */
  'topicId': (string);
  /**
   * The partition index.
   */
  'partition': (number);
  /**
   * 0, or e.g. FENCED_LEADER_EPOCH, INVALID_UPDATE_VERSION, INELIGIBLE_REPLICA.
   */
  'errorCode': (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage': (string);
  /**
   * The partition's leader after the change.
   */
  'leaderId': (number);
  /**
   * The leader epoch after the change.
   */
  'leaderEpoch': (number);
  /**
   * The partition epoch after the change.
   */
  'partitionEpoch': (number);
  /**
   * The ISR after the change.
   */
  'isr': (number)[];
}
