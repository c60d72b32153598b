// DescribeCluster: the cluster id, the active controller, the registered brokers and the node
// that answered (its id, roles, software version and uptime).
import type { DescribeClusterRequest__Output, DescribeClusterResponse } from '@brook/protocol';
import { unary, type HandlerContext } from '../handler-context.js';
import { brokerNodes } from './broker-nodes.js';
import { BROKER_VERSION } from '../../version.js';

export function describeClusterHandler(context: HandlerContext) {
  return unary<DescribeClusterRequest__Output, DescribeClusterResponse>('DescribeCluster', context, async (request) => {
    const { metadata } = context;
    return {
      clusterId: metadata.clusterId,
      controllerId: metadata.controllerId(),
      brokers: brokerNodes(metadata.brokers(), request.includeFencedBrokers),
      node: { nodeId: metadata.localNodeId, roles: [...context.roles], softwareVersion: BROKER_VERSION, uptimeMs: Date.now() - context.startedAtMs },
    };
  });
}
