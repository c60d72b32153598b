// Original file: ../../proto/brook/v1/admin.proto

import type { CreatableTopicResult as _brook_v1_CreatableTopicResult, CreatableTopicResult__Output as _brook_v1_CreatableTopicResult__Output } from '../../brook/v1/CreatableTopicResult.js';

/**
 * The outcome of CreateTopics, one result per requested topic.
 */
export interface CreateTopicsResponse {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics'?: (_brook_v1_CreatableTopicResult)[];
}

/**
 * The outcome of CreateTopics, one result per requested topic.
 */
export interface CreateTopicsResponse__Output {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics': (_brook_v1_CreatableTopicResult__Output)[];
}
