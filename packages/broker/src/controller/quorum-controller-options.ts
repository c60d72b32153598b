// What a QuorumController is opened with, and the shapes of the commands it runs.
import type { BrokerHeartbeatTracker, ControllerContext, ControllerResult, MetadataImage } from '@brook/controller';
import type { Logger } from '../logging/logger.js';

export interface QuorumControllerOptions {
  readonly nodeId: number;
  readonly clusterId: string;
  /** Voter id -> internal listener "host:port", this node included. */
  readonly voters: ReadonlyMap<number, string>;
  /** The metadata log lives in <dataDir>/metadata. */
  readonly dataDir: string;
  readonly electionTimeoutMs: number;
  readonly brokerSessionTimeoutMs: number;
  /** Snapshot the image and compact the log every this many applied entries. */
  readonly metadataSnapshotEntries: number;
  readonly defaultPartitions: number;
  readonly defaultReplicationFactor: number;
  readonly leaderImbalanceCheckIntervalMs: number;
  readonly logger: Logger;
}

/** A command: reads the image (and broker sessions), returns records and a response. */
export type ControllerCommand<R> = (image: MetadataImage, context: ControllerContext, sessions: BrokerHeartbeatTracker) => ControllerResult<R>;

export interface CommandOutcome<R> {
  readonly response: R;
  /** The index of the committed batch holding the command's records; -1 when nothing was written. */
  readonly offset: number;
}

/**
 * Raft timing from the election timeout: 20 ticks per election timeout (randomised in [20, 40)
 * per election), a heartbeat every 2 ticks (etcd's 10:1 ratio).
 */
export function raftTiming(electionTimeoutMs: number): { tickMs: number; electionTimeoutTicks: number; heartbeatIntervalTicks: number } {
  const electionTimeoutTicks = 20;
  return { tickMs: Math.max(1, Math.round(electionTimeoutMs / electionTimeoutTicks)), electionTimeoutTicks, heartbeatIntervalTicks: 2 };
}

/** Bad options are the composition root's bug (the config parser bounds every value). */
export function checkOptions(options: QuorumControllerOptions): void {
  if (!options.voters.has(options.nodeId)) throw new RangeError(`node ${options.nodeId} is not among the controller voters ${[...options.voters.keys()].join(',')}`);
  for (const key of ['electionTimeoutMs', 'brokerSessionTimeoutMs', 'metadataSnapshotEntries', 'leaderImbalanceCheckIntervalMs'] as const) {
    if (!(options[key] > 0)) throw new RangeError(`${key} must be positive, got ${options[key]}`);
  }
}
