// Original file: ../../proto/brook/v1/admin.proto

import type { DeletableTopicResult as _brook_v1_DeletableTopicResult, DeletableTopicResult__Output as _brook_v1_DeletableTopicResult__Output } from '../../brook/v1/DeletableTopicResult.js';

/**
 * The outcome of DeleteTopics, one result per requested name.
 */
export interface DeleteTopicsResponse {
  /**
   * One entry per name of the request, in request order.
   */
  'topics'?: (_brook_v1_DeletableTopicResult)[];
}

/**
 * The outcome of DeleteTopics, one result per requested name.
 */
export interface DeleteTopicsResponse__Output {
  /**
   * One entry per name of the request, in request order.
   */
  'topics': (_brook_v1_DeletableTopicResult__Output)[];
}
