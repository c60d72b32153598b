// Original file: ../../proto/brook/v1/controller.proto

import type { BrokerListener as _brook_v1_BrokerListener, BrokerListener__Output as _brook_v1_BrokerListener__Output } from '../../brook/v1/BrokerListener.js';

/**
 * A broker registering at start (and again after a controller failover lost its answer).
 */
export interface RegisterBrokerRequest {
  /**
   * The cluster the broker belongs to; a controller of another cluster refuses it.
   */
  'clusterId'?: (string);
  /**
   * The broker's node id.
   */
  'brokerId'?: (number);
  /**
   * 32 lowercase hex characters, new at every process start (KIP-631): a second process
   * claiming a live broker id is refused with DUPLICATE_BROKER_REGISTRATION.
   */
  'incarnationId'?: (string);
  /**
   * The broker's advertised listeners.
   */
  'listeners'?: (_brook_v1_BrokerListener)[];
  /**
   * The broker's rack; empty = none.
   */
  'rack'?: (string);
}

/**
 * A broker registering at start (and again after a controller failover lost its answer).
 */
export interface RegisterBrokerRequest__Output {
  /**
   * The cluster the broker belongs to; a controller of another cluster refuses it.
   */
  'clusterId': (string);
  /**
   * The broker's node id.
   */
  'brokerId': (number);
  /**
   * 32 lowercase hex characters, new at every process start (KIP-631): a second process
   * claiming a live broker id is refused with DUPLICATE_BROKER_REGISTRATION.
   */
  'incarnationId': (string);
  /**
   * The broker's advertised listeners.
   */
  'listeners': (_brook_v1_BrokerListener__Output)[];
  /**
   * The broker's rack; empty = none.
   */
  'rack': (string);
}
