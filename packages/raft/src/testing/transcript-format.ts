// How transcript tests print entries, messages and node state: one short line each, readable
// next to the Raft paper's figures (an entry is `index@term`).
import type { Entry, Message, NodeStatus } from '../index.js';

const decoder = new TextDecoder();

export function formatEntry(entry: Entry): string {
  return `${entry.index}@${entry.term} ${entry.kind === 'noop' ? 'noop' : JSON.stringify(decoder.decode(entry.data))}`;
}

export function formatEntries(entries: readonly Entry[]): string {
  return entries.map(formatEntry).join(', ');
}

export function formatMessage(m: Message): string {
  const head = `n${m.from} -> n${m.to}:`;
  switch (m.type) {
    case 'vote-request':
      return `${head} ${m.preVote ? 'pre-vote' : 'vote'} request term=${m.term} last=${m.lastLogIndex}@${m.lastLogTerm}${m.leadershipTransfer ? ' transfer' : ''}`;
    case 'vote-response':
      return `${head} ${m.preVote ? 'pre-vote' : 'vote'} ${m.granted ? 'granted' : 'rejected'} term=${m.term}`;
    case 'append':
      return `${head} append term=${m.term} prev=${m.prevLogIndex}@${m.prevLogTerm} commit=${m.commit} [${formatEntries(m.entries)}]`;
    case 'append-response':
      return m.reject
        ? `${head} append rejected term=${m.term} index=${m.index} hint=${m.conflictIndex}@${m.conflictTerm}`
        : `${head} append ok term=${m.term} match=${m.index}`;
    case 'heartbeat':
      return `${head} heartbeat term=${m.term} commit=${m.commit}`;
    case 'heartbeat-response':
      return `${head} heartbeat ok term=${m.term}`;
    case 'install-snapshot':
      return `${head} snapshot term=${m.term} at=${m.snapshot.metadata.index}@${m.snapshot.metadata.term}`;
    case 'timeout-now':
      return `${head} timeout-now term=${m.term}`;
  }
}

export function formatStatus(status: NodeStatus, log: readonly Entry[] | undefined): string[] {
  const lines = [
    `n${status.id}: ${status.role} term=${status.term} vote=${status.vote} leader=${status.leaderId} ` +
      `commit=${status.commit} applied=${status.applied} log=(${status.firstIndex - 1}, ${status.lastIndex}]` +
      (log === undefined ? '' : ` [${log.map((e) => `${e.index}@${e.term}`).join(' ')}]`),
  ];
  for (const [id, pr] of status.progress) {
    if (id === status.id) continue;
    lines.push(`  n${id}${pr.isLearner ? ' (learner)' : ''}: ${pr.state} match=${pr.match} next=${pr.next}`);
  }
  return lines;
}
