// Original file: ../../proto/brook/v1/controller.proto


/**
 * One endpoint of a broker.
 */
export interface BrokerListener {
  /**
   * "client" (the client gRPC listener) or "internal" (replica fetch, broker-to-broker).
   */
  'name'?: (string);
  /**
   * The advertised host.
   */
  'host'?: (string);
  /**
   * The advertised port.
   */
  'port'?: (number);
}

/**
 * One endpoint of a broker.
 */
export interface BrokerListener__Output {
  /**
   * "client" (the client gRPC listener) or "internal" (replica fetch, broker-to-broker).
   */
  'name': (string);
  /**
   * The advertised host.
   */
  'host': (string);
  /**
   * The advertised port.
   */
  'port': (number);
}
