// The producer: `send` places each message on a partition (explicit, keyed by Kafka's murmur2, or
// sticky for unkeyed messages, KIP-480), appends it to that partition's open batch and resolves
// once the batch is acknowledged. Batching, linger, in-flight limits and retries are the
// accumulator's and the sender's; this class adds validation, backpressure (a send waits while
// buffered bytes are at bufferBytesMax), flush and close.
import { BrookError, RPC_MESSAGE_BYTES_MAX_DEFAULT, validateTopicName } from '@brook/protocol';
import { recordBytes, type RecordInput } from '@brook/record-batch';
import type { BrookLogger } from '../logger.js';
import { partitionsWithLeader, type TopicInfo } from '../metadata/cluster-view.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import { partitionForKey } from '../partitioner/murmur2.js';
import { StickyPartitioner } from '../partitioner/sticky-partitioner.js';
import type { ConnectionPool } from '../transport/connection-pool.js';
import { withRetry, type RetryOptions } from '../transport/retry.js';
import { BufferBudget } from './buffer-budget.js';
import { toRecordInput } from './message-encoding.js';
import type { ProducerBatch } from './producer-batch.js';
import { ProducerIdentity } from './producer-identity.js';
import { resolveProducerOptions } from './producer-options.js';
import type { ProducerBatchInput, ProducerMessage, ProducerOptions, ProducerRecord, RecordMetadata, ResolvedProducerOptions } from './producer-types.js';
import { RecordAccumulator } from './record-accumulator.js';
import { SendCall } from './send-call.js';
import { Sender } from './sender.js';

/** @internal What a producer needs from its Brook. */
export interface ProducerContext {
  readonly metadata: MetadataCache;
  readonly pool: ConnectionPool;
  readonly retry: RetryOptions;
  readonly requestTimeoutMs: number;
  readonly rpcMessageBytesMax: number;
  readonly logger: BrookLogger;
  readonly release: (producer: Producer) => void;
}

export class Producer {
  readonly options: ResolvedProducerOptions;
  private readonly accumulator: RecordAccumulator;
  private readonly sender: Sender;
  private readonly budget: BufferBudget;
  /** Set when the producer is idempotent (options.idempotent). */
  private readonly identity: ProducerIdentity | undefined;
  private readonly sticky = new StickyPartitioner();
  private readonly requestBytesMax: number;
  private flushing = 0;
  /** Sends between their start and the append of their last message (they may await metadata or room). */
  private readonly appending = new Set<Promise<unknown>>();
  private closed = false;
  private closing: Promise<void> | undefined;

  /** @internal Created by `Brook.producer()`. */
  constructor(
    private readonly context: ProducerContext,
    options: ProducerOptions = {},
  ) {
    this.options = resolveProducerOptions(options);
    // A request must fit the gRPC message limit with room for its framing.
    this.requestBytesMax = Math.floor(Math.min(context.rpcMessageBytesMax, RPC_MESSAGE_BYTES_MAX_DEFAULT) * 0.9);
    this.budget = new BufferBudget(this.options.bufferBytesMax, () => this.sender.wakeup());
    this.identity = this.options.idempotent ? newIdentity(context) : undefined;
    this.accumulator = new RecordAccumulator(this.options.batchBytes, this.options.deliveryTimeoutMs, (batch) => this.batchClosed(batch));
    this.sender = new Sender({
      accumulator: this.accumulator,
      metadata: context.metadata,
      pool: context.pool,
      options: this.options,
      retry: context.retry,
      requestTimeoutMs: context.requestTimeoutMs,
      requestBytesMax: this.requestBytesMax,
      logger: context.logger,
      urgent: () => this.flushing > 0 || this.closed || this.budget.exhausted,
      onBatchSettled: (batch) => this.budget.release(batch.reservedBytes),
      identity: this.identity,
    });
  }

  /** Bytes of records accepted and not yet acknowledged or failed. */
  get bufferedBytes(): number {
    return this.budget.used;
  }

  /** The idempotent producer's id and epoch once InitProducerId answered; undefined otherwise. */
  get producerId(): { producerId: bigint; producerEpoch: number } | undefined {
    return this.identity?.known;
  }

  /** Produce RPCs sent so far. */
  get requestCount(): number {
    return this.sender.requestCount;
  }

  /**
   * Sends the messages to `topic`; resolves, once all are acknowledged as `acks` asks, with each
   * message's partition and offset, in order. Waits first while the buffer is full.
   */
  async send(record: ProducerRecord): Promise<RecordMetadata[]> {
    this.assertOpen();
    // flush() covers every send started before it, also one still looking up its topic: track
    // the send until its messages are in the accumulator.
    let appended!: () => void;
    const appendPhase = new Promise<void>((resolve) => (appended = resolve));
    this.appending.add(appendPhase);
    try {
      return await this.appendAll(record, () => {
        appended();
        this.appending.delete(appendPhase);
      });
    } finally {
      appended();
      this.appending.delete(appendPhase);
    }
  }

