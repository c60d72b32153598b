// Starts a real multi-node Brook cluster for black-box tests (TESTING.md, layers 3 and 4):
// N brook-server processes (combined broker and controller by default) on 127.0.0.1 with every
// port chosen before the first start (the --controllers voters list names the internal ports),
// one shared cluster id, test-sized timeouts and a temporary directory holding each node's data
// directory and log. startCluster resolves once every broker is registered and unfenced and a
// controller is active. Every process is stopped by its own pid and the directory removed by
// cluster.stop(), which stopAllClusters() (registered with vitest's afterAll) calls for every
// cluster a test file started, even after a failure.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { brokerBinPath } from '@brook/broker';
import { errorCodeByNumber, type CreatableTopic, type CreateTopicsResponse__Output, type DescribeClusterResponse__Output, type DescribeQuorumResponse__Output, type MetadataResponse__Output, type TopicMetadata__Output } from '@brook/protocol';
import { ClusterNode, PortInUseError } from './cluster-node.js';
import { reservePorts } from './ports.js';
import { killAtExit } from './process-util.js';
import { waitFor, type WaitForOptions } from './wait-for.js';

export interface ClusterTimeouts {
  electionTimeoutMs: number;
  brokerHeartbeatIntervalMs: number;
  brokerSessionTimeoutMs: number;
}

/** Test-sized: elections after 300 ms of silence, heartbeats every 100 ms, fenced after 1 s. */
export const TEST_CLUSTER_TIMEOUTS: Readonly<ClusterTimeouts> = { electionTimeoutMs: 300, brokerHeartbeatIntervalMs: 100, brokerSessionTimeoutMs: 1000 };

export interface StartClusterOptions {
  /** How many nodes; default 3. Node ids are 1..nodes. */
  nodes?: number;
  /** Which node ids are voters (roles broker,controller); the rest are broker-only. Default: all. */
  controllerIds?: number[];
  /** Overrides of TEST_CLUSTER_TIMEOUTS, or 'server-defaults' to pass none (production-like). */
  timeouts?: Partial<ClusterTimeouts> | 'server-defaults';
  /** More brook-server flags for every node, e.g. ['--metadata-snapshot-entries', '100']. */
  extraArgs?: string[];
  /** More flags for one node. */
  nodeArgs?: (nodeId: number) => string[];
  /** Extra environment variables (the test's own BROOK_* variables are not passed on). */
  env?: Record<string, string>;
  /** How long each node may take to write its ready file; default 30 s. */
  readyTimeoutMs?: number;
  /** How long the whole cluster may take to become healthy after every node is ready; default 30 s. */
  healthyTimeoutMs?: number;
}

/** The active controller as a node's DescribeQuorum answer (forwarded to the controller) shows it. */
export interface ActiveController {
  readonly nodeId: number;
  /** The metadata log's leader epoch (Raft term). */
  readonly epoch: number;
  readonly highWatermark: number;
  /** The node that was asked. */
  readonly askedNodeId: number;
}

const PORT_ATTEMPTS = 3;
const clusters = new Set<BrookCluster>();
const processes = new Set<ClusterNode>();

export async function startCluster(options: StartClusterOptions = {}): Promise<BrookCluster> {
  for (let attempt = 1; ; attempt++) {
    const cluster = await BrookCluster.create(options);
    try {
      await cluster.startAll(options.healthyTimeoutMs ?? 30_000);
      return cluster;
    } catch (error) {
      const diagnostics = cluster.diagnostics();
      await cluster.stop();
      if (!(error instanceof PortInUseError) || attempt >= PORT_ATTEMPTS) {
        throw new Error(`the cluster did not start: ${(error as Error).message}\n${diagnostics}`, { cause: error });
      }
    }
  }
}

/** Stops every cluster started in this test file (SIGKILL by pid) and removes their directories. */
export async function stopAllClusters(): Promise<void> {
  await Promise.all([...clusters].map((cluster) => cluster.stop()));
}

afterAll(stopAllClusters);
killAtExit(processes);

export class BrookCluster {
  private constructor(
    /** The cluster id every node is started with (--cluster-id). */
    readonly clusterId: string,
    /** The temporary directory holding node-<id>/data and node-<id>.log. */
    readonly root: string,
    readonly nodes: readonly ClusterNode[],
    readonly timeouts: Readonly<ClusterTimeouts> | 'server-defaults',
  ) {}

