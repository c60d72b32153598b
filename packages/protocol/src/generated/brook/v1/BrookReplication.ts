// Original file: ../../proto/brook/v1/replication.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ReplicaFetchRequest as _brook_v1_ReplicaFetchRequest, ReplicaFetchRequest__Output as _brook_v1_ReplicaFetchRequest__Output } from '../../brook/v1/ReplicaFetchRequest.js';
import type { ReplicaFetchResponse as _brook_v1_ReplicaFetchResponse, ReplicaFetchResponse__Output as _brook_v1_ReplicaFetchResponse__Output } from '../../brook/v1/ReplicaFetchResponse.js';

/**
 * The broker-to-broker data plane.
 */
export interface BrookReplicationClient extends grpc.Client {
  /**
   * The fetch session: each request gets batches of many partitions from their leader, the
   * answer long-polled up to max_wait_ms for min_bytes. A request refused as a whole (another
   * cluster's id) ends the stream with its error status; the follower opens a new one after a
   * pause. Per-partition errors are in the answer and leave the stream open.
   */
  ReplicaFetch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_brook_v1_ReplicaFetchRequest, _brook_v1_ReplicaFetchResponse__Output>;
  ReplicaFetch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_brook_v1_ReplicaFetchRequest, _brook_v1_ReplicaFetchResponse__Output>;
  /**
   * The fetch session: each request gets batches of many partitions from their leader, the
   * answer long-polled up to max_wait_ms for min_bytes. A request refused as a whole (another
   * cluster's id) ends the stream with its error status; the follower opens a new one after a
   * pause. Per-partition errors are in the answer and leave the stream open.
   */
  replicaFetch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_brook_v1_ReplicaFetchRequest, _brook_v1_ReplicaFetchResponse__Output>;
  replicaFetch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_brook_v1_ReplicaFetchRequest, _brook_v1_ReplicaFetchResponse__Output>;
  
}

/**
 * The broker-to-broker data plane.
 */
export interface BrookReplicationHandlers extends grpc.UntypedServiceImplementation {
  /**
   * The fetch session: each request gets batches of many partitions from their leader, the
   * answer long-polled up to max_wait_ms for min_bytes. A request refused as a whole (another
   * cluster's id) ends the stream with its error status; the follower opens a new one after a
   * pause. Per-partition errors are in the answer and leave the stream open.
   */
  ReplicaFetch: grpc.handleBidiStreamingCall<_brook_v1_ReplicaFetchRequest__Output, _brook_v1_ReplicaFetchResponse>;
  
}

export interface BrookReplicationDefinition extends grpc.ServiceDefinition {
  ReplicaFetch: MethodDefinition<_brook_v1_ReplicaFetchRequest, _brook_v1_ReplicaFetchResponse, _brook_v1_ReplicaFetchRequest__Output, _brook_v1_ReplicaFetchResponse__Output>
}
