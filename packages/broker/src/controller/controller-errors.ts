// The controller's failures as the protocol sees them. The pure controller answers with error
// names (ControllerError); here each becomes a BrookError or a numeric code from the one
// ErrorCode table (controller-error-codes.test.ts checks the table has every name). A node that
// is not the active controller answers NOT_CONTROLLER with the active one's id as the hint.
import { BrookError, errorCodeByName, errorCodeNumber, notControllerError, truncateErrorMessage } from '@brook/protocol';
import type { BrookServiceError, ErrorCodeName } from '@brook/protocol';
import type { ControllerError } from '@brook/controller';
import { isRaftDriverError } from '../raft/index.js';

export function brookErrorOf(error: ControllerError): BrookError {
  return new BrookError(error.code, error.message);
}

/** The error_code / error_message pair of a per-item result (0 and '' for success). */
export function errorFields(error: ControllerError | null): { errorCode: number; errorMessage: string } {
  if (error === null) return { errorCode: 0, errorMessage: '' };
  return { errorCode: errorCodeNumber(error.code), errorMessage: truncateErrorMessage(error.message) };
}

/**
 * The code for a registration from another cluster: Kafka's INCONSISTENT_CLUSTER_ID once the
 * table has it, INVALID_REQUEST until then (the message says what is wrong either way).
 */
export function clusterMismatchCode(): ErrorCodeName {
  return errorCodeByName('INCONSISTENT_CLUSTER_ID') ?? 'INVALID_REQUEST';
}

/** -1 for "unknown", as the protocol's hint wants it (Raft says 0). */
export function leaderHint(raftLeaderId: number): number {
  return raftLeaderId > 0 ? raftLeaderId : -1;
}

/**
 * What a request that failed inside the controller answers: a lost proposal (this node stopped
 * leading, or stopped) is NOT_CONTROLLER with the new leader's id; anything else passes through
 * (a BrookError keeps its code, the rest becomes UNKNOWN_SERVER_ERROR in toServiceError).
 */
export function asControllerFailure(error: unknown, knownLeaderId: number): unknown {
  if (isRaftDriverError(error)) {
    // A stopped driver may still name this node as the leader it was: no hint then.
    const hint = error.code === 'STOPPED' ? -1 : error.leaderId > 0 ? error.leaderId : knownLeaderId;
    return notControllerError(hint, `the command did not commit here: ${error.message}`);
  }
  return error;
}

export type { BrookServiceError };
