// The controller role of a node: the metadata log on Raft (QuorumController), served on the
// internal listener as BrookRaft (controller to controller) and BrookController (brokers to the
// active controller).
import { brookControllerServiceDefinition, brookRaftServiceDefinition } from '@brook/protocol';
import type { ServerConfig } from '../config/config-schema.js';
import type { Logger } from '../logging/logger.js';
import { QuorumController } from '../controller/index.js';
import { addInternalService, type InternalListener } from './internal-listener.js';

export interface ControllerRole {
  readonly controller: QuorumController;
  /** For /v1/status: whether this node is the active controller, and the quorum as it sees it. */
  status(): unknown;
  close(): Promise<void>;
}

export interface ControllerRoleOptions {
  config: ServerConfig;
  dataDir: string;
  clusterId: string;
  voters: ReadonlyMap<number, string>;
  internal: InternalListener;
  logger: Logger;
}

export async function startControllerRole(options: ControllerRoleOptions): Promise<ControllerRole> {
  const { config } = options;
  const controller = await QuorumController.open({
    nodeId: config.nodeId,
    clusterId: options.clusterId,
    voters: options.voters,
    dataDir: options.dataDir,
    electionTimeoutMs: config.electionTimeoutMs,
    brokerSessionTimeoutMs: config.brokerSessionTimeoutMs,
    metadataSnapshotEntries: config.metadataSnapshotEntries,
    defaultPartitions: config.defaultPartitions,
    defaultReplicationFactor: config.defaultReplicationFactor,
    leaderImbalanceCheckIntervalMs: config.leaderImbalanceCheckIntervalMs,
    logger: options.logger,
  });
  addInternalService(options.internal, brookRaftServiceDefinition(), controller.raftHandlers());
  addInternalService(options.internal, brookControllerServiceDefinition(), controller.controllerHandlers());
  controller.start();
  return {
    controller,
    status: () => ({ active: controller.isActive(), activeControllerId: controller.activeControllerId(), metadataOffset: controller.image().offset }),
    close: () => controller.close(),
  };
}
