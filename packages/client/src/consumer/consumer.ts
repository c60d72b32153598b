// The consumer in assign mode: the caller names the partitions and where to start; the consumer
// keeps one long-polling Fetch in flight per leader broker, covering all its assigned partitions,
// and yields each partition's records as they arrive. 'earliest'/'latest' positions are resolved
// with ListOffsets at the leaders; OFFSET_OUT_OF_RANGE follows resetPolicy; a moved leader
// refreshes metadata and the partition is fetched from the new one after a backoff. Retriable
// errors never end the iteration (a leader election can take a while), except an unknown topic
// or partition that persists past the retry limit; other errors end it with the BrookError.
import type { BrookLogger } from '../logger.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import type { ConnectionPool } from '../transport/connection-pool.js';
import { backoffMs, type RetryOptions } from '../transport/retry.js';
import { resolveConsumerOptions } from './consumer-options.js';
import type { ConsumerBatch, ConsumerOptions, OffsetInput, PartitionAssignment, ResolvedConsumerOptions, RunOptions, TopicPartitions } from './consumer-types.js';
import { fetchFromLeader, type LeaderFetchResult } from './leader-fetch.js';
import { FetchLoop } from './fetch-loop.js';
import { PartitionPositions, parseOffset } from './partition-positions.js';
import { Wakeup } from './wakeup.js';

/** @internal What a consumer needs from its Brook. */
export interface ConsumerContext {
  readonly metadata: MetadataCache;
  readonly pool: ConnectionPool;
  readonly retry: RetryOptions;
  readonly requestTimeoutMs: number;
  readonly logger: BrookLogger;
  readonly release: (consumer: Consumer) => void;
}

export class Consumer {
  readonly options: ResolvedConsumerOptions;
  private readonly positions = new PartitionPositions();
  private readonly wake = new Wakeup();
  private readonly abort = new AbortController();
  private iterating = false;
  private closed = false;

  /** @internal Created by `Brook.consumer()`. */
  constructor(
    private readonly context: ConsumerContext,
    options: ConsumerOptions = {},
  ) {
    this.options = resolveConsumerOptions(options);
  }

  /** Replaces the assignment: these partitions, from these offsets. */
  assign(assignments: readonly PartitionAssignment[]): void {
    this.positions.assign(assignments.map((a) => ({ topic: a.topic, partition: a.partition, position: parseOffset(a.offset) })));
    this.wake.notify();
  }

  /** The assigned partitions with their next offsets ('earliest'/'latest' until resolved). */
  assignment(): Array<{ topic: string; partition: number; offset: bigint | 'earliest' | 'latest'; paused: boolean }> {
    return this.positions.all().map((p) => ({ topic: p.topic, partition: p.partition, offset: p.position, paused: p.paused }));
  }

  /** Moves an assigned partition's position; records fetched for the old position are dropped. */
  seek(target: { readonly topic: string; readonly partition: number; readonly offset: OffsetInput }): void {
    this.positions.seek(this.positions.require(target.topic, target.partition), parseOffset(target.offset));
    this.wake.notify();
  }

  /** Stops fetching these partitions (records already fetched for them are dropped) until resumed. */
  pause(selection: readonly TopicPartitions[]): void {
    for (const state of this.positions.select(selection)) {
      state.paused = true;
      state.generation++;
    }
  }

  resume(selection: readonly TopicPartitions[]): void {
    for (const state of this.positions.select(selection)) {
      state.paused = false;
      state.generation++;
    }
    this.wake.notify();
  }

  /** The paused partitions. */
  paused(): Array<{ topic: string; partition: number }> {
    return this.positions.all().filter((p) => p.paused).map((p) => ({ topic: p.topic, partition: p.partition }));
  }

  /**
   * Yields the records of the assigned partitions, per partition and fetch, until close(). One
   * iteration at a time per consumer.
   */
  async *batches(): AsyncGenerator<ConsumerBatch, void, undefined> {
    if (this.iterating) throw new Error('Consumer: batches() is already being iterated');
    this.iterating = true;
    const loop = new FetchLoop({
      ...this.context,
      options: this.options,
      positions: this.positions,
      wake: this.wake,
      isClosed: () => this.closed,
      fetch: (address, nodeId, partitions): Promise<LeaderFetchResult> =>
        fetchFromLeader(this.context.pool, address, nodeId, this.options, this.context.requestTimeoutMs, partitions, this.abort.signal),
      backoffMs: (attempt) => backoffMs(attempt, this.context.retry),
    });
    try {
      while (!this.closed) {
        const result = await loop.next();
        if (result === undefined) continue;
        for (const batch of loop.process(result)) yield batch;
      }
    } finally {
      this.iterating = false;
    }
  }

  /**
   * Calls eachBatch for every batch (or eachMessage for every message) until close(); resolves
   * then, and rejects if a handler throws or the iteration fails.
   */
  async run(handlers: RunOptions): Promise<void> {
    const { eachBatch, eachMessage } = handlers;
    if (eachBatch === undefined && eachMessage === undefined) throw new TypeError('Consumer.run: give eachMessage or eachBatch');
    for await (const batch of this.batches()) {
      if (eachBatch !== undefined) {
        await eachBatch(batch);
        continue;
      }
      for (const message of batch.messages) {
        await eachMessage!({ topic: batch.topic, partition: batch.partition, message });
      }
    }
  }

  /** Stops fetching: the iteration (and run) ends; fetches in flight are cancelled. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.wake.notify();
    this.context.release(this);
  }
}

