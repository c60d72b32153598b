// Original file: ../../proto/brook/v1/raft.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { RaftFrame as _brook_v1_RaftFrame, RaftFrame__Output as _brook_v1_RaftFrame__Output } from '../../brook/v1/RaftFrame.js';
import type { RaftStreamSummary as _brook_v1_RaftStreamSummary, RaftStreamSummary__Output as _brook_v1_RaftStreamSummary__Output } from '../../brook/v1/RaftStreamSummary.js';

/**
 * The controller-to-controller Raft service (see the top of this file).
 */
export interface BrookRaftClient extends grpc.Client {
  /**
   * Streams frames from one node to another until either side closes the call. The receiver
   * checks every frame's cluster and addressee, steps the messages into its Raft node, and ends
   * the call with FAILED_PRECONDITION on a frame for another cluster or node, or INVALID_ARGUMENT
   * on a frame it cannot decode.
   */
  Stream(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_RaftStreamSummary__Output>): grpc.ClientWritableStream<_brook_v1_RaftFrame>;
  Stream(metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_RaftStreamSummary__Output>): grpc.ClientWritableStream<_brook_v1_RaftFrame>;
  Stream(options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_RaftStreamSummary__Output>): grpc.ClientWritableStream<_brook_v1_RaftFrame>;
  Stream(callback: grpc.requestCallback<_brook_v1_RaftStreamSummary__Output>): grpc.ClientWritableStream<_brook_v1_RaftFrame>;
  /**
   * Streams frames from one node to another until either side closes the call. The receiver
   * checks every frame's cluster and addressee, steps the messages into its Raft node, and ends
   * the call with FAILED_PRECONDITION on a frame for another cluster or node, or INVALID_ARGUMENT
   * on a frame it cannot decode.
   */
  stream(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_RaftStreamSummary__Output>): grpc.ClientWritableStream<_brook_v1_RaftFrame>;
  stream(metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_RaftStreamSummary__Output>): grpc.ClientWritableStream<_brook_v1_RaftFrame>;
  stream(options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_RaftStreamSummary__Output>): grpc.ClientWritableStream<_brook_v1_RaftFrame>;
  stream(callback: grpc.requestCallback<_brook_v1_RaftStreamSummary__Output>): grpc.ClientWritableStream<_brook_v1_RaftFrame>;
  
}

/**
 * The controller-to-controller Raft service (see the top of this file).
 */
export interface BrookRaftHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Streams frames from one node to another until either side closes the call. The receiver
   * checks every frame's cluster and addressee, steps the messages into its Raft node, and ends
   * the call with FAILED_PRECONDITION on a frame for another cluster or node, or INVALID_ARGUMENT
   * on a frame it cannot decode.
   */
  Stream: grpc.handleClientStreamingCall<_brook_v1_RaftFrame__Output, _brook_v1_RaftStreamSummary>;
  
}

export interface BrookRaftDefinition extends grpc.ServiceDefinition {
  Stream: MethodDefinition<_brook_v1_RaftFrame, _brook_v1_RaftStreamSummary, _brook_v1_RaftFrame__Output, _brook_v1_RaftStreamSummary__Output>
}
