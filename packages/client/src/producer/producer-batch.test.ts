// A producer batch never grows past batchBytes by the room check's estimate, even for records
// whose deltas take the most bytes, and it reports each send's records back in message order.
import { recordBytes, type RecordInput } from '@brook/record-batch';
import { describe, expect, it } from 'vitest';
import { ProducerBatch, RECORD_BYTES_SLACK } from './producer-batch.js';
import { batchBufferSizes } from './record-accumulator.js';
import { SendCall } from './send-call.js';

describe('ProducerBatch', () => {
  it('has room for a record only while it fits, whatever its deltas', () => {
    const batchBytes = 4096;
    const batch = new ProducerBatch('t', 0, 0, 1000, 1, batchBytes);
    const call = new SendCall(10_000);
    let index = 0;
    for (;;) {
      // Timestamps far apart: varlong deltas, the most bytes a delta can take.
      const record: RecordInput = { key: null, value: Buffer.alloc(index % 50), timestamp: index % 2 === 0 ? 0 : 2 ** 52 };
      const bytes = recordBytes(record, 0, 0);
      if (!batch.hasRoomFor(bytes, batchBytes)) break;
      batch.append(record, bytes, call, index++);
      expect(batch.sizeBytes).toBeLessThanOrEqual(batchBytes);
    }
    expect(index).toBeGreaterThan(50);
    expect(batch.sizeBytes + RECORD_BYTES_SLACK).toBeGreaterThan(batchBytes - 60);
  });

  it('acknowledges the runs of several sends at their offsets', async () => {
    const batch = new ProducerBatch('t', 3, 0, 1000, 1, 1024);
    const first = new SendCall(2);
    const second = new SendCall(1);
    const record: RecordInput = { key: null, value: Buffer.from('v'), timestamp: 1 };
    batch.append(record, 10, first, 0);
    batch.append(record, 10, second, 0);
    batch.append(record, 10, first, 1);
    batch.complete(100n);
    await expect(first.promise).resolves.toEqual([
      { topic: 't', partition: 3, offset: 100n },
      { topic: 't', partition: 3, offset: 102n },
    ]);
    await expect(second.promise).resolves.toEqual([{ topic: 't', partition: 3, offset: 101n }]);
    expect(batch.reservedBytes).toBe(30);
  });

  it('passes its buffer through doubling sizes from 16 KiB to batchBytes', () => {
    expect(batchBufferSizes(16_384, 16_384)).toEqual([16_384]);
    expect(batchBufferSizes(1000, 1000)).toEqual([1000]);
    expect(batchBufferSizes(16_384, 262_144)).toEqual([16_384, 32_768, 65_536, 131_072, 262_144]);
    expect(batchBufferSizes(16_384, 100_000)).toEqual([16_384, 32_768, 65_536, 100_000]);
  });
});
