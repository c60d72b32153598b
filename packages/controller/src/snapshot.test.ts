// Checks snapshots and the log as a whole with fast-check over seeded random command sequences
// (testing/workload.ts): after every committed batch the cluster invariants hold (fenced brokers
// never lead, every leader is in its ISR, ISR within replicas) and no epoch goes back; every
// batch survives the record codec; and for a random cut, decodeSnapshot(encodeSnapshot(prefix
// image)) plus the tail replays to exactly the image of the whole log (TESTING.md layer 2).
import fc from 'fast-check';
import { SeededRandom } from '@brook/raft';
import { describe, expect, it } from 'vitest';
import { replayBatch } from './delta.js';
import { BrokerHeartbeatTracker } from './heartbeat-tracker.js';
import { EMPTY_IMAGE } from './image.js';
import type { MetadataImage } from './image.js';
import { decodeRecords, encodeRecords, RecordDecodeError } from './record-codec.js';
import { decodeSnapshot, encodeSnapshot, SnapshotSchedule } from './snapshot.js';
import { randomTopicIds } from './controller-result.js';
import { InMemoryMetadataLog, epochRegressions, imageViolations, randomCommand } from './testing/index.js';

function runLog(seed: number, steps: number): { log: InMemoryMetadataLog; images: MetadataImage[] } {
  const random = new SeededRandom(seed);
  const log = new InMemoryMetadataLog();
  const tracker = new BrokerHeartbeatTracker(300);
  const ids = randomTopicIds(random);
  const images: MetadataImage[] = [log.image];
  let nowMs = 0;
  const silent = new Set<number>();
  for (let i = 0; i < steps; i++) {
    nowMs += random.nextInt(60);
    if (random.nextInt(20) === 0) silent.add(1 + random.nextInt(4));
    if (random.nextInt(15) === 0) silent.clear();
    const before = log.image;
    log.commit(randomCommand(random, log.image, { nowMs, ids }, tracker, undefined, silent));
    expect(imageViolations(log.image), `seed ${seed} step ${i}`).toEqual([]);
    expect(epochRegressions(before, log.image), `seed ${seed} step ${i}`).toEqual([]);
    if (log.image !== before) images.push(log.image);
  }
  return { log, images };
}

describe('snapshots', () => {
  it('encode deterministically and decode to an equal image', () => {
    const { log } = runLog(7, 300);
    const bytes = encodeSnapshot(log.image);
    const decoded = decodeSnapshot(bytes);
    expect(decoded).toEqual(log.image);
    expect(encodeSnapshot(decoded)).toEqual(bytes);
    expect(decodeSnapshot(encodeSnapshot(EMPTY_IMAGE))).toEqual(EMPTY_IMAGE);
  });

  it('rejects a snapshot that breaks an invariant', () => {
    const { log } = runLog(11, 300);
    const text = new TextDecoder().decode(encodeSnapshot(log.image).subarray(1));
    const broken = text.replace(/"isr":\[[0-9,]+\]/, '"isr":[]');
    expect(broken).not.toBe(text);
    expect(() => decodeSnapshot(Uint8Array.of(1, ...new TextEncoder().encode(broken)))).toThrow(/NonEmptyIsr/);
    const malformed = text.replace(/"fenced":(true|false)/, '"fenced":"no"');
    expect(malformed).not.toBe(text);
    expect(() => decodeSnapshot(Uint8Array.of(1, ...new TextEncoder().encode(malformed)))).toThrow(RecordDecodeError);
    expect(() => decodeSnapshot(Uint8Array.of(2, 123))).toThrow(RecordDecodeError);
  });

  it('runs a workload that reaches every record type', () => {
    const seen = new Set<string>();
    for (const seed of [1, 2, 3]) for (const batch of runLog(seed, 400).log.batches) for (const r of batch.records) seen.add(r.type);
    expect([...seen].sort()).toEqual(['BrokerRegistrationChange', 'Config', 'FenceBroker', 'Partition', 'PartitionChange', 'ProducerIdsBlock', 'RegisterBroker', 'RemoveTopic', 'Topic', 'UnfenceBroker']);
  });

  it('schedules a snapshot every N records', () => {
    const schedule = new SnapshotSchedule(10);
    expect(schedule.applied(4)).toBe(false);
    expect(schedule.applied(6)).toBe(true);
    schedule.taken();
    expect(schedule.applied(9)).toBe(false);
  });
});

describe('the metadata log (property)', () => {
  it('snapshot plus tail equals the whole log, and the invariants hold after every batch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 20, max: 250 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, steps, cutFraction) => {
        const { log } = runLog(seed, steps);
        const cut = Math.floor(cutFraction * log.batches.length);
        let whole = EMPTY_IMAGE;
        let prefix = EMPTY_IMAGE;
        log.batches.forEach((batch, i) => {
          // Every batch goes through the codec, as it would through Raft.
          const decoded = decodeRecords(encodeRecords(batch.records));
          whole = replayBatch(whole, decoded, batch.offset);
          if (i < cut) prefix = whole;
        });
        let restored = decodeSnapshot(encodeSnapshot(prefix));
        for (const batch of log.batches.slice(cut)) restored = replayBatch(restored, batch.records, batch.offset);
        expect(whole).toEqual(log.image);
        expect(encodeSnapshot(restored)).toEqual(encodeSnapshot(whole));
      }),
      { numRuns: 60 },
    );
  });
});
