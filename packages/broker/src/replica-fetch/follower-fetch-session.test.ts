// FollowerFetchSession: full requests until the leader answers incrementally on the stream, then
// only changed partitions plus the forgotten ones; a reset (a new stream) or a full answer (a
// leader that does not know incremental sessions) goes back to full requests.
import { describe, expect, it } from 'vitest';
import { FollowerFetchSession, type WantedPartition } from './follower-fetch-session.js';

function wanted(partition: number, fetchOffset = 0, changes: Partial<WantedPartition> = {}): WantedPartition {
  return { topic: 't', topicId: 'id-t', partition, currentLeaderEpoch: 1, fetchOffset, lastFetchedEpoch: 1, logStartOffset: 0, partitionMaxBytes: 1 << 20, ...changes };
}

const indexes = (list: readonly { partition: number }[]) => list.map((entry) => entry.partition);

describe('FollowerFetchSession', () => {
  it('lists every partition until the leader answers incrementally, then only changes and forgotten partitions', () => {
    const session = new FollowerFetchSession();
    expect(indexes(session.next([wanted(0), wanted(1), wanted(2)]).partitions)).toEqual([0, 1, 2]);
    session.answered(true);
    expect(session.next([wanted(0), wanted(1), wanted(2)])).toEqual({ partitions: [], forgotten: [] });
    session.answered(true);
    const next = session.next([wanted(0, 4), wanted(2)]);
    expect(indexes(next.partitions)).toEqual([0]);
    expect(next.forgotten).toEqual([{ topic: 't', partition: 1 }]);
    // An answer's partition is found in the round last given.
    expect([0, 1, 2].map((partition) => session.indexOf({ topic: 't', partition }))).toEqual([0, undefined, 1]);
    session.answered(true);
    // Back after a hold-back: it is new to the leader's session.
    expect(indexes(session.next([wanted(0, 4), wanted(1), wanted(2)]).partitions)).toEqual([1]);
  });

  it('sends a partition again when any field the leader fetches from changed', () => {
    const changes: Partial<WantedPartition>[] = [{ topicId: 'other' }, { currentLeaderEpoch: 2 }, { fetchOffset: 9 }, { lastFetchedEpoch: 0 }, { logStartOffset: 3 }, { partitionMaxBytes: 1 }];
    for (const change of changes) {
      const session = new FollowerFetchSession();
      session.next([wanted(0), wanted(1)]);
      session.answered(true);
      expect(indexes(session.next([wanted(0), wanted(1, 0, change)]).partitions), JSON.stringify(change)).toEqual([1]);
    }
  });

  it('goes back to full requests on a new stream or a full answer', () => {
    const session = new FollowerFetchSession();
    session.next([wanted(0), wanted(1)]);
    session.answered(true);
    session.reset();
    expect(session.next([wanted(0), wanted(1)])).toEqual({ partitions: [wanted(0), wanted(1)], forgotten: [] });
    session.answered(false);
    expect(session.next([wanted(0)])).toEqual({ partitions: [wanted(0)], forgotten: [] });
  });
});
