// The leader: appending and replicating (§5.3), commitment by majority of the current term
// (§5.4.2), flow control per follower (progress.ts), snapshots for followers that fell behind
// the log's start (§7), check quorum (thesis §6.2) and leadership transfer (thesis §3.10).
import { NO_NODE, entriesSizeBytes } from '../messages.js';
import type { AppendResponse, Entry, Message, NodeId } from '../messages.js';
import type { RaftNode } from '../raft-node.js';
import type { TransferResult } from '../ready.js';
import type { Progress } from '../progress.js';
import { committedIndex, quorumActive } from '../quorum.js';
import { invariant } from '../invariant.js';

export function tickLeader(node: RaftNode): void {
  node.heartbeatElapsed++;
  node.electionElapsed++;
  for (const pr of node.progress.values()) if (pr.state === 'snapshot') pr.snapshotElapsedTicks++;
  if (node.electionElapsed >= node.options.electionTimeoutTicks) {
    node.electionElapsed = 0;
    if (node.options.checkQuorum && !checkQuorum(node)) {
      // Thesis §6.2: without a majority heard from in an election timeout, a leader may
      // already be deposed; stop serving as one.
      node.becomeFollower(node.term, NO_NODE);
      return;
    }
    // Thesis §3.10: a transfer that did not finish within an election timeout is abandoned.
    node.leadTransferee = NO_NODE;
  }
  if (node.heartbeatElapsed >= node.options.heartbeatIntervalTicks) {
    node.heartbeatElapsed = 0;
    broadcastHeartbeat(node);
  }
}

function checkQuorum(node: RaftNode): boolean {
  const active = quorumActive(node.options.voters, (id) => id === node.id || node.progress.get(id)?.recentActive === true);
  for (const [id, pr] of node.progress) pr.recentActive = id === node.id;
  return active;
}

/** Appends entries of the current term to the leader's own log and counts them for itself. */
export function appendEntries(node: RaftNode, entries: Entry[]): void {
  const lastIndex = node.log.append(entries);
  node.progress.get(node.id)?.maybeUpdate(lastIndex);
  maybeCommit(node);
}

export function broadcastAppend(node: RaftNode): void {
  for (const id of node.progress.keys()) if (id !== node.id) sendAppend(node, id);
}

function broadcastHeartbeat(node: RaftNode): void {
  for (const [id, pr] of node.progress) {
    if (id === node.id) continue;
    node.send({ type: 'heartbeat', from: node.id, to: id, term: node.term, commit: Math.min(pr.match, node.log.committed) });
  }
}

/**
 * Sends the follower what it lacks, if flow control allows: entries from `next` (within
 * appendBytesMax), or the snapshot when `next` was compacted away. Returns whether it sent.
 */
export function sendAppend(node: RaftNode, to: NodeId): boolean {
  const pr = node.progress.get(to);
  if (pr === undefined || pr.isPaused()) return false;
  const prevLogIndex = pr.next - 1;
  const prevLogTerm = node.log.term(prevLogIndex);
  const entries = node.log.slice(pr.next, node.log.lastIndex() + 1, node.options.appendBytesMax);
  if (prevLogTerm === undefined || entries === undefined) return sendSnapshot(node, to, pr);
  node.send({ type: 'append', from: node.id, to, term: node.term, prevLogIndex, prevLogTerm, entries, commit: node.log.committed });
  const last = entries[entries.length - 1];
  if (pr.state === 'replicate') {
    if (last !== undefined) {
      pr.optimisticUpdate(last.index);
      pr.inflights.add(last.index, entriesSizeBytes(entries));
    }
  } else {
    pr.probeSent = true;
  }
  return true;
}

function sendSnapshot(node: RaftNode, to: NodeId, pr: Progress): boolean {
  const snapshot = node.log.snapshot();
  invariant(snapshot.metadata.index > 0, 'SnapshotAvailable', `follower ${to} needs ${pr.next} but no snapshot exists`);
  pr.becomeSnapshot(snapshot.metadata.index);
  node.send({ type: 'install-snapshot', from: node.id, to, term: node.term, snapshot });
  return true;
}

