// The producer-state snapshot codec: its layout byte for byte on a small example, refusal of
// every corruption with a ProducerSnapshotError (bit flips, truncation, arbitrary bytes), and the
// property the format exists for: restoring from the snapshot at a random cut of a random log and
// replaying the tail gives exactly the state of a rebuild from the whole log. SEED=<n> reproduces.
import fc from 'fast-check';
import { SeededRandom } from '@brook/storage/testing';
import { describe, expect, it } from 'vitest';
import { ProducerSnapshotError, decodeProducerSnapshot, encodeProducerSnapshot, type ProducerSnapshot } from './producer-snapshot.js';
import { ProducerStateManager, DEFAULT_PRODUCER_STATE_OPTIONS } from './producer-state.js';
import { runProducerWorkload } from './testing/producer-workload.js';

const SEED = Number(process.env.SEED ?? 20_261_123);

const example: ProducerSnapshot = {
  endOffset: 12,
  producers: [
    { producerId: 3n, producerEpoch: 1, batches: [{ firstSequence: 0, lastSequence: 1, firstOffset: 4, lastOffset: 5, timestampMs: 1_700_000_000_000 }] },
    {
      producerId: 9n,
      producerEpoch: 0,
      batches: [
        { firstSequence: 2147483646, lastSequence: 0, firstOffset: 6, lastOffset: 8, timestampMs: 7 },
        { firstSequence: 1, lastSequence: 1, firstOffset: 11, lastOffset: 11, timestampMs: 8 },
      ],
    },
  ],
};

describe('producer snapshot layout', () => {
  it('is version, CRC-32C, endOffset, count, then producers and their batches, big-endian', () => {
    const bytes = encodeProducerSnapshot(example);
    expect(bytes.byteLength).toBe(18 + 2 * 11 + 3 * 32);
    const view = new DataView(bytes.buffer);
    expect(view.getInt16(0)).toBe(1);
    expect(view.getBigInt64(6)).toBe(12n);
    expect(view.getInt32(14)).toBe(2);
    expect(view.getBigInt64(18)).toBe(3n);
    expect(view.getInt16(26)).toBe(1);
    expect(view.getInt8(28)).toBe(1);
    expect(view.getInt32(29 + 4)).toBe(1);
    expect(decodeProducerSnapshot(bytes)).toEqual(example);
    expect(decodeProducerSnapshot(encodeProducerSnapshot({ endOffset: 0, producers: [] }))).toEqual({ endOffset: 0, producers: [] });
  });

  it('refuses every flipped bit, every truncation and trailing bytes', () => {
    const bytes = encodeProducerSnapshot(example);
    for (let bit = 0; bit < bytes.byteLength * 8; bit++) {
      const flipped = Uint8Array.from(bytes);
      flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      expect(() => decodeProducerSnapshot(flipped)).toThrow(ProducerSnapshotError);
    }
    for (let cut = 0; cut < bytes.byteLength; cut++) expect(() => decodeProducerSnapshot(bytes.subarray(0, cut))).toThrow(ProducerSnapshotError);
    expect(() => decodeProducerSnapshot(Uint8Array.of(...bytes, 0))).toThrow(ProducerSnapshotError);
  });

  it('refuses a well-checksummed snapshot that breaks an invariant', () => {
    const pastEnd = { ...example, endOffset: 11 };
    expect(() => decodeProducerSnapshot(encodeProducerSnapshot(pastEnd))).toThrow(/past the snapshot end/);
    const unordered = { ...example, producers: [...example.producers].reverse() };
    expect(() => decodeProducerSnapshot(encodeProducerSnapshot(unordered))).toThrow(/not ascending/);
    const [first] = example.producers;
    if (first === undefined) throw new Error('example has producers');
    const tooMany = { endOffset: 100, producers: [{ ...first, batches: Array.from({ length: 6 }, (_, i) => ({ ...first.batches[0]!, firstOffset: i, lastOffset: i })) }] };
    expect(() => decodeProducerSnapshot(encodeProducerSnapshot(tooMany))).toThrow(/6 batches/);
  });

  it(`gives a ProducerSnapshotError for arbitrary bytes, never another failure (SEED=${SEED})`, () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (raw) => {
      try {
        decodeProducerSnapshot(raw);
      } catch (error) {
        expect(error).toBeInstanceOf(ProducerSnapshotError);
      }
    }), { seed: SEED, numRuns: 2000 });
  });
});

describe(`snapshot plus tail equals a full rebuild (SEED=${SEED})`, () => {
  it('for a random log and a random cut', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, steps, cutFraction) => {
      const { log } = runProducerWorkload(new SeededRandom(seed), new ProducerStateManager(), steps);
      const cutIndex = Math.floor(log.length * cutFraction);
      const prefix = new ProducerStateManager();
      prefix.rebuildFrom(log.slice(0, cutIndex));
      const snapshot = decodeProducerSnapshot(encodeProducerSnapshot({ endOffset: prefix.endOffset, producers: prefix.entries() }));
      const restored = new ProducerStateManager(DEFAULT_PRODUCER_STATE_OPTIONS, snapshot.producers, snapshot.endOffset);
      restored.rebuildFrom(log.slice(cutIndex));
      const full = new ProducerStateManager();
      full.rebuildFrom(log);
      expect(restored.entries(), `workload seed ${seed}`).toEqual(full.entries());
      expect(encodeProducerSnapshot({ endOffset: restored.endOffset, producers: restored.entries() })).toEqual(
        encodeProducerSnapshot({ endOffset: full.endOffset, producers: full.entries() }),
      );
    }), { seed: SEED, numRuns: 200 });
  });
});
