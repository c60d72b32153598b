// A seeded workload for the producer-state tests: a few idempotent producers (and a
// non-idempotent one) send batches to a leader that checks each with ProducerStateManager and
// appends the accepted ones to an in-memory log of headers. Producers retry recent batches, bump
// their epoch, leave gaps, and zombies send from an older epoch, so every branch of the check is
// taken. The resulting log is what a replica would rebuild its state from.
import { incrementSequence, NO_PRODUCER_ID, SEQUENCE_MAX } from '../producer-sequence.js';
import type { LoggedBatchHeader, ProducerBatchHeader, ProducerCheck, ProducerStateManager } from '../producer-state.js';

/** The seeded generator the tests pass in (@brook/storage/testing's SeededRandom fits). */
export interface WorkloadRandom {
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export interface WorkloadAnswer {
  header: ProducerBatchHeader;
  check: ProducerCheck;
}

interface SimulatedProducer {
  producerId: bigint;
  epoch: number;
  nextSequence: number;
  sent: ProducerBatchHeader[];
}

/** Runs `steps` produce attempts against `leader`; returns the log and every answer. */
export function runProducerWorkload(random: WorkloadRandom, leader: ProducerStateManager, steps: number): { log: LoggedBatchHeader[]; answers: WorkloadAnswer[] } {
  const producers = [1n, 2n, 3n, 7n].map((producerId): SimulatedProducer => ({
    producerId,
    epoch: random.int(0, 2),
    // Some producers start near the int32 end so the sequence wraps within a run.
    nextSequence: random.chance(0.3) ? SEQUENCE_MAX - random.int(0, 20) : 0,
    sent: [],
  }));
  const log: LoggedBatchHeader[] = [];
  const answers: WorkloadAnswer[] = [];
  let nowMs = 1_000_000;
  for (let step = 0; step < steps; step++) {
    nowMs += random.int(0, 50);
    const header = nextHeader(random, random.pick(producers), nowMs);
    const nextOffset = leader.endOffset;
    const check = leader.check(header, nextOffset);
    answers.push({ header, check });
    if (check.kind !== 'append') continue;
    leader.update(header, nextOffset);
    log.push({ ...header, baseOffset: BigInt(nextOffset) });
  }
  return { log, answers };
}

function nextHeader(random: WorkloadRandom, producer: SimulatedProducer, nowMs: number): ProducerBatchHeader {
  const roll = random.int(0, 99);
  if (roll < 8) return plainBatch(random, nowMs);
  if (roll < 25 && producer.sent.length > 0) return { ...random.pick(producer.sent.slice(-7)) };
  if (roll < 29) {
    producer.epoch += 1;
    producer.nextSequence = 0;
    producer.sent = [];
  }
  if (roll >= 29 && roll < 32 && producer.epoch > 0) return { ...freshBatch(random, producer, nowMs), producerEpoch: producer.epoch - 1 };
  if (roll >= 32 && roll < 35) producer.nextSequence = incrementSequence(producer.nextSequence, random.int(1, 3));
  const header = freshBatch(random, producer, nowMs);
  producer.nextSequence = incrementSequence(header.baseSequence, header.lastOffsetDelta + 1);
  producer.sent.push(header);
  return header;
}

function freshBatch(random: WorkloadRandom, producer: SimulatedProducer, nowMs: number): ProducerBatchHeader {
  return {
    producerId: producer.producerId,
    producerEpoch: producer.epoch,
    baseSequence: producer.nextSequence,
    lastOffsetDelta: random.int(0, 3),
    maxTimestamp: BigInt(nowMs),
  };
}

function plainBatch(random: WorkloadRandom, nowMs: number): ProducerBatchHeader {
  return { producerId: NO_PRODUCER_ID, producerEpoch: -1, baseSequence: -1, lastOffsetDelta: random.int(0, 3), maxTimestamp: BigInt(nowMs) };
}
