// When a write counts (flush.policy), on a one-replica leader over a real log whose file fsyncs
// are held at a gate: under every-append (the default) a batch reaches the high watermark, and an
// acks=all wait returns, only once its fsync completed; under interval (Kafka's behaviour) the
// batch counts as soon as it is written, nothing forces an fsync, and the log's own interval
// timer makes it durable later.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeFileSystem, SegmentedLog, type FileHandle, type OpenOptions } from '@brook/storage';
import { encodeRecordBatch } from '@brook/record-batch';
import { Partition } from './partition.js';
import { loadProducerState } from './producer-state-loader.js';
import { logFlushPolicy, type LogSettings } from '../metadata/topic-configs.js';

const TOPIC_ID = '0123456789abcdef0123456789abcdef';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A NodeFileSystem whose file fsyncs wait until `release()`; counts the fsyncs asked for. */
class GatedFileSystem extends NodeFileSystem {
  syncs = 0;
  private gate: Promise<void> = Promise.resolve();
  private opened: () => void = () => undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.opened = resolve));
  }

  release(): void {
    this.opened();
  }

  override async open(path: string, options?: OpenOptions): Promise<FileHandle> {
    const handle = await super.open(path, options);
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      this.syncs++;
      await this.gate;
      await sync();
    };
    return handle;
  }
}

const settings = (overrides: Partial<LogSettings>): LogSettings => ({
  retentionMs: -1, retentionBytes: -1, segmentBytes: 1 << 20, segmentMs: 3_600_000, maxMessageBytes: 1 << 20,
  flushPolicy: 'every-append', flushMs: 3_600_000, flushMessages: -1, minInsyncReplicas: 1, ...overrides,
});

async function soleLeader(fileSystem: GatedFileSystem, logSettings: LogSettings): Promise<Partition> {
  const directory = await mkdtemp(join(tmpdir(), 'brook-durability-'));
  const log = await SegmentedLog.open({ fileSystem, directory, topicId: TOPIC_ID, ...logSettings, flushPolicy: logFlushPolicy(logSettings), recoveryPoint: 0 });
  const partition = new Partition('t', 0, TOPIC_ID, logSettings, directory, log, await loadProducerState(log), { localNodeId: 1, replicaLagMs: 10_000 });
  cleanup.push(async () => {
    fileSystem.release();
    await partition.close();
    await rm(directory, { recursive: true, force: true });
  });
  await partition.applyAssignment({ topic: 't', partition: 0, leaderId: 1, leaderEpoch: 0, replicas: [1], isr: [1], partitionEpoch: 0 }, 1);
  return partition;
}

const batch = (value: string) => encodeRecordBatch({ records: [{ key: null, value: Buffer.from(value), headers: [], timestamp: 1n }] });

describe('when a write counts toward the high watermark', () => {
  it('every-append (default): only after its fsync, and acks=all waits for it', async () => {
    const fileSystem = new GatedFileSystem();
    const partition = await soleLeader(fileSystem, settings({}));
    fileSystem.hold();
    const appended = await partition.append(batch('a'));
    let acknowledged = false;
    const waiting = partition.waitForHighWatermark(appended.result.lastOffset + 1, 10_000).then(() => (acknowledged = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(partition.logEndOffset).toBe(1);
    expect(partition.highWatermark).toBe(0);
    expect(acknowledged).toBe(false);
    fileSystem.release();
    await waiting;
    expect(partition.highWatermark).toBe(1);
    expect(partition.log.durableOffset).toBe(1);
  });

  it('interval: as soon as it is written, without an fsync; the interval timer syncs later', async () => {
    const fileSystem = new GatedFileSystem();
    const partition = await soleLeader(fileSystem, settings({ flushPolicy: 'interval', flushMs: 2_000 }));
    fileSystem.hold();
    const syncsBefore = fileSystem.syncs;
    const appended = await partition.append(batch('a'));
    await partition.waitForHighWatermark(appended.result.lastOffset + 1, 10_000);
    expect(partition.highWatermark).toBe(1);
    expect(partition.log.durableOffset).toBe(0);
    expect(fileSystem.syncs).toBe(syncsBefore);
    fileSystem.release();
    await expect.poll(() => partition.log.durableOffset, { timeout: 10_000 }).toBe(1);
  });
});
