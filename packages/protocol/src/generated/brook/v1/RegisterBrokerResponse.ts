// Original file: ../../proto/brook/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The registration's result.
 */
export interface RegisterBrokerResponse {
  /**
   * The broker epoch: the metadata-log offset of the registration. Heartbeats carry it.
   */
  'brokerEpoch'?: (number | string | Long);
}

/**
 * The registration's result.
 */
export interface RegisterBrokerResponse__Output {
  /**
   * The broker epoch: the metadata-log offset of the registration. Heartbeats carry it.
   */
  'brokerEpoch': (string);
}
