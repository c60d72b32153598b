// Majority arithmetic over the voters (Raft paper §5.2 for elections, §5.3-5.4 for commitment).
// Learners never appear here: they neither vote nor count toward a quorum.
import type { NodeId } from './messages.js';

export type VoteResult = 'won' | 'lost' | 'pending';

export function majority(voterCount: number): number {
  return Math.floor(voterCount / 2) + 1;
}

/**
 * The highest index stored on a majority of voters: sort match indexes in descending order and
 * take the one at position majority - 1. Voters missing from `matchOf` count as 0.
 */
export function committedIndex(voters: readonly NodeId[], matchOf: (id: NodeId) => number): number {
  if (voters.length === 0) return 0;
  const matches = voters.map(matchOf).sort((a, b) => b - a);
  return matches[majority(voters.length) - 1] ?? 0;
}

/** An election is won with a majority of grants, lost once a majority can no longer grant. */
export function voteResult(voters: readonly NodeId[], votes: ReadonlyMap<NodeId, boolean>): VoteResult {
  let granted = 0;
  let rejected = 0;
  for (const voter of voters) {
    const vote = votes.get(voter);
    if (vote === true) granted++;
    else if (vote === false) rejected++;
  }
  const needed = majority(voters.length);
  if (granted >= needed) return 'won';
  if (voters.length - rejected < needed) return 'lost';
  return 'pending';
}

/** Check quorum (thesis §6.2): true when a majority of voters was heard from recently. */
export function quorumActive(voters: readonly NodeId[], isActive: (id: NodeId) => boolean): boolean {
  let active = 0;
  for (const voter of voters) if (isActive(voter)) active++;
  return active >= majority(voters.length);
}
