// Original file: ../../proto/brook/v1/offsets.proto

import type { ListOffsetsTopicResponse as _brook_v1_ListOffsetsTopicResponse, ListOffsetsTopicResponse__Output as _brook_v1_ListOffsetsTopicResponse__Output } from '../../brook/v1/ListOffsetsTopicResponse.js';

/**
 * The offsets found, per topic and partition.
 */
export interface ListOffsetsResponse {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics'?: (_brook_v1_ListOffsetsTopicResponse)[];
}

/**
 * The offsets found, per topic and partition.
 */
export interface ListOffsetsResponse__Output {
  /**
   * One entry per topic of the request, in request order.
   */
  'topics': (_brook_v1_ListOffsetsTopicResponse__Output)[];
}
