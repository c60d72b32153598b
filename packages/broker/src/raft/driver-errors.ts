// Why a proposal failed. NOT_LEADER is an operating error a caller is expected to handle (retry
// on the leader named in `leaderId`, as a Kafka client does on NOT_CONTROLLER); the controller
// maps it onto its ErrorCode. `outcome` says whether the entry may still commit: a proposal the
// leader appended before losing leadership may be kept by the next leader (Raft paper §8: a
// client cannot tell, and must make its commands idempotent or check).
import type { NodeId } from '@brook/raft';

export type RaftDriverErrorCode = 'NOT_LEADER' | 'STOPPED';

/** 'rejected': never appended, it will not commit. 'unknown': appended, it may still commit. */
export type ProposalOutcome = 'rejected' | 'unknown';

export class RaftDriverError extends Error {
  readonly code: RaftDriverErrorCode;
  /** The leader this node knows of (0 when none), where a NOT_LEADER proposal should go. */
  readonly leaderId: NodeId;
  readonly outcome: ProposalOutcome;

  constructor(code: RaftDriverErrorCode, message: string, leaderId: NodeId, outcome: ProposalOutcome) {
    super(message);
    this.name = 'RaftDriverError';
    this.code = code;
    this.leaderId = leaderId;
    this.outcome = outcome;
  }
}

export function isRaftDriverError(error: unknown): error is RaftDriverError {
  return error instanceof RaftDriverError;
}
