// Original file: ../../proto/brook/v1/metadata.proto


/**
 * Ask for the cluster id, the controller and the registered brokers.
 */
export interface DescribeClusterRequest {
  /**
   * Also list brokers the controller has fenced (registered but not serving).
   */
  'includeFencedBrokers'?: (boolean);
}

/**
 * Ask for the cluster id, the controller and the registered brokers.
 */
export interface DescribeClusterRequest__Output {
  /**
   * Also list brokers the controller has fenced (registered but not serving).
   */
  'includeFencedBrokers': (boolean);
}
