// Original file: ../../proto/brook/v1/metadata.proto

import type { PartitionMetadata as _brook_v1_PartitionMetadata, PartitionMetadata__Output as _brook_v1_PartitionMetadata__Output } from '../../brook/v1/PartitionMetadata.js';

/**
 * One topic and its partitions, or the error that prevented describing it.
 */
export interface TopicMetadata {
  /**
   * 0 (NONE), or UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC_EXCEPTION, ... for this topic.
   */
  'errorCode'?: (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage'?: (string);
  /**
   * The topic's name.
   */
  'name'?: (string);
  /**
   * The topic's id, assigned by the controller at creation and never reused: a topic deleted
   * and created again under the same name gets a new id. Opaque to clients (compare for
   * equality only); empty when the topic does not exist.
   */
  'topicId'?: (string);
  /**
   * True for Brook's own internal topics, which clients should not produce to.
   */
  'isInternal'?: (boolean);
  /**
   * Every partition of the topic, by partition index.
   */
  'partitions'?: (_brook_v1_PartitionMetadata)[];
}

/**
 * One topic and its partitions, or the error that prevented describing it.
 */
export interface TopicMetadata__Output {
  /**
   * 0 (NONE), or UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC_EXCEPTION, ... for this topic.
   */
  'errorCode': (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage': (string);
  /**
   * The topic's name.
   */
  'name': (string);
  /**
   * The topic's id, assigned by the controller at creation and never reused: a topic deleted
   * and created again under the same name gets a new id. Opaque to clients (compare for
   * equality only); empty when the topic does not exist.
   */
  'topicId': (string);
  /**
   * True for Brook's own internal topics, which clients should not produce to.
   */
  'isInternal': (boolean);
  /**
   * Every partition of the topic, by partition index.
   */
  'partitions': (_brook_v1_PartitionMetadata__Output)[];
}