/** §5.4.2: commit the highest index a majority of voters stores, only if it is of this term. */
function maybeCommit(node: RaftNode): boolean {
  const index = committedIndex(node.options.voters, (id) => node.progress.get(id)?.match ?? 0);
  return node.log.maybeCommit(index, node.term);
}

export function stepLeader(node: RaftNode, message: Message): void {
  const pr = node.progress.get(message.from);
  if (pr === undefined) return;
  switch (message.type) {
    case 'append-response':
      pr.recentActive = true;
      handleAppendResponse(node, message, pr);
      return;
    case 'heartbeat-response':
      pr.recentActive = true;
      pr.probeSent = false;
      // A snapshot unacknowledged for an election timeout is presumed lost: probe again.
      if (pr.state === 'snapshot' && pr.snapshotElapsedTicks >= node.options.electionTimeoutTicks) pr.becomeProbe();
      if (pr.state === 'replicate' && pr.inflights.full()) pr.inflights.freeFirstOne();
      if (pr.match < node.log.lastIndex()) sendAppend(node, message.from);
      return;
    default:
      // Append, heartbeat or snapshot at our own term cannot come from another leader
      // (Election Safety, §5.2); vote traffic at our term is moot once elected.
      return;
  }
}

function handleAppendResponse(node: RaftNode, response: AppendResponse, pr: Progress): void {
  if (response.reject) {
    if (pr.maybeDecrTo(response.index, nextFromHint(node, response))) {
      if (pr.state === 'replicate') pr.becomeProbe();
      sendAppend(node, response.from);
    }
    return;
  }
  const wasPaused = pr.isPaused();
  if (!pr.maybeUpdate(response.index)) return;
  if (pr.state === 'probe') {
    pr.becomeReplicate();
  } else if (pr.state === 'snapshot' && pr.match >= pr.pendingSnapshot) {
    pr.becomeProbe();
    pr.becomeReplicate();
  } else if (pr.state === 'replicate') {
    pr.inflights.freeLE(response.index);
  }
  // Tell everyone a new commit index promptly rather than at the next heartbeat; a follower
  // that was paused hears it now (possibly in an empty append) since it missed the last one.
  if (maybeCommit(node)) broadcastAppend(node);
  else if (wasPaused) sendAppend(node, response.from);
  // Keep streaming while the window allows and the follower lacks entries.
  while (pr.next <= node.log.lastIndex() && sendAppend(node, response.from)) {
    if (pr.state !== 'replicate') break;
  }
  if (response.from === node.leadTransferee && pr.match === node.log.lastIndex()) {
    sendTimeoutNow(node, response.from);
  }
}

/**
 * Thesis §5.3: if our log holds the follower's conflicting term, resume after our last entry of
 * that term; otherwise resume at the first index the follower holds of it (or its log end).
 */
function nextFromHint(node: RaftNode, response: AppendResponse): number {
  if (response.conflictTerm === 0) return response.conflictIndex;
  const found = node.log.lastIndexWithTermAtMost(response.index, response.conflictTerm);
  if (found.term === response.conflictTerm) return found.index + 1;
  return response.conflictIndex;
}

export function transferLeadership(node: RaftNode, to: NodeId): TransferResult {
  if (node.role !== 'leader') return { started: false, reason: 'not-leader' };
  if (to === node.id) return { started: false, reason: 'already-leader' };
  if (!node.options.voters.includes(to)) return { started: false, reason: 'not-a-voter' };
  // Asking again for the same target does not extend its deadline.
  if (node.leadTransferee === to) return { started: true };
  node.leadTransferee = to;
  // The transfer must finish within an election timeout (tickLeader abandons it after that).
  node.electionElapsed = 0;
  const pr = node.progress.get(to);
  if (pr !== undefined && pr.match === node.log.lastIndex()) sendTimeoutNow(node, to);
  else sendAppend(node, to);
  return { started: true };
}

function sendTimeoutNow(node: RaftNode, to: NodeId): void {
  node.send({ type: 'timeout-now', from: node.id, to, term: node.term });
}
