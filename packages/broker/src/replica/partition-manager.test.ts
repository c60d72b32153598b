// Checks the partition manager through an in-process broker: retention deletes old segments on
// its timer and moves the log start offset (reads below it are OFFSET_OUT_OF_RANGE); a topic's
// data survives a restart; a data directory formatted for another node id is refused.
// Then directly over an image-backed metadata view, as in a cluster: only partitions whose
// replicas include this node are opened; replica moves open and delete logs; unknown directories
// are kept at start (stray logs) and only deletions seen live remove data.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorCodeByNumber } from '@brook/protocol';
import { encodeRecordBatch } from '@brook/record-batch';
import { writePartitionMetadata, NodeFileSystem } from '@brook/storage';
import { startTestServer, unaryCall, type TestServer } from '../testing/index.js';
import { FakeMetadataSource, testTopicId, topicRecords } from '../cluster/cluster-test-fakes.js';
import { ImageMetadataView } from '../cluster/image-metadata-view.js';
import { PartitionManager, type UnknownDirectoryPolicy } from './partition-manager.js';

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

  it('keeps the data of its topics across a restart, and refuses a data directory of another node id', async () => {
    // What happens to directories no topic owns depends on the node's policy (single node:
    // removed; cluster: kept as strays); both are checked directly below.
    const first = await startTestServer();
    await unaryCall(first.client, 'CreateTopics', { topics: [{ name: 'owned' }] });
    await first.close({ keepDataDir: true });
    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      expect(existsSync(join(first.dataDir, 'partitions', 'owned-0'))).toBe(true);
    } finally {
      await second.close({ keepDataDir: true });
    }
    await expect(startTestServer({ dataDir: first.dataDir, config: { nodeId: 2 } })).rejects.toThrow(/belongs to node 1/);
    const cleanup = await startTestServer({ dataDir: first.dataDir });
    await cleanup.close();
  });
});

