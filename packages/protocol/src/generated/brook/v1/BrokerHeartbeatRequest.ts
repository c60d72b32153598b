// Original file: ../../proto/brook/v1/controller.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A broker's periodic heartbeat (every heartbeatIntervalMs).
 */
export interface BrokerHeartbeatRequest {
  /**
   * The broker's node id.
   */
  'brokerId'?: (number);
  /**
   * The epoch the registration returned; a stale one is refused with STALE_BROKER_EPOCH.
   */
  'brokerEpoch'?: (number | string | Long);
  /**
   * The offset of the last metadata-log batch the broker has applied; -1 for none.
   */
  'currentMetadataOffset'?: (number | string | Long);
  /**
   * Ask to be (or stay) fenced, e.g. while the broker is still loading its logs.
   */
  'wantFence'?: (boolean);
  /**
   * Ask for controlled shutdown (KIP-841): move leaderships away, then let the broker go.
   */
  'wantShutdown'?: (boolean);
}

/**
 * A broker's periodic heartbeat (every heartbeatIntervalMs).
 */
export interface BrokerHeartbeatRequest__Output {
  /**
   * The broker's node id.
   */
  'brokerId': (number);
  /**
   * The epoch the registration returned; a stale one is refused with STALE_BROKER_EPOCH.
   */
  'brokerEpoch': (string);
  /**
   * The offset of the last metadata-log batch the broker has applied; -1 for none.
   */
  'currentMetadataOffset': (string);
  /**
   * Ask to be (or stay) fenced, e.g. while the broker is still loading its logs.
   */
  'wantFence': (boolean);
  /**
   * Ask for controlled shutdown (KIP-841): move leaderships away, then let the broker go.
   */
  'wantShutdown': (boolean);
}
