// The consumer's engine, one step at a time: `next()` resolves pending 'earliest'/'latest'
// positions, starts a Fetch for every leader that has fetchable partitions and none in flight,
// and waits for the first fetch to answer (or for an assign, seek, resume, close, or retry time);
// `process()` turns an answer into batches, moving positions and handling per-partition errors.
import { BrookError, type FetchPartitionResponse__Output } from '@brook/protocol';
import type { BrookLogger } from '../logger.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import { lookupOffsets } from '../metadata/offset-lookup.js';
import type { ConnectionPool } from '../transport/connection-pool.js';
import { errorFromCode, needsMetadataRefresh } from '../transport/response-errors.js';
import type { RetryOptions } from '../transport/retry.js';
import type { ConsumerBatch, ResolvedConsumerOptions } from './consumer-types.js';
import type { FetchedPartition, LeaderFetchResult } from './leader-fetch.js';
import type { PartitionPosition, PartitionPositions } from './partition-positions.js';
import { decodeFetchedRecords } from './record-decoding.js';
import type { Wakeup } from './wakeup.js';

export interface FetchLoopContext {
  readonly metadata: MetadataCache;
  readonly pool: ConnectionPool;
  readonly retry: RetryOptions;
  readonly logger: BrookLogger;
  readonly options: ResolvedConsumerOptions;
  readonly positions: PartitionPositions;
  readonly wake: Wakeup;
  readonly isClosed: () => boolean;
  readonly fetch: (address: string, nodeId: number, partitions: FetchedPartition[]) => Promise<LeaderFetchResult>;
  readonly backoffMs: (attempt: number) => number;
}

export class FetchLoop {
  /** Leaders with a fetch in flight. */
  private readonly inFlight = new Set<number>();
  /** Answers that arrived and were not yet taken by next(), in arrival order. */
  private readonly arrived: LeaderFetchResult[] = [];
  /** Ends the wait of the current next(), if one is waiting. */
  private endWait: (() => void) | undefined;

  constructor(private readonly context: FetchLoopContext) {}

  /** One step: the next fetch answer, or undefined when woken for another reason. */
  async next(): Promise<LeaderFetchResult | undefined> {
    await this.resolvePositions();
    if (this.context.isClosed()) return undefined;
    await this.startFetches();
    if (this.arrived.length === 0) await this.waitForAnswer();
    const answer = this.arrived.shift();
    if (answer !== undefined) this.inFlight.delete(answer.nodeId);
    return answer;
  }

