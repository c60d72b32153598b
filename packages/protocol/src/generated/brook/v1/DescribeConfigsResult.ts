// Original file: ../../proto/brook/v1/admin.proto

import type { TopicConfig as _brook_v1_TopicConfig, TopicConfig__Output as _brook_v1_TopicConfig__Output } from '../../brook/v1/TopicConfig.js';

/**
 * One topic's effective configs.
 */
export interface DescribeConfigsResult {
  /**
   * The topic's name, as in the request.
   */
  'name'?: (string);
  /**
   * 0 (NONE), or UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC_EXCEPTION.
   */
  'errorCode'?: (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage'?: (string);
  /**
   * Every topic config with its effective value and source, sorted by name; empty on error.
   */
  'configs'?: (_brook_v1_TopicConfig)[];
}

/**
 * One topic's effective configs.
 */
export interface DescribeConfigsResult__Output {
  /**
   * The topic's name, as in the request.
   */
  'name': (string);
  /**
   * 0 (NONE), or UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC_EXCEPTION.
   */
  'errorCode': (number);
  /**
   * A human-readable detail for error_code; empty on success.
   */
  'errorMessage': (string);
  /**
   * Every topic config with its effective value and source, sorted by name; empty on error.
   */
  'configs': (_brook_v1_TopicConfig__Output)[];
}
