// Original file: ../../proto/brook/v1/admin.proto


/**
 * The effective configs of topics (Kafka's DescribeConfigs for topic resources).
 */
export interface DescribeConfigsRequest {
  /**
   * The topics to describe; each succeeds or fails on its own.
   */
  'topics'?: (string)[];
}

/**
 * The effective configs of topics (Kafka's DescribeConfigs for topic resources).
 */
export interface DescribeConfigsRequest__Output {
  /**
   * The topics to describe; each succeeds or fails on its own.
   */
  'topics': (string)[];
}
