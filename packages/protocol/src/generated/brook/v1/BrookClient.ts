// Original file: ../../proto/brook/v1/client.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateTopicsRequest as _brook_v1_CreateTopicsRequest, CreateTopicsRequest__Output as _brook_v1_CreateTopicsRequest__Output } from '../../brook/v1/CreateTopicsRequest.js';
import type { CreateTopicsResponse as _brook_v1_CreateTopicsResponse, CreateTopicsResponse__Output as _brook_v1_CreateTopicsResponse__Output } from '../../brook/v1/CreateTopicsResponse.js';
import type { DeleteTopicsRequest as _brook_v1_DeleteTopicsRequest, DeleteTopicsRequest__Output as _brook_v1_DeleteTopicsRequest__Output } from '../../brook/v1/DeleteTopicsRequest.js';
import type { DeleteTopicsResponse as _brook_v1_DeleteTopicsResponse, DeleteTopicsResponse__Output as _brook_v1_DeleteTopicsResponse__Output } from '../../brook/v1/DeleteTopicsResponse.js';
import type { DescribeClusterRequest as _brook_v1_DescribeClusterRequest, DescribeClusterRequest__Output as _brook_v1_DescribeClusterRequest__Output } from '../../brook/v1/DescribeClusterRequest.js';
import type { DescribeClusterResponse as _brook_v1_DescribeClusterResponse, DescribeClusterResponse__Output as _brook_v1_DescribeClusterResponse__Output } from '../../brook/v1/DescribeClusterResponse.js';
import type { DescribeConfigsRequest as _brook_v1_DescribeConfigsRequest, DescribeConfigsRequest__Output as _brook_v1_DescribeConfigsRequest__Output } from '../../brook/v1/DescribeConfigsRequest.js';
import type { DescribeConfigsResponse as _brook_v1_DescribeConfigsResponse, DescribeConfigsResponse__Output as _brook_v1_DescribeConfigsResponse__Output } from '../../brook/v1/DescribeConfigsResponse.js';
import type { DescribeQuorumRequest as _brook_v1_DescribeQuorumRequest, DescribeQuorumRequest__Output as _brook_v1_DescribeQuorumRequest__Output } from '../../brook/v1/DescribeQuorumRequest.js';
import type { DescribeQuorumResponse as _brook_v1_DescribeQuorumResponse, DescribeQuorumResponse__Output as _brook_v1_DescribeQuorumResponse__Output } from '../../brook/v1/DescribeQuorumResponse.js';
import type { FetchRequest as _brook_v1_FetchRequest, FetchRequest__Output as _brook_v1_FetchRequest__Output } from '../../brook/v1/FetchRequest.js';
import type { FetchResponse as _brook_v1_FetchResponse, FetchResponse__Output as _brook_v1_FetchResponse__Output } from '../../brook/v1/FetchResponse.js';
import type { FetchStreamRequest as _brook_v1_FetchStreamRequest, FetchStreamRequest__Output as _brook_v1_FetchStreamRequest__Output } from '../../brook/v1/FetchStreamRequest.js';
import type { FetchStreamResponse as _brook_v1_FetchStreamResponse, FetchStreamResponse__Output as _brook_v1_FetchStreamResponse__Output } from '../../brook/v1/FetchStreamResponse.js';
import type { IncrementalAlterConfigsRequest as _brook_v1_IncrementalAlterConfigsRequest, IncrementalAlterConfigsRequest__Output as _brook_v1_IncrementalAlterConfigsRequest__Output } from '../../brook/v1/IncrementalAlterConfigsRequest.js';
import type { IncrementalAlterConfigsResponse as _brook_v1_IncrementalAlterConfigsResponse, IncrementalAlterConfigsResponse__Output as _brook_v1_IncrementalAlterConfigsResponse__Output } from '../../brook/v1/IncrementalAlterConfigsResponse.js';
import type { InitProducerIdRequest as _brook_v1_InitProducerIdRequest, InitProducerIdRequest__Output as _brook_v1_InitProducerIdRequest__Output } from '../../brook/v1/InitProducerIdRequest.js';
import type { InitProducerIdResponse as _brook_v1_InitProducerIdResponse, InitProducerIdResponse__Output as _brook_v1_InitProducerIdResponse__Output } from '../../brook/v1/InitProducerIdResponse.js';
import type { ListOffsetsRequest as _brook_v1_ListOffsetsRequest, ListOffsetsRequest__Output as _brook_v1_ListOffsetsRequest__Output } from '../../brook/v1/ListOffsetsRequest.js';
import type { ListOffsetsResponse as _brook_v1_ListOffsetsResponse, ListOffsetsResponse__Output as _brook_v1_ListOffsetsResponse__Output } from '../../brook/v1/ListOffsetsResponse.js';
import type { MetadataRequest as _brook_v1_MetadataRequest, MetadataRequest__Output as _brook_v1_MetadataRequest__Output } from '../../brook/v1/MetadataRequest.js';
import type { MetadataResponse as _brook_v1_MetadataResponse, MetadataResponse__Output as _brook_v1_MetadataResponse__Output } from '../../brook/v1/MetadataResponse.js';
import type { ProduceRequest as _brook_v1_ProduceRequest, ProduceRequest__Output as _brook_v1_ProduceRequest__Output } from '../../brook/v1/ProduceRequest.js';
import type { ProduceResponse as _brook_v1_ProduceResponse, ProduceResponse__Output as _brook_v1_ProduceResponse__Output } from '../../brook/v1/ProduceResponse.js';
import type { ProduceStreamRequest as _brook_v1_ProduceStreamRequest, ProduceStreamRequest__Output as _brook_v1_ProduceStreamRequest__Output } from '../../brook/v1/ProduceStreamRequest.js';
import type { ProduceStreamResponse as _brook_v1_ProduceStreamResponse, ProduceStreamResponse__Output as _brook_v1_ProduceStreamResponse__Output } from '../../brook/v1/ProduceStreamResponse.js';

