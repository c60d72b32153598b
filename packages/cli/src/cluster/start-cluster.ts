// Starting the local cluster: N combined nodes (broker and controller) from the broker's bin,
// detached, one data directory, log and pid file each under <dataDir>/node-N, all voters of one
// metadata quorum with one cluster id. Nodes already running are left alone (never a second
// process on the same data directory). Returns once the health rule holds; a node that exits
// meanwhile, or a timeout, fails with the end of the log that tells why.
import { CliError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { interruptionOf } from '../interruption.js';
import { resolveServerBin } from '../server-bin.js';
import { clusterLayout, controllersFlag, writeClusterFile, type ClusterFile, type ClusterNode } from './cluster-file.js';
import { checkHealth, type HealthReport } from './health.js';
import { isReady, logTail, runningPid, spawnNode, type StartedNode } from './node-processes.js';

const POLL_MS = 500;
const PROBE_TIMEOUT_MS = 2_000;

export interface StartClusterSpec {
  dataDir: string;
  clusterId: string;
  n: number;
  basePort: number;
  timeoutMs: number;
  /** More brook-server flags for every node (after `--`). */
  extraArgs: string[];
}

/** The flags of node `node`'s brook-server. */
export function nodeArguments(node: ClusterNode, all: readonly ClusterNode[], spec: StartClusterSpec): string[] {
  return [
    '--node-id', String(node.nodeId),
    '--data-dir', node.dataDir,
    '--listen', node.clientAddress,
    '--internal-listen', node.internalAddress,
    '--admin-listen', node.adminAddress,
    '--roles', 'broker,controller',
    '--controllers', controllersFlag(all),
    '--cluster-id', spec.clusterId,
    '--default-replication-factor', String(Math.min(3, spec.n)),
    ...spec.extraArgs,
  ];
}

interface Launch {
  node: ClusterNode;
  /** Set when this command started the node; undefined when it was already running. */
  started?: StartedNode;
}

function launchNodes(context: CliContext, nodes: ClusterNode[], spec: StartClusterSpec): Launch[] {
  const bin = resolveServerBin(context.env);
  return nodes.map((node) => {
    const running = runningPid(node);
    if (running !== null) {
      context.err(`node ${node.nodeId} is already running (pid ${running}); not starting it again\n`);
      node.pid = running;
      return { node };
    }
    const started = spawnNode(bin, nodeArguments(node, nodes, spec), node, context.env);
    node.pid = started.pid;
    context.err(`started node ${node.nodeId} (pid ${started.pid}), log ${node.logFile}\n`);
    return { node, started };
  });
}

function printLogTail(context: CliContext, node: ClusterNode): void {
  const tail = logTail(node.logFile);
  context.err(tail === '' ? `(${node.logFile} is empty)\n` : `the end of ${node.logFile}:\n${tail}\n`);
}

/** Throws NODE_EXITED for the first node this command started that is gone. */
function checkNoneExited(context: CliContext, launches: readonly Launch[]): void {
  const exited = launches.find((launch) => launch.started?.exit != null);
  if (exited === undefined) return;
  printLogTail(context, exited.node);
  throw new CliError('NODE_EXITED', `node ${exited.node.nodeId} (pid ${exited.started?.pid}) exited (${exited.started?.exit}) before the cluster was healthy; see ${exited.node.logFile}`);
}

async function healthNow(context: CliContext, nodes: readonly ClusterNode[]): Promise<HealthReport> {
  const session = await context.openSession(nodes.map((node) => node.clientAddress), { quick: true });
  try {
    return await checkHealth(session, nodes.map((node) => ({ nodeId: node.nodeId, address: node.clientAddress })), PROBE_TIMEOUT_MS);
  } finally {
    await session.close();
  }
}

function failTimedOut(context: CliContext, launches: readonly Launch[], last: HealthReport | null, spec: StartClusterSpec): never {
  const notReady = launches.filter((launch) => launch.started !== undefined && !isReady(launch.node.dataDir, launch.started.pid));
  for (const launch of notReady.length > 0 ? notReady : launches) printLogTail(context, launch.node);
  const why = last === null ? `node ${notReady.map((launch) => launch.node.nodeId).join(', ')} not serving yet` : last.problems.join('; ');
  throw new CliError('TIMED_OUT', `the cluster was not healthy after ${spec.timeoutMs} ms: ${why}`);
}

/** Polls until every started node serves and the health rule holds. */
async function waitUntilHealthy(context: CliContext, launches: readonly Launch[], spec: StartClusterSpec): Promise<HealthReport> {
  const deadline = context.nowMs() + spec.timeoutMs;
  const nodes = launches.map((launch) => launch.node);
  let last: HealthReport | null = null;
  for (;;) {
    checkNoneExited(context, launches);
    const allServing = launches.every((launch) => launch.started === undefined || isReady(launch.node.dataDir, launch.started.pid));
    if (allServing) {
      last = await healthNow(context, nodes);
      if (last.healthy) return last;
    }
    if (context.nowMs() >= deadline) failTimedOut(context, launches, last, spec);
    // One poll interval; false at once when the user interrupts (Ctrl-C).
    if (!(await interruptionOf(context.interrupted).pause(POLL_MS))) {
      throw new CliError('INTERRUPTED', 'stopped waiting; the nodes keep running (brook cluster health --exit-when-healthy, or brook cluster stop)');
    }
  }
}

/** Starts the nodes that are not running, records them in cluster.json, waits until healthy. */
export async function startCluster(context: CliContext, spec: StartClusterSpec): Promise<{ file: ClusterFile; health: HealthReport }> {
  const nodes = clusterLayout(spec.dataDir, spec.basePort, spec.n);
  const launches = launchNodes(context, nodes, spec);
  // Recorded before waiting: a start that fails still leaves the pids for `brook cluster stop`.
  const file: ClusterFile = { clusterId: spec.clusterId, n: spec.n, basePort: spec.basePort, nodes };
  writeClusterFile(spec.dataDir, file);
  context.err(`waiting up to ${spec.timeoutMs} ms for the cluster to be healthy...\n`);
  const health = await waitUntilHealthy(context, launches, spec);
  return { file, health };
}
