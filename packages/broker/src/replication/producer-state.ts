// Per-partition state of idempotent producers (KIP-98; Kafka's ProducerStateManager,
// ProducerStateEntry and ProducerAppendInfo, as of Kafka 3.x with KIP-360). For every producer
// id it keeps the producer epoch and the metadata of its last five batches, enough for the leader
// to tell a retry (answered with the original offsets, never appended twice) from a gap
// (OUT_OF_ORDER_SEQUENCE_NUMBER) and from a fenced producer (INVALID_PRODUCER_EPOCH).
// PROTOCOL-NOTES.md section 7.
//
// The state is a pure function of the batch headers in the log, in offset order: leaders and
// followers apply every appended batch with `update`, and a replica that opens a log or becomes
// leader rebuilds it (`rebuildFrom`, optionally on top of a snapshot, producer-snapshot.ts), so a
// new leader deduplicates retries of batches its predecessor wrote.
//
// Contract with the caller: `check`, then the log append, then `update` must not interleave
// with another check of the same partition (Kafka holds the log lock across all three), or two
// retries of one batch could both pass the check. `check` takes the offset the batch will get
// (the log end under that lock) only to say where it would land.
import {
  NO_PRODUCER_ID,
  RETAINED_BATCHES_PER_PRODUCER,
  isNextSequence,
  lastSequenceOf,
} from './producer-sequence.js';

/** The header fields this state reads (a RecordBatchHeader has them all). */
export interface ProducerBatchHeader {
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  lastOffsetDelta: number;
  /** The batch's maxTimestamp: what Kafka expires producers by, the same on every replica. */
  maxTimestamp: bigint;
}

/** A batch as read back from the log: its header with the offset the leader stamped. */
export interface LoggedBatchHeader extends ProducerBatchHeader {
  baseOffset: bigint;
}

/** What is remembered of one appended batch (Kafka's BatchMetadata). */
export interface ProducerBatchMetadata {
  firstSequence: number;
  lastSequence: number;
  firstOffset: number;
  lastOffset: number;
  timestampMs: number;
}

/** One producer's state: its epoch and its last batches, oldest first, never empty. */
export interface ProducerEntry {
  producerId: bigint;
  producerEpoch: number;
  batches: ProducerBatchMetadata[];
}

/** The check's verdict on an idempotent batch before the leader appends it. */
export type ProducerCheck =
  | {
      kind: 'append';
      /** Where the batch will land if appended at the `nextOffset` given to `check`. */
      firstOffset: number;
      lastOffset: number;
      /** -1 for a batch that is not idempotent. */
      firstSequence: number;
      lastSequence: number;
    }
  | { kind: 'duplicate'; firstOffset: number; lastOffset: number; timestampMs: number }
  | { kind: 'rejected'; code: ProducerRejection; message: string };

export type ProducerRejection = 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'INVALID_PRODUCER_EPOCH' | 'UNKNOWN_PRODUCER_ID' | 'INVALID_RECORD';

export interface ProducerStateOptions {
  /** Kafka's producer.id.expiration.ms (default one day): idle producers are forgotten after it. */
  producerIdExpirationMs: number;
  /**
   * What to do with a producer this partition has no state for whose first sequence is not 0.
   * Kafka 3.x (KIP-360) accepts it ('accept': its records may have been removed by retention or
   * its state expired, and refusing would wedge the producer); before KIP-360 Kafka answered
   * UNKNOWN_PRODUCER_ID ('reject'). The broker uses 'out-of-order': over gRPC a producer's
   * concurrent Produce calls are HTTP/2 streams that may reach a partition in any order (Kafka's
   * broker reads one request per connection at a time, so its batches arrive in order), and a
   * later batch overtaking a new producer's first one would otherwise be accepted, making the
   * first a sequence error when it lands. OUT_OF_ORDER_SEQUENCE_NUMBER sends the overtaker back
   * to wait behind it (the SDK retries a non-head batch); if the first batch itself is refused,
   * the state really was lost and the SDK moves to a new producer id.
   */
  unknownProducer: 'accept' | 'reject' | 'out-of-order';
}

export const DEFAULT_PRODUCER_STATE_OPTIONS: ProducerStateOptions = {
  producerIdExpirationMs: 86_400_000,
  unknownProducer: 'accept',
};

/** What the broker's partitions use (see unknownProducer). */
export const BROKER_PRODUCER_STATE_OPTIONS: ProducerStateOptions = { ...DEFAULT_PRODUCER_STATE_OPTIONS, unknownProducer: 'out-of-order' };

/** What `truncateTo` removed; forgotten producers need a rebuild from the log to be exact. */
export interface ProducerTruncation {
  removedBatches: number;
  forgottenProducerIds: bigint[];
}

export class ProducerStateManager {
  private readonly producers = new Map<bigint, ProducerEntry>();
  private appliedEndOffset: number;

