// Original file: ../../proto/brook/v1/offsets.proto

import type { ListOffsetsPartitionResponse as _brook_v1_ListOffsetsPartitionResponse, ListOffsetsPartitionResponse__Output as _brook_v1_ListOffsetsPartitionResponse__Output } from '../../brook/v1/ListOffsetsPartitionResponse.js';

/**
 * The results for one topic of a ListOffsets request.
 */
export interface ListOffsetsTopicResponse {
  /**
   * The topic's name, as in the request.
   */
  'name'?: (string);
  /**
   * One entry per partition of the request, in request order.
   */
  'partitions'?: (_brook_v1_ListOffsetsPartitionResponse)[];
}

/**
 * The results for one topic of a ListOffsets request.
 */
export interface ListOffsetsTopicResponse__Output {
  /**
   * The topic's name, as in the request.
   */
  'name': (string);
  /**
   * One entry per partition of the request, in request order.
   */
  'partitions': (_brook_v1_ListOffsetsPartitionResponse__Output)[];
}
