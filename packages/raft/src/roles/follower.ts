// The follower's (and learner's) side of replication: AppendEntries (§5.3), heartbeats,
// InstallSnapshot (§7) and TimeoutNow (thesis §3.10).
import type { AppendRequest, Heartbeat, InstallSnapshot, Message } from '../messages.js';
import type { RaftNode } from '../raft-node.js';
import { campaign } from './election.js';

export function stepFollower(node: RaftNode, message: Message): void {
  switch (message.type) {
    case 'append':
      heardFromLeader(node, message.from);
      handleAppend(node, message);
      return;
    case 'heartbeat':
      heardFromLeader(node, message.from);
      handleHeartbeat(node, message);
      return;
    case 'install-snapshot':
      heardFromLeader(node, message.from);
      handleSnapshot(node, message);
      return;
    case 'timeout-now':
      // Thesis §3.10: the leader has caught us up and asks us to campaign now, skipping
      // pre-vote (we would otherwise lose it to voters that still see the leader alive).
      if (node.isPromotable()) campaign(node, 'transfer');
      return;
    default:
      return;
  }
}

function heardFromLeader(node: RaftNode, leader: number): void {
  node.electionElapsed = 0;
  node.lead = leader;
}

export function handleAppend(node: RaftNode, request: AppendRequest): void {
  const log = node.log;
  const reply = { type: 'append-response', from: node.id, to: request.from, term: node.term } as const;
  if (request.prevLogIndex < log.committed) {
    // Our committed prefix already matches the leader's (Leader Completeness); say how far.
    node.send({ ...reply, reject: false, index: log.committed, conflictTerm: 0, conflictIndex: 0 });
    return;
  }
  const matched = log.maybeAppend(request.prevLogIndex, request.prevLogTerm, request.commit, request.entries);
  if (matched !== undefined) {
    node.send({ ...reply, reject: false, index: matched, conflictTerm: 0, conflictIndex: 0 });
    return;
  }
  // Reject with a hint so the leader can skip a whole term at a time (thesis §5.3).
  const lastIndex = log.lastIndex();
  if (request.prevLogIndex > lastIndex) {
    node.send({ ...reply, reject: true, index: request.prevLogIndex, conflictTerm: 0, conflictIndex: lastIndex + 1 });
    return;
  }
  const conflictTerm = log.term(request.prevLogIndex) ?? 0;
  const conflictIndex = log.firstIndexOfTermAt(request.prevLogIndex);
  node.send({ ...reply, reject: true, index: request.prevLogIndex, conflictTerm, conflictIndex });
}

function handleHeartbeat(node: RaftNode, heartbeat: Heartbeat): void {
  // The leader sends min(our match, its commit), so this never passes our log.
  node.log.commitTo(heartbeat.commit);
  node.send({ type: 'heartbeat-response', from: node.id, to: heartbeat.from, term: node.term });
}

/**
 * §7 Figure 13: if the snapshot's last entry is already in our log with the same term, keep
 * the log and just commit through it; if our commit is already past it, it is stale; else
 * discard the log and take the snapshot (handed to the driver in the next Ready).
 */
function handleSnapshot(node: RaftNode, message: InstallSnapshot): void {
  const log = node.log;
  const { index, term } = message.snapshot.metadata;
  const reply = { type: 'append-response', from: node.id, to: message.from, term: node.term, reject: false, conflictTerm: 0, conflictIndex: 0 } as const;
  if (index <= log.committed) {
    node.send({ ...reply, index: log.committed });
    return;
  }
  if (log.matchTerm(index, term)) {
    log.commitTo(index);
    node.send({ ...reply, index: log.committed });
    return;
  }
  log.restore(message.snapshot);
  node.send({ ...reply, index: log.lastIndex() });
}
