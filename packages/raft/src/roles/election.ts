// Elections: campaigning (§5.2), pre-vote (thesis §9.6, KIP-996), the vote rules (§5.2, §5.4.1)
// and the candidate's handling of messages.
import { NO_NODE } from '../messages.js';
import type { Message, VoteRequest } from '../messages.js';
import type { CampaignKind, RaftNode } from '../raft-node.js';
import { voteResult } from '../quorum.js';
import { stepFollower } from './follower.js';
import { broadcastAppend } from './leader.js';

/**
 * Starts a pre-vote or an election. A pre-candidate asks for votes at term + 1 without moving
 * to it, so a node that cannot win (cut off, or behind) never raises the cluster's term. A
 * transfer campaign skips pre-vote and is flagged so voters ignore their leader lease.
 */
export function campaign(node: RaftNode, kind: CampaignKind): void {
  if (!node.isPromotable()) return;
  const preVote = kind === 'pre-vote';
  if (preVote) node.becomePreCandidate();
  else node.becomeCandidate();
  const voteTerm = preVote ? node.term + 1 : node.term;
  if (recordVote(node, node.id, true, preVote)) return;
  const lastLogIndex = node.log.lastIndex();
  const lastLogTerm = node.log.lastTerm();
  for (const voter of node.options.voters) {
    if (voter === node.id) continue;
    node.send({
      type: 'vote-request', from: node.id, to: voter, term: voteTerm, preVote,
      leadershipTransfer: kind === 'transfer', lastLogIndex, lastLogTerm,
    });
  }
}

/**
 * Grant a vote (§5.2) if we have not voted for someone else in this term (or this is a
 * pre-vote for a later term) and the candidate's log is at least as up-to-date as ours
 * (§5.4.1). Learners never vote. A real vote resets the election timer (§5.2: a follower that
 * grants a vote does not itself time out) and is persisted before the answer is sent.
 */
export function handleVoteRequest(node: RaftNode, request: VoteRequest): void {
  const isVoter = node.options.voters.includes(node.id);
  const canVote =
    node.vote === request.from ||
    (node.vote === NO_NODE && node.lead === NO_NODE) ||
    (request.preVote && request.term > node.term);
  const granted = isVoter && canVote && node.log.isUpToDate(request.lastLogIndex, request.lastLogTerm);
  // A granted pre-vote answers at the requested term, so the pre-candidate counts it; any
  // refusal answers at our own term.
  const term = granted ? request.term : node.term;
  node.send({ type: 'vote-response', from: node.id, to: request.from, term, preVote: request.preVote, granted });
  if (granted && !request.preVote) {
    node.electionElapsed = 0;
    node.vote = request.from;
  }
}

export function stepCandidate(node: RaftNode, message: Message): void {
  switch (message.type) {
    case 'append':
    case 'heartbeat':
    case 'install-snapshot':
      // §5.2: a leader of our term (or a later one) exists; step down and handle its message.
      node.becomeFollower(message.term, message.from);
      stepFollower(node, message);
      return;
    case 'vote-response': {
      const preVote = node.role === 'pre-candidate';
      if (message.preVote !== preVote) return;
      recordVote(node, message.from, message.granted, preVote);
      return;
    }
    default:
      return;
  }
}

/** Records one answer; moves on when the election is decided. Returns true when it was. */
function recordVote(node: RaftNode, from: number, granted: boolean, preVote: boolean): boolean {
  if (!node.options.voters.includes(from)) return false;
  if (!node.votes.has(from)) node.votes.set(from, granted);
  const result = voteResult(node.options.voters, node.votes);
  if (result === 'won') {
    if (preVote) {
      campaign(node, 'election');
    } else {
      node.becomeLeader();
      broadcastAppend(node);
    }
    return true;
  }
  if (result === 'lost') {
    // A lost pre-vote leaves the term alone; a lost election keeps the term it raised (§5.2).
    node.becomeFollower(node.term, NO_NODE);
    return true;
  }
  return false;
}
