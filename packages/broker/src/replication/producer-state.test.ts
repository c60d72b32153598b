// ProducerStateManager against Kafka 3.x's ProducerAppendInfo rules, one example per rule
// (duplicates of the last five batches, fencing, new epochs from sequence 0, gaps, the int32
// wrap, unknown producers, non-idempotent bypass), then truncation and expiry, then seeded
// properties over a random produce workload (testing/producer-workload.ts): a replica that
// rebuilds from the leader's log has the leader's state; the log never holds one sequence range
// twice; every duplicate answer names the original offsets. SEED=<n> reproduces a failure.
import fc from 'fast-check';
import { SeededRandom } from '@brook/storage/testing';
import { describe, expect, it } from 'vitest';
import { NO_PRODUCER_ID, SEQUENCE_MAX, incrementSequence, isNextSequence, lastSequenceOf } from './producer-sequence.js';
import { ProducerStateManager, type LoggedBatchHeader, type ProducerBatchHeader } from './producer-state.js';
import { runProducerWorkload } from './testing/producer-workload.js';

const SEED = Number(process.env.SEED ?? 20_261_123);

function batch(producerId: bigint, producerEpoch: number, baseSequence: number, records = 1, timestampMs = 1_000): ProducerBatchHeader {
  return { producerId, producerEpoch, baseSequence, lastOffsetDelta: records - 1, maxTimestamp: BigInt(timestampMs) };
}

/** Checks `header` at the state's end offset and appends it when accepted, as a leader would. */
function produce(state: ProducerStateManager, header: ProducerBatchHeader) {
  const check = state.check(header, state.endOffset);
  if (check.kind === 'append') state.update(header, check.firstOffset);
  return check;
}

describe('sequence arithmetic', () => {
  it('wraps from int32 max to 0, as DefaultRecordBatch.incrementSequence does', () => {
    expect(incrementSequence(5, 3)).toBe(8);
    expect(incrementSequence(SEQUENCE_MAX, 1)).toBe(0);
    expect(incrementSequence(SEQUENCE_MAX - 1, 3)).toBe(1);
    expect(lastSequenceOf(SEQUENCE_MAX, 0)).toBe(SEQUENCE_MAX);
    expect(isNextSequence(SEQUENCE_MAX, 0)).toBe(true);
    expect(isNextSequence(4, 5)).toBe(true);
    expect(isNextSequence(4, 6)).toBe(false);
    expect(isNextSequence(SEQUENCE_MAX, 1)).toBe(false);
  });
});

