// The leader's ISR proposals (KIP-497, KIP-903) from LeaderState's candidates, and how the
// controller's answer ends one. Only the committed image changes the ISR (Partition.applyAssignment).
import type { IsrProposal, LeaderState } from '../replication/leader-state.js';

/** An ISR proposal with the broker epoch of each member (KIP-903; -1 = unknown, not checked). */
export interface IsrChange extends IsrProposal {
  members: Array<{ brokerId: number; brokerEpoch: number }>;
}

/**
 * Shrink and expand together, or undefined. Only `eligible` replicas are proposed back in: the
 * controller refuses fenced or shutting-down ones (KIP-841). Records the proposal in flight.
 */
export function proposeIsrChange(leader: LeaderState, brokerEpochs: ReadonlyMap<number, number>, nowMs: number, eligible: (brokerId: number) => boolean): IsrChange | undefined {
  const shrink = leader.isrShrinkCandidates(nowMs);
  const expand = leader.isrExpandCandidates().filter(eligible);
  if (shrink.length === 0 && expand.length === 0) return undefined;
  const proposal = leader.proposeIsr([...leader.isr.filter((id) => !shrink.includes(id)), ...expand]);
  if (proposal === undefined) return undefined;
  const members = proposal.newIsr.map((brokerId) => ({ brokerId, brokerEpoch: brokerId === leader.leaderId ? -1 : (brokerEpochs.get(brokerId) ?? -1) }));
  return { ...proposal, members };
}

/**
 * The controller answered a proposal made in `leaderEpoch`. A refusal ends it; an answer that
 * changed nothing (the ISR already was that) ends it too. A real change ends once the image shows it.
 */
export function applyIsrAnswer(leader: LeaderState, leaderEpoch: number, answer: { partitionEpoch: number } | 'failed', nowMs: number): void {
  if (leader.leaderEpoch !== leaderEpoch || leader.pendingIsr === undefined) return;
  if (answer === 'failed') leader.onIsrProposalFailed();
  else if (answer.partitionEpoch <= leader.partitionEpoch) leader.onIsrCommitted(leader.isr, leader.partitionEpoch, nowMs);
}
