// Original file: ../../proto/brook/v1/offsets.proto

import type { Long } from '@grpc/proto-loader';

/**
 * What to look up in one partition.
 */
export interface ListOffsetsPartition {
  /**
   * The partition index within the topic.
   */
  'partition'?: (number);
  /**
   * What to look up, in milliseconds since the Unix epoch, or one of Kafka's sentinels:
   * -2 = earliest (the log start offset), -1 = latest (the high watermark, the next offset a
   * consumer will see), -3 = the offset of the record with the largest timestamp (KIP-734).
   * Any other value >= 0: the first offset whose timestamp is >= this time.
   */
  'timestampMs'?: (number | string | Long);
  /**
   * The leader epoch the client believes current, for fencing (KIP-320). Not sent, or -1 = do
   * not check.
   */
  'currentLeaderEpoch'?: (number);
  '_currentLeaderEpoch'?: "currentLeaderEpoch";
}

/**
 * What to look up in one partition.
 */
export interface ListOffsetsPartition__Output {
  /**
   * The partition index within the topic.
   */
  'partition': (number);
  /**
   * What to look up, in milliseconds since the Unix epoch, or one of Kafka's sentinels:
   * -2 = earliest (the log start offset), -1 = latest (the high watermark, the next offset a
   * consumer will see), -3 = the offset of the record with the largest timestamp (KIP-734).
   * Any other value >= 0: the first offset whose timestamp is >= this time.
   */
  'timestampMs': (string);
  /**
   * The leader epoch the client believes current, for fencing (KIP-320). Not sent, or -1 = do
   * not check.
   */
  'currentLeaderEpoch'?: (number);
  '_currentLeaderEpoch'?: "currentLeaderEpoch";
}
