// Original file: ../../proto/brook/v1/produce.proto

import type { ProducePartitionResponse as _brook_v1_ProducePartitionResponse, ProducePartitionResponse__Output as _brook_v1_ProducePartitionResponse__Output } from '../../brook/v1/ProducePartitionResponse.js';

/**
 * The outcomes for one topic of a Produce request.
 */
export interface ProduceTopicResponse {
  /**
   * The topic's name, as in the request.
   */
  'name'?: (string);
  /**
   * One entry per partition of the request, in request order.
   */
  'partitions'?: (_brook_v1_ProducePartitionResponse)[];
}

/**
 * The outcomes for one topic of a Produce request.
 */
export interface ProduceTopicResponse__Output {
  /**
   * The topic's name, as in the request.
   */
  'name': (string);
  /**
   * One entry per partition of the request, in request order.
   */
  'partitions': (_brook_v1_ProducePartitionResponse__Output)[];
}
