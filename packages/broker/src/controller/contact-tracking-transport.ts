// A RaftTransport wrapper that remembers when each peer's messages last arrived. Raft's core
// keeps only a "recently active" bit per follower; DescribeQuorum reports milliseconds since
// last contact (KIP-595's lastFetchTimestamp), which is this.
import type { Message, NodeId } from '@brook/raft';
import type { PeerTransportStatus, RaftMessageHandler, RaftTransport } from '../raft/index.js';
import { monotonicNowMs } from './monotonic-clock.js';

export class ContactTrackingTransport implements RaftTransport {
  private readonly lastContactMs = new Map<NodeId, number>();

  constructor(
    private readonly inner: RaftTransport,
    private readonly nowMs: () => number = monotonicNowMs,
  ) {}

  send(messages: readonly Message[]): void {
    this.inner.send(messages);
  }

  setHandler(handler: RaftMessageHandler): void {
    this.inner.setHandler((messages) => {
      const now = this.nowMs();
      for (const message of messages) this.lastContactMs.set(message.from, now);
      handler(messages);
    });
  }

  peers(): PeerTransportStatus[] {
    return this.inner.peers();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Milliseconds since `peer` was last heard from; -1 if never. */
  msSinceContact(peer: NodeId): number {
    const last = this.lastContactMs.get(peer);
    return last === undefined ? -1 : Math.max(0, this.nowMs() - last);
  }
}
