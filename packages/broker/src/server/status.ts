// /v1/status: a JSON snapshot of the node for operators and scripts.
import type { ConfigKey, ConfigSourceName } from '../config/config-schema.js';
import type { HandlerContext } from './handler-context.js';
import { BROKER_VERSION } from '../version.js';

export interface StatusExtras {
  ready: boolean;
  clientAddress: string | null;
  advertised: string | null;
  dataDir: string;
  sources: Partial<Record<ConfigKey, ConfigSourceName>>;
}

export function buildStatus(context: HandlerContext, extras: StatusExtras): Record<string, unknown> {
  return {
    nodeId: context.metadata.localNodeId,
    clusterId: context.metadata.clusterId,
    version: BROKER_VERSION,
    ready: extras.ready,
    uptimeMs: Date.now() - context.startedAtMs,
    clientAddress: extras.clientAddress,
    advertisedAddress: extras.advertised,
    dataDir: extras.dataDir,
    topics: context.metadata.topics().map((topic) => ({ name: topic.name, topicId: topic.topicId, partitions: topic.partitions.length, configs: topic.configs })),
    partitions: context.partitions.all().map((partition) => ({
      topic: partition.topic,
      partition: partition.partition,
      logStartOffset: partition.logStartOffset,
      highWatermark: partition.highWatermark,
      logEndOffset: partition.logEndOffset,
      sizeBytes: partition.sizeBytes,
    })),
    config: context.config,
    configSources: extras.sources,
  };
}
