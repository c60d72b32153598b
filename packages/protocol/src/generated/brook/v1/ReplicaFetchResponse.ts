// Original file: ../../proto/brook/v1/replication.proto

import type { ReplicaFetchPartitionResponse as _brook_v1_ReplicaFetchPartitionResponse, ReplicaFetchPartitionResponse__Output as _brook_v1_ReplicaFetchPartitionResponse__Output } from '../../brook/v1/ReplicaFetchPartitionResponse.js';

/**
 * The leader's answer for every partition asked for.
 */
export interface ReplicaFetchResponse {
  /**
   * In request order.
   */
  'partitions'?: (_brook_v1_ReplicaFetchPartitionResponse)[];
}

/**
 * The leader's answer for every partition asked for.
 */
export interface ReplicaFetchResponse__Output {
  /**
   * In request order.
   */
  'partitions': (_brook_v1_ReplicaFetchPartitionResponse__Output)[];
}
