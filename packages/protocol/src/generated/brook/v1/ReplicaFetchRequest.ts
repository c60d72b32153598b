// Original file: ../../proto/brook/v1/replication.proto

import type { ReplicaFetchPartition as _brook_v1_ReplicaFetchPartition, ReplicaFetchPartition__Output as _brook_v1_ReplicaFetchPartition__Output } from '../../brook/v1/ReplicaFetchPartition.js';
import type { ReplicaFetchForgotten as _brook_v1_ReplicaFetchForgotten, ReplicaFetchForgotten__Output as _brook_v1_ReplicaFetchForgotten__Output } from '../../brook/v1/ReplicaFetchForgotten.js';
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
   * Every partition the follower follows on this leader; in an incremental request, only those
   * added to the session or whose fields changed since the last request on this stream.
   */
  'partitions'?: (_brook_v1_ReplicaFetchPartition)[];
  /**
   * The follower can hold an incremental fetch session on this stream (KIP-227, with the stream
   * as the session: no session id or epoch, and the session ends with the stream). It sets this
   * on every request. Until the leader has answered one request on the stream with incremental
   * set, each request lists every partition; afterwards each request is a change to the session:
   * `partitions` adds or updates, `forgotten` removes, and every partition left out is fetched
   * again from the fields it last carried (so it still counts as fetched for the ISR). A leader
   * that does not know the field ignores it, never answers incrementally, and keeps getting
   * full requests.
   */
  'incremental'?: (boolean);
  /**
   * In an incremental request: the partitions to drop from the session.
   */
  'forgotten'?: (_brook_v1_ReplicaFetchForgotten)[];
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
   * Every partition the follower follows on this leader; in an incremental request, only those
   * added to the session or whose fields changed since the last request on this stream.
   */
  'partitions': (_brook_v1_ReplicaFetchPartition__Output)[];
  /**
   * The follower can hold an incremental fetch session on this stream (KIP-227, with the stream
   * as the session: no session id or epoch, and the session ends with the stream). It sets this
   * on every request. Until the leader has answered one request on the stream with incremental
   * set, each request lists every partition; afterwards each request is a change to the session:
   * `partitions` adds or updates, `forgotten` removes, and every partition left out is fetched
   * again from the fields it last carried (so it still counts as fetched for the ISR). A leader
   * that does not know the field ignores it, never answers incrementally, and keeps getting
   * full requests.
   */
  'incremental': (boolean);
  /**
   * In an incremental request: the partitions to drop from the session.
   */
  'forgotten': (_brook_v1_ReplicaFetchForgotten__Output)[];
}
