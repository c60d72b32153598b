// The options a driver passes to a RaftNode, with defaults and validation in one place.
import type { NodeId } from './messages.js';
import type { Random } from './random.js';
import type { RaftLogStorage } from './storage.js';

export interface RaftNodeOptions {
  readonly id: NodeId;
  /** The voting members, this node included if it votes. Static: see README "Membership". */
  readonly voters: readonly NodeId[];
  /** Non-voting learners (Kafka's observers). A node listed here never votes or campaigns. */
  readonly learners?: readonly NodeId[];
  readonly storage: RaftLogStorage;
  /** The only source of randomness: election timeouts are drawn from it. */
  readonly random: Random;
  /**
   * Election timeout T in ticks: a follower campaigns after a random timeout in [T, 2T) without
   * hearing from a leader (§5.2, §9.3 of the thesis); a leader checks quorum every T ticks.
   */
  readonly electionTimeoutTicks: number;
  /** A leader sends heartbeats every this many ticks; must be well below electionTimeoutTicks. */
  readonly heartbeatIntervalTicks: number;
  /**
   * The index the application has already applied (durably), at least the storage snapshot's
   * index. The node never hands out entries at or below it again. Default: the snapshot index.
   */
  readonly applied?: number;
  /** Pre-vote (thesis §9.6, KIP-996). Default true. */
  readonly preVote?: boolean;
  /** Check quorum (thesis §6.2). Default true. */
  readonly checkQuorum?: boolean;
  /** Soft limit on entry bytes per append message (one entry always fits). Default 64 KiB. */
  readonly appendBytesMax?: number;
  /** Append messages in flight per follower in replicate state. Default 16. */
  readonly inflightAppendsMax?: number;
  /** Entry bytes in flight per follower in replicate state. Default 1 MiB. */
  readonly inflightBytesMax?: number;
  /** Soft limit on committed entry bytes per Ready (one entry always fits). Default 1 MiB. */
  readonly applyBytesMax?: number;
}

export interface ResolvedOptions {
  readonly id: NodeId;
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
  readonly electionTimeoutTicks: number;
  readonly heartbeatIntervalTicks: number;
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  readonly appendBytesMax: number;
  readonly inflightAppendsMax: number;
  readonly inflightBytesMax: number;
  readonly applyBytesMax: number;
}

export function resolveOptions(options: RaftNodeOptions): ResolvedOptions {
  const learners = options.learners ?? [];
  const resolved: ResolvedOptions = {
    id: options.id,
    voters: [...options.voters],
    learners: [...learners],
    electionTimeoutTicks: options.electionTimeoutTicks,
    heartbeatIntervalTicks: options.heartbeatIntervalTicks,
    preVote: options.preVote ?? true,
    checkQuorum: options.checkQuorum ?? true,
    appendBytesMax: options.appendBytesMax ?? 64 * 1024,
    inflightAppendsMax: options.inflightAppendsMax ?? 16,
    inflightBytesMax: options.inflightBytesMax ?? 1024 * 1024,
    applyBytesMax: options.applyBytesMax ?? 1024 * 1024,
  };
  validate(resolved);
  return resolved;
}

function validate(options: ResolvedOptions): void {
  const all = [...options.voters, ...options.learners];
  if (options.id === 0) throw new RangeError('node id 0 is reserved for "no node"');
  if (options.voters.length === 0) throw new RangeError('at least one voter is required');
  if (new Set(all).size !== all.length) throw new RangeError('voters and learners must be distinct');
  if (!all.includes(options.id)) throw new RangeError(`node ${options.id} is neither a voter nor a learner`);
  if (all.some((id) => !Number.isInteger(id) || id <= 0)) throw new RangeError('node ids must be positive integers');
  if (options.heartbeatIntervalTicks < 1) throw new RangeError('heartbeatIntervalTicks must be >= 1');
  if (options.electionTimeoutTicks <= options.heartbeatIntervalTicks) {
    throw new RangeError('electionTimeoutTicks must exceed heartbeatIntervalTicks');
  }
  for (const key of ['appendBytesMax', 'inflightAppendsMax', 'inflightBytesMax', 'applyBytesMax'] as const) {
    if (!(options[key] >= 1)) throw new RangeError(`${key} must be >= 1`);
  }
}
