// Original file: ../../proto/brook/v1/admin.proto

import type { ConfigOperation as _brook_v1_ConfigOperation, ConfigOperation__Output as _brook_v1_ConfigOperation__Output } from '../../brook/v1/ConfigOperation.js';

/**
 * One config change.
 */
export interface AlterableConfig {
  /**
   * The config's name, e.g. retention.ms (the keys CreateTopics accepts).
   */
  'name'?: (string);
  /**
   * What to do with it.
   */
  'operation'?: (_brook_v1_ConfigOperation);
  /**
   * The new value for CONFIG_OPERATION_SET; ignored for CONFIG_OPERATION_DELETE.
   */
  'value'?: (string);
}

/**
 * One config change.
 */
export interface AlterableConfig__Output {
  /**
   * The config's name, e.g. retention.ms (the keys CreateTopics accepts).
   */
  'name': (string);
  /**
   * What to do with it.
   */
  'operation': (_brook_v1_ConfigOperation__Output);
  /**
   * The new value for CONFIG_OPERATION_SET; ignored for CONFIG_OPERATION_DELETE.
   */
  'value': (string);
}
