// Original file: ../../proto/brook/v1/metadata.proto

import type { BrokerNode as _brook_v1_BrokerNode, BrokerNode__Output as _brook_v1_BrokerNode__Output } from '../../brook/v1/BrokerNode.js';
import type { NodeInfo as _brook_v1_NodeInfo, NodeInfo__Output as _brook_v1_NodeInfo__Output } from '../../brook/v1/NodeInfo.js';

/**
 * The cluster as the answering node sees it.
 */
export interface DescribeClusterResponse {
  /**
   * The cluster's id, fixed when the cluster was formatted.
   */
  'clusterId'?: (string);
  /**
   * The node id of the active controller; -1 when none is known.
   */
  'controllerId'?: (number);
  /**
   * The registered brokers, in node id order (fenced ones only when asked for).
   */
  'brokers'?: (_brook_v1_BrokerNode)[];
  /**
   * The node that answered this request.
   */
  'node'?: (_brook_v1_NodeInfo | null);
}

/**
 * The cluster as the answering node sees it.
 */
export interface DescribeClusterResponse__Output {
  /**
   * The cluster's id, fixed when the cluster was formatted.
   */
  'clusterId': (string);
  /**
   * The node id of the active controller; -1 when none is known.
   */
  'controllerId': (number);
  /**
   * The registered brokers, in node id order (fenced ones only when asked for).
   */
  'brokers': (_brook_v1_BrokerNode__Output)[];
  /**
   * The node that answered this request.
   */
  'node': (_brook_v1_NodeInfo__Output | null);
}
