// The sending side of the transport for one peer: one long-lived BrookRaft.Stream call carrying
// frames to it. The call is opened lazily, re-opened after a failure with exponential backoff,
// and bounded: while the bytes written but not yet handed to HTTP/2 exceed `pendingBytesMax`,
// or while the stream is down, frames are dropped (and counted). Raft tolerates loss; an
// unbounded queue in front of a dead or paused peer would only grow memory and latency.
import { status as grpcStatus } from '@grpc/grpc-js';
import type { ClientWritableStream, ServiceError } from '@grpc/grpc-js';
import { createBrookRaftClient, rpcMessageSizeOptions } from '@brook/protocol';
import type { BrookRaftClient, RaftFrame } from '@brook/protocol';
import type { NodeId } from '@brook/raft';
import type { RaftLogger } from '../logger.js';
import type { PeerTransportStatus } from './raft-transport.js';

export interface PeerStreamOptions {
  readonly clusterId: string;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly address: string;
  readonly backoffMsMin: number;
  readonly backoffMsMax: number;
  readonly pendingBytesMax: number;
  readonly logger: RaftLogger;
}

export class PeerStream {
  private readonly options: PeerStreamOptions;
  private readonly client: BrookRaftClient;
  private stream: OpenStream | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private closed = false;
  private framesSent = 0;
  private messagesSent = 0;
  private messagesDropped = 0;

  constructor(options: PeerStreamOptions) {
    this.options = options;
    this.backoffMs = options.backoffMsMin;
    this.client = createBrookRaftClient(options.address, undefined, {
      ...rpcMessageSizeOptions(),
      // Let the channel retry the TCP connection on our schedule, not grpc's default (1 s up to
      // 120 s), so a restarted peer is heard from within backoffMsMax.
      'grpc.initial_reconnect_backoff_ms': options.backoffMsMin,
      'grpc.max_reconnect_backoff_ms': options.backoffMsMax,
    });
  }

  /** Sends one frame (already encoded messages), or drops it. */
  send(encoded: Buffer, messageCount: number): void {
    if (this.closed) return;
    const stream = this.stream ?? this.open();
    if (stream === undefined || stream.pendingBytes + encoded.byteLength > this.options.pendingBytesMax) {
      this.messagesDropped += messageCount;
      return;
    }
    const frame: RaftFrame = { clusterId: this.options.clusterId, fromNodeId: this.options.from, toNodeId: this.options.to, messages: encoded };
    const bytes = encoded.byteLength;
    stream.pendingBytes += bytes;
    stream.call.write(frame, () => {
      stream.pendingBytes -= bytes;
    });
    this.framesSent++;
    this.messagesSent += messageCount;
  }

  status(): PeerTransportStatus {
    return {
      id: this.options.to, address: this.options.address, streaming: this.stream !== undefined,
      framesSent: this.framesSent, messagesSent: this.messagesSent, messagesDropped: this.messagesDropped,
    };
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.stream?.call.end();
    this.stream = undefined;
    this.client.close();
  }

  /** Opens the stream unless a reconnect is pending; returns it, or undefined while backing off. */
  private open(): OpenStream | undefined {
    if (this.reconnectTimer !== undefined) return undefined;
    const call = this.client.Stream((error: ServiceError | null) => this.ended(stream, error));
    const stream: OpenStream = { call, pendingBytes: 0 };
    // The receiver sends its headers as soon as it accepts the stream: the peer is reachable,
    // so the next failure starts backing off afresh.
    call.on('metadata', () => {
      this.backoffMs = this.options.backoffMsMin;
    });
    // Errors also arrive through the callback; this listener only keeps an 'error' event from
    // being unhandled.
    call.on('error', () => {});
    this.stream = stream;
    return stream;
  }

  private ended(stream: OpenStream, error: ServiceError | null): void {
    if (this.stream !== stream) return;
    this.stream = undefined;
    if (this.closed) return;
    const log = this.options.logger;
    if (error !== null && error.code !== grpcStatus.UNAVAILABLE) {
      log.warn({ peer: this.options.to, code: error.code, details: error.details }, 'raft stream to peer failed');
    } else {
      log.debug({ peer: this.options.to, backoffMs: this.backoffMs }, 'raft stream to peer closed; reconnecting after backoff');
    }
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
    }, this.backoffMs);
    this.reconnectTimer.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.backoffMsMax);
  }
}

interface OpenStream {
  readonly call: ClientWritableStream<RaftFrame>;
  /** Bytes written to this call whose write callback has not run yet. */
  pendingBytes: number;
}
