// The metadata fetcher against fake controllers serving an in-memory metadata log: it replays
// batches from its last offset, long-polls for new ones, installs a snapshot when the log was
// compacted, learns the active controller, survives failures and a failover, and stops cleanly.
import { afterEach, describe, expect, it } from 'vitest';
import { BrookError, notControllerError, type FetchMetadataRequest__Output, type FetchMetadataResponse } from '@brook/protocol';
import { EMPTY_IMAGE, encodeRecords, encodeSnapshot, replayBatch, type MetadataImage, type MetadataRecord } from '@brook/controller';
import { silentLogger } from '../logging/logger.js';
import { ControllerChannel } from './controller-channel.js';
import { registerBrokerRecord, startFakeController, testTopicId, topicRecords, type FakeController } from './cluster-test-fakes.js';
import { MetadataFetcher } from './metadata-fetcher.js';

/** The committed metadata log as the active controller serves it: batches, a snapshot once compacted, long polls. */
class ServedLog {
  image: MetadataImage = EMPTY_IMAGE;
  batches: Array<{ offset: number; records: Uint8Array }> = [];
  snapshot: { offset: number; image: Uint8Array } | undefined;
  fetches: FetchMetadataRequest__Output[] = [];
  private readonly waiting = new Set<() => void>();

  constructor(readonly leaderId: number) {}

  append(records: MetadataRecord[]): number {
    const offset = this.image.offset + 1;
    this.image = replayBatch(this.image, records, offset);
    this.batches.push({ offset, records: encodeRecords(records) });
    for (const wake of [...this.waiting]) wake();
    return offset;
  }

  compact(): void {
    this.snapshot = { offset: this.image.offset, image: encodeSnapshot(this.image) };
    this.batches = [];
  }

  async fetch(request: FetchMetadataRequest__Output): Promise<FetchMetadataResponse> {
    this.fetches.push(request);
    const after = Number(request.afterOffset);
    if (this.image.offset <= after) await this.longPoll(request.maxWaitMs);
    const snapshot = this.snapshot !== undefined && after < this.snapshot.offset ? this.snapshot : null;
    const from = snapshot?.offset ?? after;
    return { snapshot, batches: this.batches.filter((batch) => batch.offset > from), highWatermark: this.image.offset, leaderId: this.leaderId, leaderEpoch: 1 };
  }

  private longPoll(maxWaitMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.waiting.add(done);
    });
  }
}

