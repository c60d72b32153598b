// One Fetch RPC to one leader broker, covering every fetchable partition that broker leads: the
// request carries each partition's position and leader epoch; the answer is returned with the
// generation each position had when the request was sent, so the consumer can drop answers that
// a seek, pause or reassignment made stale. Never rejects: a failed call is returned as `error`.
import { BrookError, type FetchRequest, type FetchResponse__Output, type FetchTopic } from '@brook/protocol';
import type { ConnectionPool } from '../transport/connection-pool.js';
import type { ResolvedConsumerOptions } from './consumer-types.js';
import type { PartitionPosition } from './partition-positions.js';

export interface FetchedPartition {
  readonly state: PartitionPosition;
  readonly generation: number;
  readonly fetchOffset: bigint;
  readonly leaderEpoch: number;
}

export interface LeaderFetchResult {
  readonly nodeId: number;
  readonly partitions: readonly FetchedPartition[];
  readonly response?: FetchResponse__Output;
  readonly error?: BrookError;
}

export function buildFetchRequest(options: ResolvedConsumerOptions, partitions: readonly FetchedPartition[]): FetchRequest {
  const topics = new Map<string, FetchTopic>();
  for (const { state, fetchOffset, leaderEpoch } of partitions) {
    const topic = topics.get(state.topic) ?? { name: state.topic, partitions: [] };
    topic.partitions!.push({ partition: state.partition, fetchOffset: fetchOffset.toString(), partitionMaxBytes: options.partitionMaxBytes, currentLeaderEpoch: leaderEpoch });
    topics.set(state.topic, topic);
  }
  return { maxWaitMs: options.maxWaitMs, minBytes: options.minBytes, maxBytes: options.maxBytes, topics: [...topics.values()] };
}

/** Long-polls: the call's deadline is the request timeout plus maxWaitMs, so a full wait never times out. */
export async function fetchFromLeader(
  pool: ConnectionPool,
  address: string,
  nodeId: number,
  options: ResolvedConsumerOptions,
  requestTimeoutMs: number,
  partitions: readonly FetchedPartition[],
  signal: AbortSignal,
): Promise<LeaderFetchResult> {
  try {
    const response = await pool.fetch(address, buildFetchRequest(options, partitions), { timeoutMs: requestTimeoutMs + options.maxWaitMs, signal });
    return { nodeId, partitions, response };
  } catch (error) {
    return { nodeId, partitions, error: error instanceof BrookError ? error : new BrookError('UNKNOWN_SERVER_ERROR', String(error)) };
  }
}
