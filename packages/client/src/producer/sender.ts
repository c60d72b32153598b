// The sender: moves ready batches from the accumulator to partition leaders. Per leader broker it
// builds Produce requests carrying at most one batch per partition (as Kafka's produce v3+ does),
// for as many partitions as are ready, and keeps at most maxInFlight requests in flight per broker
// and maxInFlight batches in flight per partition. It runs when something changes (an append that
// closed a batch, a response, a metadata refresh, a flush) and on a timer for the next linger or
// retry deadline; never per record.
//
// Failures are per partition. A retriable error puts the batch back in its queue, ahead of every
// later batch, after a backoff (refreshing metadata first when the leader may have moved), so
// later batches of that partition wait behind it.
//
// Without idempotence, batches already sent behind a failed one may still land first (Kafka's
// non-idempotent producer with max.in.flight.requests.per.connection > 1), and a retry duplicates
// a batch whose first answer was lost. The idempotent producer (producer-identity.ts) removes
// both: each batch carries its partition's sequence, the broker refuses a gap
// (OUT_OF_ORDER_SEQUENCE_NUMBER, retried here while an earlier batch of the partition is still
// unacknowledged) and answers a retry of an appended batch with its original offsets; and a
// retried batch goes out only once nothing of its partition is in flight, so retries land in
// sequence order (Kafka's inflight ordering).
import { ACKS_NONE, BrookError, type ProduceRequest, type ProduceResponse__Output } from '@brook/protocol';
import type { BrookLogger } from '../logger.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import type { ConnectionPool } from '../transport/connection-pool.js';
import { errorFromCode, needsMetadataRefresh } from '../transport/response-errors.js';
import { backoffMs, type RetryOptions } from '../transport/retry.js';
import type { ProducerBatch } from './producer-batch.js';
import { SEQUENCE_ERROR_CODES, type ProducerIdentity } from './producer-identity.js';
import type { ResolvedProducerOptions } from './producer-types.js';
import type { PartitionQueue, RecordAccumulator } from './record-accumulator.js';

/** Extra deadline over the broker's ack timeout, so the broker's own REQUEST_TIMED_OUT arrives first. */
const ACK_DEADLINE_MARGIN_MS = 1000;

/**
 * Codes the producer does not retry although the table marks them retriable. CORRUPT_MESSAGE:
 * the client encoded the batch and gRPC delivers it intact over TCP, so a CRC failure comes back
 * identical on every resend; retrying only burns the delivery timeout.
 */
const NOT_RETRIED = new Set(['CORRUPT_MESSAGE']);

export interface SenderContext {
  readonly accumulator: RecordAccumulator;
  readonly metadata: MetadataCache;
  readonly pool: ConnectionPool;
  readonly options: ResolvedProducerOptions;
  readonly retry: RetryOptions;
  readonly requestTimeoutMs: number;
  readonly requestBytesMax: number;
  readonly logger: BrookLogger;
  /** True while batches should ship without lingering (flush, close, sends waiting for buffer room). */
  readonly urgent: () => boolean;
  readonly onBatchSettled: (batch: ProducerBatch) => void;
  /** Set when the producer is idempotent. */
  readonly identity?: ProducerIdentity;
}

interface Ready {
  readonly queue: PartitionQueue;
  readonly batch: ProducerBatch;
  readonly leaderEpoch: number;
}

export class Sender {
  private readonly inFlightByNode = new Map<number, number>();
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private timerAtMs = Number.POSITIVE_INFINITY;
  private leaderlessRefreshAtMs = 0;
  /** Produce RPCs sent, for tests and diagnostics. */
  requestCount = 0;

  constructor(private readonly context: SenderContext) {}

