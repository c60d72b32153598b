// `brook cluster start [-n 3] [--data-dir ./data] [--base-port 9092] [--cluster-id ID]
// [--timeout-ms 60000] [-- server flags]`: a local cluster of N combined nodes in the background,
// printed as an address table once healthy. The cluster id, node count and ports are kept in
// cluster.json, so a later start (after `cluster stop`, or to bring back one killed node) is the
// same cluster; asking for another node count or cluster id over existing data is refused.
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { BASE_PORT_DEFAULT, highestPort, newClusterId, type ClusterFile } from '../cluster/cluster-file.js';
import { healthLine, type HealthReport } from '../cluster/health.js';
import { startCluster, type StartClusterSpec } from '../cluster/start-cluster.js';
import { renderJson } from '../format/table.js';
import { parseInteger, parseOutputFormat } from '../options.js';
import { addDataDirOption, displayPath, localCluster, renderNodeTable, type DataDirOption } from './cluster-common.js';

const NODES_DEFAULT = 3;
const NODES_MAX = 16;
const START_TIMEOUT_MS_DEFAULT = 60_000;

interface ClusterStartOptions extends DataDirOption {
  nodes?: string;
  basePort?: string;
  clusterId?: string;
  timeoutMs: string;
  format: string;
}

/** An id that survives command lines and file names; the made ones are 22 characters of base64url. */
function checkClusterId(id: string): string {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id)) throw new CliError('INVALID_ARGUMENT', `--cluster-id must be 1 to 64 of [A-Za-z0-9_.-], got '${id}'`);
  return id;
}

function nodeCount(options: ClusterStartOptions, existing: ClusterFile | null, dataDir: string): number {
  const n = options.nodes === undefined ? (existing?.n ?? NODES_DEFAULT) : parseInteger('--nodes', options.nodes, 1, NODES_MAX);
  if (existing !== null && n !== existing.n) {
    throw new CliError('INVALID_ARGUMENT', `${dataDir} holds a cluster of ${existing.n} nodes; stop it and remove the directory (or use another --data-dir) to start ${n}`);
  }
  return n;
}

function basePort(options: ClusterStartOptions, existing: ClusterFile | null, n: number): number {
  const port = options.basePort === undefined ? (existing?.basePort ?? BASE_PORT_DEFAULT) : parseInteger('--base-port', options.basePort, 1, 65535);
  if (highestPort(port, n) > 65535) throw new CliError('INVALID_ARGUMENT', `--base-port ${port} leaves no room for ${n} nodes (the last admin port would be ${highestPort(port, n)})`);
  return port;
}

function clusterId(options: ClusterStartOptions, existing: ClusterFile | null, dataDir: string): string {
  if (options.clusterId === undefined) return existing?.clusterId ?? newClusterId();
  const id = checkClusterId(options.clusterId);
  if (existing !== null && existing.clusterId !== id) {
    throw new CliError('INVALID_ARGUMENT', `${dataDir} holds cluster ${existing.clusterId}, not ${id}; use another --data-dir for another cluster`);
  }
  return id;
}

/** The start's plan from the flags and what cluster.json already says. */
export function startSpec(context: CliContext, options: ClusterStartOptions, extraArgs: string[]): StartClusterSpec {
  const { dataDir, file } = localCluster(context, options);
  const n = nodeCount(options, file, dataDir);
  return {
    dataDir,
    n,
    basePort: basePort(options, file, n),
    clusterId: clusterId(options, file, dataDir),
    timeoutMs: parseInteger('--timeout-ms', options.timeoutMs, 1),
    extraArgs,
  };
}

function renderStarted(context: CliContext, file: ClusterFile, health: HealthReport, dataDir: string): string {
  const head = `Brook cluster ${file.clusterId}: ${file.n} node${file.n === 1 ? '' : 's'}, data in ${displayPath(context, dataDir)}\n${healthLine(health)}\n\n`;
  return head + renderNodeTable(context, file.nodes);
}

export function registerClusterStart(parent: Command, context: CliContext): void {
  const command = parent
    .command('start')
    .description('start a local cluster of combined broker+controller nodes in the background; returns once healthy')
    .option('-n, --nodes <n>', `how many nodes (default ${NODES_DEFAULT}, or cluster.json's)`)
    .option('--base-port <port>', `node i listens on base+100(i-1) (client), +1 (internal), +552 (admin) (default ${BASE_PORT_DEFAULT})`)
    .option('--cluster-id <id>', 'the cluster id (default: the one in cluster.json, else a new one)')
    .option('--timeout-ms <ms>', 'how long to wait for the cluster to be healthy', String(START_TIMEOUT_MS_DEFAULT))
    .option('--format <text|json>', 'output format', 'text')
    .allowExcessArguments()
    .usage('[options] [-- server flags]')
    .action(async (options: ClusterStartOptions, self: Command) => {
      const format = parseOutputFormat(options.format);
      const spec = startSpec(context, options, self.args);
      const { file, health } = await startCluster(context, spec);
      await context.out(format === 'json' ? renderJson({ ...file, dataDir: spec.dataDir, healthy: health.healthy }) + '\n' : renderStarted(context, file, health, spec.dataDir));
    });
  addDataDirOption(command);
}
