// `brook cluster info`: the cluster id, the active controller and the registered brokers.
import type { Command } from 'commander';
import { withSession, type CliContext } from '../context.js';
import { renderJson, renderTable } from '../format/table.js';
import { parseOutputFormat } from '../options.js';
import type { ClusterDescription } from '../session.js';

function renderClusterText(cluster: ClusterDescription): string {
  const controller = cluster.controllerId < 0 ? 'none (election under way)' : String(cluster.controllerId);
  let text = `cluster id  ${cluster.clusterId}\ncontroller  ${controller}\n`;
  const node = cluster.answeringNode;
  if (node) {
    text += `answered by node ${node.nodeId} (${node.roles.join(',')}), version ${node.softwareVersion}, up ${(node.uptimeMs / 1000).toFixed(0)} s\n`;
  }
  const rows = cluster.brokers.map((b) => [b.nodeId, `${b.host}:${b.port}`, b.rack ?? '', b.nodeId === cluster.controllerId ? 'controller' : '']);
  return text + '\n' + renderTable(['NODE', 'ADDRESS', 'RACK', 'ROLE'], rows) + '\n';
}

export function registerClusterInfo(parent: Command, context: CliContext): void {
  parent
    .command('info')
    .description('show the cluster id, the controller and the brokers')
    .option('--format <text|json>', 'output format', 'text')
    .action(async (options: { format: string }, command: Command) => {
      const format = parseOutputFormat(options.format);
      const cluster = await withSession(context, command, (session) => session.describeCluster());
      await context.out(format === 'json' ? renderJson(cluster) + '\n' : renderClusterText(cluster));
    });
}