  static async create(options: StartClusterOptions): Promise<BrookCluster> {
    const count = options.nodes ?? 3;
    const controllerIds = new Set(options.controllerIds ?? Array.from({ length: count }, (_, i) => i + 1));
    const timeouts = options.timeouts === 'server-defaults' ? 'server-defaults' : { ...TEST_CLUSTER_TIMEOUTS, ...options.timeouts };
    const ports = await reservePorts(count * 3);
    const root = mkdtempSync(join(tmpdir(), 'brook-cluster-'));
    const internalPort = (id: number): number => ports[(id - 1) * 3 + 2] ?? 0;
    const voters = [...controllerIds].sort((a, b) => a - b).map((id) => `${id}@127.0.0.1:${internalPort(id)}`).join(',');
    const timeoutArgs = timeouts === 'server-defaults' ? [] : [
      '--election-timeout-ms', String(timeouts.electionTimeoutMs),
      '--broker-heartbeat-interval-ms', String(timeouts.brokerHeartbeatIntervalMs),
      '--broker-session-timeout-ms', String(timeouts.brokerSessionTimeoutMs),
    ];
    const clusterId = randomBytes(16).toString('base64url');
    const nodes = Array.from({ length: count }, (_, i) => {
      const nodeId = i + 1;
      mkdirSync(join(root, `node-${nodeId}`));
      return new ClusterNode({
        nodeId,
        bin: brokerBinPath,
        dataDir: join(root, `node-${nodeId}`, 'data'),
        logFile: join(root, `node-${nodeId}.log`),
        clientPort: ports[i * 3] ?? 0,
        adminPort: ports[i * 3 + 1] ?? 0,
        internalPort: internalPort(nodeId),
        args: [
          '--roles', controllerIds.has(nodeId) ? 'broker,controller' : 'broker',
          '--controllers', voters,
          // One argument: a base64url id may begin with '-'.
          `--cluster-id=${clusterId}`,
          ...timeoutArgs, ...(options.extraArgs ?? []), ...(options.nodeArgs?.(nodeId) ?? []),
        ],
        env: options.env ?? {},
        readyTimeoutMs: options.readyTimeoutMs ?? 30_000,
      });
    });
    const cluster = new BrookCluster(clusterId, root, nodes, timeouts);
    clusters.add(cluster);
    for (const node of nodes) processes.add(node);
    return cluster;
  }

  /** Starts every node at once (a quorum needs a majority up), then waits until the cluster is healthy. */
  async startAll(healthyTimeoutMs: number): Promise<void> {
    const started = await Promise.allSettled(this.nodes.map((node) => node.start()));
    const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    await this.waitHealthy(healthyTimeoutMs);
  }

  /** The node with id `nodeId` (ids start at 1). */
  node(nodeId: number): ClusterNode {
    const node = this.nodes[nodeId - 1];
    if (node === undefined) throw new Error(`no node ${nodeId} in a cluster of ${this.nodes.length}`);
    return node;
  }

  /** The nodes that run and are not paused. */
  live(): ClusterNode[] {
    return this.nodes.filter((node) => node.live);
  }

  waitFor<T>(predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs: number, options?: WaitForOptions): Promise<T> {
    return waitFor(predicate, timeoutMs, options);
  }

  describeQuorum(via: ClusterNode, timeoutMs = 1000): Promise<DescribeQuorumResponse__Output> {
    return via.call('DescribeQuorum', {}, timeoutMs);
  }

  describeCluster(via: ClusterNode, includeFencedBrokers = true, timeoutMs = 1000): Promise<DescribeClusterResponse__Output> {
    return via.call('DescribeCluster', { includeFencedBrokers }, timeoutMs);
  }

  /** Metadata for `topics` (all when empty) as `via`'s own image shows it. */
  metadata(via: ClusterNode, topics: string[] = [], timeoutMs = 2000): Promise<MetadataResponse__Output> {
    return via.call('Metadata', { topics, allowAutoTopicCreation: false }, timeoutMs);
  }

