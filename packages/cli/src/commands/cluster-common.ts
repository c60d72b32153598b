// What the `brook cluster` commands share: the --data-dir flag naming the local cluster's
// directory, which nodes the cluster must have, and the address table.
import { relative } from 'node:path';
import type { Command } from 'commander';
import { clusterDataDir, DATA_DIR_DEFAULT, type CliContext } from '../context.js';
import { readClusterFile, type ClusterFile, type ClusterNode } from '../cluster/cluster-file.js';
import type { ExpectedNode } from '../cluster/health.js';
import { renderTable } from '../format/table.js';

export interface DataDirOption {
  dataDir?: string;
}

export function addDataDirOption(command: Command): Command {
  return command.option('--data-dir <dir>', `the local cluster's directory: cluster.json and node-N/ (default ${DATA_DIR_DEFAULT})`);
}

/** The local cluster recorded in --data-dir (or ./data), or null. */
export function localCluster(context: CliContext, options: DataDirOption): { dataDir: string; file: ClusterFile | null } {
  const dataDir = clusterDataDir(context, options.dataDir);
  return { dataDir, file: readClusterFile(dataDir) };
}

/**
 * The nodes the cluster must have: cluster.json's, unless --brokers or BROOK_BROKERS point the
 * command at some other cluster (then nothing is known beyond what that cluster lists).
 */
export function expectedNodes(context: CliContext, command: Command, file: ClusterFile | null): ExpectedNode[] | null {
  const { brokers, dataDir } = command.optsWithGlobals<{ brokers?: string; dataDir?: string }>();
  const elsewhere = (brokers !== undefined || context.env['BROOK_BROKERS'] !== undefined) && dataDir === undefined;
  if (file === null || elsewhere) return null;
  return file.nodes.map((node) => ({ nodeId: node.nodeId, address: node.clientAddress }));
}

/** A path as short as it reads well: relative to the working directory when inside it. */
export function displayPath(context: CliContext, path: string): string {
  const shown = relative(context.cwd ?? process.cwd(), path);
  return shown.startsWith('..') || shown === '' ? path : shown;
}

/** NODE, CLIENT, INTERNAL, ADMIN, PID, LOG: where each node listens and logs. */
export function renderNodeTable(context: CliContext, nodes: readonly ClusterNode[]): string {
  const rows = nodes.map((node) => [node.nodeId, node.clientAddress, node.internalAddress, node.adminAddress, node.pid ?? '-', displayPath(context, node.logFile)]);
  return renderTable(['NODE', 'CLIENT', 'INTERNAL', 'ADMIN', 'PID', 'LOG'], rows) + '\n';
}
