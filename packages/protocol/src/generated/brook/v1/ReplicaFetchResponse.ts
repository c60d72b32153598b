// Original file: ../../proto/brook/v1/replication.proto

import type { ReplicaFetchPartitionResponse as _brook_v1_ReplicaFetchPartitionResponse, ReplicaFetchPartitionResponse__Output as _brook_v1_ReplicaFetchPartitionResponse__Output } from '../../brook/v1/ReplicaFetchPartitionResponse.js';

/**
 * The leader's answer for every partition asked for.
 */
export interface ReplicaFetchResponse {
  /**
   * In request order (for an incremental answer, in the session's order).
   */
  'partitions'?: (_brook_v1_ReplicaFetchPartitionResponse)[];
  /**
   * Set when the leader holds this stream's fetch session (the request had incremental set): the
   * answer lists only the session's partitions with records, an error, a divergence, or a high
   * watermark or log start offset other than the last one this session was told (a partition new
   * to the session is always listed), and the follower's next requests may be incremental.
   */
  'incremental'?: (boolean);
}

/**
 * The leader's answer for every partition asked for.
 */
export interface ReplicaFetchResponse__Output {
  /**
   * In request order (for an incremental answer, in the session's order).
   */
  'partitions': (_brook_v1_ReplicaFetchPartitionResponse__Output)[];
  /**
   * Set when the leader holds this stream's fetch session (the request had incremental set): the
   * answer lists only the session's partitions with records, an error, a divergence, or a high
   * watermark or log start offset other than the last one this session was told (a partition new
   * to the session is always listed), and the follower's next requests may be incremental.
   */
  'incremental': (boolean);
}
