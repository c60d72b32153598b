// BrokerState (metadata) as the wire's BrokerNode, shared by Metadata and DescribeCluster.
import type { BrokerNode } from '@brook/protocol';
import type { BrokerState } from '../../metadata/metadata-view.js';

export function brokerNodes(brokers: readonly BrokerState[], includeFenced = false): BrokerNode[] {
  return brokers
    .filter((broker) => includeFenced || !broker.fenced)
    .map((broker) => ({ nodeId: broker.nodeId, host: broker.host, port: broker.port, rack: broker.rack, fenced: broker.fenced }));
}
