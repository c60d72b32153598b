// Test support for the controller's tests: QuorumControllers in one process, each behind its own
// grpc-js server on 127.0.0.1 (bound first, so the voters map holds real ports), reached through
// BrookController clients as a broker would. Not part of the package's API.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import {
  brookControllerServiceDefinition, brookRaftServiceDefinition, createBrookControllerClient, fromServiceError, rpcMessageSizeOptions,
} from '@brook/protocol';
import type { BrookControllerClient } from '@brook/protocol';
import { silentLogger } from '../logging/logger.js';
import { QuorumController } from './quorum-controller.js';
import type { QuorumControllerOptions } from './quorum-controller-options.js';

export const TEST_CLUSTER_ID = 'controller-test-cluster';

export interface TestNode {
  readonly id: number;
  readonly address: string;
  readonly server: Server;
  readonly controller: QuorumController;
  readonly client: BrookControllerClient;
  stopped: boolean;
}

type Method = 'RegisterBroker' | 'BrokerHeartbeat' | 'FetchMetadata' | 'CreateTopics' | 'DeleteTopics' | 'IncrementalAlterConfigs' | 'DescribeQuorum' | 'AlterPartition' | 'AllocateProducerIds';
type RequestOf<M extends Method> = Parameters<BrookControllerClient[M]>[0];
type ResponseOf<M extends Method> = Parameters<Extract<Parameters<BrookControllerClient[M]>[1], (...args: never[]) => unknown>>[1];

/** A BrookController call as a promise; failures reject with the BrookError (its `cause` keeps the hint). */
export function controllerCall<M extends Method>(client: BrookControllerClient, method: M, request: RequestOf<M>, timeoutMs = 5_000): Promise<NonNullable<ResponseOf<M>>> {
  return new Promise((resolve, reject) => {
    const invoke = client[method].bind(client) as unknown as (request: unknown, options: object, callback: (error: ServiceError | null, response: unknown) => void) => void;
    invoke(request, { deadline: Date.now() + timeoutMs }, (error, response) => (error ? reject(fromServiceError(error)) : resolve(response as NonNullable<ResponseOf<M>>)));
  });
}

export function incarnationId(): string {
  return randomBytes(16).toString('hex');
}

/** Polls `check` every 10 ms until it gives (or resolves to) a value other than undefined or false. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export type TestControllerSettings = Partial<Omit<QuorumControllerOptions, 'nodeId' | 'clusterId' | 'voters' | 'dataDir' | 'logger'>>;

export class ControllerTestCluster {
  readonly nodes = new Map<number, TestNode>();
  /** Every server bound, so a start that fails half way still shuts them all down. */
  private readonly servers: Server[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'brook-controller-'));
  private voters: ReadonlyMap<number, string> = new Map();
  private settings: TestControllerSettings = {};

  static async start(size: number, settings: TestControllerSettings = {}): Promise<ControllerTestCluster> {
    const cluster = new ControllerTestCluster();
    try {
      await cluster.startNodes(size, settings);
    } catch (error) {
      await cluster.close();
      throw error;
    }
    return cluster;
  }

  node(id: number): TestNode {
    const node = this.nodes.get(id);
    if (node === undefined) throw new Error(`no node ${id}`);
    return node;
  }

  running(): TestNode[] {
    return [...this.nodes.values()].filter((n) => !n.stopped);
  }

  /** Waits until exactly one running node is the active controller and every other knows it. */
  async active(timeoutMs = 5_000): Promise<TestNode> {
    return eventually(() => {
      const active = this.running().filter((n) => n.controller.isActive());
      if (active.length !== 1) return undefined;
      const leader = active[0]!;
      return this.running().every((n) => n.controller.activeControllerId() === leader.id) ? leader : undefined;
    }, timeoutMs, 'one active controller known to all');
  }

  /** A planned stop (the active controller hands leadership over), or with `crash` an abrupt one: the network goes first and nothing is handed over. */
  async stop(id: number, how: { readonly crash?: boolean } = {}): Promise<void> {
    const node = this.node(id);
    if (node.stopped) return;
    node.stopped = true;
    node.client.close();
    if (how.crash === true) node.server.forceShutdown();
    await node.controller.close({ handOffLeadership: how.crash !== true });
    node.server.forceShutdown();
  }

  async close(): Promise<void> {
    for (const id of this.nodes.keys()) await this.stop(id);
    for (const server of this.servers) server.forceShutdown();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Starts a stopped node again on its address and data directory. */
  async restart(id: number): Promise<TestNode> {
    const stopped = this.node(id);
    if (!stopped.stopped) throw new Error(`node ${id} is running`);
    const server = new Server(rpcMessageSizeOptions());
    this.servers.push(server);
    await bind(server, stopped.address);
    const node = await this.openNode(id, server, stopped.address);
    node.controller.start();
    return node;
  }

  private async startNodes(size: number, settings: TestControllerSettings): Promise<void> {
    this.settings = settings;
    const servers = new Map<number, { server: Server; address: string }>();
    for (let id = 1; id <= size; id++) {
      const server = new Server(rpcMessageSizeOptions());
      this.servers.push(server);
      const port = await bind(server, '127.0.0.1:0');
      servers.set(id, { server, address: `127.0.0.1:${port}` });
    }
    this.voters = new Map([...servers].map(([id, s]) => [id, s.address]));
    for (const [id, { server, address }] of servers) await this.openNode(id, server, address);
    for (const node of this.nodes.values()) node.controller.start();
  }

  private async openNode(id: number, server: Server, address: string): Promise<TestNode> {
    const controller = await QuorumController.open({
      electionTimeoutMs: 200, brokerSessionTimeoutMs: 10_000, metadataSnapshotEntries: 1_000, defaultPartitions: 3,
      defaultReplicationFactor: Math.min(3, this.voters.size), leaderImbalanceCheckIntervalMs: 60_000, ...this.settings,
      nodeId: id, clusterId: TEST_CLUSTER_ID, voters: this.voters, dataDir: join(this.dir, `node-${id}`), logger: silentLogger(),
    });
    server.addService(brookRaftServiceDefinition(), controller.raftHandlers());
    server.addService(brookControllerServiceDefinition(), controller.controllerHandlers());
    const node = { id, address, server, controller, client: createBrookControllerClient(address), stopped: false };
    this.nodes.set(id, node);
    return node;
  }
}

function bind(server: Server, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port)));
  });
}
