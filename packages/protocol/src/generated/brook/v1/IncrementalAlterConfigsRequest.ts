// Original file: ../../proto/brook/v1/admin.proto

import type { AlterableTopicConfigs as _brook_v1_AlterableTopicConfigs, AlterableTopicConfigs__Output as _brook_v1_AlterableTopicConfigs__Output } from '../../brook/v1/AlterableTopicConfigs.js';

/**
 * Change topic configs key by key (Kafka's IncrementalAlterConfigs, KIP-339): keys not named
 * keep their values. Each topic succeeds or fails on its own; a topic's changes apply together
 * or not at all.
 */
export interface IncrementalAlterConfigsRequest {
  /**
   * The topics to change.
   */
  'topics'?: (_brook_v1_AlterableTopicConfigs)[];
  /**
   * How long to wait for the controller to commit the change before answering
   * REQUEST_TIMED_OUT for the topics still pending (they may still change).
   * 0 = the default, 30000 ms.
   */
  'timeoutMs'?: (number);
  /**
   * Check the changes (topic, keys, values) and report the outcome without changing anything.
   */
  'validateOnly'?: (boolean);
}

/**
 * Change topic configs key by key (Kafka's IncrementalAlterConfigs, KIP-339): keys not named
 * keep their values. Each topic succeeds or fails on its own; a topic's changes apply together
 * or not at all.
 */
export interface IncrementalAlterConfigsRequest__Output {
  /**
   * The topics to change.
   */
  'topics': (_brook_v1_AlterableTopicConfigs__Output)[];
  /**
   * How long to wait for the controller to commit the change before answering
   * REQUEST_TIMED_OUT for the topics still pending (they may still change).
   * 0 = the default, 30000 ms.
   */
  'timeoutMs': (number);
  /**
   * Check the changes (topic, keys, values) and report the outcome without changing anything.
   */
  'validateOnly': (boolean);
}
