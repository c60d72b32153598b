// Original file: ../../proto/brook/v1/common.proto


/**
 * A broker as clients and other brokers reach it: the advertised address of its client listener.
 */
export interface BrokerNode {
  /**
   * The broker's node id, unique in the cluster and stable across restarts.
   */
  'nodeId'?: (number);
  /**
   * The advertised host name or IP address of the node's client gRPC listener.
   */
  'host'?: (string);
  /**
   * The advertised TCP port of the node's client gRPC listener.
   */
  'port'?: (number);
  /**
   * The rack (failure domain) the node is in; empty when none is configured.
   */
  'rack'?: (string);
  /**
   * True when the controller has fenced the broker (it has not caught up with the metadata log
   * or missed its heartbeats). Metadata lists only unfenced brokers, so this is false there;
   * DescribeCluster may list fenced ones when asked.
   */
  'fenced'?: (boolean);
}

/**
 * A broker as clients and other brokers reach it: the advertised address of its client listener.
 */
export interface BrokerNode__Output {
  /**
   * The broker's node id, unique in the cluster and stable across restarts.
   */
  'nodeId': (number);
  /**
   * The advertised host name or IP address of the node's client gRPC listener.
   */
  'host': (string);
  /**
   * The advertised TCP port of the node's client gRPC listener.
   */
  'port': (number);
  /**
   * The rack (failure domain) the node is in; empty when none is configured.
   */
  'rack': (string);
  /**
   * True when the controller has fenced the broker (it has not caught up with the metadata log
   * or missed its heartbeats). Metadata lists only unfenced brokers, so this is false there;
   * DescribeCluster may list fenced ones when asked.
   */
  'fenced': (boolean);
}
