// The idempotent producer's identity (KIP-98): a producer id and epoch from InitProducerId, asked
// for lazily on the first send, and the next sequence of each partition. A batch gets its base
// sequence when it is first drained and keeps it across retries, so the broker can recognise a
// retry of a batch it already appended (a duplicate: the original offsets come back).
//
// Resetting is Kafka 3.x's "reset the producer id when safe", in its simplest safe form: once a
// batch that carries a sequence fails for good (OUT_OF_ORDER_SEQUENCE_NUMBER or
// UNKNOWN_PRODUCER_ID after a leader change, an expiry, any non-retriable error), the partition's
// sequence space has a gap the broker will never fill. That batch fails with its error, the other
// batches already sequenced under the old id run their course (they succeed or fail with the same
// typed error), and later batches get a new producer id, whose sequences start at 0 on every
// partition. A partition sends no batch of the new id while one of the old id is unacknowledged,
// so the reset never reorders a partition. INVALID_PRODUCER_EPOCH and PRODUCER_FENCED are fatal:
// another producer owns the id, and every later send fails with that error.
import { BrookError, type ErrorCodeName, type InitProducerIdResponse__Output } from '@brook/protocol';
import type { BrookLogger } from '../logger.js';
import type { ProducerBatch } from './producer-batch.js';

/** Sequences are int32 and wrap from 2^31 - 1 to 0 (Kafka's DefaultRecordBatch.incrementSequence). */
export const SEQUENCE_MAX = 0x7fff_ffff;

export function incrementSequence(sequence: number, increment: number): number {
  return sequence > SEQUENCE_MAX - increment ? increment - (SEQUENCE_MAX - sequence) - 1 : sequence + increment;
}

/** Errors after which this producer id may never write again. */
const FATAL_CODES: ReadonlySet<ErrorCodeName> = new Set<ErrorCodeName>(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);

/** Answers about a partition's sequence space: the batch's own sequence is not the one the broker expects. */
export const SEQUENCE_ERROR_CODES: ReadonlySet<ErrorCodeName> = new Set<ErrorCodeName>(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID']);

export interface ProducerIdAndEpoch {
  readonly producerId: bigint;
  readonly producerEpoch: number;
}

export class ProducerIdentity {
  private current: ProducerIdAndEpoch | undefined;
  private pending: Promise<void> | undefined;
  private readonly nextSequences = new Map<string, number>();
  /** Set once the producer can never send again (fenced, or InitProducerId refused). */
  fatal: BrookError | undefined;
  /** InitProducerId calls answered, for tests. */
  initCount = 0;

  constructor(
    private readonly initProducerId: () => Promise<InitProducerIdResponse__Output>,
    private readonly logger: BrookLogger,
    /** The pause after InitProducerId failed retriably past its retries, before it is asked again. */
    private readonly retryPauseMs: number,
  ) {}

  /** The current id, if known (no InitProducerId is started). */
  get known(): ProducerIdAndEpoch | undefined {
    return this.current;
  }

  /** The current id, or undefined while one is being fetched; `onChange` runs once it is known (or failed). */
  idFor(onChange: () => void): ProducerIdAndEpoch | undefined {
    if (this.current !== undefined || this.fatal !== undefined) return this.current;
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
      onChange();
    });
    return undefined;
  }

  /** Stamps a closed batch with the id, epoch and its partition's next base sequence. */
  assign(batch: ProducerBatch, id: ProducerIdAndEpoch): void {
    const key = `${batch.topic}\0${batch.partition}`;
    const baseSequence = this.nextSequences.get(key) ?? 0;
    batch.setProducer(id.producerId, id.producerEpoch, baseSequence);
    this.nextSequences.set(key, incrementSequence(baseSequence, batch.recordCount));
  }

  /** Records that a sequenced batch failed for good: fatal errors end the producer, others retire its id. */
  batchFailed(batch: ProducerBatch, error: BrookError): void {
    if (FATAL_CODES.has(error.code)) {
      this.fatal ??= error;
      return;
    }
    if (this.current?.producerId !== batch.producerId || this.current.producerEpoch !== batch.producerEpoch) return;
    this.logger.info({ topic: batch.topic, partition: batch.partition, producerId: String(batch.producerId), code: error.code }, 'sequenced batch failed; later batches get a new producer id');
    this.current = undefined;
  }

  private async fetch(): Promise<void> {
    try {
      const answer = await this.initProducerId();
      this.initCount++;
      this.current = { producerId: BigInt(answer.producerId), producerEpoch: answer.producerEpoch };
      this.nextSequences.clear();
    } catch (error) {
      const brookError = error instanceof BrookError ? error : new BrookError('UNKNOWN_SERVER_ERROR', String(error));
      // Retriable errors were retried (withRetry); a retriable one left over is tried again after
      // a pause, while the batches' delivery timeouts run. Anything else ends the producer.
      if (!brookError.retriable) {
        this.fatal = new BrookError(brookError.code, `InitProducerId: ${brookError.message}`, { cause: error });
        return;
      }
      this.logger.warn({ code: brookError.code }, 'InitProducerId failed; asking again after a pause');
      // Unref'd: a producer nobody waits on must not keep the process alive.
      await new Promise((resolve) => setTimeout(resolve, this.retryPauseMs).unref());
    }
  }
}