  private async appendAll(record: ProducerRecord, onAppended: () => void): Promise<RecordMetadata[]> {
    const invalid = validateTopicName(record.topic);
    if (invalid !== null) throw new BrookError('INVALID_TOPIC_EXCEPTION', invalid);
    const topic = await this.context.metadata.topic(record.topic);
    const now = Date.now();
    // Every message is checked before any is appended, so a bad one fails the call alone.
    const messages = record.messages;
    const inputs: RecordInput[] = [];
    const sizes: number[] = [];
    const limit = Math.min(this.options.bufferBytesMax, this.requestBytesMax);
    for (const message of messages) {
      const input = this.prepare(topic, message, now);
      const sizeBytes = recordBytes(input, 0, 0);
      if (sizeBytes > limit) {
        throw new BrookError('MESSAGE_TOO_LARGE', `a ${sizeBytes}-byte record is larger than ${limit} bytes (bufferBytesMax or the request limit)`);
      }
      inputs.push(input);
      sizes.push(sizeBytes);
    }
    const call = new SendCall(inputs.length);
    let appended = 0;
    try {
      for (; appended < inputs.length; appended++) {
        const input = inputs[appended]!;
        const sizeBytes = sizes[appended]!;
        // Awaited only when the budget is full: an await per record would cost a microtask each.
        const wait = this.budget.reserve(sizeBytes);
        // A send started before close() goes through: close flushes it (flush awaits sends
        // still appending, and ships batches at once so that room frees up).
        if (wait !== undefined) await wait;
        const partition = this.partitionFor(topic, messages[appended]!, input, sizeBytes);
        this.accumulator.append(topic.name, partition, input, sizeBytes, call, appended);
      }
    } catch (error) {
      // The messages appended so far still go out; their outcomes are not this caller's anymore.
      call.truncate(appended);
      call.promise.catch(() => undefined);
      throw error;
    } finally {
      onAppended();
      this.sender.wakeup();
    }
    return call.promise;
  }

  /** Sends to several topics; resolves with every message's metadata, topic by topic, in order. */
  async sendBatch(batch: ProducerBatchInput): Promise<RecordMetadata[]> {
    const results = await Promise.all(batch.topicMessages.map((record) => this.send(record)));
    return results.flat();
  }

  /** Sends every buffered record now and resolves once each has been acknowledged or has failed. */
  async flush(): Promise<void> {
    this.flushing++;
    this.sender.wakeup();
    try {
      await Promise.all([...this.appending]);
      // A batch split in two (too large for the broker) settles at once while its halves go
      // on, so flush waits until no batch of its time is left, halves included.
      const upTo = this.accumulator.sequence;
      for (let pending = this.accumulator.pendingUpTo(upTo); pending.length > 0; pending = this.accumulator.pendingUpTo(upTo)) {
        await Promise.all(pending.map((batch) => batch.done));
      }
    } finally {
      this.flushing--;
    }
  }

  /** Refuses new sends, flushes what is buffered, then stops. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      await this.flush();
      this.sender.stop();
      this.context.release(this);
    })();
    return this.closing;
  }

  private prepare(topic: TopicInfo, message: ProducerMessage, now: number): RecordInput {
    const input = toRecordInput(message, now);
    if (message.partition !== undefined && (!Number.isInteger(message.partition) || message.partition < 0 || message.partition >= topic.partitions.length)) {
      throw new BrookError('INVALID_REQUEST', `partition ${message.partition} does not exist: topic ${topic.name} has ${topic.partitions.length} partitions`);
    }
    return input;
  }

  private partitionFor(topic: TopicInfo, message: ProducerMessage, input: RecordInput, sizeBytes: number): number {
    if (message.partition !== undefined) return message.partition;
    const count = topic.partitions.length;
    if (input.key !== null) return partitionForKey(input.key, count);
    const available = (): number[] => partitionsWithLeader(topic);
    const sticky = this.sticky.partition(topic.name, count, available);
    // A full open batch closes first, which moves the sticky partition on (see closeIfFull).
    return this.accumulator.closeIfFull(topic.name, sticky, sizeBytes) ? this.sticky.partition(topic.name, count, available) : sticky;
  }

  private batchClosed(batch: ProducerBatch): void {
    const topic = this.context.metadata.cachedTopic(batch.topic);
    if (topic !== undefined) this.sticky.batchClosed(batch.topic, batch.partition, topic.partitions.length, partitionsWithLeader(topic));
    this.sender.wakeup();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('Producer: send after close');
    // Fenced (INVALID_PRODUCER_EPOCH, PRODUCER_FENCED): another producer owns the id for good.
    if (this.identity?.fatal !== undefined) throw this.identity.fatal;
  }
}

/** The identity of an idempotent producer: InitProducerId from any broker, retriable errors retried. */
function newIdentity(context: ProducerContext): ProducerIdentity {
  const request = { transactionalId: '', transactionTimeoutMs: 0, producerId: -1, producerEpoch: -1 };
  return new ProducerIdentity(() => withRetry(() => context.metadata.callAnyBroker('InitProducerId', request), context.retry), context.logger, context.retry.maxBackoffMs);
}
