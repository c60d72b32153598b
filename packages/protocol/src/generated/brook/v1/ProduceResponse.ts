// Original file: ../../proto/brook/v1/produce.proto

import type { ProduceTopicResponse as _brook_v1_ProduceTopicResponse, ProduceTopicResponse__Output as _brook_v1_ProduceTopicResponse__Output } from '../../brook/v1/ProduceTopicResponse.js';

export interface ProduceResponse {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics'?: (_brook_v1_ProduceTopicResponse)[];
}

export interface ProduceResponse__Output {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics': (_brook_v1_ProduceTopicResponse__Output)[];
}
