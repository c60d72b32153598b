// Original file: ../../proto/brook/v1/admin.proto

/**
 * Where a config value comes from, Kafka's DescribeConfigs numbering where it overlaps.
 */
export const ConfigSource = {
  /**
   * Not known (a peer newer than this contract sent something else).
   */
  CONFIG_SOURCE_UNKNOWN: 'CONFIG_SOURCE_UNKNOWN',
  /**
   * Set on the topic itself (in CreateTopics or a later alter).
   */
  CONFIG_SOURCE_TOPIC: 'CONFIG_SOURCE_TOPIC',
  /**
   * The cluster-wide default from the server's configuration.
   */
  CONFIG_SOURCE_CLUSTER_DEFAULT: 'CONFIG_SOURCE_CLUSTER_DEFAULT',
  /**
   * Brook's built-in default.
   */
  CONFIG_SOURCE_BUILT_IN_DEFAULT: 'CONFIG_SOURCE_BUILT_IN_DEFAULT',
} as const;

/**
 * Where a config value comes from, Kafka's DescribeConfigs numbering where it overlaps.
 */
export type ConfigSource =
  /**
   * Not known (a peer newer than this contract sent something else).
   */
  | 'CONFIG_SOURCE_UNKNOWN'
  | 0
  /**
   * Set on the topic itself (in CreateTopics or a later alter).
   */
  | 'CONFIG_SOURCE_TOPIC'
  | 1
  /**
   * The cluster-wide default from the server's configuration.
   */
  | 'CONFIG_SOURCE_CLUSTER_DEFAULT'
  | 4
  /**
   * Brook's built-in default.
   */
  | 'CONFIG_SOURCE_BUILT_IN_DEFAULT'
  | 5

/**
 * Where a config value comes from, Kafka's DescribeConfigs numbering where it overlaps.
 */
export type ConfigSource__Output = typeof ConfigSource[keyof typeof ConfigSource]
