// An in-process RaftTransport for tests: a LoopbackNetwork connects the transports of several
// drivers in one process, delivering each send asynchronously (as a socket would), and can cut a
// node off to simulate a crash or a partition. Messages to a cut-off node are dropped, as the
// gRPC transport drops them for an unreachable peer.
import type { Message, NodeId } from '@brook/raft';
import type { PeerTransportStatus, RaftMessageHandler, RaftTransport } from './raft-transport.js';

export class LoopbackNetwork {
  private readonly transports = new Map<NodeId, LoopbackTransport>();
  private readonly isolated = new Set<NodeId>();

  transport(id: NodeId): LoopbackTransport {
    const transport = new LoopbackTransport(id, this);
    this.transports.set(id, transport);
    return transport;
  }

  /** Cuts `id` off from every other node (both directions) until heal(). */
  isolate(id: NodeId): void {
    this.isolated.add(id);
  }

  heal(id: NodeId): void {
    this.isolated.delete(id);
  }

  /** @internal */
  deliver(from: NodeId, messages: readonly Message[]): void {
    if (this.isolated.has(from)) return;
    const byPeer = new Map<NodeId, Message[]>();
    for (const message of messages) {
      if (this.isolated.has(message.to)) continue;
      byPeer.set(message.to, [...(byPeer.get(message.to) ?? []), message]);
    }
    for (const [to, group] of byPeer) {
      setImmediate(() => this.transports.get(to)?.receive(group));
    }
  }
}

export class LoopbackTransport implements RaftTransport {
  private handler: RaftMessageHandler = () => {};
  private closed = false;
  private messagesSent = 0;

  constructor(readonly id: NodeId, private readonly network: LoopbackNetwork) {}

  send(messages: readonly Message[]): void {
    if (this.closed) return;
    this.messagesSent += messages.length;
    this.network.deliver(this.id, messages);
  }

  setHandler(handler: RaftMessageHandler): void {
    this.handler = handler;
  }

  peers(): PeerTransportStatus[] {
    return [{ id: 0, address: 'loopback', streaming: true, framesSent: 0, messagesSent: this.messagesSent, messagesDropped: 0 }];
  }

  /** @internal */
  receive(messages: Message[]): void {
    if (!this.closed) this.handler(messages);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