  /** Waits for an answer, a wake-up (assign, seek, resume, close), or the earliest retry time. */
  private async waitForAnswer(): Promise<void> {
    const now = Date.now();
    let delayMs: number | undefined;
    for (const p of this.context.positions.all()) {
      if (!p.paused && p.retryAtMs > now) delayMs = Math.min(delayMs ?? Number.POSITIVE_INFINITY, p.retryAtMs - now);
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve) => {
        this.endWait = resolve;
        this.context.wake.once(resolve);
        if (delayMs !== undefined) timer = setTimeout(resolve, delayMs);
      });
    } finally {
      this.endWait = undefined;
      this.context.wake.cancel();
      clearTimeout(timer);
    }
  }

  /** fetchFromLeader never rejects: each answer, failures included, lands in `arrived`. */
  private track(answer: Promise<LeaderFetchResult>): void {
    void answer.then((result) => {
      this.arrived.push(result);
      this.endWait?.();
    });
  }

  /** The batches of one answer, skipping partitions whose position changed since it was asked. */
  *process(result: LeaderFetchResult): Generator<ConsumerBatch> {
    if (result.error !== undefined) {
      this.requestFailed(result);
      return;
    }
    const answers = new Map<string, FetchPartitionResponse__Output>();
    for (const topic of result.response?.topics ?? []) for (const p of topic.partitions) answers.set(`${topic.name}/${p.partition}`, p);
    for (const fetched of result.partitions) {
      const { state } = fetched;
      // Checked again before each yield: the caller may seek or pause while handling the last batch.
      if (!this.context.positions.isCurrent(state, fetched.generation)) continue;
      const answer = answers.get(`${state.topic}/${state.partition}`);
      if (answer === undefined) continue;
      const error = errorFromCode(answer.errorCode, answer.errorMessage, `Fetch ${state.topic}/${state.partition}`);
      if (error !== null) {
        this.partitionFailed(state, error, this.context.metadata.applyLeaderHint(state.topic, state.partition, answer.currentLeader));
        continue;
      }
      state.unknownCount = 0;
      const decoded = decodeFetchedRecords(answer.records, fetched.fetchOffset, `${state.topic}/${state.partition}`);
      if (decoded.nextOffset > fetched.fetchOffset) state.position = decoded.nextOffset;
      if (decoded.messages.length === 0) continue;
      yield { topic: state.topic, partition: state.partition, highWatermark: BigInt(answer.highWatermark), messages: decoded.messages };
    }
  }

  private async resolvePositions(): Promise<void> {
    const now = Date.now();
    const pending = this.context.positions.all().filter((p) => !p.paused && p.retryAtMs <= now && typeof p.position === 'string');
    if (pending.length === 0) return;
    const generations = new Map(pending.map((p) => [p, p.generation]));
    const queries = pending.map((p) => ({ topic: p.topic, partition: p.partition, timestamp: p.position as 'earliest' | 'latest' }));
    const { answers, failures } = await lookupOffsets(this.context.metadata, this.context.pool, this.context.retry, queries);
    for (const state of pending) {
      if (!this.context.positions.isCurrent(state, generations.get(state)!)) continue;
      const answer = answers.find((a) => a.topic === state.topic && a.partition === state.partition);
      const failure = failures.get(`${state.topic}/${state.partition}`);
      if (failure !== undefined) {
        // lookupOffsets has already retried: an unknown topic or partition, or any non-retriable
        // error, ends the iteration; other retriable ones are tried again later.
        if (!failure.retriable || failure.code === 'UNKNOWN_TOPIC_OR_PARTITION') throw failure;
        state.retryAtMs = Date.now() + this.context.retry.maxBackoffMs;
        this.context.logger.warn({ topic: state.topic, partition: state.partition, code: failure.code }, 'could not resolve the start offset; will retry');
      } else if (answer !== undefined) {
        state.position = answer.offset;
      }
    }
  }

  private async startFetches(): Promise<void> {
    const now = Date.now();
    const fetchable = this.context.positions.all().filter((p) => !p.paused && p.retryAtMs <= now && typeof p.position === 'bigint');
    if (fetchable.length === 0) return;
    try {
      await this.context.metadata.ensureFresh([...new Set(fetchable.map((p) => p.topic))]);
    } catch (error) {
      this.context.logger.warn({ error: String(error) }, 'metadata refresh failed');
    }
    const byLeader = new Map<number, { address: string; partitions: FetchedPartition[] }>();
    for (const state of fetchable) {
      const leader = this.context.metadata.leaderOf(state.topic, state.partition);
      if (leader === undefined) {
        this.partitionFailed(state, this.missingLeader(state));
        continue;
      }
      if (this.inFlight.has(leader.broker.nodeId)) continue;
      const group = byLeader.get(leader.broker.nodeId) ?? { address: leader.broker.address, partitions: [] };
      group.partitions.push({ state, generation: state.generation, fetchOffset: state.position as bigint, leaderEpoch: leader.leaderEpoch });
      byLeader.set(leader.broker.nodeId, group);
    }
    for (const [nodeId, { address, partitions }] of byLeader) {
      this.inFlight.add(nodeId);
      this.track(this.context.fetch(address, nodeId, partitions));
    }
  }

  private missingLeader(state: PartitionPosition): BrookError {
    const topic = this.context.metadata.cachedTopic(state.topic);
    if (topic === undefined) return this.context.metadata.topicError(state.topic) ?? new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${state.topic} is not known`);
    if (topic.partitions[state.partition] === undefined) return new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${state.topic} has no partition ${state.partition}`);
    return new BrookError('LEADER_NOT_AVAILABLE', `${state.topic}/${state.partition} has no leader`);
  }

  /** `hinted`: the answer named the new leader and the cache took it (no need to forget the old). */
  private partitionFailed(state: PartitionPosition, error: BrookError, hinted = false): void {
    if (error.code === 'OFFSET_OUT_OF_RANGE') {
      const policy = this.context.options.resetPolicy;
      if (policy === 'none') throw error;
      this.context.logger.info({ topic: state.topic, partition: state.partition, position: String(state.position), policy }, 'offset out of range; resetting');
      this.context.positions.seek(state, policy);
      return;
    }
    if (!error.retriable) throw error;
    if (error.code === 'UNKNOWN_TOPIC_OR_PARTITION' && ++state.unknownCount > this.context.retry.retries) throw error;
    if (needsMetadataRefresh(error)) {
      // A lost connection says nothing about leadership; the refresh will tell.
      if (!hinted && error.code !== 'NETWORK_EXCEPTION') this.context.metadata.forgetLeader(state.topic, state.partition, error);
      this.context.metadata.refresh([state.topic]).catch(() => undefined);
    }
    state.retryAtMs = Date.now() + this.context.backoffMs(Math.min(state.unknownCount, 5));
  }

  private requestFailed(result: LeaderFetchResult): void {
    const error = result.error!;
    if (this.context.isClosed()) return;
    for (const { state, generation } of result.partitions) {
      if (this.context.positions.isCurrent(state, generation)) this.partitionFailed(state, error);
    }
  }
}
