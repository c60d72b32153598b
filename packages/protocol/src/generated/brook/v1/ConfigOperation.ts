// Original file: ../../proto/brook/v1/admin.proto

/**
 * How a config changes, Kafka's AlterConfigOp numbering.
 */
export const ConfigOperation = {
  /**
   * Set the topic's own value (an override of the cluster default).
   */
  CONFIG_OPERATION_SET: 'CONFIG_OPERATION_SET',
  /**
   * Remove the topic's own value: the cluster default applies again.
   */
  CONFIG_OPERATION_DELETE: 'CONFIG_OPERATION_DELETE',
} as const;

/**
 * How a config changes, Kafka's AlterConfigOp numbering.
 */
export type ConfigOperation =
  /**
   * Set the topic's own value (an override of the cluster default).
   */
  | 'CONFIG_OPERATION_SET'
  | 0
  /**
   * Remove the topic's own value: the cluster default applies again.
   */
  | 'CONFIG_OPERATION_DELETE'
  | 1

/**
 * How a config changes, Kafka's AlterConfigOp numbering.
 */
export type ConfigOperation__Output = typeof ConfigOperation[keyof typeof ConfigOperation]
