// Original file: ../../proto/brook/v1/metadata.proto

import type { BrokerNode as _brook_v1_BrokerNode, BrokerNode__Output as _brook_v1_BrokerNode__Output } from '../../brook/v1/BrokerNode.js';
import type { TopicMetadata as _brook_v1_TopicMetadata, TopicMetadata__Output as _brook_v1_TopicMetadata__Output } from '../../brook/v1/TopicMetadata.js';

/**
 * The cluster as the answering broker's metadata image shows it.
 */
export interface MetadataResponse {
  /**
   * Every unfenced broker in the cluster, in node id order.
   */
  'brokers'?: (_brook_v1_BrokerNode)[];
  /**
   * The cluster's id, fixed when the cluster was formatted.
   */
  'clusterId'?: (string);
  /**
   * The node id of the active controller; -1 when none is known (an election is under way).
   */
  'controllerId'?: (number);
  /**
   * One entry per topic asked for (or every topic), in request order or by name for "all".
   */
  'topics'?: (_brook_v1_TopicMetadata)[];
}

/**
 * The cluster as the answering broker's metadata image shows it.
 */
export interface MetadataResponse__Output {
  /**
   * Every unfenced broker in the cluster, in node id order.
   */
  'brokers': (_brook_v1_BrokerNode__Output)[];
  /**
   * The cluster's id, fixed when the cluster was formatted.
   */
  'clusterId': (string);
  /**
   * The node id of the active controller; -1 when none is known (an election is under way).
   */
  'controllerId': (number);
  /**
   * One entry per topic asked for (or every topic), in request order or by name for "all".
   */
  'topics': (_brook_v1_TopicMetadata__Output)[];
}
