// Original file: ../../proto/brook/v1/controller.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AllocateProducerIdsRequest as _brook_v1_AllocateProducerIdsRequest, AllocateProducerIdsRequest__Output as _brook_v1_AllocateProducerIdsRequest__Output } from '../../brook/v1/AllocateProducerIdsRequest.js';
import type { AllocateProducerIdsResponse as _brook_v1_AllocateProducerIdsResponse, AllocateProducerIdsResponse__Output as _brook_v1_AllocateProducerIdsResponse__Output } from '../../brook/v1/AllocateProducerIdsResponse.js';
import type { AlterPartitionRequest as _brook_v1_AlterPartitionRequest, AlterPartitionRequest__Output as _brook_v1_AlterPartitionRequest__Output } from '../../brook/v1/AlterPartitionRequest.js';
import type { AlterPartitionResponse as _brook_v1_AlterPartitionResponse, AlterPartitionResponse__Output as _brook_v1_AlterPartitionResponse__Output } from '../../brook/v1/AlterPartitionResponse.js';
import type { BrokerHeartbeatRequest as _brook_v1_BrokerHeartbeatRequest, BrokerHeartbeatRequest__Output as _brook_v1_BrokerHeartbeatRequest__Output } from '../../brook/v1/BrokerHeartbeatRequest.js';
import type { BrokerHeartbeatResponse as _brook_v1_BrokerHeartbeatResponse, BrokerHeartbeatResponse__Output as _brook_v1_BrokerHeartbeatResponse__Output } from '../../brook/v1/BrokerHeartbeatResponse.js';
import type { DescribeQuorumRequest as _brook_v1_DescribeQuorumRequest, DescribeQuorumRequest__Output as _brook_v1_DescribeQuorumRequest__Output } from '../../brook/v1/DescribeQuorumRequest.js';
import type { DescribeQuorumResponse as _brook_v1_DescribeQuorumResponse, DescribeQuorumResponse__Output as _brook_v1_DescribeQuorumResponse__Output } from '../../brook/v1/DescribeQuorumResponse.js';
import type { FetchMetadataRequest as _brook_v1_FetchMetadataRequest, FetchMetadataRequest__Output as _brook_v1_FetchMetadataRequest__Output } from '../../brook/v1/FetchMetadataRequest.js';
import type { FetchMetadataResponse as _brook_v1_FetchMetadataResponse, FetchMetadataResponse__Output as _brook_v1_FetchMetadataResponse__Output } from '../../brook/v1/FetchMetadataResponse.js';
import type { ForwardedCreateTopicsRequest as _brook_v1_ForwardedCreateTopicsRequest, ForwardedCreateTopicsRequest__Output as _brook_v1_ForwardedCreateTopicsRequest__Output } from '../../brook/v1/ForwardedCreateTopicsRequest.js';
import type { ForwardedCreateTopicsResponse as _brook_v1_ForwardedCreateTopicsResponse, ForwardedCreateTopicsResponse__Output as _brook_v1_ForwardedCreateTopicsResponse__Output } from '../../brook/v1/ForwardedCreateTopicsResponse.js';
import type { ForwardedDeleteTopicsRequest as _brook_v1_ForwardedDeleteTopicsRequest, ForwardedDeleteTopicsRequest__Output as _brook_v1_ForwardedDeleteTopicsRequest__Output } from '../../brook/v1/ForwardedDeleteTopicsRequest.js';
import type { ForwardedDeleteTopicsResponse as _brook_v1_ForwardedDeleteTopicsResponse, ForwardedDeleteTopicsResponse__Output as _brook_v1_ForwardedDeleteTopicsResponse__Output } from '../../brook/v1/ForwardedDeleteTopicsResponse.js';
import type { ForwardedIncrementalAlterConfigsRequest as _brook_v1_ForwardedIncrementalAlterConfigsRequest, ForwardedIncrementalAlterConfigsRequest__Output as _brook_v1_ForwardedIncrementalAlterConfigsRequest__Output } from '../../brook/v1/ForwardedIncrementalAlterConfigsRequest.js';
import type { ForwardedIncrementalAlterConfigsResponse as _brook_v1_ForwardedIncrementalAlterConfigsResponse, ForwardedIncrementalAlterConfigsResponse__Output as _brook_v1_ForwardedIncrementalAlterConfigsResponse__Output } from '../../brook/v1/ForwardedIncrementalAlterConfigsResponse.js';
import type { RegisterBrokerRequest as _brook_v1_RegisterBrokerRequest, RegisterBrokerRequest__Output as _brook_v1_RegisterBrokerRequest__Output } from '../../brook/v1/RegisterBrokerRequest.js';
import type { RegisterBrokerResponse as _brook_v1_RegisterBrokerResponse, RegisterBrokerResponse__Output as _brook_v1_RegisterBrokerResponse__Output } from '../../brook/v1/RegisterBrokerResponse.js';

