// Original file: ../../proto/brook/v1/fetch.proto

import type { FetchPartitionResponse as _brook_v1_FetchPartitionResponse, FetchPartitionResponse__Output as _brook_v1_FetchPartitionResponse__Output } from '../../brook/v1/FetchPartitionResponse.js';

/**
 * The results for one topic of a Fetch request.
 */
export interface FetchTopicResponse {
  /**
   * The topic's name, as in the request.
   */
  'name'?: (string);
  /**
   * One entry per partition of the request, in request order.
   */
  'partitions'?: (_brook_v1_FetchPartitionResponse)[];
}

/**
 * The results for one topic of a Fetch request.
 */
export interface FetchTopicResponse__Output {
  /**
   * The topic's name, as in the request.
   */
  'name': (string);
  /**
   * One entry per partition of the request, in request order.
   */
  'partitions': (_brook_v1_FetchPartitionResponse__Output)[];
}
