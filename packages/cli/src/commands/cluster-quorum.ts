// `brook cluster quorum [--format json]`: the metadata quorum as the active controller sees it,
// like `kafka-metadata-quorum describe --status` (leader, epoch, high watermark, the largest
// follower lag) followed by `--replication` (each voter's and observer's log end offset, lag and
// last contact).
import type { Command } from 'commander';
import { withSession, type CliContext } from '../context.js';
import { renderJson, renderTable } from '../format/table.js';
import { parseOutputFormat } from '../options.js';
import type { QuorumReplicaState, QuorumState } from '../session.js';
import { addDataDirOption, type DataDirOption } from './cluster-common.js';

function offsetText(offset: bigint): string {
  return offset < 0n ? 'unknown' : offset.toString();
}

function contactText(msAgo: number): string {
  if (msAgo < 0) return 'never';
  return msAgo < 10_000 ? `${msAgo} ms ago` : `${(msAgo / 1000).toFixed(1)} s ago`;
}

function role(quorum: QuorumState, replica: QuorumReplicaState, voter: boolean): string {
  if (!voter) return 'observer';
  return replica.nodeId === quorum.leaderId ? 'leader' : 'follower';
}

/** The largest lag and the longest silence among the leader's followers (Kafka's MaxFollowerLag). */
function followerMaxima(quorum: QuorumState): { lag: bigint; contactMsAgo: number } {
  const followers = [...quorum.voters, ...quorum.observers].filter((r) => r.nodeId !== quorum.leaderId);
  const lag = followers.reduce((max, r) => (r.lag > max ? r.lag : max), 0n);
  const contactMsAgo = followers.reduce((max, r) => Math.max(max, r.lastContactMsAgo), 0);
  return { lag, contactMsAgo };
}

/** `name  value` lines, the values aligned. */
function renderFields(fields: Array<[string, string | number]>): string {
  const width = Math.max(...fields.map(([name]) => name.length));
  return fields.map(([name, value]) => `${name.padEnd(width)}  ${value}\n`).join('');
}

export function renderQuorumText(quorum: QuorumState): string {
  const maxima = followerMaxima(quorum);
  const ids = (replicas: readonly QuorumReplicaState[]) => `[${replicas.map((r) => r.nodeId).join(',')}]`;
  const status = renderFields(
    [
      ['leader id', quorum.leaderId < 0 ? 'none (election under way)' : quorum.leaderId],
      ['leader epoch', quorum.leaderEpoch],
      ['high watermark', offsetText(quorum.highWatermark)],
      ['max follower lag', maxima.lag.toString()],
      ['max follower lag time', `${maxima.contactMsAgo} ms`],
      ['current voters', ids(quorum.voters)],
      ['current observers', ids(quorum.observers)],
    ],
  );
  const replicas = [...quorum.voters.map((r) => ({ r, voter: true })), ...quorum.observers.map((r) => ({ r, voter: false }))];
  const rows = replicas.map(({ r, voter }) => [r.nodeId, role(quorum, r, voter), offsetText(r.logEndOffset), r.lag < 0n ? 'unknown' : r.lag.toString(), contactText(r.lastContactMsAgo)]);
  return status + '\n' + renderTable(['NODE', 'ROLE', 'LOG END OFFSET', 'LAG', 'LAST CONTACT'], rows) + '\n';
}

export function registerClusterQuorum(parent: Command, context: CliContext): void {
  const command = parent
    .command('quorum')
    .description("describe the metadata quorum: leader, epoch, high watermark, each voter's and observer's lag")
    .option('--format <text|json>', 'output format', 'text')
    .action(async (options: DataDirOption & { format: string }, self: Command) => {
      const format = parseOutputFormat(options.format);
      const quorum = await withSession(context, self, (session) => session.describeQuorum());
      await context.out(format === 'json' ? renderJson(quorum) + '\n' : renderQuorumText(quorum));
    });
  addDataDirOption(command);
}
