// Original file: ../../proto/brook/v1/metadata.proto


export interface DescribeClusterRequest {
  /**
   * Also list brokers the controller has fenced (registered but not serving).
   */
  'includeFencedBrokers'?: (boolean);
}

export interface DescribeClusterRequest__Output {
  /**
   * Also list brokers the controller has fenced (registered but not serving).
   */
  'includeFencedBrokers': (boolean);
}
