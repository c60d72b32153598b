// Original file: ../../proto/brook/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A broker asking for producer ids.
 */
export interface AllocateProducerIdsRequest {
  /**
   * The broker's id.
   */
  'brokerId'?: (number);
  /**
   * Its current broker epoch.
   */
  'brokerEpoch'?: (number | string | Long);
}

/**
 * A broker asking for producer ids.
 */
export interface AllocateProducerIdsRequest__Output {
  /**
   * The broker's id.
   */
  'brokerId': (number);
  /**
   * Its current broker epoch.
   */
  'brokerEpoch': (string);
}
