// `brook cluster stop [--data-dir ./data] [--timeout-ms 30000]`: stops the local cluster's nodes.
// SIGTERM is the broker's clean stop (controlled shutdown, flushed and closed logs); a node still
// running at the timeout gets SIGKILL (its logs recover on the next start). Pid files go, and
// cluster.json keeps everything but the pids, so the next start is the same cluster.
import { rmSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { writeClusterFile, type ClusterNode } from '../cluster/cluster-file.js';
import { runningPid, signal, waitForExit } from '../cluster/node-processes.js';
import { renderJson, renderTable } from '../format/table.js';
import { parseInteger, parseOutputFormat } from '../options.js';
import { addDataDirOption, displayPath, localCluster, type DataDirOption } from './cluster-common.js';

const STOP_TIMEOUT_MS_DEFAULT = 30_000;
/** After SIGKILL the kernel needs no cooperation; this only covers a slow reap. */
const KILL_WAIT_MS = 5_000;

interface ClusterStopOptions extends DataDirOption {
  timeoutMs: string;
  format: string;
}

export type StopOutcome = 'stopped' | 'killed' | 'not running' | 'still running';

export interface NodeStopResult {
  nodeId: number;
  pid: number | null;
  outcome: StopOutcome;
}

/** Stops the nodes: SIGTERM to all at once, SIGKILL to those left at the timeout. */
export async function stopNodes(nodes: readonly ClusterNode[], timeoutMs: number): Promise<NodeStopResult[]> {
  const pids = new Map(nodes.map((node) => [node.nodeId, runningPid(node)]));
  const live = [...pids.values()].filter((pid): pid is number => pid !== null);
  for (const pid of live) signal(pid, 'SIGTERM');
  const stubborn = await waitForExit(live, timeoutMs);
  for (const pid of stubborn) signal(pid, 'SIGKILL');
  const survivors = new Set(await waitForExit(stubborn, KILL_WAIT_MS));
  return nodes.map((node) => {
    const pid = pids.get(node.nodeId) ?? null;
    if (pid === null) return { nodeId: node.nodeId, pid, outcome: 'not running' };
    if (survivors.has(pid)) return { nodeId: node.nodeId, pid, outcome: 'still running' };
    return { nodeId: node.nodeId, pid, outcome: stubborn.includes(pid) ? 'killed' : 'stopped' };
  });
}

function renderStopped(results: readonly NodeStopResult[], timeoutMs: number): string {
  const rows = results.map((r) => [r.nodeId, r.pid ?? '-', r.outcome === 'killed' ? `killed (SIGKILL after ${timeoutMs} ms)` : r.outcome]);
  return renderTable(['NODE', 'PID', 'RESULT'], rows) + '\n';
}

export function registerClusterStop(parent: Command, context: CliContext): void {
  const command = parent
    .command('stop')
    .description('stop the local cluster (SIGTERM, then SIGKILL after the timeout)')
    .option('--timeout-ms <ms>', 'how long to wait for a clean stop before SIGKILL', String(STOP_TIMEOUT_MS_DEFAULT))
    .option('--format <text|json>', 'output format', 'text')
    .action(async (options: ClusterStopOptions) => {
      const format = parseOutputFormat(options.format);
      const timeoutMs = parseInteger('--timeout-ms', options.timeoutMs, 0);
      const { dataDir, file } = localCluster(context, options);
      if (file === null) {
        context.err(`no cluster recorded in ${displayPath(context, dataDir)} (no cluster.json); nothing to stop\n`);
        if (format === 'json') await context.out('[]\n');
        return;
      }
      const results = await stopNodes(file.nodes, timeoutMs);
      for (const node of file.nodes) {
        if (results.find((r) => r.nodeId === node.nodeId)?.outcome === 'still running') continue;
        rmSync(node.pidFile, { force: true });
        node.pid = null;
      }
      writeClusterFile(dataDir, file);
      await context.out(format === 'json' ? renderJson(results) + '\n' : renderStopped(results, timeoutMs));
      const stuck = results.filter((r) => r.outcome === 'still running');
      if (stuck.length > 0) throw new CliError('TIMED_OUT', `still running after SIGKILL: ${stuck.map((r) => `node ${r.nodeId} (pid ${r.pid})`).join(', ')}`);
    });
  addDataDirOption(command);
}
