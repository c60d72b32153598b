import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AlterConfigsResult as _brook_v1_AlterConfigsResult, AlterConfigsResult__Output as _brook_v1_AlterConfigsResult__Output } from './brook/v1/AlterConfigsResult.js';
import type { AlterableConfig as _brook_v1_AlterableConfig, AlterableConfig__Output as _brook_v1_AlterableConfig__Output } from './brook/v1/AlterableConfig.js';
import type { AlterableTopicConfigs as _brook_v1_AlterableTopicConfigs, AlterableTopicConfigs__Output as _brook_v1_AlterableTopicConfigs__Output } from './brook/v1/AlterableTopicConfigs.js';
import type { BrokerNode as _brook_v1_BrokerNode, BrokerNode__Output as _brook_v1_BrokerNode__Output } from './brook/v1/BrokerNode.js';
import type { BrookClientClient as _brook_v1_BrookClientClient, BrookClientDefinition as _brook_v1_BrookClientDefinition } from './brook/v1/BrookClient.js';
import type { CreatableTopic as _brook_v1_CreatableTopic, CreatableTopic__Output as _brook_v1_CreatableTopic__Output } from './brook/v1/CreatableTopic.js';
import type { CreatableTopicResult as _brook_v1_CreatableTopicResult, CreatableTopicResult__Output as _brook_v1_CreatableTopicResult__Output } from './brook/v1/CreatableTopicResult.js';
import type { CreateTopicsRequest as _brook_v1_CreateTopicsRequest, CreateTopicsRequest__Output as _brook_v1_CreateTopicsRequest__Output } from './brook/v1/CreateTopicsRequest.js';
import type { CreateTopicsResponse as _brook_v1_CreateTopicsResponse, CreateTopicsResponse__Output as _brook_v1_CreateTopicsResponse__Output } from './brook/v1/CreateTopicsResponse.js';
import type { DeletableTopicResult as _brook_v1_DeletableTopicResult, DeletableTopicResult__Output as _brook_v1_DeletableTopicResult__Output } from './brook/v1/DeletableTopicResult.js';
import type { DeleteTopicsRequest as _brook_v1_DeleteTopicsRequest, DeleteTopicsRequest__Output as _brook_v1_DeleteTopicsRequest__Output } from './brook/v1/DeleteTopicsRequest.js';
import type { DeleteTopicsResponse as _brook_v1_DeleteTopicsResponse, DeleteTopicsResponse__Output as _brook_v1_DeleteTopicsResponse__Output } from './brook/v1/DeleteTopicsResponse.js';
import type { DescribeClusterRequest as _brook_v1_DescribeClusterRequest, DescribeClusterRequest__Output as _brook_v1_DescribeClusterRequest__Output } from './brook/v1/DescribeClusterRequest.js';
import type { DescribeClusterResponse as _brook_v1_DescribeClusterResponse, DescribeClusterResponse__Output as _brook_v1_DescribeClusterResponse__Output } from './brook/v1/DescribeClusterResponse.js';
import type { DescribeConfigsRequest as _brook_v1_DescribeConfigsRequest, DescribeConfigsRequest__Output as _brook_v1_DescribeConfigsRequest__Output } from './brook/v1/DescribeConfigsRequest.js';
import type { DescribeConfigsResponse as _brook_v1_DescribeConfigsResponse, DescribeConfigsResponse__Output as _brook_v1_DescribeConfigsResponse__Output } from './brook/v1/DescribeConfigsResponse.js';
import type { DescribeConfigsResult as _brook_v1_DescribeConfigsResult, DescribeConfigsResult__Output as _brook_v1_DescribeConfigsResult__Output } from './brook/v1/DescribeConfigsResult.js';
import type { DescribeQuorumRequest as _brook_v1_DescribeQuorumRequest, DescribeQuorumRequest__Output as _brook_v1_DescribeQuorumRequest__Output } from './brook/v1/DescribeQuorumRequest.js';
import type { DescribeQuorumResponse as _brook_v1_DescribeQuorumResponse, DescribeQuorumResponse__Output as _brook_v1_DescribeQuorumResponse__Output } from './brook/v1/DescribeQuorumResponse.js';
import type { FetchPartition as _brook_v1_FetchPartition, FetchPartition__Output as _brook_v1_FetchPartition__Output } from './brook/v1/FetchPartition.js';
import type { FetchPartitionResponse as _brook_v1_FetchPartitionResponse, FetchPartitionResponse__Output as _brook_v1_FetchPartitionResponse__Output } from './brook/v1/FetchPartitionResponse.js';
import type { FetchRequest as _brook_v1_FetchRequest, FetchRequest__Output as _brook_v1_FetchRequest__Output } from './brook/v1/FetchRequest.js';
import type { FetchResponse as _brook_v1_FetchResponse, FetchResponse__Output as _brook_v1_FetchResponse__Output } from './brook/v1/FetchResponse.js';
import type { FetchStreamRequest as _brook_v1_FetchStreamRequest, FetchStreamRequest__Output as _brook_v1_FetchStreamRequest__Output } from './brook/v1/FetchStreamRequest.js';
import type { FetchStreamResponse as _brook_v1_FetchStreamResponse, FetchStreamResponse__Output as _brook_v1_FetchStreamResponse__Output } from './brook/v1/FetchStreamResponse.js';
import type { FetchTopic as _brook_v1_FetchTopic, FetchTopic__Output as _brook_v1_FetchTopic__Output } from './brook/v1/FetchTopic.js';
import type { FetchTopicResponse as _brook_v1_FetchTopicResponse, FetchTopicResponse__Output as _brook_v1_FetchTopicResponse__Output } from './brook/v1/FetchTopicResponse.js';
import type { IncrementalAlterConfigsRequest as _brook_v1_IncrementalAlterConfigsRequest, IncrementalAlterConfigsRequest__Output as _brook_v1_IncrementalAlterConfigsRequest__Output } from './brook/v1/IncrementalAlterConfigsRequest.js';
import type { IncrementalAlterConfigsResponse as _brook_v1_IncrementalAlterConfigsResponse, IncrementalAlterConfigsResponse__Output as _brook_v1_IncrementalAlterConfigsResponse__Output } from './brook/v1/IncrementalAlterConfigsResponse.js';
import type { InitProducerIdRequest as _brook_v1_InitProducerIdRequest, InitProducerIdRequest__Output as _brook_v1_InitProducerIdRequest__Output } from './brook/v1/InitProducerIdRequest.js';
import type { InitProducerIdResponse as _brook_v1_InitProducerIdResponse, InitProducerIdResponse__Output as _brook_v1_InitProducerIdResponse__Output } from './brook/v1/InitProducerIdResponse.js';
import type { LeaderHint as _brook_v1_LeaderHint, LeaderHint__Output as _brook_v1_LeaderHint__Output } from './brook/v1/LeaderHint.js';
import type { ListOffsetsPartition as _brook_v1_ListOffsetsPartition, ListOffsetsPartition__Output as _brook_v1_ListOffsetsPartition__Output } from './brook/v1/ListOffsetsPartition.js';
import type { ListOffsetsPartitionResponse as _brook_v1_ListOffsetsPartitionResponse, ListOffsetsPartitionResponse__Output as _brook_v1_ListOffsetsPartitionResponse__Output } from './brook/v1/ListOffsetsPartitionResponse.js';
import type { ListOffsetsRequest as _brook_v1_ListOffsetsRequest, ListOffsetsRequest__Output as _brook_v1_ListOffsetsRequest__Output } from './brook/v1/ListOffsetsRequest.js';
import type { ListOffsetsResponse as _brook_v1_ListOffsetsResponse, ListOffsetsResponse__Output as _brook_v1_ListOffsetsResponse__Output } from './brook/v1/ListOffsetsResponse.js';
import type { ListOffsetsTopic as _brook_v1_ListOffsetsTopic, ListOffsetsTopic__Output as _brook_v1_ListOffsetsTopic__Output } from './brook/v1/ListOffsetsTopic.js';
import type { ListOffsetsTopicResponse as _brook_v1_ListOffsetsTopicResponse, ListOffsetsTopicResponse__Output as _brook_v1_ListOffsetsTopicResponse__Output } from './brook/v1/ListOffsetsTopicResponse.js';
import type { MetadataRequest as _brook_v1_MetadataRequest, MetadataRequest__Output as _brook_v1_MetadataRequest__Output } from './brook/v1/MetadataRequest.js';
import type { MetadataResponse as _brook_v1_MetadataResponse, MetadataResponse__Output as _brook_v1_MetadataResponse__Output } from './brook/v1/MetadataResponse.js';
import type { NodeInfo as _brook_v1_NodeInfo, NodeInfo__Output as _brook_v1_NodeInfo__Output } from './brook/v1/NodeInfo.js';
import type { PartitionMetadata as _brook_v1_PartitionMetadata, PartitionMetadata__Output as _brook_v1_PartitionMetadata__Output } from './brook/v1/PartitionMetadata.js';
import type { ProducePartitionData as _brook_v1_ProducePartitionData, ProducePartitionData__Output as _brook_v1_ProducePartitionData__Output } from './brook/v1/ProducePartitionData.js';
import type { ProducePartitionResponse as _brook_v1_ProducePartitionResponse, ProducePartitionResponse__Output as _brook_v1_ProducePartitionResponse__Output } from './brook/v1/ProducePartitionResponse.js';
import type { ProduceRequest as _brook_v1_ProduceRequest, ProduceRequest__Output as _brook_v1_ProduceRequest__Output } from './brook/v1/ProduceRequest.js';
import type { ProduceResponse as _brook_v1_ProduceResponse, ProduceResponse__Output as _brook_v1_ProduceResponse__Output } from './brook/v1/ProduceResponse.js';
import type { ProduceStreamRequest as _brook_v1_ProduceStreamRequest, ProduceStreamRequest__Output as _brook_v1_ProduceStreamRequest__Output } from './brook/v1/ProduceStreamRequest.js';
import type { ProduceStreamResponse as _brook_v1_ProduceStreamResponse, ProduceStreamResponse__Output as _brook_v1_ProduceStreamResponse__Output } from './brook/v1/ProduceStreamResponse.js';
import type { ProduceTopicData as _brook_v1_ProduceTopicData, ProduceTopicData__Output as _brook_v1_ProduceTopicData__Output } from './brook/v1/ProduceTopicData.js';
import type { ProduceTopicResponse as _brook_v1_ProduceTopicResponse, ProduceTopicResponse__Output as _brook_v1_ProduceTopicResponse__Output } from './brook/v1/ProduceTopicResponse.js';
import type { QuorumReplica as _brook_v1_QuorumReplica, QuorumReplica__Output as _brook_v1_QuorumReplica__Output } from './brook/v1/QuorumReplica.js';
import type { RecordError as _brook_v1_RecordError, RecordError__Output as _brook_v1_RecordError__Output } from './brook/v1/RecordError.js';
import type { TopicConfig as _brook_v1_TopicConfig, TopicConfig__Output as _brook_v1_TopicConfig__Output } from './brook/v1/TopicConfig.js';
import type { TopicMetadata as _brook_v1_TopicMetadata, TopicMetadata__Output as _brook_v1_TopicMetadata__Output } from './brook/v1/TopicMetadata.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  brook: {
    v1: {
      AlterConfigsResult: MessageTypeDefinition<_brook_v1_AlterConfigsResult, _brook_v1_AlterConfigsResult__Output>
      AlterableConfig: MessageTypeDefinition<_brook_v1_AlterableConfig, _brook_v1_AlterableConfig__Output>
      AlterableTopicConfigs: MessageTypeDefinition<_brook_v1_AlterableTopicConfigs, _brook_v1_AlterableTopicConfigs__Output>
      BrokerNode: MessageTypeDefinition<_brook_v1_BrokerNode, _brook_v1_BrokerNode__Output>
      /**
       * The client-facing RPCs of every broker (see the top of this file).
       */
      BrookClient: SubtypeConstructor<typeof grpc.Client, _brook_v1_BrookClientClient> & { service: _brook_v1_BrookClientDefinition }
      ConfigOperation: EnumTypeDefinition
      ConfigSource: EnumTypeDefinition
      CreatableTopic: MessageTypeDefinition<_brook_v1_CreatableTopic, _brook_v1_CreatableTopic__Output>
      CreatableTopicResult: MessageTypeDefinition<_brook_v1_CreatableTopicResult, _brook_v1_CreatableTopicResult__Output>
      CreateTopicsRequest: MessageTypeDefinition<_brook_v1_CreateTopicsRequest, _brook_v1_CreateTopicsRequest__Output>
      CreateTopicsResponse: MessageTypeDefinition<_brook_v1_CreateTopicsResponse, _brook_v1_CreateTopicsResponse__Output>
      DeletableTopicResult: MessageTypeDefinition<_brook_v1_DeletableTopicResult, _brook_v1_DeletableTopicResult__Output>
      DeleteTopicsRequest: MessageTypeDefinition<_brook_v1_DeleteTopicsRequest, _brook_v1_DeleteTopicsRequest__Output>
      DeleteTopicsResponse: MessageTypeDefinition<_brook_v1_DeleteTopicsResponse, _brook_v1_DeleteTopicsResponse__Output>
      DescribeClusterRequest: MessageTypeDefinition<_brook_v1_DescribeClusterRequest, _brook_v1_DescribeClusterRequest__Output>
      DescribeClusterResponse: MessageTypeDefinition<_brook_v1_DescribeClusterResponse, _brook_v1_DescribeClusterResponse__Output>
      DescribeConfigsRequest: MessageTypeDefinition<_brook_v1_DescribeConfigsRequest, _brook_v1_DescribeConfigsRequest__Output>
      DescribeConfigsResponse: MessageTypeDefinition<_brook_v1_DescribeConfigsResponse, _brook_v1_DescribeConfigsResponse__Output>
      DescribeConfigsResult: MessageTypeDefinition<_brook_v1_DescribeConfigsResult, _brook_v1_DescribeConfigsResult__Output>
      DescribeQuorumRequest: MessageTypeDefinition<_brook_v1_DescribeQuorumRequest, _brook_v1_DescribeQuorumRequest__Output>
      DescribeQuorumResponse: MessageTypeDefinition<_brook_v1_DescribeQuorumResponse, _brook_v1_DescribeQuorumResponse__Output>
      FetchPartition: MessageTypeDefinition<_brook_v1_FetchPartition, _brook_v1_FetchPartition__Output>
      FetchPartitionResponse: MessageTypeDefinition<_brook_v1_FetchPartitionResponse, _brook_v1_FetchPartitionResponse__Output>
      FetchRequest: MessageTypeDefinition<_brook_v1_FetchRequest, _brook_v1_FetchRequest__Output>
      FetchResponse: MessageTypeDefinition<_brook_v1_FetchResponse, _brook_v1_FetchResponse__Output>
      FetchStreamRequest: MessageTypeDefinition<_brook_v1_FetchStreamRequest, _brook_v1_FetchStreamRequest__Output>
      FetchStreamResponse: MessageTypeDefinition<_brook_v1_FetchStreamResponse, _brook_v1_FetchStreamResponse__Output>
      FetchTopic: MessageTypeDefinition<_brook_v1_FetchTopic, _brook_v1_FetchTopic__Output>
      FetchTopicResponse: MessageTypeDefinition<_brook_v1_FetchTopicResponse, _brook_v1_FetchTopicResponse__Output>
      IncrementalAlterConfigsRequest: MessageTypeDefinition<_brook_v1_IncrementalAlterConfigsRequest, _brook_v1_IncrementalAlterConfigsRequest__Output>
      IncrementalAlterConfigsResponse: MessageTypeDefinition<_brook_v1_IncrementalAlterConfigsResponse, _brook_v1_IncrementalAlterConfigsResponse__Output>
      InitProducerIdRequest: MessageTypeDefinition<_brook_v1_InitProducerIdRequest, _brook_v1_InitProducerIdRequest__Output>
      InitProducerIdResponse: MessageTypeDefinition<_brook_v1_InitProducerIdResponse, _brook_v1_InitProducerIdResponse__Output>
      LeaderHint: MessageTypeDefinition<_brook_v1_LeaderHint, _brook_v1_LeaderHint__Output>
      ListOffsetsPartition: MessageTypeDefinition<_brook_v1_ListOffsetsPartition, _brook_v1_ListOffsetsPartition__Output>
      ListOffsetsPartitionResponse: MessageTypeDefinition<_brook_v1_ListOffsetsPartitionResponse, _brook_v1_ListOffsetsPartitionResponse__Output>
      ListOffsetsRequest: MessageTypeDefinition<_brook_v1_ListOffsetsRequest, _brook_v1_ListOffsetsRequest__Output>
      ListOffsetsResponse: MessageTypeDefinition<_brook_v1_ListOffsetsResponse, _brook_v1_ListOffsetsResponse__Output>
      ListOffsetsTopic: MessageTypeDefinition<_brook_v1_ListOffsetsTopic, _brook_v1_ListOffsetsTopic__Output>
      ListOffsetsTopicResponse: MessageTypeDefinition<_brook_v1_ListOffsetsTopicResponse, _brook_v1_ListOffsetsTopicResponse__Output>
      MetadataRequest: MessageTypeDefinition<_brook_v1_MetadataRequest, _brook_v1_MetadataRequest__Output>
      MetadataResponse: MessageTypeDefinition<_brook_v1_MetadataResponse, _brook_v1_MetadataResponse__Output>
      NodeInfo: MessageTypeDefinition<_brook_v1_NodeInfo, _brook_v1_NodeInfo__Output>
      PartitionMetadata: MessageTypeDefinition<_brook_v1_PartitionMetadata, _brook_v1_PartitionMetadata__Output>
      ProducePartitionData: MessageTypeDefinition<_brook_v1_ProducePartitionData, _brook_v1_ProducePartitionData__Output>
      ProducePartitionResponse: MessageTypeDefinition<_brook_v1_ProducePartitionResponse, _brook_v1_ProducePartitionResponse__Output>
      ProduceRequest: MessageTypeDefinition<_brook_v1_ProduceRequest, _brook_v1_ProduceRequest__Output>
      ProduceResponse: MessageTypeDefinition<_brook_v1_ProduceResponse, _brook_v1_ProduceResponse__Output>
      ProduceStreamRequest: MessageTypeDefinition<_brook_v1_ProduceStreamRequest, _brook_v1_ProduceStreamRequest__Output>
      ProduceStreamResponse: MessageTypeDefinition<_brook_v1_ProduceStreamResponse, _brook_v1_ProduceStreamResponse__Output>
      ProduceTopicData: MessageTypeDefinition<_brook_v1_ProduceTopicData, _brook_v1_ProduceTopicData__Output>
      ProduceTopicResponse: MessageTypeDefinition<_brook_v1_ProduceTopicResponse, _brook_v1_ProduceTopicResponse__Output>
      QuorumReplica: MessageTypeDefinition<_brook_v1_QuorumReplica, _brook_v1_QuorumReplica__Output>
      RecordError: MessageTypeDefinition<_brook_v1_RecordError, _brook_v1_RecordError__Output>
      TopicConfig: MessageTypeDefinition<_brook_v1_TopicConfig, _brook_v1_TopicConfig__Output>
      TopicMetadata: MessageTypeDefinition<_brook_v1_TopicMetadata, _brook_v1_TopicMetadata__Output>
    }
  }
}

