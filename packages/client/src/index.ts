// Public API of @brook/client, Brook's gRPC SDK. Everything a user may rely on is listed here;
// other modules of the package are internal.
export { Brook } from './brook.js';
export { METADATA_MAX_AGE_MS_DEFAULT, type BrookOptions, type ResolvedBrookOptions } from './brook-options.js';
export type { BrookLogger } from './logger.js';
export { RETRY_DEFAULTS, type RetryOptions } from './transport/retry.js';
export { Admin } from './admin/admin.js';
export { BrookAdminError } from './admin/admin-error.js';
export type {
  AlterConfigsOptions,
  AlteredTopicConfigs,
  BrokerDescription,
  ClusterDescription,
  CreatedTopic,
  CreateTopicInput,
  CreateTopicsOptions,
  DeletedTopic,
  DescribeClusterOptions,
  PartitionDescription,
  QuorumDescription,
  QuorumReplicaDescription,
  TopicConfigChanges,
  TopicConfigEntry,
  TopicConfigs,
  TopicDescription,
} from './admin/admin-types.js';
export type { OffsetAnswer, OffsetQuery, OffsetSpec } from './metadata/offset-lookup.js';
export { Producer } from './producer/producer.js';
export { IDEMPOTENT_MAX_IN_FLIGHT, PRODUCER_DEFAULTS, ProducerConfigError } from './producer/producer-options.js';
export type {
  Acks,
  MessageBytes,
  MessageHeaders,
  ProducerBatchInput,
  ProducerMessage,
  ProducerOptions,
  ProducerRecord,
  RecordMetadata,
  ResolvedProducerOptions,
} from './producer/producer-types.js';
export { Consumer } from './consumer/consumer.js';
export { CONSUMER_DEFAULTS } from './consumer/consumer-options.js';
export type {
  ConsumerBatch,
  ConsumerMessage,
  ConsumerOptions,
  EachMessagePayload,
  OffsetInput,
  PartitionAssignment,
  ResetPolicy,
  ResolvedConsumerOptions,
  RunOptions,
  TopicPartitions,
} from './consumer/consumer-types.js';
export { murmur2, partitionForKey, toPositive } from './partitioner/murmur2.js';
// Errors are the protocol's own class, re-exported so users need only this package.
export { BrookError, ERROR_CODE_NAMES, isBrookError, type ErrorCodeName } from '@brook/protocol';
