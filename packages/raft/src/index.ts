// @brook/raft: Raft as a pure, deterministic state machine (etcd-io/raft's model).
//
// THE READY CONTRACT. The driver owns all I/O. It feeds the node tick(), step(message),
// propose(data) and friends, and whenever hasReady() is true it takes `const rd = node.ready()`
// and, in this order:
//   1. PERSIST, durably (fsync): rd.snapshot (replacing the log), rd.compaction (dropping the
//      log up to its index), rd.entries (discarding any persisted entries from entries[0].index
//      on), then rd.hardState. The storage the node reads (RaftLogStorage) must reflect these
//      writes before step 4.
//   2. SEND rd.messages. They may promise what step 1 wrote (a vote, an acknowledged entry),
//      so sending any of them before step 1 is durable can lose committed data or elect two
//      leaders in one term.
//   3. APPLY rd.committedEntries to the state machine, in order, skipping `noop` entries; and
//      if rd.snapshot is set, restore the state machine from it first.
//   4. ADVANCE: node.advance(rd). Only then may ready() be called again.
// Messages and ticks may be stepped between ready() and advance(); their output waits for the
// next Ready. Nothing in this package performs I/O, reads a clock or draws ambient randomness.
//
// ONE PERMITTED EXCEPTION to step 2's order: a LEADER may send its append messages while its own
// write of the same entries is still in flight (Raft thesis section 10.2.1; etcd's server does
// the same). Care is needed because the leader counts its own copy toward the commit index as
// soon as it appends (leader.ts), before that copy is durable: a follower's answer can move the
// commit index while the leader's write is in flight. That commit index must not leave the node
// early. It is safe when, as in the broker's RaftDriver, Readies are handled strictly one after
// another (the next ready() only after this Ready's write is durable and advance() ran), because
// messages carrying the new commit index, and the committed entries to apply, come in a later
// Ready; and a driver that applies committed entries ahead of the next Ready applies only those
// already durable in its own storage. The exception never applies to a Ready that changes the
// term or the vote, or that carries vote requests or responses: those wait for the fsync as
// above. See packages/broker/src/raft/README.md and raft-driver.ordering.test.ts.
export { RaftNode } from './raft-node.js';
export type { CampaignKind, NodeStatus, ProgressStatus } from './raft-node.js';
export type { RaftNodeOptions } from './config.js';
export type { Ready, ProposeResult, TransferResult } from './ready.js';
export type { RaftLogStorage } from './storage.js';
export { MemoryRaftStorage } from './memory-storage.js';
export { SeededRandom } from './random.js';
export type { Random } from './random.js';
export { RaftInvariantError } from './invariant.js';
export { NO_NODE, EMPTY_HARD_STATE, EMPTY_SNAPSHOT, entrySizeBytes } from './messages.js';
export type {
  AppendRequest,
  AppendResponse,
  Entry,
  EntryKind,
  HardState,
  Heartbeat,
  HeartbeatResponse,
  InstallSnapshot,
  Message,
  MessageType,
  NodeId,
  Role,
  Snapshot,
  SnapshotMetadata,
  SoftState,
  TimeoutNow,
  VoteRequest,
  VoteResponse,
} from './messages.js';
export { majority, committedIndex, voteResult } from './quorum.js';
export type { VoteResult } from './quorum.js';
