// The follower's end of one fetch session (proto/brook/v1/replication.proto): a long-lived
// ReplicaFetch stream to one leader broker carrying one request at a time, each answered by one
// response. The stream opens on the first request and again after it failed; a request not
// answered within its timeout (a leader paused or cut off without a reset) drops the stream, so a
// frozen leader is noticed the way a unary call's deadline would notice it.
import { BrookError, fromServiceError } from '@brook/protocol';
import type { BrookReplicationClient, ReplicaFetchRequest, ReplicaFetchResponse__Output } from '@brook/protocol';
import type { ClientDuplexStream, ServiceError } from '@grpc/grpc-js';

type SessionStream = ClientDuplexStream<ReplicaFetchRequest, ReplicaFetchResponse__Output>;

interface Pending {
  resolve: (response: ReplicaFetchResponse__Output) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

export class FetchSession {
  private stream: SessionStream | undefined;
  private pending: Pending | undefined;
  private closed = false;

  constructor(private readonly client: BrookReplicationClient) {}

  /** Sends `request` and resolves with its answer; rejects when the session fails or `timeoutMs` passes. */
  request(request: ReplicaFetchRequest, timeoutMs: number): Promise<ReplicaFetchResponse__Output> {
    if (this.closed) return Promise.reject(new BrookError('NETWORK_EXCEPTION', 'the replica fetch session is closed'));
    if (this.pending !== undefined) return Promise.reject(new Error('a replica fetch session carries one request at a time'));
    const stream = this.stream ?? this.open();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(stream, new BrookError('REQUEST_TIMED_OUT', `no replica fetch answer within ${timeoutMs} ms`)), timeoutMs);
      this.pending = { resolve, reject, timer };
      stream.write(request);
    });
  }

  /** Whether a stream is open: the next request goes on the stream that carried the last one. */
  get streamOpen(): boolean {
    return this.stream !== undefined;
  }

  /** Ends the session; a request in flight is rejected. */
  close(): void {
    this.closed = true;
    if (this.stream !== undefined) this.fail(this.stream, new BrookError('NETWORK_EXCEPTION', 'the replica fetch session was closed'));
  }

  private open(): SessionStream {
    const stream = this.client.ReplicaFetch();
    stream.on('data', (response: ReplicaFetchResponse__Output) => {
      const pending = this.pending;
      if (stream !== this.stream || pending === undefined) return;
      this.pending = undefined;
      clearTimeout(pending.timer);
      pending.resolve(response);
    });
    stream.on('error', (error: ServiceError) => this.fail(stream, fromServiceError(error)));
    stream.on('end', () => this.fail(stream, new BrookError('NETWORK_EXCEPTION', 'the leader ended the replica fetch session')));
    this.stream = stream;
    return stream;
  }

  /** Drops `stream` (if it is still the session's) and rejects the request in flight on it. */
  private fail(stream: SessionStream, error: unknown): void {
    if (stream !== this.stream) return;
    this.stream = undefined;
    stream.cancel();
    const pending = this.pending;
    this.pending = undefined;
    if (pending !== undefined) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}