  constructor(
    private readonly options: ProducerStateOptions = DEFAULT_PRODUCER_STATE_OPTIONS,
    entries: readonly ProducerEntry[] = [],
    endOffset = 0,
  ) {
    for (const entry of entries) this.producers.set(entry.producerId, copyEntry(entry));
    this.appliedEndOffset = endOffset;
  }

  /** The offset after the last batch applied: the state covers every batch below it. */
  get endOffset(): number {
    return this.appliedEndOffset;
  }

  get producerCount(): number {
    return this.producers.size;
  }

  /** A copy of every producer's state, by ascending producer id (the snapshot order). */
  entries(): ProducerEntry[] {
    return [...this.producers.values()].sort((a, b) => compareIds(a.producerId, b.producerId)).map(copyEntry);
  }

  entry(producerId: bigint): ProducerEntry | undefined {
    const entry = this.producers.get(producerId);
    return entry === undefined ? undefined : copyEntry(entry);
  }

  /**
   * The leader's check of a produced batch that would be appended at `nextOffset`. In Kafka's
   * order: a retry of one of the last five batches (same epoch, same sequence range) is a
   * duplicate; an older epoch is fenced; a newer epoch must start at sequence 0; otherwise the
   * batch must start right after the producer's last sequence.
   */
  check(header: ProducerBatchHeader, nextOffset: number): ProducerCheck {
    const placement = { firstOffset: nextOffset, lastOffset: nextOffset + header.lastOffsetDelta };
    if (!isIdempotent(header)) return { kind: 'append', ...placement, firstSequence: -1, lastSequence: -1 };
    const malformed = malformedIdempotentHeader(header);
    if (malformed !== undefined) return { kind: 'rejected', code: 'INVALID_RECORD', message: malformed };
    const lastSequence = lastSequenceOf(header.baseSequence, header.lastOffsetDelta);
    const entry = this.producers.get(header.producerId);
    const duplicate = entry === undefined ? undefined : findDuplicate(entry, header.producerEpoch, header.baseSequence, lastSequence);
    if (duplicate !== undefined) {
      return { kind: 'duplicate', firstOffset: duplicate.firstOffset, lastOffset: duplicate.lastOffset, timestampMs: duplicate.timestampMs };
    }
    const rejection = this.sequenceRejection(entry, header);
    if (rejection !== undefined) return rejection;
    return { kind: 'append', ...placement, firstSequence: header.baseSequence, lastSequence };
  }

  /**
   * Applies a batch appended at `baseOffset`, on the leader after its append and on followers
   * and rebuilds without any check (Kafka's AppendOrigin.REPLICATION: the leader checked it).
   * A batch in another epoch replaces the producer's batches, as ProducerStateEntry.addBatch does.
   */
  update(header: ProducerBatchHeader, baseOffset: number): void {
    const lastOffset = baseOffset + header.lastOffsetDelta;
    this.appliedEndOffset = Math.max(this.appliedEndOffset, lastOffset + 1);
    if (!isIdempotent(header)) return;
    const batch: ProducerBatchMetadata = {
      firstSequence: header.baseSequence,
      lastSequence: lastSequenceOf(header.baseSequence, header.lastOffsetDelta),
      firstOffset: baseOffset,
      lastOffset,
      timestampMs: Number(header.maxTimestamp),
    };
    const entry = this.producers.get(header.producerId);
    if (entry === undefined || entry.producerEpoch !== header.producerEpoch) {
      this.producers.set(header.producerId, { producerId: header.producerId, producerEpoch: header.producerEpoch, batches: [batch] });
      return;
    }
    entry.batches.push(batch);
    if (entry.batches.length > RETAINED_BATCHES_PER_PRODUCER) entry.batches.shift();
  }

  /** Replaces the whole state with `entries`, covering every batch below `endOffset` (a snapshot). */
  restore(entries: readonly ProducerEntry[], endOffset: number): void {
    this.producers.clear();
    for (const entry of entries) this.producers.set(entry.producerId, copyEntry(entry));
    this.appliedEndOffset = endOffset;
  }

  /** Applies the log's batches in offset order (startup, becoming leader, after a truncation). */
  rebuildFrom(batches: Iterable<LoggedBatchHeader>): void {
    for (const batch of batches) this.update(batch, Number(batch.baseOffset));
  }

