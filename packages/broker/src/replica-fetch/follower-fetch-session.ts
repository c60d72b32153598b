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
  /** Every partition the leader holds for this stream, with the fields it last got. */
  private held = new Map<string, WantedPartition>();
  private incremental = false;

  /** The stream was dropped or replaced: the next request is a full one. */
  reset(): void {
    this.held = new Map();
    this.incremental = false;
  }

  /** The partitions (and forgotten ones) of the next request, given every partition to fetch now. */
  next(round: readonly WantedPartition[]): SessionRequest {
    const previous = this.held;
    this.held = new Map();
    for (const wanted of round) this.held.set(sessionKeyOf(wanted), wanted);
    if (!this.incremental) return { partitions: [...round], forgotten: [] };
    const partitions = round.filter((wanted) => !sameFetch(previous.get(sessionKeyOf(wanted)), wanted));
    const forgotten: ReplicaFetchForgotten[] = [];
    for (const [key, gone] of previous) if (!this.held.has(key)) forgotten.push({ topic: gone.topic, partition: gone.partition });
    return { partitions, forgotten };
  }

  /** The leader's answer to the last request: whether it holds the session incrementally. */
  answered(incremental: boolean): void {
    this.incremental = incremental;
  }
}

function sameFetch(before: WantedPartition | undefined, now: WantedPartition): boolean {
  return (
    before !== undefined &&
    before.topicId === now.topicId &&
    before.currentLeaderEpoch === now.currentLeaderEpoch &&
    before.fetchOffset === now.fetchOffset &&
    before.lastFetchedEpoch === now.lastFetchedEpoch &&
    before.logStartOffset === now.logStartOffset &&
    before.partitionMaxBytes === now.partitionMaxBytes
  );
}
