// Original file: ../../proto/brook/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A block of producer ids, from first_producer_id on, for this broker alone.
 */
export interface AllocateProducerIdsResponse {
  /**
   * The first id of the block.
   */
  'firstProducerId'?: (number | string | Long);
  /**
   * How many ids the block holds.
   */
  'count'?: (number);
}

/**
 * A block of producer ids, from first_producer_id on, for this broker alone.
 */
export interface AllocateProducerIdsResponse__Output {
  /**
   * The first id of the block.
   */
  'firstProducerId': (string);
  /**
   * How many ids the block holds.
   */
  'count': (number);
}
