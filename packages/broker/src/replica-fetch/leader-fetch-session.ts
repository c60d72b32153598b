// The leader's state of one follower's incremental fetch session (KIP-227), bound to one
// ReplicaFetch stream (proto/brook/v1/replication.proto): the stream is the session, so there is
// no session id, epoch or cache to evict; the session ends with the stream.
//
// Every request is served over all the session's partitions, as Kafka's IncrementalFetchContext
// does: a partition the follower left out of an incremental request is fetched again from the
// fields it last carried, so its fetch still counts for the high watermark and the ISR (the
// follower's fetch offset did not change, and a caught-up follower stays caught up). What the
// session saves is on the wire and on the follower: an incremental answer lists only partitions
// with something to say (records, an error, a divergence, or a high watermark or log start offset
// the follower was not told yet), so an idle partition costs neither side a message entry, a
// decode or an apply per round.
import type { ReplicaFetchPartition__Output, ReplicaFetchPartitionResponse, ReplicaFetchRequest__Output } from '@brook/protocol';

interface SessionPartition {
  wanted: ReplicaFetchPartition__Output;
  /** Its place in the session's order (`ordered`, `wantedList`). */
  index: number;
  /** The high watermark and log start offset last sent to the follower; undefined before the first answer. */
  sentHighWatermark: number | undefined;
  sentLogStartOffset: number | undefined;
}

export class LeaderFetchSession {
  private readonly entries = new Map<string, SessionPartition>();
  /** The entries in session order, and their requests, rebuilt when the membership changes. */
  private ordered: SessionPartition[] = [];
  private wantedList: ReplicaFetchPartition__Output[] = [];
  private incrementalSession = false;

  /** Whether this session's answers are incremental (the follower asked on its first request). */
  get incremental(): boolean {
    return this.incrementalSession;
  }

  /**
   * Takes the next request of the stream and returns the partitions to serve, in session order.
   * The first request, and any request without `incremental`, lists every partition; later
   * incremental requests change the session (forgotten first, so a partition dropped and re-added
   * in one request, a re-created topic, ends up in the session). A partition keeps its place when
   * its fields change, so the common request (one partition's offset moved) rebuilds nothing.
   */
  update(request: ReplicaFetchRequest__Output): readonly ReplicaFetchPartition__Output[] {
    if (!request.incremental || !this.incrementalSession) {
      const previous = new Map(this.entries);
      this.entries.clear();
      for (const wanted of request.partitions) this.upsert(wanted, previous.get(keyOf(wanted)));
      this.incrementalSession = request.incremental;
      this.rebuild();
      return this.wantedList;
    }
    let membershipChanged = false;
    for (const gone of request.forgotten) membershipChanged = this.entries.delete(keyOf(gone)) || membershipChanged;
    for (const wanted of request.partitions) {
      const entry = this.entries.get(keyOf(wanted));
      if (entry === undefined) {
        this.upsert(wanted, undefined);
        membershipChanged = true;
        continue;
      }
      // A re-created topic is a new partition to the follower: what it was told no longer holds.
      if (entry.wanted.topicId !== wanted.topicId) entry.sentHighWatermark = entry.sentLogStartOffset = undefined;
      entry.wanted = wanted;
      this.wantedList[entry.index] = wanted;
    }
    if (membershipChanged) this.rebuild();
    return this.wantedList;
  }

  /**
   * The answers to send for the partitions `update` returned (`answers[i]` answers its i-th): all
   * of them for a full session, else those with something the follower does not know yet.
   */
  select(answers: readonly ReplicaFetchPartitionResponse[]): ReplicaFetchPartitionResponse[] {
    if (!this.incrementalSession) return answers as ReplicaFetchPartitionResponse[];
    const selected: ReplicaFetchPartitionResponse[] = [];
    for (const [index, answer] of answers.entries()) {
      const entry = this.ordered[index];
      if (entry === undefined || !mustSend(entry, answer)) continue;
      entry.sentHighWatermark = Number(answer.highWatermark);
      entry.sentLogStartOffset = Number(answer.logStartOffset);
      selected.push(answer);
    }
    return selected;
  }

  private upsert(wanted: ReplicaFetchPartition__Output, previous: SessionPartition | undefined): void {
    const known = previous !== undefined && previous.wanted.topicId === wanted.topicId;
    this.entries.set(keyOf(wanted), { wanted, index: -1, sentHighWatermark: known ? previous.sentHighWatermark : undefined, sentLogStartOffset: known ? previous.sentLogStartOffset : undefined });
  }

  private rebuild(): void {
    this.ordered = [...this.entries.values()];
    for (const [index, entry] of this.ordered.entries()) entry.index = index;
    this.wantedList = this.ordered.map((entry) => entry.wanted);
  }
}

function mustSend(entry: SessionPartition, answer: ReplicaFetchPartitionResponse): boolean {
  if ((answer.errorCode ?? 0) !== 0 || answer.divergingEpoch != null) return true;
  if (answer.records instanceof Uint8Array && answer.records.byteLength > 0) return true;
  return entry.sentHighWatermark !== Number(answer.highWatermark) || entry.sentLogStartOffset !== Number(answer.logStartOffset);
}

/** A partition's key in a session: its topic name and index. */
export function sessionKeyOf(partition: { topic: string; partition: number }): string {
  return `${partition.topic}\u0000${partition.partition}`;
}

const keyOf = sessionKeyOf;
