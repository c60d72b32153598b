// Original file: ../../proto/brook/v1/offsets.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One partition's offset found, or its error.
 */
export interface ListOffsetsPartitionResponse {
  /**
   * The partition index.
   */
  'partition'?: (number);
  /**
   * 0 (NONE) or the Brook error code for this partition (ERRORS.md).
   */
  'errorCode'?: (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage'?: (string);
  /**
   * The timestamp of the record found, in milliseconds since the Unix epoch; -1 for the
   * earliest and latest sentinels and when no record matched.
   */
  'timestampMs'?: (number | string | Long);
  /**
   * The offset found; -1 when no record has a timestamp at or after the one asked for.
   */
  'offset'?: (number | string | Long);
  /**
   * The leader epoch of the batch holding that offset; -1 when unknown.
   */
  'leaderEpoch'?: (number);
}

/**
 * One partition's offset found, or its error.
 */
export interface ListOffsetsPartitionResponse__Output {
  /**
   * The partition index.
   */
  'partition': (number);
  /**
   * 0 (NONE) or the Brook error code for this partition (ERRORS.md).
   */
  'errorCode': (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage': (string);
  /**
   * The timestamp of the record found, in milliseconds since the Unix epoch; -1 for the
   * earliest and latest sentinels and when no record matched.
   */
  'timestampMs': (string);
  /**
   * The offset found; -1 when no record has a timestamp at or after the one asked for.
   */
  'offset': (string);
  /**
   * The leader epoch of the batch holding that offset; -1 when unknown.
   */
  'leaderEpoch': (number);
}