describe('PartitionManager in a cluster', () => {
  const LOCAL = 1;
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  interface Harness {
    source: FakeMetadataSource;
    view: ImageMetadataView;
    manager: PartitionManager;
    dataDir: string;
    warnings: string[];
    directories(): string[];
    settled(): Promise<void>;
  }

  function harness(options: { dataDir?: string; source?: FakeMetadataSource; unknownDirectories?: UnknownDirectoryPolicy } = {}): Harness {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'brook-pm-'));
    if (options.dataDir === undefined) cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const source = options.source ?? new FakeMetadataSource();
    if (options.source === undefined) source.addLiveBrokers(1, 2, 3);
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(String((JSON.parse(line) as { msg: string }).msg)) });
    const view = new ImageMetadataView({ source, clusterId: 'c', nodeId: LOCAL, logger });
    const manager = new PartitionManager({
      dataDir,
      metadata: view,
      logDefaults: { retentionMs: -1, retentionBytes: -1, segmentBytes: 1 << 20, segmentMs: 3_600_000, maxMessageBytes: 1 << 20, flushPolicy: 'every-append' as const, flushMs: 1000, flushMessages: -1, minInsyncReplicas: 1 },
      retentionCheckIntervalMs: 60_000,
      logger,
      unknownDirectories: options.unknownDirectories ?? 'keep',
    });
    cleanups.push(async () => {
      await manager.close();
      view.close();
    });
    const partitionsDir = join(dataDir, 'partitions');
    return {
      source,
      view,
      manager,
      dataDir,
      warnings,
      directories: () => (existsSync(partitionsDir) ? readdirSync(partitionsDir).sort() : []),
      settled: () => view.waitForOffset(source.image().offset, 5_000),
    };
  }

  const open = (manager: PartitionManager): string[] => manager.all().map((p) => `${p.topic}-${p.partition}`).sort();

  it('checkpoints high watermarks and starts a reopened partition from its own', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'brook-pm-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const source = new FakeMetadataSource();
    source.addLiveBrokers(1, 2, 3);
    source.apply(topicRecords('hw', testTopicId(3), [[1, 2]]));
    const first = harness({ dataDir, source });
    await first.manager.start();
    const leader = first.manager.get('hw', 0)!;
    await leader.waitForLeadership(0, 5_000);
    await leader.append(encodeRecordBatch({ records: Array.from({ length: 6 }, () => ({ key: null, value: Buffer.from('x'), headers: [], timestamp: 1n })) }));
    await leader.append(encodeRecordBatch({ records: [{ key: null, value: Buffer.from('y'), headers: [], timestamp: 1n }] }));
    await leader.log.flushedUpTo(7);
    // Follower 2 (in the ISR) has fetched the first batch only.
    expect(leader.recordFollowerFetch(2, 0, 6)).toBe(true);
    await vi.waitFor(() => expect(leader.highWatermark).toBe(6));
    await first.manager.close();
    expect(readFileSync(join(dataDir, 'replication-offset-checkpoint'), 'utf8')).toBe('0\n1\nhw 0 6\n');

    const second = harness({ dataDir, source });
    await second.manager.start();
    const reopened = second.manager.get('hw', 0)!;
    await reopened.waitForLeadership(0, 5_000);
    // Before follower 2 fetches again: its own checkpoint, not the log start.
    expect(reopened.logEndOffset).toBe(7);
    expect(reopened.highWatermark).toBe(6);
  });

  it('opens only the partitions whose replicas include this node, and creates their directories', async () => {
    const h = harness();
    h.source.apply(topicRecords('before', testTopicId(1), [[1, 2], [2, 3], [3, 1]]));
    await h.manager.start();
    expect(open(h.manager)).toEqual(['before-0', 'before-2']);
    h.source.apply(topicRecords('after', testTopicId(2), [[2], [1]]));
    await h.settled();
    expect(open(h.manager)).toEqual(['after-1', 'before-0', 'before-2']);
    expect(h.directories()).toEqual(['after-1', 'before-0', 'before-2']);
  });

  it('follows replica moves and added partitions, and deletes a deleted topic', async () => {
    const h = harness();
    const id = testTopicId(1);
    h.source.apply(topicRecords('t', id, [[1, 2], [2, 3]]));
    await h.manager.start();
    // Partition 0 leaves this node, partition 1 comes to it, partition 2 is added here.
    h.source.apply([
      { type: 'PartitionChange', version: 0, topicId: id, partition: 0, replicas: [2, 3], isr: [2, 3], leader: 2 },
      { type: 'PartitionChange', version: 0, topicId: id, partition: 1, replicas: [2, 3, 1], isr: [2, 3] },
      { type: 'Partition', version: 0, topicId: id, partition: 2, replicas: [1], isr: [1], leader: 1, leaderEpoch: 0, partitionEpoch: 0 },
    ]);
    await h.settled();
    expect(open(h.manager)).toEqual(['t-1', 't-2']);
    expect(h.directories()).toEqual(['t-1', 't-2']);
    // A leader change alone keeps the log open.
    h.source.apply([{ type: 'PartitionChange', version: 0, topicId: id, partition: 1, isr: [2, 3, 1], leader: 1 }]);
    await h.settled();
    expect(open(h.manager)).toEqual(['t-1', 't-2']);
    h.source.apply([{ type: 'RemoveTopic', version: 0, topicId: id }]);
    await h.settled();
    expect(open(h.manager)).toEqual([]);
    expect(h.directories()).toEqual([]);
  });

  it('keeps directories the image does not know at start, and sets aside another topic id\'s log in the way', async () => {
    const first = harness();
    first.source.apply(topicRecords('kept', testTopicId(1), [[1]]));
    await first.manager.start();
    await first.manager.close();
    const partitions = join(first.dataDir, 'partitions');
    mkdirSync(join(partitions, 'ghost-0'));
    writeFileSync(join(partitions, 'ghost-0', '00000000000000000000.log'), 'unknown');
    mkdirSync(join(partitions, 'reborn-0'));
    await writePartitionMetadata(new NodeFileSystem(), join(partitions, 'reborn-0'), testTopicId(7));
    // The image now has 'kept' gone and 'reborn' under a new id: neither was deleted live.
    const source = new FakeMetadataSource();
    source.addLiveBrokers(1);
    source.apply(topicRecords('reborn', testTopicId(8), [[1]]));
    const second = harness({ dataDir: first.dataDir, source });
    await second.manager.start();
    expect(open(second.manager)).toEqual(['reborn-0']);
    expect(second.directories()).toEqual(['ghost-0', 'kept-0', `reborn-0`, `reborn-0.${testTopicId(7)}-stray`]);
    expect(second.warnings.filter((message) => message.includes('stray log'))).toHaveLength(3);
  });

  it('removes unknown directories at start under the single-node policy', async () => {
    const h = harness({ unknownDirectories: 'remove' });
    mkdirSync(join(h.dataDir, 'partitions', 'ghost-0'), { recursive: true });
    h.source.apply(topicRecords('mine', testTopicId(1), [[1]]));
    await h.manager.start();
    expect(h.directories()).toEqual(['mine-0']);
  });

  it('applies a change announced while the logs open after them, and ignores one already seen', async () => {
    const h = harness();
    h.source.apply(topicRecords('early', testTopicId(1), [[1]]));
    const starting = h.manager.start();
    h.source.apply(topicRecords('late', testTopicId(2), [[1]]));
    await starting;
    await h.settled();
    expect(open(h.manager)).toEqual(['early-0', 'late-0']);
  });
});
