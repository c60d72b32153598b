// Original file: ../../proto/brook/v1/replication.proto

import type { ReplicaFetchPartition as _brook_v1_ReplicaFetchPartition, ReplicaFetchPartition__Output as _brook_v1_ReplicaFetchPartition__Output } from '../../brook/v1/ReplicaFetchPartition.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A follower's fetch from one leader broker.
 */
export interface ReplicaFetchRequest {
  /**
   * The cluster both brokers belong to; a leader of another cluster refuses the request.
   */
  'clusterId'?: (string);
  /**
   * The fetching follower's broker id.
   */
  'replicaId'?: (number);
  /**
   * The follower's broker epoch (KIP-903: the leader proposes ISR members with it).
   */
  'replicaEpoch'?: (number | string | Long);
  /**
   * How long the leader may hold the request when no partition has min_bytes to send.
   */
  'maxWaitMs'?: (number);
  /**
   * Answer at once when at least this many bytes are available over all partitions.
   */
  'minBytes'?: (number);
  /**
   * A soft cap on the response's record bytes (at least one batch is always sent, KIP-74).
   */
  'maxBytes'?: (number);
  /**
   * Every partition the follower follows on this leader.
   */
  'partitions'?: (_brook_v1_ReplicaFetchPartition)[];
}

/**
 * A follower's fetch from one leader broker.
 */
export interface ReplicaFetchRequest__Output {
  /**
   * The cluster both brokers belong to; a leader of another cluster refuses the request.
   */
  'clusterId': (string);
  /**
   * The fetching follower's broker id.
   */
  'replicaId': (number);
  /**
   * The follower's broker epoch (KIP-903: the leader proposes ISR members with it).
   */
  'replicaEpoch': (string);
  /**
   * How long the leader may hold the request when no partition has min_bytes to send.
   */
  'maxWaitMs': (number);
  /**
   * Answer at once when at least this many bytes are available over all partitions.
   */
  'minBytes': (number);
  /**
   * A soft cap on the response's record bytes (at least one batch is always sent, KIP-74).
   */
  'maxBytes': (number);
  /**
   * Every partition the follower follows on this leader.
   */
  'partitions': (_brook_v1_ReplicaFetchPartition__Output)[];
}
