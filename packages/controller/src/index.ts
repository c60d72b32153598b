// @brook/controller: the metadata state machine (issue 5), pure: no I/O, clock or ambient
// randomness. Handlers turn commands into records plus a response (ControllerResult); only
// replay changes state, on the active controller and on every follower and broker alike.
export type { BrokerId, TopicId, Listener, ConfigResource, MetadataRecord, MetadataRecordType } from './records.js';
export type {
  RegisterBrokerRecord,
  UnregisterBrokerRecord,
  FenceBrokerRecord,
  UnfenceBrokerRecord,
  BrokerRegistrationChangeRecord,
  TopicRecord,
  PartitionRecord,
  PartitionChangeRecord,
  RemoveTopicRecord,
  ConfigRecord,
  ProducerIdsBlockRecord,
} from './records.js';
export { NO_LEADER, RECORD_TYPES, RESERVED_RECORD_TYPES } from './records.js';
export { encodeRecords, decodeRecords, RecordDecodeError, RECORD_CODEC_VERSION, RECORD_BATCH_BYTES_MAX } from './record-codec.js';
export type { MetadataImage, BrokerRegistration, PartitionRegistration, TopicImage, ProducerIdsImage } from './image.js';
export { EMPTY_IMAGE, topicByName, topicConfig, isUnfenced, usableBrokers } from './image.js';
export { MetadataDelta, replay, replayBatch } from './delta.js';
export { MetadataInvariantError, CONTROLLER_ERROR_CODES } from './errors.js';
export type { ControllerError, ControllerErrorCode } from './errors.js';
export type { ControllerResult, ControllerContext, TopicIdSource } from './controller-result.js';
export { randomTopicIds } from './controller-result.js';
export { BrokerHeartbeatTracker } from './heartbeat-tracker.js';
export { encodeSnapshot, decodeSnapshot, SnapshotSchedule, SNAPSHOT_FORMAT_VERSION } from './snapshot.js';
export { TOPIC_CONFIG_SPECS } from './topic-config.js';
export { registerBroker } from './handlers/register-broker.js';
export type { RegisterBrokerCommand, RegisterBrokerResponse } from './handlers/register-broker.js';
export { brokerHeartbeat } from './handlers/broker-heartbeat.js';
export type { BrokerHeartbeatCommand, BrokerHeartbeatResponse } from './handlers/broker-heartbeat.js';
export { fenceStaleBrokers } from './handlers/fence-stale-brokers.js';
export type { FenceStaleBrokersResponse } from './handlers/fence-stale-brokers.js';
export { createTopics, PARTITIONS_PER_TOPIC_MAX, TOPICS_PER_REQUEST_MAX } from './handlers/create-topics.js';
export type { CreateTopicsCommand, CreateTopicsResponse, CreatedTopic, NewTopic } from './handlers/create-topics.js';
export { createPartitions } from './handlers/create-partitions.js';
export type { CreatePartitionsCommand, CreatePartitionsResponse } from './handlers/create-partitions.js';
export { deleteTopics } from './handlers/delete-topics.js';
export type { DeleteTopicsCommand, DeleteTopicsResponse } from './handlers/delete-topics.js';
export { alterTopicConfigs } from './handlers/alter-configs.js';
export type { AlterTopicConfigsCommand, AlterTopicConfigsResponse, ConfigOperation } from './handlers/alter-configs.js';
export { alterPartition } from './handlers/alter-partition.js';
export type { AlterPartitionCommand, AlterPartitionResponse, IsrMember } from './handlers/alter-partition.js';
export { electLeaders, electPreferredLeaders } from './handlers/elect-leaders.js';
export type { ElectLeadersCommand, ElectLeadersResponse } from './handlers/elect-leaders.js';
export { allocateProducerIds, PRODUCER_ID_BLOCK_SIZE } from './handlers/allocate-producer-ids.js';
export type { AllocateProducerIdsCommand, AllocateProducerIdsResponse } from './handlers/allocate-producer-ids.js';
