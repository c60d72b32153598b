// The local cluster's layout and its record, <dataDir>/cluster.json: the cluster id (made once,
// so a later `brook cluster start` brings back the same cluster), the node count, the ports and
// the pids of the nodes last started. Node i (1-based) uses the ports base + 100(i-1) (client),
// + 1 (internal: Raft and broker-to-controller) and + 552 (admin HTTP), so base 9092 gives
// Kafka's familiar 9092/9093 and Redpanda's admin 9644 for node 1, then 9192/9193/9744, ...
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from '../cli-error.js';

export const CLUSTER_FILE = 'cluster.json';
export const BASE_PORT_DEFAULT = 9092;
export const NODE_PORT_STRIDE = 100;
const INTERNAL_PORT_OFFSET = 1;
const ADMIN_PORT_OFFSET = 552;
const HOST = '127.0.0.1';

export interface ClusterNode {
  nodeId: number;
  clientAddress: string;
  internalAddress: string;
  adminAddress: string;
  dataDir: string;
  logFile: string;
  pidFile: string;
  /** The pid last started for this node; null when it was stopped (or never started). */
  pid: number | null;
}

export interface ClusterFile {
  clusterId: string;
  /** The node count (every node runs the broker and controller roles). */
  n: number;
  basePort: number;
  nodes: ClusterNode[];
}

/** 16 random bytes as 22 characters of URL-safe base64, the shape of Kafka's cluster ids. */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  return random(16).toString('base64url');
}

/** The highest port a cluster of n nodes uses from `basePort`. */
export function highestPort(basePort: number, n: number): number {
  return basePort + ADMIN_PORT_OFFSET + NODE_PORT_STRIDE * (n - 1);
}

/** Every node's addresses and files under `dataDir`. */
export function clusterLayout(dataDir: string, basePort: number, n: number): ClusterNode[] {
  const root = resolve(dataDir);
  return Array.from({ length: n }, (_, index) => {
    const nodeId = index + 1;
    const port = basePort + NODE_PORT_STRIDE * index;
    const nodeDir = join(root, `node-${nodeId}`);
    return {
      nodeId,
      clientAddress: `${HOST}:${port}`,
      internalAddress: `${HOST}:${port + INTERNAL_PORT_OFFSET}`,
      adminAddress: `${HOST}:${port + ADMIN_PORT_OFFSET}`,
      dataDir: nodeDir,
      logFile: join(nodeDir, 'brook.log'),
      pidFile: join(nodeDir, 'brook.pid'),
      pid: null,
    };
  });
}

/** The --controllers value: every node is a voter, `id@internal-address`. */
export function controllersFlag(nodes: readonly ClusterNode[]): string {
  return nodes.map((node) => `${node.nodeId}@${node.internalAddress}`).join(',');
}

export function clusterFilePath(dataDir: string): string {
  return join(resolve(dataDir), CLUSTER_FILE);
}

function isClusterFile(value: unknown): value is ClusterFile {
  const file = value as Partial<ClusterFile> | null;
  return (
    typeof file?.clusterId === 'string' &&
    typeof file.n === 'number' &&
    typeof file.basePort === 'number' &&
    Array.isArray(file.nodes) &&
    file.nodes.every((node: Partial<ClusterNode>) => typeof node.nodeId === 'number' && typeof node.clientAddress === 'string')
  );
}

/** The cluster.json in `dataDir`, or null when there is none; a file that is not one fails. */
export function readClusterFile(dataDir: string): ClusterFile | null {
  const path = clusterFilePath(dataDir);
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError('INVALID_INPUT', `${path} is not JSON (${(error as Error).message}); remove it to start a new cluster`);
  }
  if (!isClusterFile(parsed)) throw new CliError('INVALID_INPUT', `${path} does not describe a cluster (clusterId, n, basePort, nodes); remove it to start a new cluster`);
  return parsed;
}

/** Writes cluster.json whole or not at all (a temporary file renamed over it). */
export function writeClusterFile(dataDir: string, file: ClusterFile): void {
  mkdirSync(resolve(dataDir), { recursive: true });
  const path = clusterFilePath(dataDir);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(file, null, 2) + '\n');
  renameSync(temporary, path);
}

/** The client addresses of the cluster recorded in `dataDir`, or null when there is none. */
export function clusterClientAddresses(dataDir: string): string[] | null {
  const file = readClusterFile(dataDir);
  return file === null ? null : file.nodes.map((node) => node.clientAddress);
}
