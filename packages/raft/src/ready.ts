// The batch of work a RaftNode hands its driver. See the contract in index.ts.
import type { Entry, HardState, Message, NodeId, Snapshot, SoftState } from './messages.js';

export interface Ready {
  /** Present when leader or role changed since the last Ready. Informational; not persisted. */
  readonly softState: SoftState | undefined;
  /** Present when term, vote or commit changed: persist it (step 1). */
  readonly hardState: HardState | undefined;
  /**
   * A snapshot received from the leader: persist it, replacing the whole log, and restore the
   * application from it (step 1, before `entries`).
   */
  readonly snapshot: Snapshot | undefined;
  /**
   * Entries to persist, after discarding any persisted entries from entries[0].index on (a
   * conflicting suffix, §5.3). Contiguous and in order.
   */
  readonly entries: readonly Entry[];
  /**
   * A snapshot the application took through compact(): persist it and drop the log entries up
   * to its index (step 1).
   */
  readonly compaction: Snapshot | undefined;
  /** Send these only after everything above is durable (step 2). */
  readonly messages: readonly Message[];
  /** Apply these to the state machine, in order, after step 1 (step 3). */
  readonly committedEntries: readonly Entry[];
}

/** Answer to propose(): accepted with the entry's position, or rejected with a typed reason. */
export type ProposeResult =
  | { readonly accepted: true; readonly index: number; readonly term: number }
  | { readonly accepted: false; readonly reason: 'not-leader'; readonly leaderId: NodeId }
  | { readonly accepted: false; readonly reason: 'leadership-transfer'; readonly leaderId: NodeId };

export type TransferResult =
  | { readonly started: true }
  | { readonly started: false; readonly reason: 'not-leader' | 'not-a-voter' | 'already-leader' };
