// Original file: ../../proto/brook/v1/fetch.proto

import type { LeaderHint as _brook_v1_LeaderHint, LeaderHint__Output as _brook_v1_LeaderHint__Output } from '../../brook/v1/LeaderHint.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One partition's batches and offsets, or its error.
 */
export interface FetchPartitionResponse {
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
   * The partition's high watermark: consumers may read every offset below it. Set on success and
   * on OFFSET_OUT_OF_RANGE (so a consumer can reset without another round trip); -1 on other
   * errors.
   */
  'highWatermark'?: (number | string | Long);
  /**
   * The last stable offset. Brook has no transactions yet, so it equals high_watermark; it is
   * here so a transactional reader can later use the same field. -1 on error.
   */
  'lastStableOffset'?: (number | string | Long);
  /**
   * The partition's log start offset (retention moves it forward). Set on success and on
   * OFFSET_OUT_OF_RANGE; -1 on other errors.
   */
  'logStartOffset'?: (number | string | Long);
  /**
   * Zero or more whole Kafka RecordBatch v2 batches, concatenated, as stored in the log. The
   * first may start before fetch_offset (a batch is never split); the client skips records
   * below the offset it asked for.
   */
  'records'?: (Buffer | Uint8Array | string);
  /**
   * On NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH, the leader this broker knows of; unset
   * otherwise.
   */
  'currentLeader'?: (_brook_v1_LeaderHint | null);
}

/**
 * One partition's batches and offsets, or its error.
 */
export interface FetchPartitionResponse__Output {
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
   * The partition's high watermark: consumers may read every offset below it. Set on success and
   * on OFFSET_OUT_OF_RANGE (so a consumer can reset without another round trip); -1 on other
   * errors.
   */
  'highWatermark': (string);
  /**
   * The last stable offset. Brook has no transactions yet, so it equals high_watermark; it is
   * here so a transactional reader can later use the same field. -1 on error.
   */
  'lastStableOffset': (string);
  /**
   * The partition's log start offset (retention moves it forward). Set on success and on
   * OFFSET_OUT_OF_RANGE; -1 on other errors.
   */
  'logStartOffset': (string);
  /**
   * Zero or more whole Kafka RecordBatch v2 batches, concatenated, as stored in the log. The
   * first may start before fetch_offset (a batch is never split); the client skips records
   * below the offset it asked for.
   */
  'records': (Buffer);
  /**
   * On NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH, the leader this broker knows of; unset
   * otherwise.
   */
  'currentLeader': (_brook_v1_LeaderHint__Output | null);
}
