// The follower's side of an incremental fetch session (KIP-227, bound to one ReplicaFetch stream;
// see leader-fetch-session.ts): what the leader holds for this stream, and so what the next
// request must say. Until the leader answers a request on the current stream as incremental,
// every request lists every partition (a leader that does not know incremental sessions keeps
// getting full requests); afterwards a request lists only the partitions whose fields changed
// since the last request, and forgets those no longer fetched. A new stream starts over.
import type { ReplicaFetchForgotten } from '@brook/protocol';
import { sessionKeyOf } from './leader-fetch-session.js';

/** One partition's fields in a replica fetch request (ReplicaFetchPartition, every field set). */
export interface WantedPartition {
  topic: string;
  topicId: string;
  partition: number;
  currentLeaderEpoch: number;
  fetchOffset: number;
  lastFetchedEpoch: number;
  logStartOffset: number;
  partitionMaxBytes: number;
}

export interface SessionRequest {
  partitions: WantedPartition[];
  forgotten: ReplicaFetchForgotten[];
}

export class FollowerFetchSession {
  /** Every partition the leader holds for this stream (the last round), and where each is in it. */
  private round: readonly WantedPartition[] = [];
  private indexByKey = new Map<string, number>();
  private incremental = false;

  /** The stream was dropped or replaced: the next request is a full one. */
  reset(): void {
    this.round = [];
    this.indexByKey = new Map();
    this.incremental = false;
  }

  /** The partitions (and forgotten ones) of the next request, given every partition to fetch now. */
  next(round: readonly WantedPartition[]): SessionRequest {
    const previousRound = this.round;
    const previousIndex = this.indexByKey;
    this.round = round;
    this.indexByKey = new Map();
    const partitions: WantedPartition[] = [];
    for (const [index, wanted] of round.entries()) {
      const key = sessionKeyOf(wanted);
      this.indexByKey.set(key, index);
      const before = previousIndex.get(key);
      if (!this.incremental || before === undefined || !sameFetch(previousRound[before]!, wanted)) partitions.push(wanted);
    }
    const forgotten: ReplicaFetchForgotten[] = [];
    if (this.incremental) {
      for (const [key, index] of previousIndex) if (!this.indexByKey.has(key)) forgotten.push({ topic: previousRound[index]!.topic, partition: previousRound[index]!.partition });
    }
    return { partitions, forgotten };
  }

  /** Where the partition of an answer is in the round last given to `next`. */
  indexOf(answer: { topic: string; partition: number }): number | undefined {
    return this.indexByKey.get(sessionKeyOf(answer));
  }

  /** The leader's answer to the last request: whether it holds the session incrementally. */
  answered(incremental: boolean): void {
    this.incremental = incremental;
  }
}

function sameFetch(before: WantedPartition, now: WantedPartition): boolean {
  return (
    before.topicId === now.topicId &&
    before.currentLeaderEpoch === now.currentLeaderEpoch &&
    before.fetchOffset === now.fetchOffset &&
    before.lastFetchedEpoch === now.lastFetchedEpoch &&
    before.logStartOffset === now.logStartOffset &&
    before.partitionMaxBytes === now.partitionMaxBytes
  );
}
