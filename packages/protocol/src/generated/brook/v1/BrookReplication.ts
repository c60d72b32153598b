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
   * Batches of many partitions from their leader, long-polling up to max_wait_ms for min_bytes.
   */
  ReplicaFetch(argument: _brook_v1_ReplicaFetchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ReplicaFetchResponse__Output>): grpc.ClientUnaryCall;
  ReplicaFetch(argument: _brook_v1_ReplicaFetchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_ReplicaFetchResponse__Output>): grpc.ClientUnaryCall;
  ReplicaFetch(argument: _brook_v1_ReplicaFetchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ReplicaFetchResponse__Output>): grpc.ClientUnaryCall;
  ReplicaFetch(argument: _brook_v1_ReplicaFetchRequest, callback: grpc.requestCallback<_brook_v1_ReplicaFetchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Batches of many partitions from their leader, long-polling up to max_wait_ms for min_bytes.
   */
  replicaFetch(argument: _brook_v1_ReplicaFetchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ReplicaFetchResponse__Output>): grpc.ClientUnaryCall;
  replicaFetch(argument: _brook_v1_ReplicaFetchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_ReplicaFetchResponse__Output>): grpc.ClientUnaryCall;
  replicaFetch(argument: _brook_v1_ReplicaFetchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ReplicaFetchResponse__Output>): grpc.ClientUnaryCall;
  replicaFetch(argument: _brook_v1_ReplicaFetchRequest, callback: grpc.requestCallback<_brook_v1_ReplicaFetchResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * The broker-to-broker data plane.
 */
export interface BrookReplicationHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Batches of many partitions from their leader, long-polling up to max_wait_ms for min_bytes.
   */
  ReplicaFetch: grpc.handleUnaryCall<_brook_v1_ReplicaFetchRequest__Output, _brook_v1_ReplicaFetchResponse>;
  
}

export interface BrookReplicationDefinition extends grpc.ServiceDefinition {
  ReplicaFetch: MethodDefinition<_brook_v1_ReplicaFetchRequest, _brook_v1_ReplicaFetchResponse, _brook_v1_ReplicaFetchRequest__Output, _brook_v1_ReplicaFetchResponse__Output>
}
