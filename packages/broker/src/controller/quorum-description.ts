// DescribeQuorum's answer (KIP-595, what kafka-metadata-quorum.sh describe prints), built by the
// active controller: the voters' progress from the Raft leader's view (match index, last
// contact) and the observers (broker-only nodes following the log over FetchMetadata) from what
// their fetches said. A combined node's broker reads its own controller's image and never
// fetches, so it is never an observer.
import type { DescribeQuorumResponse, QuorumReplica } from '@brook/protocol';
import type { RaftDriverStatus } from '../raft/index.js';

interface ObserverFetch {
  readonly afterOffset: number;
  readonly atMs: number;
}

/** The latest FetchMetadata of each observer. */
export class ObserverTracker {
  private readonly fetches = new Map<number, ObserverFetch>();

  fetched(nodeId: number, afterOffset: number, nowMs: number): void {
    this.fetches.set(nodeId, { afterOffset, atMs: nowMs });
  }

  /** Observers start afresh with each active controller, as broker sessions do. */
  clear(): void {
    this.fetches.clear();
  }

  replicas(voters: ReadonlySet<number>, imageOffset: number, nowMs: number): QuorumReplica[] {
    return [...this.fetches.entries()]
      .filter(([id]) => !voters.has(id))
      .sort(([a], [b]) => a - b)
      .map(([nodeId, fetch]) => ({
        nodeId,
        logEndOffset: fetch.afterOffset,
        lag: Math.max(0, imageOffset - fetch.afterOffset),
        lastContactMsAgo: Math.max(0, nowMs - fetch.atMs),
      }));
  }
}

export interface QuorumFacts {
  readonly selfId: number;
  readonly voterIds: readonly number[];
  readonly status: RaftDriverStatus;
  readonly msSinceContact: (id: number) => number;
  readonly observers: readonly QuorumReplica[];
}

export function describeQuorum(facts: QuorumFacts): DescribeQuorumResponse {
  const { status } = facts;
  const matchOf = new Map(status.peers.map((p) => [p.id, p.match]));
  const voters = [...facts.voterIds].sort((a, b) => a - b).map((nodeId): QuorumReplica => {
    const match = nodeId === facts.selfId ? status.lastIndex : matchOf.get(nodeId);
    if (match === undefined) return { nodeId, logEndOffset: -1, lag: -1, lastContactMsAgo: -1 };
    return {
      nodeId,
      logEndOffset: match,
      lag: Math.max(0, status.commit - match),
      lastContactMsAgo: nodeId === facts.selfId ? 0 : facts.msSinceContact(nodeId),
    };
  });
  return { leaderId: facts.selfId, leaderEpoch: status.term, highWatermark: status.commit, voters, observers: [...facts.observers] };
}
