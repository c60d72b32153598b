// Original file: ../../proto/brook/v1/produce.proto

import type { RecordError as _brook_v1_RecordError, RecordError__Output as _brook_v1_RecordError__Output } from '../../brook/v1/RecordError.js';
import type { LeaderHint as _brook_v1_LeaderHint, LeaderHint__Output as _brook_v1_LeaderHint__Output } from '../../brook/v1/LeaderHint.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The outcome for one partition: where the batch landed, or why it did not.
 */
export interface ProducePartitionResponse {
  /**
   * The partition index.
   */
  'partition'?: (number);
  /**
   * 0 (NONE) when the batch was appended and acknowledged as acks asked; else the Brook error
   * code (ERRORS.md). NOT_ENOUGH_REPLICAS_AFTER_APPEND means the batch is in the log but not yet
   * on enough replicas.
   */
  'errorCode'?: (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage'?: (string);
  /**
   * The offset the leader assigned to the first record of the batch; -1 on error or acks=0.
   */
  'baseOffset'?: (number | string | Long);
  /**
   * The broker's append time in milliseconds since the Unix epoch when the topic uses
   * LogAppendTime; -1 when it uses CreateTime (the batch's own timestamps stand).
   */
  'logAppendTimeMs'?: (number | string | Long);
  /**
   * The partition's log start offset after the append; -1 when unknown (acks=0 or error).
   */
  'logStartOffset'?: (number | string | Long);
  /**
   * Per-record failures when the broker rejected the batch because of some of its records
   * (INVALID_RECORD, INVALID_TIMESTAMP): which records, and why. Empty otherwise.
   */
  'recordErrors'?: (_brook_v1_RecordError)[];
  /**
   * On NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH, the leader this broker knows of; unset
   * otherwise.
   */
  'currentLeader'?: (_brook_v1_LeaderHint | null);
}

/**
 * The outcome for one partition: where the batch landed, or why it did not.
 */
export interface ProducePartitionResponse__Output {
  /**
   * The partition index.
   */
  'partition': (number);
  /**
   * 0 (NONE) when the batch was appended and acknowledged as acks asked; else the Brook error
   * code (ERRORS.md). NOT_ENOUGH_REPLICAS_AFTER_APPEND means the batch is in the log but not yet
   * on enough replicas.
   */
  'errorCode': (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage': (string);
  /**
   * The offset the leader assigned to the first record of the batch; -1 on error or acks=0.
   */
  'baseOffset': (string);
  /**
   * The broker's append time in milliseconds since the Unix epoch when the topic uses
   * LogAppendTime; -1 when it uses CreateTime (the batch's own timestamps stand).
   */
  'logAppendTimeMs': (string);
  /**
   * The partition's log start offset after the append; -1 when unknown (acks=0 or error).
   */
  'logStartOffset': (string);
  /**
   * Per-record failures when the broker rejected the batch because of some of its records
   * (INVALID_RECORD, INVALID_TIMESTAMP): which records, and why. Empty otherwise.
   */
  'recordErrors': (_brook_v1_RecordError__Output)[];
  /**
   * On NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH, the leader this broker knows of; unset
   * otherwise.
   */
  'currentLeader': (_brook_v1_LeaderHint__Output | null);
}
