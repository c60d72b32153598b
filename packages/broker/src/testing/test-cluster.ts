// An in-process cluster of combined nodes (broker + controller) on loopback with test-sized
// timeouts, for tests of replication over real gRPC: every node is a voter of the metadata
// quorum and a broker. stop(id) closes one node (controlled shutdown) keeping its data,
// start(id) brings it back on the same directory and internal port.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBrookClient, type BrookClientClient } from '@brook/protocol';
import { defaultServerConfig, type ServerConfig } from '../config/config-schema.js';
import { createRootLogger, silentLogger, type Logger } from '../logging/logger.js';
import { startServer, type ServerHandle } from '../server/start-server.js';
import { freeLoopbackPort } from './free-port.js';

const TEST_CLUSTER_ID = 'BBBBBBBBBBBBBBBBBBBBBB';

export interface TestClusterNode {
  readonly nodeId: number;
  readonly dataDir: string;
  handle: ServerHandle | undefined;
  client: BrookClientClient | undefined;
}

export interface TestCluster {
  readonly nodes: readonly TestClusterNode[];
  node(nodeId: number): TestClusterNode;
  /** The client of a running node. */
  client(nodeId: number): BrookClientClient;
  /** /v1/status of a running node (partitions with their offsets). */
  status(nodeId: number): Promise<{ partitions: Array<{ topic: string; partition: number; highWatermark: number; logEndOffset: number }> }>;
  stop(nodeId: number): Promise<void>;
  start(nodeId: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestClusterOptions {
  size?: number;
  config?: Partial<ServerConfig>;
  logger?: Logger;
}

export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestCluster> {
  const size = options.size ?? 3;
  const ids = Array.from({ length: size }, (_, index) => index + 1);
  const ports = await Promise.all(ids.map(() => freeLoopbackPort()));
  const controllers = ids.map((id, index) => `${id}@127.0.0.1:${ports[index]}`).join(',');
  const nodes: TestClusterNode[] = await Promise.all(ids.map(async (nodeId) => ({ nodeId, dataDir: await mkdtemp(join(tmpdir(), `brook-cluster-${nodeId}-`)), handle: undefined, client: undefined })));
  const configOf = (node: TestClusterNode, index: number): ServerConfig => ({
    ...defaultServerConfig(),
    nodeId: node.nodeId,
    dataDir: node.dataDir,
    listen: '127.0.0.1:0',
    adminListen: '127.0.0.1:0',
    internalListen: `127.0.0.1:${ports[index]}`,
    controllers,
    clusterId: TEST_CLUSTER_ID,
    shutdownTimeoutMs: 2_000,
    electionTimeoutMs: 300,
    brokerHeartbeatIntervalMs: 100,
    brokerSessionTimeoutMs: 1_500,
    replicaLagMs: 1_000,
    defaultReplicationFactor: size,
    ...options.config,
  });
  const startNode = async (node: TestClusterNode): Promise<void> => {
    const logger = options.logger ?? (process.env['BROOK_TEST_LOG'] !== undefined ? createRootLogger('debug', node.nodeId) : silentLogger());
    const handle = await startServer(configOf(node, nodes.indexOf(node)), { logger });
    node.handle = handle;
    node.client = createBrookClient(handle.clientAddress);
  };
  const stopNode = async (node: TestClusterNode): Promise<void> => {
    node.client?.close();
    await node.handle?.close();
    node.client = undefined;
    node.handle = undefined;
  };
  const node = (nodeId: number): TestClusterNode => {
    const found = nodes.find((candidate) => candidate.nodeId === nodeId);
    if (found === undefined) throw new Error(`no node ${nodeId}`);
    return found;
  };
  await Promise.all(nodes.map(startNode));
  return {
    nodes,
    node,
    client(nodeId) {
      const client = node(nodeId).client;
      if (client === undefined) throw new Error(`node ${nodeId} is not running`);
      return client;
    },
    async status(nodeId) {
      const handle = node(nodeId).handle;
      if (handle === undefined) throw new Error(`node ${nodeId} is not running`);
      const response = await fetch(`http://${handle.adminAddress}/v1/status`);
      return (await response.json()) as Awaited<ReturnType<TestCluster['status']>>;
    },
    stop: (nodeId) => stopNode(node(nodeId)),
    start: (nodeId) => startNode(node(nodeId)),
    async close() {
      await Promise.all(nodes.map(stopNode));
      for (const each of nodes) await rm(each.dataDir, { recursive: true, force: true });
    },
  };
}