/**
 * The RPCs brokers (and forwarding brokers on behalf of clients) send to the active controller.
 */
export interface BrookControllerClient extends grpc.Client {
  /**
   * A broker asks for the next block of producer ids to hand to idempotent producers (KIP-730).
   */
  AllocateProducerIds(argument: _brook_v1_AllocateProducerIdsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  AllocateProducerIds(argument: _brook_v1_AllocateProducerIdsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  AllocateProducerIds(argument: _brook_v1_AllocateProducerIdsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  AllocateProducerIds(argument: _brook_v1_AllocateProducerIdsRequest, callback: grpc.requestCallback<_brook_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * A broker asks for the next block of producer ids to hand to idempotent producers (KIP-730).
   */
  allocateProducerIds(argument: _brook_v1_AllocateProducerIdsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  allocateProducerIds(argument: _brook_v1_AllocateProducerIdsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  allocateProducerIds(argument: _brook_v1_AllocateProducerIdsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  allocateProducerIds(argument: _brook_v1_AllocateProducerIdsRequest, callback: grpc.requestCallback<_brook_v1_AllocateProducerIdsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A partition leader proposes new ISRs (KIP-497): shrink a lagging follower out, expand a
   * caught-up one back in. Guarded by leader epoch and partition epoch; answers each partition's
   * state after the change, once committed.
   */
  AlterPartition(argument: _brook_v1_AlterPartitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  AlterPartition(argument: _brook_v1_AlterPartitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  AlterPartition(argument: _brook_v1_AlterPartitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  AlterPartition(argument: _brook_v1_AlterPartitionRequest, callback: grpc.requestCallback<_brook_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * A partition leader proposes new ISRs (KIP-497): shrink a lagging follower out, expand a
   * caught-up one back in. Guarded by leader epoch and partition epoch; answers each partition's
   * state after the change, once committed.
   */
  alterPartition(argument: _brook_v1_AlterPartitionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  alterPartition(argument: _brook_v1_AlterPartitionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  alterPartition(argument: _brook_v1_AlterPartitionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  alterPartition(argument: _brook_v1_AlterPartitionRequest, callback: grpc.requestCallback<_brook_v1_AlterPartitionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Keeps a broker's session alive, reports how far it has applied the metadata log, and asks
   * to be fenced, unfenced or shut down in a controlled way.
   */
  BrokerHeartbeat(argument: _brook_v1_BrokerHeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  BrokerHeartbeat(argument: _brook_v1_BrokerHeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  BrokerHeartbeat(argument: _brook_v1_BrokerHeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  BrokerHeartbeat(argument: _brook_v1_BrokerHeartbeatRequest, callback: grpc.requestCallback<_brook_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Keeps a broker's session alive, reports how far it has applied the metadata log, and asks
   * to be fenced, unfenced or shut down in a controlled way.
   */
  brokerHeartbeat(argument: _brook_v1_BrokerHeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  brokerHeartbeat(argument: _brook_v1_BrokerHeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  brokerHeartbeat(argument: _brook_v1_BrokerHeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  brokerHeartbeat(argument: _brook_v1_BrokerHeartbeatRequest, callback: grpc.requestCallback<_brook_v1_BrokerHeartbeatResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * CreateTopics forwarded by the broker a client sent it to (KIP-590). Answers once the new
   * topics are committed, with the metadata-log offset that holds them.
   */
  CreateTopics(argument: _brook_v1_ForwardedCreateTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ForwardedCreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _brook_v1_ForwardedCreateTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_ForwardedCreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _brook_v1_ForwardedCreateTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ForwardedCreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  CreateTopics(argument: _brook_v1_ForwardedCreateTopicsRequest, callback: grpc.requestCallback<_brook_v1_ForwardedCreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * CreateTopics forwarded by the broker a client sent it to (KIP-590). Answers once the new
   * topics are committed, with the metadata-log offset that holds them.
   */
  createTopics(argument: _brook_v1_ForwardedCreateTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ForwardedCreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _brook_v1_ForwardedCreateTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_ForwardedCreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _brook_v1_ForwardedCreateTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ForwardedCreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  createTopics(argument: _brook_v1_ForwardedCreateTopicsRequest, callback: grpc.requestCallback<_brook_v1_ForwardedCreateTopicsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * DeleteTopics forwarded by a broker; answers once the removal is committed.
   */
  DeleteTopics(argument: _brook_v1_ForwardedDeleteTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ForwardedDeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopics(argument: _brook_v1_ForwardedDeleteTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_ForwardedDeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopics(argument: _brook_v1_ForwardedDeleteTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ForwardedDeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopics(argument: _brook_v1_ForwardedDeleteTopicsRequest, callback: grpc.requestCallback<_brook_v1_ForwardedDeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * DeleteTopics forwarded by a broker; answers once the removal is committed.
   */
  deleteTopics(argument: _brook_v1_ForwardedDeleteTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ForwardedDeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _brook_v1_ForwardedDeleteTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_ForwardedDeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _brook_v1_ForwardedDeleteTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ForwardedDeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  deleteTopics(argument: _brook_v1_ForwardedDeleteTopicsRequest, callback: grpc.requestCallback<_brook_v1_ForwardedDeleteTopicsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The metadata quorum's state: leader, term, commit offset, each voter's and observer's lag.
   */
  DescribeQuorum(argument: _brook_v1_DescribeQuorumRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  DescribeQuorum(argument: _brook_v1_DescribeQuorumRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  DescribeQuorum(argument: _brook_v1_DescribeQuorumRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  DescribeQuorum(argument: _brook_v1_DescribeQuorumRequest, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The metadata quorum's state: leader, term, commit offset, each voter's and observer's lag.
   */
  describeQuorum(argument: _brook_v1_DescribeQuorumRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _brook_v1_DescribeQuorumRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _brook_v1_DescribeQuorumRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  describeQuorum(argument: _brook_v1_DescribeQuorumRequest, callback: grpc.requestCallback<_brook_v1_DescribeQuorumResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Committed metadata-log batches from an offset on, long-polling until there are some or
   * max_wait_ms passes; a snapshot of the metadata image when the offset was compacted away.
   */
  FetchMetadata(argument: _brook_v1_FetchMetadataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_FetchMetadataResponse__Output>): grpc.ClientUnaryCall;
  FetchMetadata(argument: _brook_v1_FetchMetadataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_FetchMetadataResponse__Output>): grpc.ClientUnaryCall;
  FetchMetadata(argument: _brook_v1_FetchMetadataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_FetchMetadataResponse__Output>): grpc.ClientUnaryCall;
  FetchMetadata(argument: _brook_v1_FetchMetadataRequest, callback: grpc.requestCallback<_brook_v1_FetchMetadataResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Committed metadata-log batches from an offset on, long-polling until there are some or
   * max_wait_ms passes; a snapshot of the metadata image when the offset was compacted away.
   */
  fetchMetadata(argument: _brook_v1_FetchMetadataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_FetchMetadataResponse__Output>): grpc.ClientUnaryCall;
  fetchMetadata(argument: _brook_v1_FetchMetadataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_FetchMetadataResponse__Output>): grpc.ClientUnaryCall;
  fetchMetadata(argument: _brook_v1_FetchMetadataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_FetchMetadataResponse__Output>): grpc.ClientUnaryCall;
  fetchMetadata(argument: _brook_v1_FetchMetadataRequest, callback: grpc.requestCallback<_brook_v1_FetchMetadataResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * IncrementalAlterConfigs forwarded by a broker; answers once the change is committed.
   */
  IncrementalAlterConfigs(argument: _brook_v1_ForwardedIncrementalAlterConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ForwardedIncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  IncrementalAlterConfigs(argument: _brook_v1_ForwardedIncrementalAlterConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_ForwardedIncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  IncrementalAlterConfigs(argument: _brook_v1_ForwardedIncrementalAlterConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ForwardedIncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  IncrementalAlterConfigs(argument: _brook_v1_ForwardedIncrementalAlterConfigsRequest, callback: grpc.requestCallback<_brook_v1_ForwardedIncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * IncrementalAlterConfigs forwarded by a broker; answers once the change is committed.
   */
  incrementalAlterConfigs(argument: _brook_v1_ForwardedIncrementalAlterConfigsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ForwardedIncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  incrementalAlterConfigs(argument: _brook_v1_ForwardedIncrementalAlterConfigsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_ForwardedIncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  incrementalAlterConfigs(argument: _brook_v1_ForwardedIncrementalAlterConfigsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_ForwardedIncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  incrementalAlterConfigs(argument: _brook_v1_ForwardedIncrementalAlterConfigsRequest, callback: grpc.requestCallback<_brook_v1_ForwardedIncrementalAlterConfigsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A broker process announces itself: its id, a fresh incarnation id, its listeners and rack.
   * Answers the broker epoch (the metadata-log offset of the registration) once committed.
   */
  RegisterBroker(argument: _brook_v1_RegisterBrokerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  RegisterBroker(argument: _brook_v1_RegisterBrokerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  RegisterBroker(argument: _brook_v1_RegisterBrokerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  RegisterBroker(argument: _brook_v1_RegisterBrokerRequest, callback: grpc.requestCallback<_brook_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * A broker process announces itself: its id, a fresh incarnation id, its listeners and rack.
   * Answers the broker epoch (the metadata-log offset of the registration) once committed.
   */
  registerBroker(argument: _brook_v1_RegisterBrokerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  registerBroker(argument: _brook_v1_RegisterBrokerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_brook_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  registerBroker(argument: _brook_v1_RegisterBrokerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_brook_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  registerBroker(argument: _brook_v1_RegisterBrokerRequest, callback: grpc.requestCallback<_brook_v1_RegisterBrokerResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * The RPCs brokers (and forwarding brokers on behalf of clients) send to the active controller.
 */
export interface BrookControllerHandlers extends grpc.UntypedServiceImplementation {
  /**
   * A broker asks for the next block of producer ids to hand to idempotent producers (KIP-730).
   */
  AllocateProducerIds: grpc.handleUnaryCall<_brook_v1_AllocateProducerIdsRequest__Output, _brook_v1_AllocateProducerIdsResponse>;
  
  /**
   * A partition leader proposes new ISRs (KIP-497): shrink a lagging follower out, expand a
   * caught-up one back in. Guarded by leader epoch and partition epoch; answers each partition's
   * state after the change, once committed.
   */
  AlterPartition: grpc.handleUnaryCall<_brook_v1_AlterPartitionRequest__Output, _brook_v1_AlterPartitionResponse>;
  
  /**
   * Keeps a broker's session alive, reports how far it has applied the metadata log, and asks
   * to be fenced, unfenced or shut down in a controlled way.
   */
  BrokerHeartbeat: grpc.handleUnaryCall<_brook_v1_BrokerHeartbeatRequest__Output, _brook_v1_BrokerHeartbeatResponse>;
  
  /**
   * CreateTopics forwarded by the broker a client sent it to (KIP-590). Answers once the new
   * topics are committed, with the metadata-log offset that holds them.
   */
  CreateTopics: grpc.handleUnaryCall<_brook_v1_ForwardedCreateTopicsRequest__Output, _brook_v1_ForwardedCreateTopicsResponse>;
  
  /**
   * DeleteTopics forwarded by a broker; answers once the removal is committed.
   */
  DeleteTopics: grpc.handleUnaryCall<_brook_v1_ForwardedDeleteTopicsRequest__Output, _brook_v1_ForwardedDeleteTopicsResponse>;
  
  /**
   * The metadata quorum's state: leader, term, commit offset, each voter's and observer's lag.
   */
  DescribeQuorum: grpc.handleUnaryCall<_brook_v1_DescribeQuorumRequest__Output, _brook_v1_DescribeQuorumResponse>;
  
  /**
   * Committed metadata-log batches from an offset on, long-polling until there are some or
   * max_wait_ms passes; a snapshot of the metadata image when the offset was compacted away.
   */
  FetchMetadata: grpc.handleUnaryCall<_brook_v1_FetchMetadataRequest__Output, _brook_v1_FetchMetadataResponse>;
  
  /**
   * IncrementalAlterConfigs forwarded by a broker; answers once the change is committed.
   */
  IncrementalAlterConfigs: grpc.handleUnaryCall<_brook_v1_ForwardedIncrementalAlterConfigsRequest__Output, _brook_v1_ForwardedIncrementalAlterConfigsResponse>;
  
  /**
   * A broker process announces itself: its id, a fresh incarnation id, its listeners and rack.
   * Answers the broker epoch (the metadata-log offset of the registration) once committed.
   */
  RegisterBroker: grpc.handleUnaryCall<_brook_v1_RegisterBrokerRequest__Output, _brook_v1_RegisterBrokerResponse>;
  
}

export interface BrookControllerDefinition extends grpc.ServiceDefinition {
  AllocateProducerIds: MethodDefinition<_brook_v1_AllocateProducerIdsRequest, _brook_v1_AllocateProducerIdsResponse, _brook_v1_AllocateProducerIdsRequest__Output, _brook_v1_AllocateProducerIdsResponse__Output>
  AlterPartition: MethodDefinition<_brook_v1_AlterPartitionRequest, _brook_v1_AlterPartitionResponse, _brook_v1_AlterPartitionRequest__Output, _brook_v1_AlterPartitionResponse__Output>
  BrokerHeartbeat: MethodDefinition<_brook_v1_BrokerHeartbeatRequest, _brook_v1_BrokerHeartbeatResponse, _brook_v1_BrokerHeartbeatRequest__Output, _brook_v1_BrokerHeartbeatResponse__Output>
  CreateTopics: MethodDefinition<_brook_v1_ForwardedCreateTopicsRequest, _brook_v1_ForwardedCreateTopicsResponse, _brook_v1_ForwardedCreateTopicsRequest__Output, _brook_v1_ForwardedCreateTopicsResponse__Output>
  DeleteTopics: MethodDefinition<_brook_v1_ForwardedDeleteTopicsRequest, _brook_v1_ForwardedDeleteTopicsResponse, _brook_v1_ForwardedDeleteTopicsRequest__Output, _brook_v1_ForwardedDeleteTopicsResponse__Output>
  DescribeQuorum: MethodDefinition<_brook_v1_DescribeQuorumRequest, _brook_v1_DescribeQuorumResponse, _brook_v1_DescribeQuorumRequest__Output, _brook_v1_DescribeQuorumResponse__Output>
  FetchMetadata: MethodDefinition<_brook_v1_FetchMetadataRequest, _brook_v1_FetchMetadataResponse, _brook_v1_FetchMetadataRequest__Output, _brook_v1_FetchMetadataResponse__Output>
  IncrementalAlterConfigs: MethodDefinition<_brook_v1_ForwardedIncrementalAlterConfigsRequest, _brook_v1_ForwardedIncrementalAlterConfigsResponse, _brook_v1_ForwardedIncrementalAlterConfigsRequest__Output, _brook_v1_ForwardedIncrementalAlterConfigsResponse__Output>
  RegisterBroker: MethodDefinition<_brook_v1_RegisterBrokerRequest, _brook_v1_RegisterBrokerResponse, _brook_v1_RegisterBrokerRequest__Output, _brook_v1_RegisterBrokerResponse__Output>
}
