// Where the driver's messages go and where a peer's come from. The driver calls send() once per
// Ready with every message of that Ready (after persisting it); the transport groups them per
// peer and never blocks or queues without bound: a message that cannot go now is dropped, and
// Raft's own retries (heartbeats, probes, re-sent appends) recover it.
import type { Message, NodeId } from '@brook/raft';

export type RaftMessageHandler = (messages: Message[]) => void;

export interface PeerTransportStatus {
  readonly id: NodeId;
  readonly address: string;
  /** Whether a stream to the peer is open (it may still be connecting). */
  readonly streaming: boolean;
  readonly framesSent: number;
  readonly messagesSent: number;
  /** Messages dropped because the peer was unreachable or its stream was backed up. */
  readonly messagesDropped: number;
}

export interface RaftTransport {
  send(messages: readonly Message[]): void;
  /** Sets the one handler received messages are delivered to. */
  setHandler(handler: RaftMessageHandler): void;
  peers(): PeerTransportStatus[];
  close(): Promise<void>;
}
