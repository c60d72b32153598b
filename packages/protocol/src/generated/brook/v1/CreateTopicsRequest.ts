// Original file: ../../proto/brook/v1/admin.proto

import type { CreatableTopic as _brook_v1_CreatableTopic, CreatableTopic__Output as _brook_v1_CreatableTopic__Output } from '../../brook/v1/CreatableTopic.js';

/**
 * Create topics; each topic succeeds or fails on its own.
 */
export interface CreateTopicsRequest {
  /**
   * The topics to create. Each succeeds or fails on its own.
   */
  'topics'?: (_brook_v1_CreatableTopic)[];
  /**
   * How long to wait for the controller to commit the creation before answering
   * REQUEST_TIMED_OUT for the topics still pending (they may still be created).
   * 0 = the default, 30000 ms.
   */
  'timeoutMs'?: (number);
  /**
   * Check the request (names, counts, configs, policy) and report what would be created,
   * without creating anything.
   */
  'validateOnly'?: (boolean);
}

/**
 * Create topics; each topic succeeds or fails on its own.
 */
export interface CreateTopicsRequest__Output {
  /**
   * The topics to create. Each succeeds or fails on its own.
   */
  'topics': (_brook_v1_CreatableTopic__Output)[];
  /**
   * How long to wait for the controller to commit the creation before answering
   * REQUEST_TIMED_OUT for the topics still pending (they may still be created).
   * 0 = the default, 30000 ms.
   */
  'timeoutMs': (number);
  /**
   * Check the request (names, counts, configs, policy) and report what would be created,
   * without creating anything.
   */
  'validateOnly': (boolean);
}
