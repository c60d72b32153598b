// Original file: ../../proto/brook/v1/controller.proto


/**
 * The controller's answer to a heartbeat.
 */
export interface BrokerHeartbeatResponse {
  /**
   * Whether the broker has applied the metadata log up to its own registration.
   */
  'isCaughtUp'?: (boolean);
  /**
   * Whether the broker is fenced after this heartbeat.
   */
  'isFenced'?: (boolean);
  /**
   * Controlled shutdown is complete: the broker leads nothing and may exit.
   */
  'shouldShutdown'?: (boolean);
}

/**
 * The controller's answer to a heartbeat.
 */
export interface BrokerHeartbeatResponse__Output {
  /**
   * Whether the broker has applied the metadata log up to its own registration.
   */
  'isCaughtUp': (boolean);
  /**
   * Whether the broker is fenced after this heartbeat.
   */
  'isFenced': (boolean);
  /**
   * Controlled shutdown is complete: the broker leads nothing and may exit.
   */
  'shouldShutdown': (boolean);
}
