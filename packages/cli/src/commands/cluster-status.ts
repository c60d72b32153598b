// `brook cluster status [--data-dir ./data] [--format json]`: the brokers as the cluster lists
// them (fenced ones too), the active controller, and which of the local cluster's node processes
// run. The local processes print first: when the cluster does not answer they are what explains
// it, and the failure follows as the usual one-line error.
import type { Command } from 'commander';
import { withSession, type CliContext } from '../context.js';
import type { ClusterFile } from '../cluster/cluster-file.js';
import { runningPid } from '../cluster/node-processes.js';
import { renderJson, renderTable } from '../format/table.js';
import { parseOutputFormat } from '../options.js';
import type { ClusterDescription } from '../session.js';
import { addDataDirOption, displayPath, localCluster, type DataDirOption } from './cluster-common.js';

interface NodeProcess {
  nodeId: number;
  pid: number | null;
  running: boolean;
  logFile: string;
}

function nodeProcesses(file: ClusterFile | null): NodeProcess[] {
  return (file?.nodes ?? []).map((node) => {
    const pid = runningPid(node);
    return { nodeId: node.nodeId, pid: pid ?? node.pid, running: pid !== null, logFile: node.logFile };
  });
}

function renderProcesses(context: CliContext, dataDir: string, processes: readonly NodeProcess[]): string {
  if (processes.length === 0) return '';
  const rows = processes.map((p) => [p.nodeId, p.pid ?? '-', p.running ? 'running' : 'not running', displayPath(context, p.logFile)]);
  return `local nodes (${displayPath(context, dataDir)})\n` + renderTable(['NODE', 'PID', 'PROCESS', 'LOG'], rows) + '\n\n';
}

export function renderBrokers(cluster: ClusterDescription): string {
  const controller = cluster.controllerId < 0 ? 'none (election under way)' : String(cluster.controllerId);
  const rows = cluster.brokers.map((b) => [
    b.nodeId,
    `${b.host}:${b.port}`,
    b.rack ?? '',
    b.fenced === true ? 'fenced' : 'unfenced',
    b.nodeId === cluster.controllerId ? 'active controller' : '',
  ]);
  const head = `cluster id         ${cluster.clusterId}\nactive controller  ${controller}\n`;
  return head + renderTable(['BROKER', 'ADDRESS', 'RACK', 'STATE', 'ROLE'], rows) + '\n';
}

export function registerClusterStatus(parent: Command, context: CliContext): void {
  const command = parent
    .command('status')
    .description('show the brokers (fenced or not), the active controller and the local node processes')
    .option('--format <text|json>', 'output format', 'text')
    .action(async (options: DataDirOption & { format: string }, self: Command) => {
      const format = parseOutputFormat(options.format);
      const { dataDir, file } = localCluster(context, options);
      const processes = nodeProcesses(file);
      if (format === 'text') await context.out(renderProcesses(context, dataDir, processes));
      const cluster = await withSession(context, self, (session) => session.describeCluster({ includeFenced: true }));
      if (format === 'json') await context.out(renderJson({ ...cluster, processes }) + '\n');
      else await context.out(renderBrokers(cluster));
    });
  addDataDirOption(command);
}
