// Short names for the generated types (src/generated/, made by scripts/generate-types.mjs).
// For every message Foo there are two types, as proto-loader-gen-types makes them:
//   Foo          what you may pass in: every field optional, int64 as number | string | Long.
//                A client builds requests and a server builds responses with it.
//   Foo__Output  what decoding gives you under PROTO_LOADER_OPTIONS: every field present,
//                int64 as a decimal string, bytes as Buffer, enums as their names, absent
//                message fields as null. A server reads requests and a client reads
//                responses with it.
export type { ProtoGrpcType } from './generated/client.js';
export type {
  BrookClientClient,
  BrookClientDefinition,
  BrookClientHandlers,
} from './generated/brook/v1/BrookClient.js';
// ConfigSource is a value too: the enum's names as constants.
export { ConfigSource, type ConfigSource__Output } from './generated/brook/v1/ConfigSource.js';
export { ConfigOperation, type ConfigOperation__Output } from './generated/brook/v1/ConfigOperation.js';
export type { AlterConfigsResult, AlterConfigsResult__Output } from './generated/brook/v1/AlterConfigsResult.js';
export type { AlterableConfig, AlterableConfig__Output } from './generated/brook/v1/AlterableConfig.js';
export type { AlterableTopicConfigs, AlterableTopicConfigs__Output } from './generated/brook/v1/AlterableTopicConfigs.js';
export type { DescribeConfigsRequest, DescribeConfigsRequest__Output } from './generated/brook/v1/DescribeConfigsRequest.js';
export type { DescribeConfigsResponse, DescribeConfigsResponse__Output } from './generated/brook/v1/DescribeConfigsResponse.js';
export type { DescribeConfigsResult, DescribeConfigsResult__Output } from './generated/brook/v1/DescribeConfigsResult.js';
export type { ForwardedIncrementalAlterConfigsRequest, ForwardedIncrementalAlterConfigsRequest__Output } from './generated/brook/v1/ForwardedIncrementalAlterConfigsRequest.js';
export type { ForwardedIncrementalAlterConfigsResponse, ForwardedIncrementalAlterConfigsResponse__Output } from './generated/brook/v1/ForwardedIncrementalAlterConfigsResponse.js';
export type { IncrementalAlterConfigsRequest, IncrementalAlterConfigsRequest__Output } from './generated/brook/v1/IncrementalAlterConfigsRequest.js';
export type { IncrementalAlterConfigsResponse, IncrementalAlterConfigsResponse__Output } from './generated/brook/v1/IncrementalAlterConfigsResponse.js';
export type { BrokerNode, BrokerNode__Output } from './generated/brook/v1/BrokerNode.js';
export type { CreatableTopic, CreatableTopic__Output } from './generated/brook/v1/CreatableTopic.js';
export type { CreatableTopicResult, CreatableTopicResult__Output } from './generated/brook/v1/CreatableTopicResult.js';
export type { CreateTopicsRequest, CreateTopicsRequest__Output } from './generated/brook/v1/CreateTopicsRequest.js';
export type { CreateTopicsResponse, CreateTopicsResponse__Output } from './generated/brook/v1/CreateTopicsResponse.js';
export type { DeletableTopicResult, DeletableTopicResult__Output } from './generated/brook/v1/DeletableTopicResult.js';
export type { DeleteTopicsRequest, DeleteTopicsRequest__Output } from './generated/brook/v1/DeleteTopicsRequest.js';
export type { DeleteTopicsResponse, DeleteTopicsResponse__Output } from './generated/brook/v1/DeleteTopicsResponse.js';
export type { DescribeClusterRequest, DescribeClusterRequest__Output } from './generated/brook/v1/DescribeClusterRequest.js';
export type { DescribeClusterResponse, DescribeClusterResponse__Output } from './generated/brook/v1/DescribeClusterResponse.js';
export type { FetchPartition, FetchPartition__Output } from './generated/brook/v1/FetchPartition.js';
export type { FetchPartitionResponse, FetchPartitionResponse__Output } from './generated/brook/v1/FetchPartitionResponse.js';
export type { FetchRequest, FetchRequest__Output } from './generated/brook/v1/FetchRequest.js';
export type { FetchResponse, FetchResponse__Output } from './generated/brook/v1/FetchResponse.js';
export type { FetchStreamRequest, FetchStreamRequest__Output } from './generated/brook/v1/FetchStreamRequest.js';
export type { FetchStreamResponse, FetchStreamResponse__Output } from './generated/brook/v1/FetchStreamResponse.js';
export type { FetchTopic, FetchTopic__Output } from './generated/brook/v1/FetchTopic.js';
export type { FetchTopicResponse, FetchTopicResponse__Output } from './generated/brook/v1/FetchTopicResponse.js';
export type { LeaderHint, LeaderHint__Output } from './generated/brook/v1/LeaderHint.js';
export type { ListOffsetsPartition, ListOffsetsPartition__Output } from './generated/brook/v1/ListOffsetsPartition.js';
export type { ListOffsetsPartitionResponse, ListOffsetsPartitionResponse__Output } from './generated/brook/v1/ListOffsetsPartitionResponse.js';
export type { ListOffsetsRequest, ListOffsetsRequest__Output } from './generated/brook/v1/ListOffsetsRequest.js';
export type { ListOffsetsResponse, ListOffsetsResponse__Output } from './generated/brook/v1/ListOffsetsResponse.js';
export type { ListOffsetsTopic, ListOffsetsTopic__Output } from './generated/brook/v1/ListOffsetsTopic.js';
export type { ListOffsetsTopicResponse, ListOffsetsTopicResponse__Output } from './generated/brook/v1/ListOffsetsTopicResponse.js';
export type { MetadataRequest, MetadataRequest__Output } from './generated/brook/v1/MetadataRequest.js';
export type { MetadataResponse, MetadataResponse__Output } from './generated/brook/v1/MetadataResponse.js';
export type { NodeInfo, NodeInfo__Output } from './generated/brook/v1/NodeInfo.js';
export type { PartitionMetadata, PartitionMetadata__Output } from './generated/brook/v1/PartitionMetadata.js';
export type { ProducePartitionData, ProducePartitionData__Output } from './generated/brook/v1/ProducePartitionData.js';
export type { ProducePartitionResponse, ProducePartitionResponse__Output } from './generated/brook/v1/ProducePartitionResponse.js';
export type { ProduceRequest, ProduceRequest__Output } from './generated/brook/v1/ProduceRequest.js';
export type { ProduceResponse, ProduceResponse__Output } from './generated/brook/v1/ProduceResponse.js';
export type { ProduceStreamRequest, ProduceStreamRequest__Output } from './generated/brook/v1/ProduceStreamRequest.js';
export type { ProduceStreamResponse, ProduceStreamResponse__Output } from './generated/brook/v1/ProduceStreamResponse.js';
export type { ProduceTopicData, ProduceTopicData__Output } from './generated/brook/v1/ProduceTopicData.js';
export type { ProduceTopicResponse, ProduceTopicResponse__Output } from './generated/brook/v1/ProduceTopicResponse.js';
export type { RecordError, RecordError__Output } from './generated/brook/v1/RecordError.js';
export type { TopicConfig, TopicConfig__Output } from './generated/brook/v1/TopicConfig.js';
export type { TopicMetadata, TopicMetadata__Output } from './generated/brook/v1/TopicMetadata.js';
export type { BrokerHeartbeatRequest, BrokerHeartbeatRequest__Output } from './generated/brook/v1/BrokerHeartbeatRequest.js';
export type { BrokerHeartbeatResponse, BrokerHeartbeatResponse__Output } from './generated/brook/v1/BrokerHeartbeatResponse.js';
export type { BrokerListener, BrokerListener__Output } from './generated/brook/v1/BrokerListener.js';
export type { DescribeQuorumRequest, DescribeQuorumRequest__Output } from './generated/brook/v1/DescribeQuorumRequest.js';
export type { DescribeQuorumResponse, DescribeQuorumResponse__Output } from './generated/brook/v1/DescribeQuorumResponse.js';
export type { QuorumReplica, QuorumReplica__Output } from './generated/brook/v1/QuorumReplica.js';
export type { FetchMetadataRequest, FetchMetadataRequest__Output } from './generated/brook/v1/FetchMetadataRequest.js';
export type { FetchMetadataResponse, FetchMetadataResponse__Output } from './generated/brook/v1/FetchMetadataResponse.js';
export type { MetadataBatch, MetadataBatch__Output } from './generated/brook/v1/MetadataBatch.js';
export type { MetadataSnapshot, MetadataSnapshot__Output } from './generated/brook/v1/MetadataSnapshot.js';
export type { ForwardedCreateTopicsRequest, ForwardedCreateTopicsRequest__Output } from './generated/brook/v1/ForwardedCreateTopicsRequest.js';
export type { ForwardedCreateTopicsResponse, ForwardedCreateTopicsResponse__Output } from './generated/brook/v1/ForwardedCreateTopicsResponse.js';
export type { ForwardedDeleteTopicsRequest, ForwardedDeleteTopicsRequest__Output } from './generated/brook/v1/ForwardedDeleteTopicsRequest.js';
export type { ForwardedDeleteTopicsResponse, ForwardedDeleteTopicsResponse__Output } from './generated/brook/v1/ForwardedDeleteTopicsResponse.js';
export type { RegisterBrokerRequest, RegisterBrokerRequest__Output } from './generated/brook/v1/RegisterBrokerRequest.js';
export type { RegisterBrokerResponse, RegisterBrokerResponse__Output } from './generated/brook/v1/RegisterBrokerResponse.js';
export type { IsrMember, IsrMember__Output } from './generated/brook/v1/IsrMember.js';
export type { PartitionIsrProposal, PartitionIsrProposal__Output } from './generated/brook/v1/PartitionIsrProposal.js';
export type { AlterPartitionRequest, AlterPartitionRequest__Output } from './generated/brook/v1/AlterPartitionRequest.js';
export type { PartitionIsrResult, PartitionIsrResult__Output } from './generated/brook/v1/PartitionIsrResult.js';
export type { AlterPartitionResponse, AlterPartitionResponse__Output } from './generated/brook/v1/AlterPartitionResponse.js';
export type { AllocateProducerIdsRequest, AllocateProducerIdsRequest__Output } from './generated/brook/v1/AllocateProducerIdsRequest.js';
export type { AllocateProducerIdsResponse, AllocateProducerIdsResponse__Output } from './generated/brook/v1/AllocateProducerIdsResponse.js';
export type { InitProducerIdRequest, InitProducerIdRequest__Output } from './generated/brook/v1/InitProducerIdRequest.js';
export type { InitProducerIdResponse, InitProducerIdResponse__Output } from './generated/brook/v1/InitProducerIdResponse.js';
export type { ReplicaFetchRequest, ReplicaFetchRequest__Output } from './generated/brook/v1/ReplicaFetchRequest.js';
export type { ReplicaFetchPartition, ReplicaFetchPartition__Output } from './generated/brook/v1/ReplicaFetchPartition.js';
export type { ReplicaFetchForgotten, ReplicaFetchForgotten__Output } from './generated/brook/v1/ReplicaFetchForgotten.js';
export type { ReplicaFetchResponse, ReplicaFetchResponse__Output } from './generated/brook/v1/ReplicaFetchResponse.js';
export type { EpochEndOffset, EpochEndOffset__Output } from './generated/brook/v1/EpochEndOffset.js';
export type { ReplicaFetchPartitionResponse, ReplicaFetchPartitionResponse__Output } from './generated/brook/v1/ReplicaFetchPartitionResponse.js';
