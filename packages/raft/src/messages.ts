// The vocabulary of the Raft core: log entries, the persistent and volatile state a driver
// sees, snapshots, and the messages nodes exchange. Plain data only, so a driver can encode
// them however its transport likes (the broker will map them onto gRPC).

/** A node's identity within the quorum. 0 is never a node: it means "none". */
export type NodeId = number;
export const NO_NODE: NodeId = 0;

/**
 * `noop` entries are appended by each new leader at the start of its term (Raft paper
 * §5.4.2, thesis §3.6.2 and §6.4): the application receives them and must ignore them.
 */
export type EntryKind = 'normal' | 'noop';

export interface Entry {
  readonly index: number;
  readonly term: number;
  readonly kind: EntryKind;
  readonly data: Uint8Array;
}

/** What must be on stable storage before any message that depends on it is sent (§5.1 Figure 2). */
export interface HardState {
  readonly term: number;
  readonly vote: NodeId;
  readonly commit: number;
}

export const EMPTY_HARD_STATE: HardState = { term: 0, vote: NO_NODE, commit: 0 };

export type Role = 'follower' | 'pre-candidate' | 'candidate' | 'leader';

/** Volatile state, reported to the driver for observability only; never persisted. */
export interface SoftState {
  readonly leaderId: NodeId;
  readonly role: Role;
}

export interface SnapshotMetadata {
  /** The last log index the snapshot covers, and that entry's term (§7 Figure 13). */
  readonly index: number;
  readonly term: number;
  /** The configuration as of `index`. Membership is static here, but it travels with the data. */
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
}

export interface Snapshot {
  readonly metadata: SnapshotMetadata;
  readonly data: Uint8Array;
}

export const EMPTY_SNAPSHOT: Snapshot = {
  metadata: { index: 0, term: 0, voters: [], learners: [] },
  data: new Uint8Array(0),
};

interface Envelope {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
}

/**
 * RequestVote (§5.2), or a pre-vote (thesis §9.6, KIP-996) when `preVote` is set: a pre-vote
 * carries the term the sender would campaign in, but neither side changes its term for it.
 * `leadershipTransfer` marks a campaign started by TimeoutNow (thesis §3.10), which voters
 * honour even while they believe a leader is alive.
 */
export interface VoteRequest extends Envelope {
  readonly type: 'vote-request';
  readonly preVote: boolean;
  readonly leadershipTransfer: boolean;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

export interface VoteResponse extends Envelope {
  readonly type: 'vote-response';
  readonly preVote: boolean;
  readonly granted: boolean;
}

/** AppendEntries (§5.3). An empty `entries` is still a consistency probe. */
export interface AppendRequest extends Envelope {
  readonly type: 'append';
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly Entry[];
  readonly commit: number;
}

/**
 * Success: `index` is the follower's match index. Rejection: `index` is the rejected
 * `prevLogIndex`, and the hint lets the leader skip a whole term per round trip (thesis §5.3
 * / the paper's §5.3 closing paragraph): `conflictTerm` is the follower's term at
 * `prevLogIndex` and `conflictIndex` the first index it holds of that term, or, when the
 * follower's log is shorter, `conflictTerm` 0 and `conflictIndex` its last index + 1.
 */
export interface AppendResponse extends Envelope {
  readonly type: 'append-response';
  readonly reject: boolean;
  readonly index: number;
  readonly conflictTerm: number;
  readonly conflictIndex: number;
}

/** A heartbeat carries min(follower's match, commit) so a follower never commits past what it holds. */
export interface Heartbeat extends Envelope {
  readonly type: 'heartbeat';
  readonly commit: number;
}

export interface HeartbeatResponse extends Envelope {
  readonly type: 'heartbeat-response';
}

/** InstallSnapshot (§7 Figure 13), sent whole; the follower answers with an AppendResponse. */
export interface InstallSnapshot extends Envelope {
  readonly type: 'install-snapshot';
  readonly snapshot: Snapshot;
}

/** Tells a caught-up follower to campaign at once (leadership transfer, thesis §3.10). */
export interface TimeoutNow extends Envelope {
  readonly type: 'timeout-now';
}

export type Message =
  | VoteRequest
  | VoteResponse
  | AppendRequest
  | AppendResponse
  | Heartbeat
  | HeartbeatResponse
  | InstallSnapshot
  | TimeoutNow;

export type MessageType = Message['type'];

/** Bytes an entry counts for in the byte limits: its payload plus a fixed header estimate. */
export function entrySizeBytes(entry: Entry): number {
  return entry.data.byteLength + ENTRY_OVERHEAD_BYTES;
}
const ENTRY_OVERHEAD_BYTES = 16;

export function entriesSizeBytes(entries: readonly Entry[]): number {
  let total = 0;
  for (const entry of entries) total += entrySizeBytes(entry);
  return total;
}
