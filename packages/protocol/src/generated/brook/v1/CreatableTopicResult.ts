// Original file: ../../proto/brook/v1/admin.proto

import type { TopicConfig as _brook_v1_TopicConfig, TopicConfig__Output as _brook_v1_TopicConfig__Output } from '../../brook/v1/TopicConfig.js';

/**
 * The outcome for one topic of a CreateTopics request.
 */
export interface CreatableTopicResult {
  /**
   * The topic's name, as in the request.
   */
  'name'?: (string);
  /**
   * 0 (NONE), or TOPIC_ALREADY_EXISTS, INVALID_TOPIC_EXCEPTION, INVALID_PARTITIONS,
   * INVALID_REPLICATION_FACTOR, INVALID_CONFIG, POLICY_VIOLATION, REQUEST_TIMED_OUT, ...
   */
  'errorCode'?: (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage'?: (string);
  /**
   * The new topic's id; empty on error and for validate_only.
   */
  'topicId'?: (string);
  /**
   * The number of partitions created (or that would be); -1 on error.
   */
  'numPartitions'?: (number);
  /**
   * The replication factor used (or that would be); -1 on error.
   */
  'replicationFactor'?: (number);
  /**
   * The topic's effective configs after defaults were applied, sorted by name; empty on error.
   */
  'configs'?: (_brook_v1_TopicConfig)[];
}

/**
 * The outcome for one topic of a CreateTopics request.
 */
export interface CreatableTopicResult__Output {
  /**
   * The topic's name, as in the request.
   */
  'name': (string);
  /**
   * 0 (NONE), or TOPIC_ALREADY_EXISTS, INVALID_TOPIC_EXCEPTION, INVALID_PARTITIONS,
   * INVALID_REPLICATION_FACTOR, INVALID_CONFIG, POLICY_VIOLATION, REQUEST_TIMED_OUT, ...
   */
  'errorCode': (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage': (string);
  /**
   * The new topic's id; empty on error and for validate_only.
   */
  'topicId': (string);
  /**
   * The number of partitions created (or that would be); -1 on error.
   */
  'numPartitions': (number);
  /**
   * The replication factor used (or that would be); -1 on error.
   */
  'replicationFactor': (number);
  /**
   * The topic's effective configs after defaults were applied, sorted by name; empty on error.
   */
  'configs': (_brook_v1_TopicConfig__Output)[];
}
