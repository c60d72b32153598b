// Original file: ../../proto/brook/v1/producer_id.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Ask for a producer id and epoch.
 */
export interface InitProducerIdRequest {
  /**
   * Must be empty: transactions are not supported yet.
   */
  'transactionalId'?: (string);
  /**
   * Unused until transactions exist; 0.
   */
  'transactionTimeoutMs'?: (number);
  /**
   * -1 for a new producer; or the producer's current id, to bump its epoch (KIP-360).
   */
  'producerId'?: (number | string | Long);
  /**
   * -1 for a new producer; or the producer's current epoch.
   */
  'producerEpoch'?: (number);
}

/**
 * Ask for a producer id and epoch.
 */
export interface InitProducerIdRequest__Output {
  /**
   * Must be empty: transactions are not supported yet.
   */
  'transactionalId': (string);
  /**
   * Unused until transactions exist; 0.
   */
  'transactionTimeoutMs': (number);
  /**
   * -1 for a new producer; or the producer's current id, to bump its epoch (KIP-360).
   */
  'producerId': (string);
  /**
   * -1 for a new producer; or the producer's current epoch.
   */
  'producerEpoch': (number);
}
