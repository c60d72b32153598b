// The fake cluster's idempotence checks per partition, Kafka 3.x's rules (ProducerStateManager,
// ProducerAppendInfo): per producer id the current epoch, the last sequence and the last five
// batches appended. A batch equal to one of those five is a duplicate and gets its original base
// offset back; an older epoch is INVALID_PRODUCER_EPOCH; a new epoch must start at sequence 0; any
// other sequence than last + 1 is OUT_OF_ORDER_SEQUENCE_NUMBER (also for a producer id the
// partition has never seen, as Kafka 3.x answers since KIP-360).
import { BrookError } from '@brook/protocol';
import type { RecordBatchHeader } from '@brook/record-batch';

/** Kafka's ProducerStateEntry.NUM_BATCHES_TO_RETAIN. */
export const RETAINED_BATCHES = 5;

const SEQUENCE_MAX = 0x7fff_ffff;

interface AppendedBatch {
  readonly firstSequence: number;
  readonly lastSequence: number;
  readonly baseOffset: bigint;
}

interface ProducerEntry {
  epoch: number;
  lastSequence: number;
  readonly batches: AppendedBatch[];
}

/** What to do with a batch: append it, or answer with the offset it already has. */
export type SequenceVerdict = { readonly kind: 'append' } | { readonly kind: 'duplicate'; readonly baseOffset: bigint };

export class FakeProducerState {
  private readonly producers = new Map<bigint, ProducerEntry>();

  /** Checks a batch's producer fields; throws a BrookError with the broker's error code. */
  check(header: RecordBatchHeader): SequenceVerdict {
    if (header.producerId < 0n) return { kind: 'append' };
    const entry = this.producers.get(header.producerId);
    const firstSequence = header.baseSequence;
    const lastSequence = lastSequenceOf(header);
    if (entry !== undefined && header.producerEpoch < entry.epoch) {
      throw new BrookError('INVALID_PRODUCER_EPOCH', `epoch ${header.producerEpoch} is older than ${entry.epoch}`);
    }
    if (entry === undefined || header.producerEpoch > entry.epoch) {
      if (firstSequence !== 0) throw new BrookError('OUT_OF_ORDER_SEQUENCE_NUMBER', `a new producer or epoch must start at sequence 0, got ${firstSequence}`);
      return { kind: 'append' };
    }
    const duplicate = entry.batches.find((b) => b.firstSequence === firstSequence && b.lastSequence === lastSequence);
    if (duplicate !== undefined) return { kind: 'duplicate', baseOffset: duplicate.baseOffset };
    const expected = entry.lastSequence === SEQUENCE_MAX ? 0 : entry.lastSequence + 1;
    if (firstSequence !== expected) throw new BrookError('OUT_OF_ORDER_SEQUENCE_NUMBER', `expected sequence ${expected}, got ${firstSequence}`);
    return { kind: 'append' };
  }

  /** Records an appended batch (after check said 'append'). */
  appended(header: RecordBatchHeader, baseOffset: bigint): void {
    if (header.producerId < 0n) return;
    let entry = this.producers.get(header.producerId);
    if (entry === undefined || header.producerEpoch > entry.epoch) {
      entry = { epoch: header.producerEpoch, lastSequence: -1, batches: [] };
      this.producers.set(header.producerId, entry);
    }
    entry.lastSequence = lastSequenceOf(header);
    entry.batches.push({ firstSequence: header.baseSequence, lastSequence: entry.lastSequence, baseOffset });
    if (entry.batches.length > RETAINED_BATCHES) entry.batches.shift();
  }
}

function lastSequenceOf(header: RecordBatchHeader): number {
  const last = header.baseSequence + header.lastOffsetDelta;
  return last > SEQUENCE_MAX ? last - SEQUENCE_MAX - 1 : last;
}