describe('MetadataFetcher', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function serve(log: ServedLog): Promise<FakeController> {
    const controller = await startFakeController({ FetchMetadata: (request) => log.fetch(request) });
    cleanups.push(() => controller.stop());
    return controller;
  }

  function fetcher(voters: Array<[number, string]>): MetadataFetcher {
    const channel = new ControllerChannel({ voters: new Map(voters), logger: silentLogger(), requestTimeoutMs: 2_000, retryBackoffMs: 10 });
    const created = new MetadataFetcher({ channel, clusterId: 'c', nodeId: 9, logger: silentLogger(), maxWaitMs: 100, requestTimeoutMs: 1_000, retryBackoffMs: 10 });
    cleanups.push(() => channel.close());
    cleanups.push(() => created.close());
    return created;
  }

  function liveBrokers(log: ServedLog, ...ids: number[]): void {
    for (const brokerId of ids) {
      const epoch = log.append([registerBrokerRecord(brokerId)]);
      log.append([{ type: 'UnfenceBroker', version: 0, brokerId, brokerEpoch: epoch }]);
    }
  }

  it('replays the log from the start, then follows new batches as they commit', async () => {
    const log = new ServedLog(1);
    liveBrokers(log, 1, 2);
    log.append(topicRecords('orders', testTopicId(1), [[1, 2]]));
    const controller = await serve(log);
    const subject = fetcher([[1, controller.address]]);
    const announced: Array<[number, number]> = [];
    subject.onImage((image, previous) => void announced.push([previous.offset, image.offset]));
    expect(subject.image().offset).toBe(-1);
    subject.start();
    await subject.waitForCatchUp(2_000);
    expect(subject.image().offset).toBe(4);
    expect(subject.image().topicIdsByName.get('orders')).toBe(testTopicId(1));
    expect(subject.activeControllerId()).toBe(1);
    expect(subject.controllerHighWatermark()).toBe(4);
    expect(announced).toEqual([[-1, 4]]);
    expect(log.fetches[0]).toMatchObject({ clusterId: 'c', nodeId: 9, afterOffset: '-1', maxWaitMs: 100 });
    // A batch committed during a long poll arrives without waiting out the poll.
    const started = Date.now();
    const offset = log.append([{ type: 'RemoveTopic', version: 0, topicId: testTopicId(1) }]);
    await subject.waitForOffset(offset, 2_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(subject.image().topicIdsByName.has('orders')).toBe(false);
    await expect.poll(() => log.fetches.at(-1)?.afterOffset).toBe(String(offset));
  });

  it('installs a snapshot when the log it needs was compacted, then replays the batches after it', async () => {
    const log = new ServedLog(2);
    liveBrokers(log, 1);
    log.append(topicRecords('old', testTopicId(1), [[1]]));
    log.compact();
    log.append(topicRecords('new', testTopicId(2), [[1]]));
    const controller = await serve(log);
    const subject = fetcher([[2, controller.address]]);
    subject.start();
    await subject.waitForCatchUp(2_000);
    expect([...subject.image().topicIdsByName.keys()].sort()).toEqual(['new', 'old']);
    expect(subject.image().offset).toBe(log.image.offset);
    expect(subject.image().brokers.get(1)?.epoch).toBe(0);
  });

  it('retries after failures and follows the active controller to another voter', async () => {
    const log = new ServedLog(2);
    liveBrokers(log, 1);
    let refusals = 2;
    const one = await startFakeController({
      FetchMetadata: () => {
        if (refusals-- > 0) throw new BrookError('UNKNOWN_SERVER_ERROR', 'flaky');
        throw notControllerError(2);
      },
    });
    cleanups.push(() => one.stop());
    const two = await serve(log);
    const subject = fetcher([
      [1, one.address],
      [2, two.address],
    ]);
    subject.start();
    await subject.waitForCatchUp(3_000);
    expect(subject.image().offset).toBe(log.image.offset);
    expect(subject.activeControllerId()).toBe(2);
    expect(one.calls.length).toBe(3);
  });

  it('keeps the batches before one it cannot decode, and asks again from after them', async () => {
    const good = encodeRecords([registerBrokerRecord(1)]);
    const next = encodeRecords([registerBrokerRecord(2)]);
    const afterOffsets: string[] = [];
    const controller = await startFakeController({
      FetchMetadata: (request) => {
        afterOffsets.push(request.afterOffset);
        const broken = afterOffsets.length === 1;
        const batches = request.afterOffset === '-1' ? [{ offset: 0, records: good }] : [];
        batches.push({ offset: 1, records: broken ? Buffer.from('not records') : next });
        return { snapshot: null, batches, highWatermark: 1, leaderId: 1, leaderEpoch: 1 };
      },
    });
    cleanups.push(() => controller.stop());
    const subject = fetcher([[1, controller.address]]);
    subject.start();
    await subject.waitForCatchUp(2_000);
    expect([...subject.image().brokers.keys()]).toEqual([1, 2]);
    expect(afterOffsets.slice(0, 2)).toEqual(['-1', '0']);
  });

  it('rejects waiters and stops polling when closed', async () => {
    const log = new ServedLog(1);
    const controller = await serve(log);
    const subject = fetcher([[1, controller.address]]);
    subject.start();
    await subject.waitForCatchUp(2_000);
    const waiting = subject.waitForOffset(100, 10_000);
    await subject.close();
    await expect(waiting).rejects.toMatchObject({ code: 'REQUEST_TIMED_OUT' });
    // The poll cancelled at close may still reach the server; nothing is sent after it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const fetches = log.fetches.length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(log.fetches.length).toBe(fetches);
  });
});
