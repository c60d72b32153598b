// Original file: ../../proto/brook/v1/fetch.proto

import type { FetchTopicResponse as _brook_v1_FetchTopicResponse, FetchTopicResponse__Output as _brook_v1_FetchTopicResponse__Output } from '../../brook/v1/FetchTopicResponse.js';

/**
 * The batches read, per topic and partition.
 */
export interface FetchResponse {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics'?: (_brook_v1_FetchTopicResponse)[];
}

/**
 * The batches read, per topic and partition.
 */
export interface FetchResponse__Output {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics': (_brook_v1_FetchTopicResponse__Output)[];
}
