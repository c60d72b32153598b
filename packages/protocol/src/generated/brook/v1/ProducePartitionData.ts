// Original file: ../../proto/brook/v1/produce.proto


/**
 * One batch for one partition.
 */
export interface ProducePartitionData {
  /**
   * The partition index within the topic.
   */
  'partition'?: (number);
  /**
   * One Kafka RecordBatch v2 (magic 2), byte for byte as the log stores it. baseOffset and
   * partitionLeaderEpoch are ignored (the leader stamps them); the CRC covers the rest. The
   * broker checks the header, size limits and CRC but does not decode the records.
   */
  'records'?: (Buffer | Uint8Array | string);
  /**
   * The leader epoch the producer believes current, for fencing (KIP-320): a leader with a newer
   * epoch answers FENCED_LEADER_EPOCH, one with an older epoch UNKNOWN_LEADER_EPOCH. Not sent, or
   * -1 = do not check.
   */
  'leaderEpoch'?: (number);
  '_leaderEpoch'?: "leaderEpoch";
}

/**
 * One batch for one partition.
 */
export interface ProducePartitionData__Output {
  /**
   * The partition index within the topic.
   */
  'partition': (number);
  /**
   * One Kafka RecordBatch v2 (magic 2), byte for byte as the log stores it. baseOffset and
   * partitionLeaderEpoch are ignored (the leader stamps them); the CRC covers the rest. The
   * broker checks the header, size limits and CRC but does not decode the records.
   */
  'records': (Buffer);
  /**
   * The leader epoch the producer believes current, for fencing (KIP-320): a leader with a newer
   * epoch answers FENCED_LEADER_EPOCH, one with an older epoch UNKNOWN_LEADER_EPOCH. Not sent, or
   * -1 = do not check.
   */
  'leaderEpoch'?: (number);
  '_leaderEpoch'?: "leaderEpoch";
}
