// Checks the partition manager through an in-process broker: retention deletes old segments on
// its timer and moves the log start offset (reads below it are OFFSET_OUT_OF_RANGE); directories
// no topic owns are removed at start; a data directory formatted for another node id is refused.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodeByNumber } from '@brook/protocol';
import { encodeRecordBatch } from '@brook/record-batch';
import { startTestServer, unaryCall, type TestServer } from '../testing/index.js';

const batch = (value: string) => Buffer.from(encodeRecordBatch({ records: [{ key: null, value: Buffer.from(value.padEnd(100, '.')), headers: [], timestamp: BigInt(Date.now()) }] }));

async function earliest(broker: TestServer, topic: string): Promise<string | undefined> {
  const response = await unaryCall(broker.client, 'ListOffsets', { topics: [{ name: topic, partitions: [{ partition: 0, timestampMs: -2 }] }] });
  return response.topics[0]?.partitions[0]?.offset;
}

describe('PartitionManager', () => {
  it('applies retention.bytes on its timer and moves the log start offset', async () => {
    const broker = await startTestServer({ config: { retentionCheckIntervalMs: 50 } });
    try {
      // Every ~170-byte batch fills a 200-byte segment, so each lands in a segment of its own.
      await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'short', configs: { 'segment.bytes': '200', 'retention.bytes': '400' } }] });
      for (let i = 0; i < 6; i++) await unaryCall(broker.client, 'Produce', { acks: -1, topics: [{ name: 'short', partitions: [{ partition: 0, records: batch(`r${i}`) }] }] });
      await expect.poll(() => earliest(broker, 'short'), { timeout: 10_000 }).not.toBe('0');
      // Retention passes ran while the batches were still arriving, so the start offset moves in
      // steps; several passes (50 ms apart) after the last append, it has settled.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const start = Number(await earliest(broker, 'short'));
      expect(start).toBeGreaterThan(0);
      expect(start).toBeLessThan(6);
      const below = await unaryCall(broker.client, 'Fetch', { topics: [{ name: 'short', partitions: [{ partition: 0, fetchOffset: 0 }] }] });
      expect(errorCodeByNumber(below.topics[0]?.partitions[0]?.errorCode ?? 0)).toBe('OFFSET_OUT_OF_RANGE');
      const at = await unaryCall(broker.client, 'Fetch', { topics: [{ name: 'short', partitions: [{ partition: 0, fetchOffset: start }] }] });
      expect(at.topics[0]?.partitions[0]?.logStartOffset).toBe(String(start));
      expect(at.topics[0]?.partitions[0]?.records.length).toBeGreaterThan(0);
    } finally {
      await broker.close();
    }
  });

  it('removes partition directories no topic owns when it starts', async () => {
    const first = await startTestServer();
    await unaryCall(first.client, 'CreateTopics', { topics: [{ name: 'owned' }] });
    await first.close({ keepDataDir: true });
    const partitions = join(first.dataDir, 'partitions');
    for (const orphan of ['ghost-0', 'owned-5']) {
      mkdirSync(join(partitions, orphan));
      writeFileSync(join(partitions, orphan, '00000000000000000000.log'), 'leftover');
    }
    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      expect(existsSync(join(partitions, 'ghost-0'))).toBe(false);
      expect(existsSync(join(partitions, 'owned-5'))).toBe(false);
      expect(existsSync(join(partitions, 'owned-0'))).toBe(true);
    } finally {
      await second.close({ keepDataDir: true });
    }
    await expect(startTestServer({ dataDir: first.dataDir, config: { nodeId: 2 } })).rejects.toThrow(/belongs to node 1/);
    const cleanup = await startTestServer({ dataDir: first.dataDir });
    await cleanup.close();
  });
});
