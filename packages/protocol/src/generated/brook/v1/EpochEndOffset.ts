// Original file: ../../proto/brook/v1/replication.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Where the follower's log diverged: the largest epoch at or below its last fetched epoch that
 * the leader knows, and the end offset of that epoch in the leader's log.
 */
export interface EpochEndOffset {
  /**
   * The leader epoch.
   */
  'epoch'?: (number);
  /**
   * The first offset after that epoch's last batch in the leader's log.
   */
  'endOffset'?: (number | string | Long);
}

/**
 * Where the follower's log diverged: the largest epoch at or below its last fetched epoch that
 * the leader knows, and the end offset of that epoch in the leader's log.
 */
export interface EpochEndOffset__Output {
  /**
   * The leader epoch.
   */
  'epoch': (number);
  /**
   * The first offset after that epoch's last batch in the leader's log.
   */
  'endOffset': (string);
}
