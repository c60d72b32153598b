import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AllocateProducerIdsRequest as _brook_v1_AllocateProducerIdsRequest, AllocateProducerIdsRequest__Output as _brook_v1_AllocateProducerIdsRequest__Output } from './brook/v1/AllocateProducerIdsRequest.js';
import type { AllocateProducerIdsResponse as _brook_v1_AllocateProducerIdsResponse, AllocateProducerIdsResponse__Output as _brook_v1_AllocateProducerIdsResponse__Output } from './brook/v1/AllocateProducerIdsResponse.js';
import type { AlterConfigsResult as _brook_v1_AlterConfigsResult, AlterConfigsResult__Output as _brook_v1_AlterConfigsResult__Output } from './brook/v1/AlterConfigsResult.js';
import type { AlterPartitionRequest as _brook_v1_AlterPartitionRequest, AlterPartitionRequest__Output as _brook_v1_AlterPartitionRequest__Output } from './brook/v1/AlterPartitionRequest.js';
import type { AlterPartitionResponse as _brook_v1_AlterPartitionResponse, AlterPartitionResponse__Output as _brook_v1_AlterPartitionResponse__Output } from './brook/v1/AlterPartitionResponse.js';
import type { AlterableConfig as _brook_v1_AlterableConfig, AlterableConfig__Output as _brook_v1_AlterableConfig__Output } from './brook/v1/AlterableConfig.js';
import type { AlterableTopicConfigs as _brook_v1_AlterableTopicConfigs, AlterableTopicConfigs__Output as _brook_v1_AlterableTopicConfigs__Output } from './brook/v1/AlterableTopicConfigs.js';
import type { BrokerHeartbeatRequest as _brook_v1_BrokerHeartbeatRequest, BrokerHeartbeatRequest__Output as _brook_v1_BrokerHeartbeatRequest__Output } from './brook/v1/BrokerHeartbeatRequest.js';
import type { BrokerHeartbeatResponse as _brook_v1_BrokerHeartbeatResponse, BrokerHeartbeatResponse__Output as _brook_v1_BrokerHeartbeatResponse__Output } from './brook/v1/BrokerHeartbeatResponse.js';
import type { BrokerListener as _brook_v1_BrokerListener, BrokerListener__Output as _brook_v1_BrokerListener__Output } from './brook/v1/BrokerListener.js';
import type { BrookControllerClient as _brook_v1_BrookControllerClient, BrookControllerDefinition as _brook_v1_BrookControllerDefinition } from './brook/v1/BrookController.js';
import type { CreatableTopic as _brook_v1_CreatableTopic, CreatableTopic__Output as _brook_v1_CreatableTopic__Output } from './brook/v1/CreatableTopic.js';
import type { CreatableTopicResult as _brook_v1_CreatableTopicResult, CreatableTopicResult__Output as _brook_v1_CreatableTopicResult__Output } from './brook/v1/CreatableTopicResult.js';
import type { CreateTopicsRequest as _brook_v1_CreateTopicsRequest, CreateTopicsRequest__Output as _brook_v1_CreateTopicsRequest__Output } from './brook/v1/CreateTopicsRequest.js';
import type { CreateTopicsResponse as _brook_v1_CreateTopicsResponse, CreateTopicsResponse__Output as _brook_v1_CreateTopicsResponse__Output } from './brook/v1/CreateTopicsResponse.js';
import type { DeletableTopicResult as _brook_v1_DeletableTopicResult, DeletableTopicResult__Output as _brook_v1_DeletableTopicResult__Output } from './brook/v1/DeletableTopicResult.js';
import type { DeleteTopicsRequest as _brook_v1_DeleteTopicsRequest, DeleteTopicsRequest__Output as _brook_v1_DeleteTopicsRequest__Output } from './brook/v1/DeleteTopicsRequest.js';
import type { DeleteTopicsResponse as _brook_v1_DeleteTopicsResponse, DeleteTopicsResponse__Output as _brook_v1_DeleteTopicsResponse__Output } from './brook/v1/DeleteTopicsResponse.js';
import type { DescribeConfigsRequest as _brook_v1_DescribeConfigsRequest, DescribeConfigsRequest__Output as _brook_v1_DescribeConfigsRequest__Output } from './brook/v1/DescribeConfigsRequest.js';
import type { DescribeConfigsResponse as _brook_v1_DescribeConfigsResponse, DescribeConfigsResponse__Output as _brook_v1_DescribeConfigsResponse__Output } from './brook/v1/DescribeConfigsResponse.js';
import type { DescribeConfigsResult as _brook_v1_DescribeConfigsResult, DescribeConfigsResult__Output as _brook_v1_DescribeConfigsResult__Output } from './brook/v1/DescribeConfigsResult.js';
import type { DescribeQuorumRequest as _brook_v1_DescribeQuorumRequest, DescribeQuorumRequest__Output as _brook_v1_DescribeQuorumRequest__Output } from './brook/v1/DescribeQuorumRequest.js';
import type { DescribeQuorumResponse as _brook_v1_DescribeQuorumResponse, DescribeQuorumResponse__Output as _brook_v1_DescribeQuorumResponse__Output } from './brook/v1/DescribeQuorumResponse.js';
import type { FetchMetadataRequest as _brook_v1_FetchMetadataRequest, FetchMetadataRequest__Output as _brook_v1_FetchMetadataRequest__Output } from './brook/v1/FetchMetadataRequest.js';
import type { FetchMetadataResponse as _brook_v1_FetchMetadataResponse, FetchMetadataResponse__Output as _brook_v1_FetchMetadataResponse__Output } from './brook/v1/FetchMetadataResponse.js';
import type { ForwardedCreateTopicsRequest as _brook_v1_ForwardedCreateTopicsRequest, ForwardedCreateTopicsRequest__Output as _brook_v1_ForwardedCreateTopicsRequest__Output } from './brook/v1/ForwardedCreateTopicsRequest.js';
import type { ForwardedCreateTopicsResponse as _brook_v1_ForwardedCreateTopicsResponse, ForwardedCreateTopicsResponse__Output as _brook_v1_ForwardedCreateTopicsResponse__Output } from './brook/v1/ForwardedCreateTopicsResponse.js';
import type { ForwardedDeleteTopicsRequest as _brook_v1_ForwardedDeleteTopicsRequest, ForwardedDeleteTopicsRequest__Output as _brook_v1_ForwardedDeleteTopicsRequest__Output } from './brook/v1/ForwardedDeleteTopicsRequest.js';
import type { ForwardedDeleteTopicsResponse as _brook_v1_ForwardedDeleteTopicsResponse, ForwardedDeleteTopicsResponse__Output as _brook_v1_ForwardedDeleteTopicsResponse__Output } from './brook/v1/ForwardedDeleteTopicsResponse.js';
import type { ForwardedIncrementalAlterConfigsRequest as _brook_v1_ForwardedIncrementalAlterConfigsRequest, ForwardedIncrementalAlterConfigsRequest__Output as _brook_v1_ForwardedIncrementalAlterConfigsRequest__Output } from './brook/v1/ForwardedIncrementalAlterConfigsRequest.js';
import type { ForwardedIncrementalAlterConfigsResponse as _brook_v1_ForwardedIncrementalAlterConfigsResponse, ForwardedIncrementalAlterConfigsResponse__Output as _brook_v1_ForwardedIncrementalAlterConfigsResponse__Output } from './brook/v1/ForwardedIncrementalAlterConfigsResponse.js';
import type { IncrementalAlterConfigsRequest as _brook_v1_IncrementalAlterConfigsRequest, IncrementalAlterConfigsRequest__Output as _brook_v1_IncrementalAlterConfigsRequest__Output } from './brook/v1/IncrementalAlterConfigsRequest.js';
import type { IncrementalAlterConfigsResponse as _brook_v1_IncrementalAlterConfigsResponse, IncrementalAlterConfigsResponse__Output as _brook_v1_IncrementalAlterConfigsResponse__Output } from './brook/v1/IncrementalAlterConfigsResponse.js';
import type { IsrMember as _brook_v1_IsrMember, IsrMember__Output as _brook_v1_IsrMember__Output } from './brook/v1/IsrMember.js';
import type { MetadataBatch as _brook_v1_MetadataBatch, MetadataBatch__Output as _brook_v1_MetadataBatch__Output } from './brook/v1/MetadataBatch.js';
import type { MetadataSnapshot as _brook_v1_MetadataSnapshot, MetadataSnapshot__Output as _brook_v1_MetadataSnapshot__Output } from './brook/v1/MetadataSnapshot.js';
import type { PartitionIsrProposal as _brook_v1_PartitionIsrProposal, PartitionIsrProposal__Output as _brook_v1_PartitionIsrProposal__Output } from './brook/v1/PartitionIsrProposal.js';
import type { PartitionIsrResult as _brook_v1_PartitionIsrResult, PartitionIsrResult__Output as _brook_v1_PartitionIsrResult__Output } from './brook/v1/PartitionIsrResult.js';
import type { QuorumReplica as _brook_v1_QuorumReplica, QuorumReplica__Output as _brook_v1_QuorumReplica__Output } from './brook/v1/QuorumReplica.js';
import type { RegisterBrokerRequest as _brook_v1_RegisterBrokerRequest, RegisterBrokerRequest__Output as _brook_v1_RegisterBrokerRequest__Output } from './brook/v1/RegisterBrokerRequest.js';
import type { RegisterBrokerResponse as _brook_v1_RegisterBrokerResponse, RegisterBrokerResponse__Output as _brook_v1_RegisterBrokerResponse__Output } from './brook/v1/RegisterBrokerResponse.js';
import type { TopicConfig as _brook_v1_TopicConfig, TopicConfig__Output as _brook_v1_TopicConfig__Output } from './brook/v1/TopicConfig.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  brook: {
    v1: {
      AllocateProducerIdsRequest: MessageTypeDefinition<_brook_v1_AllocateProducerIdsRequest, _brook_v1_AllocateProducerIdsRequest__Output>
      AllocateProducerIdsResponse: MessageTypeDefinition<_brook_v1_AllocateProducerIdsResponse, _brook_v1_AllocateProducerIdsResponse__Output>
      AlterConfigsResult: MessageTypeDefinition<_brook_v1_AlterConfigsResult, _brook_v1_AlterConfigsResult__Output>
      AlterPartitionRequest: MessageTypeDefinition<_brook_v1_AlterPartitionRequest, _brook_v1_AlterPartitionRequest__Output>
      AlterPartitionResponse: MessageTypeDefinition<_brook_v1_AlterPartitionResponse, _brook_v1_AlterPartitionResponse__Output>
      AlterableConfig: MessageTypeDefinition<_brook_v1_AlterableConfig, _brook_v1_AlterableConfig__Output>
      AlterableTopicConfigs: MessageTypeDefinition<_brook_v1_AlterableTopicConfigs, _brook_v1_AlterableTopicConfigs__Output>
      BrokerHeartbeatRequest: MessageTypeDefinition<_brook_v1_BrokerHeartbeatRequest, _brook_v1_BrokerHeartbeatRequest__Output>
      BrokerHeartbeatResponse: MessageTypeDefinition<_brook_v1_BrokerHeartbeatResponse, _brook_v1_BrokerHeartbeatResponse__Output>
      BrokerListener: MessageTypeDefinition<_brook_v1_BrokerListener, _brook_v1_BrokerListener__Output>
      /**
       * The RPCs brokers (and forwarding brokers on behalf of clients) send to the active controller.
       */
      BrookController: SubtypeConstructor<typeof grpc.Client, _brook_v1_BrookControllerClient> & { service: _brook_v1_BrookControllerDefinition }
      ConfigOperation: EnumTypeDefinition
      ConfigSource: EnumTypeDefinition
      CreatableTopic: MessageTypeDefinition<_brook_v1_CreatableTopic, _brook_v1_CreatableTopic__Output>
      CreatableTopicResult: MessageTypeDefinition<_brook_v1_CreatableTopicResult, _brook_v1_CreatableTopicResult__Output>
      CreateTopicsRequest: MessageTypeDefinition<_brook_v1_CreateTopicsRequest, _brook_v1_CreateTopicsRequest__Output>
      CreateTopicsResponse: MessageTypeDefinition<_brook_v1_CreateTopicsResponse, _brook_v1_CreateTopicsResponse__Output>
      DeletableTopicResult: MessageTypeDefinition<_brook_v1_DeletableTopicResult, _brook_v1_DeletableTopicResult__Output>
      DeleteTopicsRequest: MessageTypeDefinition<_brook_v1_DeleteTopicsRequest, _brook_v1_DeleteTopicsRequest__Output>
      DeleteTopicsResponse: MessageTypeDefinition<_brook_v1_DeleteTopicsResponse, _brook_v1_DeleteTopicsResponse__Output>
      DescribeConfigsRequest: MessageTypeDefinition<_brook_v1_DescribeConfigsRequest, _brook_v1_DescribeConfigsRequest__Output>
      DescribeConfigsResponse: MessageTypeDefinition<_brook_v1_DescribeConfigsResponse, _brook_v1_DescribeConfigsResponse__Output>
      DescribeConfigsResult: MessageTypeDefinition<_brook_v1_DescribeConfigsResult, _brook_v1_DescribeConfigsResult__Output>
      DescribeQuorumRequest: MessageTypeDefinition<_brook_v1_DescribeQuorumRequest, _brook_v1_DescribeQuorumRequest__Output>
      DescribeQuorumResponse: MessageTypeDefinition<_brook_v1_DescribeQuorumResponse, _brook_v1_DescribeQuorumResponse__Output>
      FetchMetadataRequest: MessageTypeDefinition<_brook_v1_FetchMetadataRequest, _brook_v1_FetchMetadataRequest__Output>
      FetchMetadataResponse: MessageTypeDefinition<_brook_v1_FetchMetadataResponse, _brook_v1_FetchMetadataResponse__Output>
      ForwardedCreateTopicsRequest: MessageTypeDefinition<_brook_v1_ForwardedCreateTopicsRequest, _brook_v1_ForwardedCreateTopicsRequest__Output>
      ForwardedCreateTopicsResponse: MessageTypeDefinition<_brook_v1_ForwardedCreateTopicsResponse, _brook_v1_ForwardedCreateTopicsResponse__Output>
      ForwardedDeleteTopicsRequest: MessageTypeDefinition<_brook_v1_ForwardedDeleteTopicsRequest, _brook_v1_ForwardedDeleteTopicsRequest__Output>
      ForwardedDeleteTopicsResponse: MessageTypeDefinition<_brook_v1_ForwardedDeleteTopicsResponse, _brook_v1_ForwardedDeleteTopicsResponse__Output>
      ForwardedIncrementalAlterConfigsRequest: MessageTypeDefinition<_brook_v1_ForwardedIncrementalAlterConfigsRequest, _brook_v1_ForwardedIncrementalAlterConfigsRequest__Output>
      ForwardedIncrementalAlterConfigsResponse: MessageTypeDefinition<_brook_v1_ForwardedIncrementalAlterConfigsResponse, _brook_v1_ForwardedIncrementalAlterConfigsResponse__Output>
      IncrementalAlterConfigsRequest: MessageTypeDefinition<_brook_v1_IncrementalAlterConfigsRequest, _brook_v1_IncrementalAlterConfigsRequest__Output>
      IncrementalAlterConfigsResponse: MessageTypeDefinition<_brook_v1_IncrementalAlterConfigsResponse, _brook_v1_IncrementalAlterConfigsResponse__Output>
      IsrMember: MessageTypeDefinition<_brook_v1_IsrMember, _brook_v1_IsrMember__Output>
      MetadataBatch: MessageTypeDefinition<_brook_v1_MetadataBatch, _brook_v1_MetadataBatch__Output>
      MetadataSnapshot: MessageTypeDefinition<_brook_v1_MetadataSnapshot, _brook_v1_MetadataSnapshot__Output>
      PartitionIsrProposal: MessageTypeDefinition<_brook_v1_PartitionIsrProposal, _brook_v1_PartitionIsrProposal__Output>
      PartitionIsrResult: MessageTypeDefinition<_brook_v1_PartitionIsrResult, _brook_v1_PartitionIsrResult__Output>
      QuorumReplica: MessageTypeDefinition<_brook_v1_QuorumReplica, _brook_v1_QuorumReplica__Output>
      RegisterBrokerRequest: MessageTypeDefinition<_brook_v1_RegisterBrokerRequest, _brook_v1_RegisterBrokerRequest__Output>
      RegisterBrokerResponse: MessageTypeDefinition<_brook_v1_RegisterBrokerResponse, _brook_v1_RegisterBrokerResponse__Output>
      TopicConfig: MessageTypeDefinition<_brook_v1_TopicConfig, _brook_v1_TopicConfig__Output>
    }
  }
}

