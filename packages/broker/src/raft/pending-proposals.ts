// Proposals this node appended as leader and whose callers wait for them to be committed and
// applied locally. An entry resolves its proposal only if the committed entry at its index has
// the proposal's term: a different term means a later leader overwrote it (§5.3), so it failed.
import type { Entry, NodeId } from '@brook/raft';
import { RaftDriverError } from './driver-errors.js';

export interface ProposalPosition {
  readonly index: number;
  readonly term: number;
}

interface Waiter {
  readonly term: number;
  readonly resolve: (position: ProposalPosition) => void;
  readonly reject: (error: RaftDriverError) => void;
}

export class PendingProposals {
  private readonly waiters = new Map<number, Waiter>();

  get size(): number {
    return this.waiters.size;
  }

  add(position: ProposalPosition): Promise<ProposalPosition> {
    return new Promise((resolve, reject) => {
      this.waiters.set(position.index, { term: position.term, resolve, reject });
    });
  }

  /** Settles the proposals at the indexes of `entries`, which were just applied. */
  applied(entries: readonly Entry[], leaderId: NodeId): void {
    if (this.waiters.size === 0) return;
    for (const entry of entries) {
      const waiter = this.waiters.get(entry.index);
      if (waiter === undefined) continue;
      this.waiters.delete(entry.index);
      if (waiter.term === entry.term) {
        waiter.resolve({ index: entry.index, term: entry.term });
      } else {
        waiter.reject(new RaftDriverError('NOT_LEADER',
          `proposal at index ${entry.index} (term ${waiter.term}) was replaced by an entry of term ${entry.term}`, leaderId, 'rejected'));
      }
    }
  }

  /** Fails every waiting proposal: leadership was lost or the driver stopped. */
  failAll(code: 'NOT_LEADER' | 'STOPPED', leaderId: NodeId, reason: string): void {
    for (const [index, waiter] of this.waiters) {
      waiter.reject(new RaftDriverError(code, `proposal at index ${index} (term ${waiter.term}): ${reason}`, leaderId, 'unknown'));
    }
    this.waiters.clear();
  }
}