describe('ProducerStateManager.check', () => {
  it('lets non-idempotent batches through without state, placed at the next offset', () => {
    const state = new ProducerStateManager();
    const header = batch(NO_PRODUCER_ID, -1, -1, 3);
    expect(state.check(header, 10)).toEqual({ kind: 'append', firstOffset: 10, lastOffset: 12, firstSequence: -1, lastSequence: -1 });
    state.update(header, 10);
    expect(state.producerCount).toBe(0);
    expect(state.endOffset).toBe(13);
  });

  it('accepts the next sequence and refuses gaps and old sequences out of the window', () => {
    const state = new ProducerStateManager();
    expect(produce(state, batch(1n, 0, 0, 2))).toMatchObject({ kind: 'append', firstOffset: 0, lastOffset: 1, firstSequence: 0, lastSequence: 1 });
    expect(produce(state, batch(1n, 0, 2, 3))).toMatchObject({ kind: 'append', firstOffset: 2, lastOffset: 4 });
    expect(produce(state, batch(1n, 0, 6))).toMatchObject({ kind: 'rejected', code: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    // Overlapping a retained batch without matching its range exactly is a gap too.
    expect(produce(state, batch(1n, 0, 1, 2))).toMatchObject({ kind: 'rejected', code: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(state.endOffset).toBe(5);
  });

  it('answers a retry of any of the last five batches with its original offsets, not the sixth', () => {
    const state = new ProducerStateManager();
    for (let i = 0; i < 6; i++) produce(state, batch(1n, 0, i * 2, 2, 100 + i));
    for (let i = 1; i < 6; i++) {
      expect(state.check(batch(1n, 0, i * 2, 2), 99)).toEqual({ kind: 'duplicate', firstOffset: i * 2, lastOffset: i * 2 + 1, timestampMs: 100 + i });
    }
    expect(state.check(batch(1n, 0, 0, 2), 12)).toMatchObject({ kind: 'rejected', code: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(state.entry(1n)?.batches).toHaveLength(5);
  });

  it('fences an older epoch, starts a newer one only at sequence 0, and forgets the old window', () => {
    const state = new ProducerStateManager();
    produce(state, batch(1n, 3, 0));
    produce(state, batch(1n, 3, 1));
    expect(produce(state, batch(1n, 2, 2))).toMatchObject({ kind: 'rejected', code: 'INVALID_PRODUCER_EPOCH' });
    // Even a retry of a batch the older epoch wrote: the duplicate check needs the same epoch.
    expect(produce(state, batch(1n, 2, 0))).toMatchObject({ kind: 'rejected', code: 'INVALID_PRODUCER_EPOCH' });
    expect(produce(state, batch(1n, 4, 2))).toMatchObject({ kind: 'rejected', code: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(produce(state, batch(1n, 4, 0))).toMatchObject({ kind: 'append', firstOffset: 2 });
    expect(state.entry(1n)).toEqual({ producerId: 1n, producerEpoch: 4, batches: [expect.objectContaining({ firstOffset: 2 })] });
    expect(produce(state, batch(1n, 3, 1))).toMatchObject({ kind: 'rejected', code: 'INVALID_PRODUCER_EPOCH' });
  });

  it('follows the sequence across the int32 wrap', () => {
    const state = new ProducerStateManager();
    produce(state, batch(9n, 0, SEQUENCE_MAX - 1, 3));
    // SEQUENCE_MAX - 1, SEQUENCE_MAX, 0.
    expect(state.entry(9n)?.batches[0]).toMatchObject({ firstSequence: SEQUENCE_MAX - 1, lastSequence: 0 });
    expect(state.check(batch(9n, 0, SEQUENCE_MAX - 1, 3), 5)).toMatchObject({ kind: 'duplicate', firstOffset: 0, lastOffset: 2 });
    expect(produce(state, batch(9n, 0, 2))).toMatchObject({ kind: 'rejected', code: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(produce(state, batch(9n, 0, 1))).toMatchObject({ kind: 'append', firstOffset: 3 });
  });

  it('accepts an unknown producer at any sequence (Kafka 3.x, KIP-360) unless told to reject', () => {
    expect(produce(new ProducerStateManager(), batch(5n, 1, 42))).toMatchObject({ kind: 'append' });
    const strict = new ProducerStateManager({ producerIdExpirationMs: 1000, unknownProducer: 'reject' });
    expect(produce(strict, batch(5n, 1, 42))).toMatchObject({ kind: 'rejected', code: 'UNKNOWN_PRODUCER_ID' });
    expect(produce(strict, batch(5n, 1, 0))).toMatchObject({ kind: 'append' });
  });

  it("sends a batch overtaking a new producer's first one back as out of order (the broker's mode)", () => {
    const state = new ProducerStateManager({ producerIdExpirationMs: 1000, unknownProducer: 'out-of-order' });
    // Two concurrent Produce streams: sequence 3 lands before sequence 0.
    expect(produce(state, batch(5n, 0, 3))).toMatchObject({ kind: 'rejected', code: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(produce(state, batch(5n, 0, 0, 3))).toMatchObject({ kind: 'append', firstOffset: 0 });
    expect(produce(state, batch(5n, 0, 3))).toMatchObject({ kind: 'append', firstOffset: 3 });
  });

  it('refuses an idempotent batch without an epoch or a sequence', () => {
    const state = new ProducerStateManager();
    expect(state.check(batch(1n, -1, 0), 0)).toMatchObject({ kind: 'rejected', code: 'INVALID_RECORD' });
    expect(state.check(batch(1n, 0, -1), 0)).toMatchObject({ kind: 'rejected', code: 'INVALID_RECORD' });
    expect(state.check(batch(-5n, 0, 0), 0)).toMatchObject({ kind: 'rejected', code: 'INVALID_RECORD' });
  });
});

describe('ProducerStateManager.update on followers', () => {
  it('applies whatever the leader wrote, an older epoch included (AppendOrigin.REPLICATION)', () => {
    const state = new ProducerStateManager();
    state.update(batch(1n, 5, 0), 0);
    state.update(batch(1n, 4, 7), 1);
    expect(state.entry(1n)).toEqual({ producerId: 1n, producerEpoch: 4, batches: [{ firstSequence: 7, lastSequence: 7, firstOffset: 1, lastOffset: 1, timestampMs: 1000 }] });
  });
});

describe('producer state across a leader change', () => {
  it('lets a new leader rebuilt from its log deduplicate retries of its predecessor writes', () => {
    const oldLeader = new ProducerStateManager();
    const written: LoggedBatchHeader[] = [];
    for (let i = 0; i < 4; i++) {
      const header = batch(1n, 0, i * 2, 2);
      const check = produce(oldLeader, header);
      if (check.kind === 'append') written.push({ ...header, baseOffset: BigInt(check.firstOffset) });
    }
    // The follower replicated the first three batches before the old leader died unanswered.
    const newLeader = new ProducerStateManager();
    newLeader.rebuildFrom(written.slice(0, 3));
    // The producer retries everything it has no answer for, in order.
    expect(newLeader.check(batch(1n, 0, 2, 2), newLeader.endOffset)).toEqual({ kind: 'duplicate', firstOffset: 2, lastOffset: 3, timestampMs: 1_000 });
    expect(newLeader.check(batch(1n, 0, 4, 2), newLeader.endOffset)).toMatchObject({ kind: 'duplicate', firstOffset: 4 });
    expect(produce(newLeader, batch(1n, 0, 6, 2))).toMatchObject({ kind: 'append', firstOffset: 6, lastOffset: 7 });
  });
});

describe('ProducerStateManager.truncateTo', () => {
  it('drops batches at or past the offset and reports producers left without any', () => {
    const state = new ProducerStateManager();
    produce(state, batch(1n, 0, 0, 2)); // 0-1
    produce(state, batch(2n, 0, 0)); //    2
    produce(state, batch(1n, 0, 2)); //    3
    produce(state, batch(2n, 1, 0)); //    4: epoch bump, forgets epoch 0's window
    expect(state.truncateTo(3)).toEqual({ removedBatches: 2, forgottenProducerIds: [2n] });
    expect(state.entry(1n)?.batches.map((b) => b.lastOffset)).toEqual([1]);
    expect(state.entry(2n)).toBeUndefined();
    expect(state.endOffset).toBe(3);
    expect(produce(state, batch(1n, 0, 2))).toMatchObject({ kind: 'append', firstOffset: 3 });
  });
});

describe('ProducerStateManager.removeExpiredProducers', () => {
  it('forgets producers whose last batch is producerIdExpirationMs old', () => {
    const state = new ProducerStateManager({ producerIdExpirationMs: 1000, unknownProducer: 'accept' });
    produce(state, batch(1n, 0, 0, 1, 5_000));
    produce(state, batch(2n, 0, 0, 1, 5_500));
    expect(state.removeExpiredProducers(5_999)).toEqual([]);
    expect(state.removeExpiredProducers(6_000)).toEqual([1n]);
    expect(state.entries().map((entry) => entry.producerId)).toEqual([2n]);
  });
});

describe(`producer state over a random workload (SEED=${SEED})`, () => {
  const runs = { seed: SEED, numRuns: 150 };

  it('a replica rebuilding from the leader log has exactly the leader state', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 300 }), (seed, steps) => {
      const leader = new ProducerStateManager();
      const { log } = runProducerWorkload(new SeededRandom(seed), leader, steps);
      const replica = new ProducerStateManager();
      replica.rebuildFrom(log);
      expect(replica.entries(), `workload seed ${seed}`).toEqual(leader.entries());
      expect(replica.endOffset).toBe(leader.endOffset);
    }), runs);
  });

  it('never appends a sequence range twice per epoch and answers duplicates with the original offsets', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
      const { log, answers } = runProducerWorkload(new SeededRandom(seed), new ProducerStateManager(), 300);
      const placed = new Map<string, LoggedBatchHeader>();
      for (const header of log.filter((h) => h.producerId !== NO_PRODUCER_ID)) {
        const key = rangeKey(header);
        expect(placed.has(key), `workload seed ${seed}: ${key} appended twice`).toBe(false);
        placed.set(key, header);
      }
      for (const { header, check } of answers.filter((a) => a.check.kind === 'duplicate')) {
        const original = placed.get(rangeKey(header));
        expect(original, `workload seed ${seed}`).toBeDefined();
        expect(check).toMatchObject({ firstOffset: Number(original?.baseOffset), lastOffset: Number(original?.baseOffset) + header.lastOffsetDelta });
      }
      expect(answers.some((a) => a.check.kind === 'rejected')).toBe(true);
      expect(answers.some((a) => a.check.kind === 'duplicate')).toBe(true);
    }), { seed: SEED, numRuns: 60 });
  });

  it('truncation keeps an exact suffix of the rebuilt state for every producer it does not forget', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, cutFraction) => {
      const leader = new ProducerStateManager();
      const { log } = runProducerWorkload(new SeededRandom(seed), leader, 200);
      const cut = Math.floor(leader.endOffset * cutFraction);
      const { forgottenProducerIds } = leader.truncateTo(cut);
      const rebuilt = new ProducerStateManager();
      // The log removes the whole batch holding the cut (storage truncates at batch boundaries).
      rebuilt.rebuildFrom(log.filter((h) => Number(h.baseOffset) + h.lastOffsetDelta < cut));
      for (const entry of rebuilt.entries()) {
        const kept = leader.entry(entry.producerId);
        if (kept === undefined) {
          expect(forgottenProducerIds, `workload seed ${seed}`).toContain(entry.producerId);
          continue;
        }
        expect(kept.producerEpoch).toBe(entry.producerEpoch);
        expect(entry.batches.slice(-kept.batches.length)).toEqual(kept.batches);
      }
      expect(leader.producerCount).toBeLessThanOrEqual(rebuilt.producerCount);
    }), runs);
  });
});

function rangeKey(header: ProducerBatchHeader): string {
  return `${header.producerId}/${header.producerEpoch}/${header.baseSequence}-${lastSequenceOf(header.baseSequence, header.lastOffsetDelta)}`;
}