  /** Runs the sender soon (once per turn of the event loop however often it is called). */
  wakeup(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  /** Stops the timer (the producer is closed and nothing is left to send). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAtMs = Number.POSITIVE_INFINITY;
  }

  private drain(): void {
    const now = Date.now();
    let nextWakeMs = Number.POSITIVE_INFINITY;
    const byNode = new Map<number, Ready[]>();
    const refresh = new Set<string>();
    const fatal = this.context.identity?.fatal;
    for (const queue of this.context.accumulator.allQueues()) {
      if (fatal !== undefined) {
        this.failQueued(queue, fatal);
        continue;
      }
      const batch = this.expireHead(queue, now);
      if (batch === undefined || queue.inFlight >= this.context.options.maxInFlight || !this.sequenceAllows(queue, batch)) continue;
      const readyAtMs = this.readyAtMs(batch);
      if (readyAtMs > now) {
        nextWakeMs = Math.min(nextWakeMs, readyAtMs, batch.deadlineMs);
        continue;
      }
      const leader = this.context.metadata.leaderOf(queue.topic, queue.partition);
      if (leader === undefined) {
        refresh.add(queue.topic);
        nextWakeMs = Math.min(nextWakeMs, now + this.context.retry.initialBackoffMs, batch.deadlineMs);
        continue;
      }
      const list = byNode.get(leader.broker.nodeId) ?? [];
      list.push({ queue, batch, leaderEpoch: leader.leaderEpoch });
      byNode.set(leader.broker.nodeId, list);
    }
    let sent = false;
    for (const [nodeId, ready] of byNode) sent = this.sendTo(nodeId, ready) || sent;
    // A request takes one batch per partition; the next batches of the same partitions (up to the
    // in-flight limits) go in the next round, at once.
    if (sent) this.wakeup();
    // Partitions without a known leader ask for metadata at most once per backoff period, however
    // often the sender runs meanwhile.
    if (refresh.size > 0 && now - this.leaderlessRefreshAtMs >= this.context.retry.initialBackoffMs) {
      this.leaderlessRefreshAtMs = now;
      this.refreshMetadata([...refresh]);
    }
    this.setTimer(nextWakeMs);
  }

  /**
   * Idempotence: whether the partition's head batch may go now. A retry waits until nothing of its
   * partition is in flight (so it cannot overtake, or be overtaken by, another sequence); a new
   * batch waits for a producer id, and for the partition's batches of a retired id to settle.
   */
  private sequenceAllows(queue: PartitionQueue, batch: ProducerBatch): boolean {
    const identity = this.context.identity;
    if (identity === undefined) return true;
    if (batch.sequenced) return batch.attempts === 0 || queue.inFlight === 0;
    const id = identity.idFor(() => this.wakeup());
    if (id === undefined) return false;
    return queue.unacked.every((earlier) => earlier.producerId === id.producerId && earlier.producerEpoch === id.producerEpoch);
  }

  /** Stamps a batch taken for sending with its producer id and sequence, once. */
  private assignSequence(queue: PartitionQueue, batch: ProducerBatch): void {
    const identity = this.context.identity;
    if (identity === undefined || batch.sequenced) return;
    // sequenceAllows just saw the id, in the same synchronous drain.
    const id = identity.idFor(() => this.wakeup())!;
    identity.assign(batch, id);
    queue.unacked.push(batch);
  }

  /** The producer is fenced: every batch not in flight fails with the fatal error. */
  private failQueued(queue: PartitionQueue, fatal: BrookError): void {
    for (const batch of queue.batches.splice(0)) this.settle(batch, fatal, queue);
  }

  /** Fails expired batches at the head of the queue; returns the head left, if any. */
  private expireHead(queue: PartitionQueue, now: number): ProducerBatch | undefined {
    let head = queue.head;
    while (head !== undefined && head.deadlineMs <= now) {
      queue.batches.shift();
      const waited = now - head.createdAtMs;
      this.settle(head, head.lastError ?? new BrookError('REQUEST_TIMED_OUT', `${head.topic}/${head.partition}: batch of ${head.recordCount} records expired after ${waited} ms (deliveryTimeoutMs)`), queue);
      head = queue.head;
    }
    return head;
  }

  private readyAtMs(batch: ProducerBatch): number {
    if (batch.attempts > 0) return batch.retryAtMs;
    if (batch.closed || this.context.urgent()) return 0;
    return batch.createdAtMs + this.context.options.lingerMs;
  }

  /** Sends requests to the broker while its in-flight limit allows; true when it sent any. */
  private sendTo(nodeId: number, ready: Ready[]): boolean {
    const broker = this.context.metadata.broker(nodeId);
    if (broker === undefined) return false;
    let sent = false;
    // One batch per partition per request; a partition's next batch may follow in the next
    // request when the in-flight limits allow it.
    while (ready.length > 0 && (this.inFlightByNode.get(nodeId) ?? 0) < this.context.options.maxInFlight) {
      const taken: Ready[] = [];
      let bytes = 0;
      while (ready.length > 0) {
        const next = ready[0]!;
        // Closed before it is encoded: an encoded batch must never take another record, even
        // when the request turns out to be full and the batch waits for the next one.
        this.context.accumulator.close(next.batch);
        this.assignSequence(next.queue, next.batch);
        const size = next.batch.bytes(this.context.options.compression).byteLength;
        if (taken.length > 0 && bytes + size > this.context.requestBytesMax) break;
        ready.shift();
        bytes += size;
        taken.push(next);
        next.queue.batches.shift();
        next.queue.inFlight++;
        next.batch.attempts++;
      }
      this.inFlightByNode.set(nodeId, (this.inFlightByNode.get(nodeId) ?? 0) + 1);
      void this.produce(nodeId, broker.address, taken);
      sent = true;
    }
    return sent;
  }

  private async produce(nodeId: number, address: string, taken: Ready[]): Promise<void> {
    const request = this.request(taken);
    this.requestCount++;
    try {
      const response = await this.context.pool.produce(address, request, { timeoutMs: this.context.requestTimeoutMs + ACK_DEADLINE_MARGIN_MS });
      this.handleResponse(taken, response);
    } catch (error) {
      const brookError = error instanceof BrookError ? error : new BrookError('UNKNOWN_SERVER_ERROR', String(error));
      for (const item of taken) this.handleFailure(item, brookError);
    } finally {
      this.inFlightByNode.set(nodeId, (this.inFlightByNode.get(nodeId) ?? 1) - 1);
      this.wakeup();
    }
  }

  private request(taken: readonly Ready[]): ProduceRequest {
    const topics = new Map<string, NonNullable<ProduceRequest['topics']>[number]>();
    for (const { batch, leaderEpoch } of taken) {
      const topic = topics.get(batch.topic) ?? { name: batch.topic, partitions: [] };
      topic.partitions!.push({ partition: batch.partition, records: batch.bytes(this.context.options.compression), leaderEpoch });
      topics.set(batch.topic, topic);
    }
    return { acks: this.context.options.acks, timeoutMs: this.context.requestTimeoutMs, topics: [...topics.values()] };
  }

  private handleResponse(taken: readonly Ready[], response: ProduceResponse__Output): void {
    const answers = new Map<string, ProduceResponse__Output['topics'][number]['partitions'][number]>();
    for (const topic of response.topics) for (const p of topic.partitions) answers.set(`${topic.name}/${p.partition}`, p);
    for (const item of taken) {
      const { batch } = item;
      const answer = answers.get(`${batch.topic}/${batch.partition}`);
      if (answer === undefined) {
        this.handleFailure(item, new BrookError('UNKNOWN_SERVER_ERROR', `Produce response has no answer for ${batch.topic}/${batch.partition}`));
        continue;
      }
      const error = errorFromCode(answer.errorCode, withRecordErrors(answer), `${batch.topic}/${batch.partition}`);
      // Kafka's answer to a retry of a batch older than the five the broker remembers: written
      // before, so a success (offsets unknown unless the broker sent them).
      if (error !== null && !(error.code === 'DUPLICATE_SEQUENCE_NUMBER' && batch.sequenced)) {
        const hinted = this.context.metadata.applyLeaderHint(batch.topic, batch.partition, answer.currentLeader);
        this.handleFailure(item, error, hinted);
        continue;
      }
      item.queue.inFlight--;
      this.settle(batch, this.context.options.acks === ACKS_NONE ? -1n : BigInt(answer.baseOffset), item.queue);
    }
  }

  /** `hinted`: the answer named the new leader and the cache took it (no need to forget the old). */
  private handleFailure({ queue, batch }: Ready, error: BrookError, hinted = false): void {
    queue.inFlight--;
    batch.lastError = error;
    if (error.code === 'MESSAGE_TOO_LARGE' && batch.recordCount > 1 && Date.now() < batch.deadlineMs) {
      // Too large as a whole (batchBytes above the topic's max.message.bytes, or gzip that did
      // not shrink): send it again in halves, as Kafka's producer does. A single record too large
      // fails below like any non-retriable error.
      this.context.logger.info({ topic: batch.topic, partition: batch.partition, records: batch.recordCount }, 'splitting a batch the broker found too large');
      this.context.accumulator.splitToFront(queue, batch);
      this.wakeup();
      return;
    }
    if (this.behindEarlierBatch(queue, batch, error)) {
      // Not this batch's fault: an earlier batch of the partition failed or is still on its way;
      // this one goes again right behind it, without using up a retry.
      batch.attempts--;
      batch.retryAtMs = Date.now();
      this.context.accumulator.requeueInOrder(queue, batch);
      return;
    }
    const wait = backoffMs(batch.attempts - 1, this.context.retry);
    const retriable = error.retriable && !NOT_RETRIED.has(error.code);
    if (!retriable || batch.attempts > this.context.retry.retries || Date.now() + wait >= batch.deadlineMs) {
      this.context.logger.debug({ topic: batch.topic, partition: batch.partition, code: error.code, attempts: batch.attempts }, 'batch failed');
      this.settle(batch, error, queue);
      return;
    }
    this.context.logger.debug({ topic: batch.topic, partition: batch.partition, code: error.code, attempt: batch.attempts, wait }, 'retrying batch');
    if (needsMetadataRefresh(error)) {
      if (!hinted && error.code !== 'NETWORK_EXCEPTION') this.context.metadata.forgetLeader(batch.topic, batch.partition, error);
      this.refreshMetadata([batch.topic]);
    }
    batch.retryAtMs = Date.now() + wait;
    this.context.accumulator.requeueInOrder(queue, batch);
    this.armTimer(batch.retryAtMs);
  }

  /** A sequence error for a batch that is not its partition's first unacknowledged one. */
  private behindEarlierBatch(queue: PartitionQueue, batch: ProducerBatch, error: BrookError): boolean {
    return this.context.identity !== undefined && batch.sequenced && SEQUENCE_ERROR_CODES.has(error.code) && queue.unacked[0] !== batch && Date.now() < batch.deadlineMs;
  }

  private settle(batch: ProducerBatch, outcome: bigint | BrookError, queue: PartitionQueue): void {
    if (batch.sequenced) {
      const index = queue.unacked.indexOf(batch);
      if (index >= 0) queue.unacked.splice(index, 1);
      if (typeof outcome !== 'bigint') this.context.identity?.batchFailed(batch, outcome);
    }
    if (typeof outcome === 'bigint') batch.complete(outcome);
    else batch.fail(outcome);
    this.context.onBatchSettled(batch);
  }

  private refreshMetadata(topics: string[]): void {
    this.context.metadata.refresh(topics).then(
      () => this.wakeup(),
      (error: unknown) => this.context.logger.warn({ topics, error: String(error) }, 'metadata refresh failed'),
    );
  }

  /** Arms the timer for `atMs` unless it already fires sooner. */
  private armTimer(atMs: number): void {
    if (atMs < this.timerAtMs) this.setTimer(atMs);
  }

  /**
   * Sets the timer to exactly `atMs` (none when infinite). The sender computes the next time it
   * has work after each run, so a timer for work that is gone (a lingering batch a flush sent)
   * never keeps the process alive.
   */
  private setTimer(atMs: number): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAtMs = atMs;
    if (!Number.isFinite(atMs)) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAtMs = Number.POSITIVE_INFINITY;
      this.drain();
    }, Math.max(0, atMs - Date.now()));
  }
}

/**
 * The answer's message, naming the rejected records when the broker listed them (INVALID_RECORD,
 * INVALID_TIMESTAMP: Kafka's BatchIndexAndErrorMessage), so the caller learns which ones.
 */
function withRecordErrors(answer: ProduceResponse__Output['topics'][number]['partitions'][number]): string {
  if (answer.recordErrors.length === 0) return answer.errorMessage;
  const shown = answer.recordErrors.slice(0, 5).map((r) => `record ${r.batchIndex}: ${r.message}`);
  const more = answer.recordErrors.length > shown.length ? `; and ${answer.recordErrors.length - shown.length} more` : '';
  return `${answer.errorMessage === '' ? 'records rejected' : answer.errorMessage} (${shown.join('; ')}${more})`;
}
