// Original file: ../../proto/brook/v1/quorum.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One member of the metadata quorum (a voter) or a node following it (an observer).
 */
export interface QuorumReplica {
  /**
   * The node's id.
   */
  'nodeId'?: (number);
  /**
   * The offset of the last metadata-log entry the active controller knows this node holds
   * (voters: the Raft match index; observers: the last offset they fetched up to). -1 = unknown.
   */
  'logEndOffset'?: (number | string | Long);
  /**
   * high_watermark minus log_end_offset, never negative; -1 when unknown.
   */
  'lag'?: (number | string | Long);
  /**
   * Milliseconds since the active controller last heard from this node; -1 = never, 0 for itself.
   */
  'lastContactMsAgo'?: (number | string | Long);
}

/**
 * One member of the metadata quorum (a voter) or a node following it (an observer).
 */
export interface QuorumReplica__Output {
  /**
   * The node's id.
   */
  'nodeId': (number);
  /**
   * The offset of the last metadata-log entry the active controller knows this node holds
   * (voters: the Raft match index; observers: the last offset they fetched up to). -1 = unknown.
   */
  'logEndOffset': (string);
  /**
   * high_watermark minus log_end_offset, never negative; -1 when unknown.
   */
  'lag': (string);
  /**
   * Milliseconds since the active controller last heard from this node; -1 = never, 0 for itself.
   */
  'lastContactMsAgo': (string);
}
