// Original file: ../../proto/brook/v1/fetch.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Where to read one partition from, and how much.
 */
export interface FetchPartition {
  /**
   * The partition index within the topic.
   */
  'partition'?: (number);
  /**
   * The offset to read from. Outside [log_start_offset, high_watermark] is OFFSET_OUT_OF_RANGE.
   */
  'fetchOffset'?: (number | string | Long);
  /**
   * A soft upper bound on the records bytes returned for this partition (same first-batch rule
   * as max_bytes). 0 = the default, 1048576 (1 MiB, Kafka's max.partition.fetch.bytes).
   */
  'partitionMaxBytes'?: (number);
  /**
   * The leader epoch the consumer believes current, for fencing (KIP-320). Not sent, or -1 = do
   * not check.
   */
  'currentLeaderEpoch'?: (number);
  '_currentLeaderEpoch'?: "currentLeaderEpoch";
}

/**
 * Where to read one partition from, and how much.
 */
export interface FetchPartition__Output {
  /**
   * The partition index within the topic.
   */
  'partition': (number);
  /**
   * The offset to read from. Outside [log_start_offset, high_watermark] is OFFSET_OUT_OF_RANGE.
   */
  'fetchOffset': (string);
  /**
   * A soft upper bound on the records bytes returned for this partition (same first-batch rule
   * as max_bytes). 0 = the default, 1048576 (1 MiB, Kafka's max.partition.fetch.bytes).
   */
  'partitionMaxBytes': (number);
  /**
   * The leader epoch the consumer believes current, for fencing (KIP-320). Not sent, or -1 = do
   * not check.
   */
  'currentLeaderEpoch'?: (number);
  '_currentLeaderEpoch'?: "currentLeaderEpoch";
}
