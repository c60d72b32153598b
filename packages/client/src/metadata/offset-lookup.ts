// ListOffsets for many partitions at once: one RPC per leader broker, in parallel. Partitions
// that fail with a retriable error (a moved leader, say) are asked again after a metadata refresh
// and a backoff; the others keep their answers. Shared by Admin.listOffsets and by the consumer
// when it resolves 'earliest' and 'latest'.
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from '@brook/protocol';
import type { BrookError, ListOffsetsTopic } from '@brook/protocol';
import type { ConnectionPool } from '../transport/connection-pool.js';
import { errorFromCode, needsMetadataRefresh } from '../transport/response-errors.js';
import { withRetry, type RetryOptions } from '../transport/retry.js';
import type { MetadataCache } from './metadata-cache.js';
import { leaderGroups, missingLeaderError } from './leader-groups.js';

export type OffsetSpec = 'earliest' | 'latest' | number | bigint | Date;

export interface OffsetQuery {
  readonly topic: string;
  readonly partition: number;
  /** 'earliest', 'latest', or a time (ms since the epoch, or a Date): the first offset at or after it. */
  readonly timestamp: OffsetSpec;
}

export interface OffsetAnswer {
  readonly topic: string;
  readonly partition: number;
  /** The offset found; -1n when no record is at or after the time asked for. */
  readonly offset: bigint;
  /** The found record's timestamp; -1n for 'earliest', 'latest' and no match. */
  readonly timestamp: bigint;
  readonly leaderEpoch: number;
}

export interface OffsetLookupResult {
  readonly answers: OffsetAnswer[];
  /** Failed partitions by "topic/partition". */
  readonly failures: Map<string, BrookError>;
}

export function timestampOf(spec: OffsetSpec): bigint {
  if (spec === 'earliest') return BigInt(EARLIEST_TIMESTAMP);
  if (spec === 'latest') return BigInt(LATEST_TIMESTAMP);
  if (spec instanceof Date) return BigInt(spec.getTime());
  const value = BigInt(spec);
  if (value < 0n) throw new RangeError(`a timestamp must be >= 0 (or 'earliest'/'latest'), got ${value}`);
  return value;
}

export const partitionKey = (topic: string, partition: number): string => `${topic}/${partition}`;

export async function lookupOffsets(metadata: MetadataCache, pool: ConnectionPool, retry: RetryOptions, queries: readonly OffsetQuery[]): Promise<OffsetLookupResult> {
  // A request names each partition once (as Kafka's ListOffsets does), so several questions
  // about one partition go in successive waves.
  const waves: OffsetQuery[][] = [];
  const seen = new Map<string, number>();
  for (const query of queries) {
    const key = partitionKey(query.topic, query.partition);
    const wave = seen.get(key) ?? 0;
    seen.set(key, wave + 1);
    (waves[wave] ??= []).push(query);
  }
  const answers = new Map<OffsetQuery, OffsetAnswer>();
  const failures = new Map<string, BrookError>();
  for (const wave of waves) await lookupWave(metadata, pool, retry, wave, answers, failures);
  const ordered = queries.map((q) => answers.get(q)).filter((a) => a !== undefined);
  return { answers: ordered, failures };
}

async function lookupWave(
  metadata: MetadataCache,
  pool: ConnectionPool,
  retry: RetryOptions,
  queries: readonly OffsetQuery[],
  answers: Map<OffsetQuery, OffsetAnswer>,
  failures: Map<string, BrookError>,
): Promise<void> {
  let pending = [...queries];
  await withRetry(
    async () => {
      const retriable = await lookupRound(metadata, pool, pending, answers, failures);
      pending = retriable.map(([query]) => query);
      const first = retriable[0];
      if (first !== undefined) throw first[1];
    },
    retry,
    { onRetriableError: (error) => (needsMetadataRefresh(error) ? metadata.refresh(pending.map((q) => q.topic)).catch(() => undefined) : undefined) },
  ).catch((error: BrookError) => {
    // Out of retries: the partitions still pending fail with their last error.
    for (const query of pending) failures.set(partitionKey(query.topic, query.partition), error);
  });
}

/** One round: returns the queries that failed retriably, with their errors. */
async function lookupRound(
  metadata: MetadataCache,
  pool: ConnectionPool,
  queries: readonly OffsetQuery[],
  answers: Map<OffsetQuery, OffsetAnswer>,
  failures: Map<string, BrookError>,
): Promise<Array<[OffsetQuery, BrookError]>> {
  const retriable: Array<[OffsetQuery, BrookError]> = [];
  const fail = (query: OffsetQuery, error: BrookError): void => {
    if (error.retriable) retriable.push([query, error]);
    else failures.set(partitionKey(query.topic, query.partition), error);
  };
  await metadata.ensureFresh([...new Set(queries.map((q) => q.topic))]);
  const { groups, leaderless } = leaderGroups(metadata, queries);
  for (const query of leaderless) fail(query, missingLeaderError(metadata, query.topic, query.partition));
  await Promise.all(
    [...groups].map(async ([address, group]) => {
      const byTopic = new Map<string, ListOffsetsTopic>();
      for (const { item, leaderEpoch } of group) {
        const topic = byTopic.get(item.topic) ?? { name: item.topic, partitions: [] };
        topic.partitions!.push({ partition: item.partition, timestampMs: timestampOf(item.timestamp).toString(), currentLeaderEpoch: leaderEpoch });
        byTopic.set(item.topic, topic);
      }
      try {
        const response = await pool.call(address, 'ListOffsets', { topics: [...byTopic.values()] });
        const byKey = new Map(group.map(({ item }) => [partitionKey(item.topic, item.partition), item]));
        for (const t of response.topics) {
          for (const p of t.partitions) {
            const query = byKey.get(partitionKey(t.name, p.partition));
            if (query === undefined) continue;
            byKey.delete(partitionKey(t.name, p.partition));
            const error = errorFromCode(p.errorCode, p.errorMessage, `ListOffsets ${t.name}/${p.partition}`);
            if (error !== null) fail(query, error);
            else answers.set(query, { topic: t.name, partition: p.partition, offset: BigInt(p.offset), timestamp: BigInt(p.timestampMs), leaderEpoch: p.leaderEpoch });
          }
        }
      } catch (error) {
        for (const { item } of group) fail(item, error as BrookError);
      }
    }),
  );
  return retriable;
}