  /**
   * Forgets every batch at or above `offset` (the log was truncated there, at a batch boundary).
   * A producer that keeps at least one batch keeps an exact epoch and last sequence, since its
   * batches are its latest ones and share one epoch; only its window of retries is shorter. A
   * producer left with none is forgotten, though the log below `offset` may still hold its
   * batches (from an older epoch, or beyond the window): the caller must then restore the state
   * as Kafka's truncateAndReload does, from the newest snapshot at or below `offset` plus the log
   * from the snapshot's end to `offset`, or else that producer counts as unknown.
   */
  truncateTo(offset: number): ProducerTruncation {
    let removedBatches = 0;
    const forgottenProducerIds: bigint[] = [];
    for (const [producerId, entry] of this.producers) {
      const kept = entry.batches.filter((batch) => batch.lastOffset < offset);
      removedBatches += entry.batches.length - kept.length;
      if (kept.length === 0) {
        this.producers.delete(producerId);
        forgottenProducerIds.push(producerId);
      } else {
        entry.batches = kept;
      }
    }
    this.appliedEndOffset = Math.min(this.appliedEndOffset, offset);
    return { removedBatches, forgottenProducerIds: forgottenProducerIds.sort(compareIds) };
  }

  /**
   * Forgets producers whose last batch's timestamp is producerIdExpirationMs or more before
   * `nowMs` (Kafka's removeExpiredProducers); returns their ids. The broker calls it on a
   * schedule (Kafka: producer.id.expiration.check.interval.ms, ten minutes).
   */
  removeExpiredProducers(nowMs: number): bigint[] {
    const expired: bigint[] = [];
    for (const [producerId, entry] of this.producers) {
      if (nowMs - lastBatchOf(entry).timestampMs >= this.options.producerIdExpirationMs) {
        this.producers.delete(producerId);
        expired.push(producerId);
      }
    }
    return expired.sort(compareIds);
  }

  private sequenceRejection(entry: ProducerEntry | undefined, header: ProducerBatchHeader): ProducerCheck | undefined {
    const { producerId, producerEpoch, baseSequence } = header;
    if (entry === undefined) {
      if (baseSequence === 0 || this.options.unknownProducer === 'accept') return undefined;
      if (this.options.unknownProducer === 'out-of-order') {
        return rejected('OUT_OF_ORDER_SEQUENCE_NUMBER', `no state for producer ${producerId}: its first batch must start at sequence 0, not ${baseSequence}`);
      }
      return rejected('UNKNOWN_PRODUCER_ID', `no state for producer ${producerId} and its batch starts at sequence ${baseSequence}, not 0`);
    }
    if (producerEpoch < entry.producerEpoch) {
      // Kafka answers a produce from an older epoch with INVALID_PRODUCER_EPOCH since 2.7
      // (PRODUCER_FENCED before): a newer instance of this producer took over.
      return rejected('INVALID_PRODUCER_EPOCH', `producer ${producerId} epoch ${producerEpoch} is older than its current epoch ${entry.producerEpoch}`);
    }
    if (producerEpoch > entry.producerEpoch) {
      if (baseSequence === 0) return undefined;
      return rejected('OUT_OF_ORDER_SEQUENCE_NUMBER', `producer ${producerId} starts new epoch ${producerEpoch} at sequence ${baseSequence}, not 0`);
    }
    const lastSequence = lastBatchOf(entry).lastSequence;
    if (isNextSequence(lastSequence, baseSequence)) return undefined;
    return rejected('OUT_OF_ORDER_SEQUENCE_NUMBER', `producer ${producerId} epoch ${producerEpoch} sent sequence ${baseSequence} after ${lastSequence}`);
  }
}

function isIdempotent(header: ProducerBatchHeader): boolean {
  return header.producerId !== NO_PRODUCER_ID;
}

/** An idempotent batch needs a producer id, epoch and sequence; Kafka's client always sets them. */
function malformedIdempotentHeader(header: ProducerBatchHeader): string | undefined {
  if (header.producerId < 0n) return `producer id ${header.producerId} is negative`;
  if (header.producerEpoch < 0) return `producer ${header.producerId} sent no producer epoch`;
  if (header.baseSequence < 0) return `producer ${header.producerId} sent no base sequence`;
  return undefined;
}

/** The retained batch with exactly this sequence range in this epoch (ProducerStateEntry.findDuplicateBatch). */
function findDuplicate(entry: ProducerEntry, epoch: number, firstSequence: number, lastSequence: number): ProducerBatchMetadata | undefined {
  if (entry.producerEpoch !== epoch) return undefined;
  return entry.batches.find((batch) => batch.firstSequence === firstSequence && batch.lastSequence === lastSequence);
}

function rejected(code: ProducerRejection, message: string): ProducerCheck {
  return { kind: 'rejected', code, message };
}

function lastBatchOf(entry: ProducerEntry): ProducerBatchMetadata {
  const last = entry.batches[entry.batches.length - 1];
  // Invariant: a producer entry holds at least one batch (entries are created by a batch and
  // deleted when truncation leaves none).
  if (last === undefined) throw new Error(`invariant NonEmptyProducerEntry broken for producer ${entry.producerId}`);
  return last;
}

function copyEntry(entry: ProducerEntry): ProducerEntry {
  return { producerId: entry.producerId, producerEpoch: entry.producerEpoch, batches: entry.batches.map((batch) => ({ ...batch })) };
}

export function compareIds(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
