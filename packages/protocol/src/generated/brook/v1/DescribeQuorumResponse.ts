// Original file: ../../proto/brook/v1/quorum.proto

import type { QuorumReplica as _brook_v1_QuorumReplica, QuorumReplica__Output as _brook_v1_QuorumReplica__Output } from '../../brook/v1/QuorumReplica.js';
import type { Long } from '@grpc/proto-loader';

/**
 * The metadata quorum as the active controller sees it.
 */
export interface DescribeQuorumResponse {
  /**
   * The active controller's node id.
   */
  'leaderId'?: (number);
  /**
   * The current Raft term (the leader epoch of the metadata log).
   */
  'leaderEpoch'?: (number | string | Long);
  /**
   * The metadata log's committed offset (the Raft commit index).
   */
  'highWatermark'?: (number | string | Long);
  /**
   * The voters, in node id order.
   */
  'voters'?: (_brook_v1_QuorumReplica)[];
  /**
   * Nodes following the log without a vote (broker-only nodes), in node id order.
   */
  'observers'?: (_brook_v1_QuorumReplica)[];
}

/**
 * The metadata quorum as the active controller sees it.
 */
export interface DescribeQuorumResponse__Output {
  /**
   * The active controller's node id.
   */
  'leaderId': (number);
  /**
   * The current Raft term (the leader epoch of the metadata log).
   */
  'leaderEpoch': (string);
  /**
   * The metadata log's committed offset (the Raft commit index).
   */
  'highWatermark': (string);
  /**
   * The voters, in node id order.
   */
  'voters': (_brook_v1_QuorumReplica__Output)[];
  /**
   * Nodes following the log without a vote (broker-only nodes), in node id order.
   */
  'observers': (_brook_v1_QuorumReplica__Output)[];
}
