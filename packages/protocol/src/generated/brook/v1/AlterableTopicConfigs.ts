// Original file: ../../proto/brook/v1/admin.proto

import type { AlterableConfig as _brook_v1_AlterableConfig, AlterableConfig__Output as _brook_v1_AlterableConfig__Output } from '../../brook/v1/AlterableConfig.js';

/**
 * The changes to one topic's configs.
 */
export interface AlterableTopicConfigs {
  /**
   * The topic's name.
   */
  'name'?: (string);
  /**
   * The changes; a key named twice is INVALID_REQUEST, as in Kafka.
   */
  'configs'?: (_brook_v1_AlterableConfig)[];
}

/**
 * The changes to one topic's configs.
 */
export interface AlterableTopicConfigs__Output {
  /**
   * The topic's name.
   */
  'name': (string);
  /**
   * The changes; a key named twice is INVALID_REQUEST, as in Kafka.
   */
  'configs': (_brook_v1_AlterableConfig__Output)[];
}
