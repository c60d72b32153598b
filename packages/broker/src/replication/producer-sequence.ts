// Sequence arithmetic of the idempotent producer (KIP-98). A sequence is an int32 that counts
// records per (producer id, partition) from 0 and wraps from 2^31 - 1 back to 0, as Kafka's
// DefaultRecordBatch.incrementSequence and ProducerAppendInfo.inSequence define it. A batch
// covers the sequences baseSequence .. baseSequence + lastOffsetDelta (wrapping).

export const SEQUENCE_MAX = 0x7fff_ffff;
/** RecordBatch v2's "no producer id" (-1): the batch is not idempotent and bypasses every check. */
export const NO_PRODUCER_ID = -1n;
/** Kafka's NUM_BATCHES_TO_RETAIN: the client keeps at most 5 batches in flight per partition. */
export const RETAINED_BATCHES_PER_PRODUCER = 5;

/** `sequence + increment`, wrapping past SEQUENCE_MAX to 0 (DefaultRecordBatch.incrementSequence). */
export function incrementSequence(sequence: number, increment: number): number {
  if (sequence > SEQUENCE_MAX - increment) return increment - (SEQUENCE_MAX - sequence) - 1;
  return sequence + increment;
}

/** The last sequence of a batch from its base sequence and lastOffsetDelta. */
export function lastSequenceOf(baseSequence: number, lastOffsetDelta: number): number {
  return incrementSequence(baseSequence, lastOffsetDelta);
}

/** Whether `nextSequence` directly follows `lastSequence`, the wrap from SEQUENCE_MAX to 0 included. */
export function isNextSequence(lastSequence: number, nextSequence: number): boolean {
  return nextSequence === lastSequence + 1 || (nextSequence === 0 && lastSequence === SEQUENCE_MAX);
}