/**
 * The client-facing RPCs of every broker (see the top of this file).
 */
export interface BrookClientClient extends grpc.Client {
  /**
   * Create topics (forwarded to the active controller).
   */
  CreateTopics(argument: _brook_v1_CreateTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _brook_v1_CreateTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _brook_v1_CreateTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _brook_v1_CreateTopicsRequest, callback: grpc.requestCallback<_brook_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Create topics (forwarded to the active controller).
   */
  createTopics(argument: _brook_v1_CreateTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _brook_v1_CreateTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _brook_v1_CreateTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _brook_v1_CreateTopicsRequest, callback: grpc.requestCallback<_brook_v1_CreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Delete topics and their data (forwarded to the active controller).
   */
  DeleteTopics(argument: _brook_v1_DeleteTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopics(argument: _brook_v1_DeleteTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopics(argument: _brook_v1_DeleteTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopics(argument: _brook_v1_DeleteTopicsRequest, callback: grpc.requestCallback<_brook_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Delete topics and their data (forwarded to the active controller).
   */
  deleteTopics(argument: _brook_v1_DeleteTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _brook_v1_DeleteTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _brook_v1_DeleteTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _brook_v1_DeleteTopicsRequest, callback: grpc.requestCallback<_brook_v1_DeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The cluster id, the active controller, the registered brokers and the answering node.
   */
  DescribeCluster(argument: _brook_v1_DescribeClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  DescribeCluster(argument: _brook_v1_DescribeClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  DescribeCluster(argument: _brook_v1_DescribeClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  DescribeCluster(argument: _brook_v1_DescribeClusterRequest, callback: grpc.requestCallback<_brook_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The cluster id, the active controller, the registered brokers and the answering node.
   */
  describeCluster(argument: _brook_v1_DescribeClusterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  describeCluster(argument: _brook_v1_DescribeClusterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  describeCluster(argument: _brook_v1_DescribeClusterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  describeCluster(argument: _brook_v1_DescribeClusterRequest, callback: grpc.requestCallback<_brook_v1_DescribeClusterResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The effective configs of topics with their sources. Any broker answers from its image.
   */
  DescribeConfigs(argument: _brook_v1_DescribeConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  DescribeConfigs(argument: _brook_v1_DescribeConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  DescribeConfigs(argument: _brook_v1_DescribeConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  DescribeConfigs(argument: _brook_v1_DescribeConfigsRequest, callback: grpc.requestCallback<_brook_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The effective configs of topics with their sources. Any broker answers from its image.
   */
  describeConfigs(argument: _brook_v1_DescribeConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  describeConfigs(argument: _brook_v1_DescribeConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  describeConfigs(argument: _brook_v1_DescribeConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  describeConfigs(argument: _brook_v1_DescribeConfigsRequest, callback: grpc.requestCallback<_brook_v1_DescribeConfigsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The metadata quorum's leader, term, commit offset and each voter's and observer's lag
   * (forwarded to the active controller).
   */
  DescribeQuorum(argument: _brook_v1_DescribeQuorumRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  DescribeQuorum(argument: _brook_v1_DescribeQuorumRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  DescribeQuorum(argument: _brook_v1_DescribeQuorumRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  DescribeQuorum(argument: _brook_v1_DescribeQuorumRequest, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The metadata quorum's leader, term, commit offset and each voter's and observer's lag
   * (forwarded to the active controller).
   */
  describeQuorum(argument: _brook_v1_DescribeQuorumRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _brook_v1_DescribeQuorumRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _brook_v1_DescribeQuorumRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _brook_v1_DescribeQuorumRequest, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Read record batches below the high watermark of many partitions, long-polling up to
   * max_wait_ms. Must be sent to the leader.
   */
  Fetch(argument: _brook_v1_FetchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  Fetch(argument: _brook_v1_FetchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  Fetch(argument: _brook_v1_FetchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  Fetch(argument: _brook_v1_FetchRequest, callback: grpc.requestCallback<_brook_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Read record batches below the high watermark of many partitions, long-polling up to
   * max_wait_ms. Must be sent to the leader.
   */
  fetch(argument: _brook_v1_FetchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  fetch(argument: _brook_v1_FetchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  fetch(argument: _brook_v1_FetchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  fetch(argument: _brook_v1_FetchRequest, callback: grpc.requestCallback<_brook_v1_FetchResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The same Fetch requests on one long-lived stream per consumer connection, like
   * ProduceStream: a correlation id on each request and its answer, answers in completion order.
   * The SDK prefers it (a long-polling consumer sends one Fetch per high-watermark move) and
   * falls back to Fetch when a broker does not implement it. Must be opened to the leader.
   */
  FetchStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_brook_v1_FetchStreamRequest, _brook_v1_FetchStreamResponse__Output>;
  FetchStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_brook_v1_FetchStreamRequest, _brook_v1_FetchStreamResponse__Output>;
  /**
   * The same Fetch requests on one long-lived stream per consumer connection, like
   * ProduceStream: a correlation id on each request and its answer, answers in completion order.
   * The SDK prefers it (a long-polling consumer sends one Fetch per high-watermark move) and
   * falls back to Fetch when a broker does not implement it. Must be opened to the leader.
   */
  fetchStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_brook_v1_FetchStreamRequest, _brook_v1_FetchStreamResponse__Output>;
  fetchStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_brook_v1_FetchStreamRequest, _brook_v1_FetchStreamResponse__Output>;
  
  /**
   * Change topic configs key by key (forwarded to the active controller); the brokers apply
   * the new values to the topic's open partitions (retention, segments, flush policy, limits,
   * min.insync.replicas) without a restart.
   */
  IncrementalAlterConfigs(argument: _brook_v1_IncrementalAlterConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  IncrementalAlterConfigs(argument: _brook_v1_IncrementalAlterConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  IncrementalAlterConfigs(argument: _brook_v1_IncrementalAlterConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  IncrementalAlterConfigs(argument: _brook_v1_IncrementalAlterConfigsRequest, callback: grpc.requestCallback<_brook_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Change topic configs key by key (forwarded to the active controller); the brokers apply
   * the new values to the topic's open partitions (retention, segments, flush policy, limits,
   * min.insync.replicas) without a restart.
   */
  incrementalAlterConfigs(argument: _brook_v1_IncrementalAlterConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  incrementalAlterConfigs(argument: _brook_v1_IncrementalAlterConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  incrementalAlterConfigs(argument: _brook_v1_IncrementalAlterConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  incrementalAlterConfigs(argument: _brook_v1_IncrementalAlterConfigsRequest, callback: grpc.requestCallback<_brook_v1_IncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A producer id and epoch for an idempotent producer (Kafka's InitProducerId, KIP-98/KIP-360).
   * Any broker answers, from a block of ids the controller allocated to it.
   */
  InitProducerId(argument: _brook_v1_InitProducerIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  InitProducerId(argument: _brook_v1_InitProducerIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  InitProducerId(argument: _brook_v1_InitProducerIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  InitProducerId(argument: _brook_v1_InitProducerIdRequest, callback: grpc.requestCallback<_brook_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  /**
   * A producer id and epoch for an idempotent producer (Kafka's InitProducerId, KIP-98/KIP-360).
   * Any broker answers, from a block of ids the controller allocated to it.
   */
  initProducerId(argument: _brook_v1_InitProducerIdRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  initProducerId(argument: _brook_v1_InitProducerIdRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  initProducerId(argument: _brook_v1_InitProducerIdRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  initProducerId(argument: _brook_v1_InitProducerIdRequest, callback: grpc.requestCallback<_brook_v1_InitProducerIdResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Look up offsets by timestamp, or the earliest and latest offsets. Must be sent to the leader.
   */
  ListOffsets(argument: _brook_v1_ListOffsetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  ListOffsets(argument: _brook_v1_ListOffsetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  ListOffsets(argument: _brook_v1_ListOffsetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  ListOffsets(argument: _brook_v1_ListOffsetsRequest, callback: grpc.requestCallback<_brook_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Look up offsets by timestamp, or the earliest and latest offsets. Must be sent to the leader.
   */
  listOffsets(argument: _brook_v1_ListOffsetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  listOffsets(argument: _brook_v1_ListOffsetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  listOffsets(argument: _brook_v1_ListOffsetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  listOffsets(argument: _brook_v1_ListOffsetsRequest, callback: grpc.requestCallback<_brook_v1_ListOffsetsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The brokers, the active controller and, per topic, partition leaders and replicas. Any
   * broker answers from its metadata image.
   */
  Metadata(argument: _brook_v1_MetadataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  Metadata(argument: _brook_v1_MetadataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  Metadata(argument: _brook_v1_MetadataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  Metadata(argument: _brook_v1_MetadataRequest, callback: grpc.requestCallback<_brook_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The brokers, the active controller and, per topic, partition leaders and replicas. Any
   * broker answers from its metadata image.
   */
  metadata(argument: _brook_v1_MetadataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  metadata(argument: _brook_v1_MetadataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  metadata(argument: _brook_v1_MetadataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  metadata(argument: _brook_v1_MetadataRequest, callback: grpc.requestCallback<_brook_v1_MetadataResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Append record batches to the leaders' logs of many partitions at once. Must be sent to the
   * broker leading those partitions.
   */
  Produce(argument: _brook_v1_ProduceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  Produce(argument: _brook_v1_ProduceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  Produce(argument: _brook_v1_ProduceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  Produce(argument: _brook_v1_ProduceRequest, callback: grpc.requestCallback<_brook_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Append record batches to the leaders' logs of many partitions at once. Must be sent to the
   * broker leading those partitions.
   */
  produce(argument: _brook_v1_ProduceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  produce(argument: _brook_v1_ProduceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  produce(argument: _brook_v1_ProduceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  produce(argument: _brook_v1_ProduceRequest, callback: grpc.requestCallback<_brook_v1_ProduceResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The same Produce requests on one long-lived stream per producer connection: each request
   * carries a correlation id and gets exactly one answer with it, in completion order (an acks=1
   * request may be answered before an earlier acks=all one). Requests are handled in the order
   * they arrive, as on one Kafka connection. The SDK prefers it because a gRPC unary call costs
   * several times the CPU of a message on an open stream; it falls back to Produce when a broker
   * does not implement it. Must be opened to the broker leading the partitions it writes.
   */
  ProduceStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_brook_v1_ProduceStreamRequest, _brook_v1_ProduceStreamResponse__Output>;
  ProduceStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_brook_v1_ProduceStreamRequest, _brook_v1_ProduceStreamResponse__Output>;
  /**
   * The same Produce requests on one long-lived stream per producer connection: each request
   * carries a correlation id and gets exactly one answer with it, in completion order (an acks=1
   * request may be answered before an earlier acks=all one). Requests are handled in the order
   * they arrive, as on one Kafka connection. The SDK prefers it because a gRPC unary call costs
   * several times the CPU of a message on an open stream; it falls back to Produce when a broker
   * does not implement it. Must be opened to the broker leading the partitions it writes.
   */
  produceStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_brook_v1_ProduceStreamRequest, _brook_v1_ProduceStreamResponse__Output>;
  produceStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_brook_v1_ProduceStreamRequest, _brook_v1_ProduceStreamResponse__Output>;
  
}

/**
 * The client-facing RPCs of every broker (see the top of this file).
 */
export interface BrookClientHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Create topics (forwarded to the active controller).
   */
  CreateTopics: grpc.handleUnaryCall<_brook_v1_CreateTopicsRequest__Output, _brook_v1_CreateTopicsResponse>;
  
  /**
   * Delete topics and their data (forwarded to the active controller).
   */
  DeleteTopics: grpc.handleUnaryCall<_brook_v1_DeleteTopicsRequest__Output, _brook_v1_DeleteTopicsResponse>;
  
  /**
   * The cluster id, the active controller, the registered brokers and the answering node.
   */
  DescribeCluster: grpc.handleUnaryCall<_brook_v1_DescribeClusterRequest__Output, _brook_v1_DescribeClusterResponse>;
  
  /**
   * The effective configs of topics with their sources. Any broker answers from its image.
   */
  DescribeConfigs: grpc.handleUnaryCall<_brook_v1_DescribeConfigsRequest__Output, _brook_v1_DescribeConfigsResponse>;
  
  /**
   * The metadata quorum's leader, term, commit offset and each voter's and observer's lag
   * (forwarded to the active controller).
   */
  DescribeQuorum: grpc.handleUnaryCall<_brook_v1_DescribeQuorumRequest__Output, _brook_v1_DescribeQuorumResponse>;
  
  /**
   * Read record batches below the high watermark of many partitions, long-polling up to
   * max_wait_ms. Must be sent to the leader.
   */
  Fetch: grpc.handleUnaryCall<_brook_v1_FetchRequest__Output, _brook_v1_FetchResponse>;
  
  /**
   * The same Fetch requests on one long-lived stream per consumer connection, like
   * ProduceStream: a correlation id on each request and its answer, answers in completion order.
   * The SDK prefers it (a long-polling consumer sends one Fetch per high-watermark move) and
   * falls back to Fetch when a broker does not implement it. Must be opened to the leader.
   */
  FetchStream: grpc.handleBidiStreamingCall<_brook_v1_FetchStreamRequest__Output, _brook_v1_FetchStreamResponse>;
  
  /**
   * Change topic configs key by key (forwarded to the active controller); the brokers apply
   * the new values to the topic's open partitions (retention, segments, flush policy, limits,
   * min.insync.replicas) without a restart.
   */
  IncrementalAlterConfigs: grpc.handleUnaryCall<_brook_v1_IncrementalAlterConfigsRequest__Output, _brook_v1_IncrementalAlterConfigsResponse>;
  
  /**
   * A producer id and epoch for an idempotent producer (Kafka's InitProducerId, KIP-98/KIP-360).
   * Any broker answers, from a block of ids the controller allocated to it.
   */
  InitProducerId: grpc.handleUnaryCall<_brook_v1_InitProducerIdRequest__Output, _brook_v1_InitProducerIdResponse>;
  
  /**
   * Look up offsets by timestamp, or the earliest and latest offsets. Must be sent to the leader.
   */
  ListOffsets: grpc.handleUnaryCall<_brook_v1_ListOffsetsRequest__Output, _brook_v1_ListOffsetsResponse>;
  
  /**
   * The brokers, the active controller and, per topic, partition leaders and replicas. Any
   * broker answers from its metadata image.
   */
  Metadata: grpc.handleUnaryCall<_brook_v1_MetadataRequest__Output, _brook_v1_MetadataResponse>;
  
  /**
   * Append record batches to the leaders' logs of many partitions at once. Must be sent to the
   * broker leading those partitions.
   */
  Produce: grpc.handleUnaryCall<_brook_v1_ProduceRequest__Output, _brook_v1_ProduceResponse>;
  
  /**
   * The same Produce requests on one long-lived stream per producer connection: each request
   * carries a correlation id and gets exactly one answer with it, in completion order (an acks=1
   * request may be answered before an earlier acks=all one). Requests are handled in the order
   * they arrive, as on one Kafka connection. The SDK prefers it because a gRPC unary call costs
   * several times the CPU of a message on an open stream; it falls back to Produce when a broker
   * does not implement it. Must be opened to the broker leading the partitions it writes.
   */
  ProduceStream: grpc.handleBidiStreamingCall<_brook_v1_ProduceStreamRequest__Output, _brook_v1_ProduceStreamResponse>;
  
}

export interface BrookClientDefinition extends grpc.ServiceDefinition {
  CreateTopics: MethodDefinition<_brook_v1_CreateTopicsRequest, _brook_v1_CreateTopicsResponse, _brook_v1_CreateTopicsRequest__Output, _brook_v1_CreateTopicsResponse__Output>
  DeleteTopics: MethodDefinition<_brook_v1_DeleteTopicsRequest, _brook_v1_DeleteTopicsResponse, _brook_v1_DeleteTopicsRequest__Output, _brook_v1_DeleteTopicsResponse__Output>
  DescribeCluster: MethodDefinition<_brook_v1_DescribeClusterRequest, _brook_v1_DescribeClusterResponse, _brook_v1_DescribeClusterRequest__Output, _brook_v1_DescribeClusterResponse__Output>
  DescribeConfigs: MethodDefinition<_brook_v1_DescribeConfigsRequest, _brook_v1_DescribeConfigsResponse, _brook_v1_DescribeConfigsRequest__Output, _brook_v1_DescribeConfigsResponse__Output>
  DescribeQuorum: MethodDefinition<_brook_v1_DescribeQuorumRequest, _brook_v1_DescribeQuorumResponse, _brook_v1_DescribeQuorumRequest__Output, _brook_v1_DescribeQuorumResponse__Output>
  Fetch: MethodDefinition<_brook_v1_FetchRequest, _brook_v1_FetchResponse, _brook_v1_FetchRequest__Output, _brook_v1_FetchResponse__Output>
  FetchStream: MethodDefinition<_brook_v1_FetchStreamRequest, _brook_v1_FetchStreamResponse, _brook_v1_FetchStreamRequest__Output, _brook_v1_FetchStreamResponse__Output>
  IncrementalAlterConfigs: MethodDefinition<_brook_v1_IncrementalAlterConfigsRequest, _brook_v1_IncrementalAlterConfigsResponse, _brook_v1_IncrementalAlterConfigsRequest__Output, _brook_v1_IncrementalAlterConfigsResponse__Output>
  InitProducerId: MethodDefinition<_brook_v1_InitProducerIdRequest, _brook_v1_InitProducerIdResponse, _brook_v1_InitProducerIdRequest__Output, _brook_v1_InitProducerIdResponse__Output>
  ListOffsets: MethodDefinition<_brook_v1_ListOffsetsRequest, _brook_v1_ListOffsetsResponse, _brook_v1_ListOffsetsRequest__Output, _brook_v1_ListOffsetsResponse__Output>
  Metadata: MethodDefinition<_brook_v1_MetadataRequest, _brook_v1_MetadataResponse, _brook_v1_MetadataRequest__Output, _brook_v1_MetadataResponse__Output>
  Produce: MethodDefinition<_brook_v1_ProduceRequest, _brook_v1_ProduceResponse, _brook_v1_ProduceRequest__Output, _brook_v1_ProduceResponse__Output>
  ProduceStream: MethodDefinition<_brook_v1_ProduceStreamRequest, _brook_v1_ProduceStreamResponse, _brook_v1_ProduceStreamRequest__Output, _brook_v1_ProduceStreamResponse__Output>
}
