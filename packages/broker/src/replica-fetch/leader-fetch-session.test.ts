// LeaderFetchSession: the first request and any non-incremental one replace the session; later
// incremental requests change it (forgotten first); an incremental answer keeps only partitions
// with news for the follower, and a re-created topic starts over.
import { describe, expect, it } from 'vitest';
import type { ReplicaFetchPartition__Output, ReplicaFetchPartitionResponse, ReplicaFetchRequest__Output } from '@brook/protocol';
import { LeaderFetchSession } from './leader-fetch-session.js';

function wanted(partition: number, fetchOffset = 0, topicId = 'id-t'): ReplicaFetchPartition__Output {
  return { topic: 't', topicId, partition, currentLeaderEpoch: 1, fetchOffset: String(fetchOffset), lastFetchedEpoch: 1, logStartOffset: '0', partitionMaxBytes: 1 << 20 };
}

function request(partitions: ReplicaFetchPartition__Output[], options: { incremental?: boolean; forgotten?: number[] } = {}): ReplicaFetchRequest__Output {
  return { clusterId: 'c', replicaId: 2, replicaEpoch: '1', maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20, partitions, incremental: options.incremental ?? true, forgotten: (options.forgotten ?? []).map((partition) => ({ topic: 't', partition })) };
}

function answer(partition: number, highWatermark: number, extra: Partial<ReplicaFetchPartitionResponse> = {}): ReplicaFetchPartitionResponse {
  return { topic: 't', partition, errorCode: 0, highWatermark, logStartOffset: 0, logEndOffset: highWatermark, records: Buffer.alloc(0), ...extra };
}

const indexes = (list: readonly { partition?: number }[]) => list.map((entry) => entry.partition);

describe('LeaderFetchSession', () => {
  it('serves every partition of the first request and answers each of them once, then only news', () => {
    const session = new LeaderFetchSession();
    expect(indexes(session.update(request([wanted(0), wanted(1), wanted(2)])))).toEqual([0, 1, 2]);
    expect(session.incremental).toBe(true);
    // New to the session: always in the answer.
    expect(indexes(session.select([answer(0, 5), answer(1, 0), answer(2, 0)]))).toEqual([0, 1, 2]);
    // An empty incremental request keeps the session; the same offsets again are no news.
    expect(indexes(session.update(request([])))).toEqual([0, 1, 2]);
    expect(session.select([answer(0, 5), answer(1, 0), answer(2, 0)])).toEqual([]);
    // A high watermark or log start offset move, records, an error and a divergence are news.
    expect(indexes(session.select([answer(0, 6), answer(1, 0, { logStartOffset: 1 }), answer(2, 0)]))).toEqual([0, 1]);
    expect(indexes(session.select([answer(0, 6, { records: Buffer.from('batch') }), answer(1, 0, { logStartOffset: 1 }), answer(2, 0)]))).toEqual([0]);
    expect(indexes(session.select([answer(0, 6), answer(1, -1, { errorCode: 6, logStartOffset: -1 }), answer(2, 0, { divergingEpoch: { epoch: 0, endOffset: 0 } })]))).toEqual([1, 2]);
    // After an error the follower was told -1: the next good answer is news again.
    expect(indexes(session.select([answer(0, 6), answer(1, 0, { logStartOffset: 1 }), answer(2, 0)]))).toEqual([1]);
  });

  it('applies an incremental request as a change: updated partitions keep their place, forgotten ones leave, new ones join at the end', () => {
    const session = new LeaderFetchSession();
    session.update(request([wanted(0), wanted(1), wanted(2)]));
    session.select([answer(0, 5), answer(1, 5), answer(2, 5)]);
    const served = session.update(request([wanted(2, 7)], { forgotten: [1] }));
    expect(served.map((entry) => [entry.partition, entry.fetchOffset])).toEqual([[0, '0'], [2, '7']]);
    // What the follower was told survives an update of its fields.
    expect(session.select([answer(0, 5), answer(2, 5)])).toEqual([]);
    expect(session.update(request([wanted(0, 5)])).map((entry) => [entry.partition, entry.fetchOffset])).toEqual([[0, '5'], [2, '7']]);
    expect(indexes(session.update(request([wanted(3)])))).toEqual([0, 2, 3]);
    expect(indexes(session.select([answer(0, 5), answer(2, 5), answer(3, 0)]))).toEqual([3]);
    // Forgotten and listed in one request (dropped, then fetched again): it stays, as new.
    expect(indexes(session.update(request([wanted(0, 5)], { forgotten: [0] })))).toEqual([2, 3, 0]);
    expect(indexes(session.select([answer(2, 5), answer(3, 0), answer(0, 5)]))).toEqual([0]);
  });

  it('treats a re-created topic (another topic id) as a new partition', () => {
    const session = new LeaderFetchSession();
    session.update(request([wanted(0)]));
    session.select([answer(0, 5)]);
    session.update(request([wanted(0, 0, 'id-recreated')]));
    expect(indexes(session.select([answer(0, 5)]))).toEqual([0]);
  });

  it('answers every partition when the follower does not ask for an incremental session, and a full request replaces the session', () => {
    const session = new LeaderFetchSession();
    expect(indexes(session.update(request([wanted(0), wanted(1)], { incremental: false })))).toEqual([0, 1]);
    expect(session.incremental).toBe(false);
    const answers = [answer(0, 5), answer(1, 5)];
    expect(session.select(answers)).toEqual(answers);
    expect(session.select(answers)).toEqual(answers);
    // The next request is full too (nothing is held incrementally): partition 1 is gone.
    expect(indexes(session.update(request([wanted(0)], { incremental: false })))).toEqual([0]);
    // An incremental session that gets a full request starts over from it.
    const incremental = new LeaderFetchSession();
    incremental.update(request([wanted(0), wanted(1)]));
    incremental.select([answer(0, 5), answer(1, 5)]);
    expect(indexes(incremental.update(request([wanted(1)], { incremental: false })))).toEqual([1]);
    expect(incremental.incremental).toBe(false);
  });
});
