// Original file: ../../proto/brook/v1/replication.proto

import type { EpochEndOffset as _brook_v1_EpochEndOffset, EpochEndOffset__Output as _brook_v1_EpochEndOffset__Output } from '../../brook/v1/EpochEndOffset.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One partition's batches, or its error.
 */
export interface ReplicaFetchPartitionResponse {
  /**
   * The topic's name.
   */
  'topic'?: (string);
  /**
   * The partition index.
   */
  'partition'?: (number);
  /**
   * 0, or NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH,
   * OFFSET_OUT_OF_RANGE, UNKNOWN_TOPIC_ID, UNKNOWN_TOPIC_OR_PARTITION, ...
   */
  'errorCode'?: (number);
  /**
   * The leader's high watermark.
   */
  'highWatermark'?: (number | string | Long);
  /**
   * The leader's log start offset.
   */
  'logStartOffset'?: (number | string | Long);
  /**
   * The leader's log end offset.
   */
  'logEndOffset'?: (number | string | Long);
  /**
   * Present when the follower must truncate before fetching again; records is then empty.
   */
  'divergingEpoch'?: (_brook_v1_EpochEndOffset | null);
  /**
   * RecordBatch v2 bytes from fetch_offset on, as stored in the leader's log.
   */
  'records'?: (Buffer | Uint8Array | string);
}

/**
 * One partition's batches, or its error.
 */
export interface ReplicaFetchPartitionResponse__Output {
  /**
   * The topic's name.
   */
  'topic': (string);
  /**
   * The partition index.
   */
  'partition': (number);
  /**
   * 0, or NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH,
   * OFFSET_OUT_OF_RANGE, UNKNOWN_TOPIC_ID, UNKNOWN_TOPIC_OR_PARTITION, ...
   */
  'errorCode': (number);
  /**
   * The leader's high watermark.
   */
  'highWatermark': (string);
  /**
   * The leader's log start offset.
   */
  'logStartOffset': (string);
  /**
   * The leader's log end offset.
   */
  'logEndOffset': (string);
  /**
   * Present when the follower must truncate before fetching again; records is then empty.
   */
  'divergingEpoch': (_brook_v1_EpochEndOffset__Output | null);
  /**
   * RecordBatch v2 bytes from fetch_offset on, as stored in the leader's log.
   */
  'records': (Buffer);
}
