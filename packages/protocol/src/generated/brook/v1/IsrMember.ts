// Original file: ../../proto/brook/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A member of a proposed ISR, with the broker epoch the leader saw it at (KIP-903).
 */
export interface IsrMember {
  /**
   * The replica's broker id.
   */
  'brokerId'?: (number);
  /**
   * Its broker epoch as the leader knows it (from its fetches); -1 when unknown.
   */
  'brokerEpoch'?: (number | string | Long);
}

/**
 * A member of a proposed ISR, with the broker epoch the leader saw it at (KIP-903).
 */
export interface IsrMember__Output {
  /**
   * The replica's broker id.
   */
  'brokerId': (number);
  /**
   * Its broker epoch as the leader knows it (from its fetches); -1 when unknown.
   */
  'brokerEpoch': (string);
}