  /** One topic as `via` (default: the first live node) shows it; undefined while it does not know it. */
  async describeTopic(name: string, via: ClusterNode = this.firstLive(), timeoutMs = 2000): Promise<TopicMetadata__Output | undefined> {
    const topic = (await this.metadata(via, [name], timeoutMs)).topics[0];
    return topic === undefined || topic.errorCode !== 0 ? undefined : topic;
  }

  /** CreateTopics through `via` (default: the first live node). */
  createTopics(topics: CreatableTopic[], via: ClusterNode = this.firstLive(), timeoutMs = 10_000): Promise<CreateTopicsResponse__Output> {
    return via.call('CreateTopics', { topics, timeoutMs }, timeoutMs + 1000);
  }

  /**
   * The active controller, asked of the live nodes in turn (DescribeQuorum, forwarded to the
   * controller) until one answers with a live leader not in `excluding`.
   */
  activeController(options: { excluding?: number[]; timeoutMs?: number } = {}): Promise<ActiveController> {
    const excluded = new Set(options.excluding ?? []);
    return waitFor(async () => {
      for (const node of this.live()) {
        const quorum = await this.describeQuorum(node).catch(() => undefined);
        if (quorum === undefined || quorum.leaderId < 0 || excluded.has(quorum.leaderId) || this.nodes[quorum.leaderId - 1]?.live !== true) continue;
        return { nodeId: quorum.leaderId, epoch: Number(quorum.leaderEpoch), highWatermark: Number(quorum.highWatermark), askedNodeId: node.nodeId };
      }
      return undefined;
    }, options.timeoutMs ?? 10_000, { what: `an active controller${excluded.size > 0 ? ` other than ${[...excluded].join(', ')}` : ''}`, intervalMs: 10 });
  }

  /**
   * Resolves once every live node's DescribeCluster lists every running node as an unfenced
   * broker and names the same live controller.
   */
  async waitHealthy(timeoutMs = 30_000): Promise<void> {
    await waitFor(async () => {
      const live = this.live();
      const expected = this.nodes.filter((node) => node.running).map((node) => node.nodeId);
      const views = await Promise.all(live.map((node) => this.describeCluster(node)));
      const controllers = new Set(views.map((view) => view.controllerId));
      const [controller] = controllers;
      if (controllers.size !== 1 || controller === undefined || this.nodes[controller - 1]?.live !== true) return false;
      return views.every((view) => expected.every((id) => view.brokers.some((broker) => broker.nodeId === id && !broker.fenced)));
    }, timeoutMs, { what: 'a healthy cluster (every running broker unfenced on every live node, one live controller)', intervalMs: 50 });
  }

  /** Continues paused nodes, starts stopped ones (same ports and data), then waits until the cluster is healthy. */
  async restoreAll(timeoutMs = 30_000): Promise<void> {
    for (const node of this.nodes) if (node.paused) node.sigcont();
    await Promise.all(this.nodes.filter((node) => !node.running).map((node) => node.start()));
    await this.waitHealthy(timeoutMs);
  }

  /** Where everything is and how each node ends its log, for a failure message. */
  diagnostics(nodeIds: number[] = this.nodes.map((node) => node.nodeId), lines = 30): string {
    const parts = [`cluster ${this.clusterId} in ${this.root}`];
    for (const id of nodeIds) {
      const node = this.node(id);
      const state = node.paused ? 'paused (SIGSTOP)' : node.running ? 'running' : 'not running';
      parts.push(`--- node ${id}: pid ${node.pid}, ${state}, data dir ${node.dataDir}, log ${node.logFile}; last ${lines} log lines:\n${node.logTail(lines)}`);
    }
    return parts.join('\n');
  }

  /** Kills every node (SIGKILL by pid, paused ones too), closes the clients and removes the directory. */
  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.kill9()));
    for (const node of this.nodes) {
      node.closeClient();
      processes.delete(node);
    }
    rmSync(this.root, { recursive: true, force: true });
    clusters.delete(this);
  }

  private firstLive(): ClusterNode {
    const node = this.live()[0];
    if (node === undefined) throw new Error('no live node in the cluster');
    return node;
  }
}

/** The error name of a per-topic or per-partition code (0 = NONE). */
export function errorName(code: number): string {
  return errorCodeByNumber(code) ?? `code ${code}`;
}
