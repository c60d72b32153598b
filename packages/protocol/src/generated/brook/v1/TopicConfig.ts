// Original file: ../../proto/brook/v1/admin.proto

import type { ConfigSource as _brook_v1_ConfigSource, ConfigSource__Output as _brook_v1_ConfigSource__Output } from '../../brook/v1/ConfigSource.js';

/**
 * One effective topic config entry.
 */
export interface TopicConfig {
  /**
   * The config's name, e.g. retention.ms.
   */
  'name'?: (string);
  /**
   * The effective value, as text.
   */
  'value'?: (string);
  /**
   * Where the value comes from.
   */
  'source'?: (_brook_v1_ConfigSource);
  /**
   * True when the value cannot be changed after creation.
   */
  'readOnly'?: (boolean);
}

/**
 * One effective topic config entry.
 */
export interface TopicConfig__Output {
  /**
   * The config's name, e.g. retention.ms.
   */
  'name': (string);
  /**
   * The effective value, as text.
   */
  'value': (string);
  /**
   * Where the value comes from.
   */
  'source': (_brook_v1_ConfigSource__Output);
  /**
   * True when the value cannot be changed after creation.
   */
  'readOnly': (boolean);
}
