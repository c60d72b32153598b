// Original file: ../../proto/brook/v1/producer_id.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The producer's identity for its idempotent batches.
 */
export interface InitProducerIdResponse {
  /**
   * The producer id, unique in the cluster.
   */
  'producerId'?: (number | string | Long);
  /**
   * The producer epoch; batches of an older epoch of this id are fenced.
   */
  'producerEpoch'?: (number);
}

/**
 * The producer's identity for its idempotent batches.
 */
export interface InitProducerIdResponse__Output {
  /**
   * The producer id, unique in the cluster.
   */
  'producerId': (string);
  /**
   * The producer epoch; batches of an older epoch of this id are fenced.
   */
  'producerEpoch': (number);
}
