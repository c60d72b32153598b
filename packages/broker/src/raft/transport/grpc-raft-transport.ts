// The Raft transport over gRPC (proto/brook/v1/raft.proto): a PeerStream per peer for what this
// node sends, and the BrookRaft service handlers for what peers send it. The handlers are
// registered on whatever gRPC server carries the internal listener (port 9093 by default), so
// the broker can share that listener with replication; `listen()` starts a dedicated one for
// processes that run Raft alone (tests, the benchmark).
import { Metadata, type Server, status as grpcStatus } from '@grpc/grpc-js';
import type { ServerReadableStream, sendUnaryData } from '@grpc/grpc-js';
import { bindRpcServer, brookRaftServiceDefinition, createRpcServer, rpcMessageSizeOptions } from '@brook/protocol';
import type { BrookRaftHandlers, RaftFrame__Output, RaftStreamSummary } from '@brook/protocol';
import type { Message, NodeId } from '@brook/raft';
import { SILENT_LOGGER } from '../logger.js';
import type { RaftLogger } from '../logger.js';
import { decodeMessages, encodeMessages } from './message-codec.js';
import { PeerStream } from './peer-stream.js';
import type { PeerTransportStatus, RaftMessageHandler, RaftTransport } from './raft-transport.js';

export interface GrpcRaftTransportOptions {
  /** Frames from another cluster are refused. */
  readonly clusterId: string;
  readonly nodeId: NodeId;
  /** Every other member's internal address ("host:port"), by node id. */
  readonly peers: ReadonlyMap<NodeId, string>;
  /** First delay before re-opening a failed stream; doubles up to backoffMsMax. Default 50. */
  readonly backoffMsMin?: number;
  /** Default 1000. */
  readonly backoffMsMax?: number;
  /** Bytes per peer written but not yet taken by HTTP/2 before frames are dropped. Default 8 MiB. */
  readonly pendingBytesMax?: number;
  readonly logger?: RaftLogger;
}

export class GrpcRaftTransport implements RaftTransport {
  private readonly options: GrpcRaftTransportOptions;
  private readonly logger: RaftLogger;
  private readonly streams = new Map<NodeId, PeerStream>();
  private handler: RaftMessageHandler = () => {};
  private server: Server | undefined;
  private closed = false;

  constructor(options: GrpcRaftTransportOptions) {
    this.options = options;
    this.logger = options.logger ?? SILENT_LOGGER;
    for (const [id, address] of options.peers) {
      if (id === options.nodeId) continue;
      this.streams.set(id, new PeerStream({
        clusterId: options.clusterId, from: options.nodeId, to: id, address,
        backoffMsMin: options.backoffMsMin ?? 50, backoffMsMax: options.backoffMsMax ?? 1000,
        pendingBytesMax: options.pendingBytesMax ?? 8 * 1024 * 1024, logger: this.logger,
      }));
    }
  }

  setHandler(handler: RaftMessageHandler): void {
    this.handler = handler;
  }

  /** Groups one Ready's messages by peer: one frame per peer (etcd batches a Ready the same way). */
  send(messages: readonly Message[]): void {
    if (this.closed || messages.length === 0) return;
    const byPeer = new Map<NodeId, Message[]>();
    for (const message of messages) {
      const group = byPeer.get(message.to);
      if (group === undefined) byPeer.set(message.to, [message]);
      else group.push(message);
    }
    for (const [peer, group] of byPeer) {
      const stream = this.streams.get(peer);
      if (stream === undefined) {
        this.logger.warn({ peer, messages: group.length }, 'raft message for an unknown peer dropped');
        continue;
      }
      stream.send(encodeMessages(group), group.length);
    }
  }

  peers(): PeerTransportStatus[] {
    return [...this.streams.values()].map((stream) => stream.status());
  }

  /** The BrookRaft service implementation, to register on the internal listener's server. */
  handlers(): BrookRaftHandlers {
    return { Stream: (call, callback) => this.receive(call, callback) };
  }

  /** Starts a dedicated gRPC server for the service on host:port (0 picks a port); returns the port. */
  async listen(host: string, port: number): Promise<number> {
    const server = createRpcServer(rpcMessageSizeOptions());
    server.addService(brookRaftServiceDefinition(), this.handlers());
    const bound = await bindRpcServer(server, `${host}:${port}`);
    this.server = server;
    return bound;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stream of this.streams.values()) stream.close();
    const server = this.server;
    if (server === undefined) return;
    // Open streams from peers would keep a graceful shutdown waiting forever: they end only when
    // the peer does. Raft needs nothing from them once we stop.
    server.forceShutdown();
  }

  private receive(call: ServerReadableStream<RaftFrame__Output, RaftStreamSummary>, callback: sendUnaryData<RaftStreamSummary>): void {
    // Headers first, so the sender knows the stream is accepted (PeerStream resets its backoff).
    call.sendMetadata(new Metadata());
    let frames = 0;
    let finished = false;
    const finish = (code: grpcStatus, details: string): void => {
      if (finished) return;
      finished = true;
      call.removeAllListeners('data');
      if (code === grpcStatus.OK) callback(null, { frames });
      else callback({ code, details });
    };
    call.on('data', (frame: RaftFrame__Output) => {
      if (finished || this.closed) return;
      const refusal = this.checkFrame(frame);
      if (refusal !== undefined) {
        this.logger.warn({ from: frame.fromNodeId, to: frame.toNodeId, clusterId: frame.clusterId }, refusal);
        finish(grpcStatus.FAILED_PRECONDITION, refusal);
        return;
      }
      let messages: Message[];
      try {
        messages = decodeMessages(frame.messages);
      } catch (error) {
        const details = `undecodable raft frame from node ${frame.fromNodeId}: ${(error as Error).message}`;
        this.logger.warn({ from: frame.fromNodeId }, details);
        finish(grpcStatus.INVALID_ARGUMENT, details);
        return;
      }
      const forged = messages.find((m) => m.from !== frame.fromNodeId || m.to !== frame.toNodeId);
      if (forged !== undefined) {
        finish(grpcStatus.INVALID_ARGUMENT, `raft message ${forged.from}->${forged.to} in a frame ${frame.fromNodeId}->${frame.toNodeId}`);
        return;
      }
      frames++;
      this.handler(messages);
    });
    call.on('end', () => finish(grpcStatus.OK, ''));
    call.on('error', () => finish(grpcStatus.CANCELLED, 'stream failed'));
  }

  /** Why a frame must be refused, or undefined when it is for us from a known peer. */
  private checkFrame(frame: RaftFrame__Output): string | undefined {
    if (frame.clusterId !== this.options.clusterId) return `raft frame for cluster '${frame.clusterId}', this is '${this.options.clusterId}'`;
    if (frame.toNodeId !== this.options.nodeId) return `raft frame for node ${frame.toNodeId}, this is node ${this.options.nodeId}`;
    if (!this.streams.has(frame.fromNodeId)) return `raft frame from node ${frame.fromNodeId}, which is not a peer`;
    return undefined;
  }
}
