// Original file: ../../proto/brook/v1/produce.proto

import type { ProduceTopicResponse as _brook_v1_ProduceTopicResponse, ProduceTopicResponse__Output as _brook_v1_ProduceTopicResponse__Output } from '../../brook/v1/ProduceTopicResponse.js';

/**
 * The outcome of a Produce request, per topic and partition.
 */
export interface ProduceResponse {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics'?: (_brook_v1_ProduceTopicResponse)[];
}

/**
 * The outcome of a Produce request, per topic and partition.
 */
export interface ProduceResponse__Output {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics': (_brook_v1_ProduceTopicResponse__Output)[];
}
