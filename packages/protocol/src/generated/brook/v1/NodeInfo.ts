// Original file: ../../proto/brook/v1/metadata.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A server node's description of itself.
 */
export interface NodeInfo {
  /**
   * The node's id.
   */
  'nodeId'?: (number);
  /**
   * The roles this process runs, from "broker" and "controller".
   */
  'roles'?: (string)[];
  /**
   * The Brook software version the node runs (its package version).
   */
  'softwareVersion'?: (string);
  /**
   * The node's uptime in milliseconds.
   */
  'uptimeMs'?: (number | string | Long);
}

/**
 * A server node's description of itself.
 */
export interface NodeInfo__Output {
  /**
   * The node's id.
   */
  'nodeId': (number);
  /**
   * The roles this process runs, from "broker" and "controller".
   */
  'roles': (string)[];
  /**
   * The Brook software version the node runs (its package version).
   */
  'softwareVersion': (string);
  /**
   * The node's uptime in milliseconds.
   */
  'uptimeMs': (string);
}
