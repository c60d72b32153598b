// The producer's requests to one broker on one long-lived ProduceStream (proto/brook/v1/
// client.proto) instead of a unary Produce call each: a unary call costs grpc-js several times
// the CPU of a message on an open stream. Each request gets a correlation id and its own
// deadline; the stream opens on first use and again after it failed. A broker without
// ProduceStream (UNIMPLEMENTED before it answered anything) is remembered, and its requests,
// including those already written to the failed stream, go as unary Produce calls.
import { BrookError, errorCodeByNumber, fromServiceError } from '@brook/protocol';
import type { BrookClientClient, ProduceRequest, ProduceResponse__Output, ProduceStreamRequest, ProduceStreamResponse__Output } from '@brook/protocol';
import { status as GrpcStatus, type ClientDuplexStream, type ServiceError } from '@grpc/grpc-js';

type Stream = ClientDuplexStream<ProduceStreamRequest, ProduceStreamResponse__Output>;

interface Pending {
  request: ProduceRequest;
  timeoutMs: number;
  resolve: (response: ProduceResponse__Output) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

/** Sends one request as a unary Produce (the fallback). */
export type UnaryProduce = (request: ProduceRequest, timeoutMs: number) => Promise<ProduceResponse__Output>;

export class ProduceStreamChannel {
  private stream: Stream | undefined;
  /** True once the current stream delivered an answer: the broker implements ProduceStream. */
  private answered = false;
  private unsupported = false;
  private nextCorrelationId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(
    private readonly stub: BrookClientClient,
    private readonly unary: UnaryProduce,
  ) {}

  /** Sends `request`; resolves with its answer, rejects with a BrookError (REQUEST_TIMED_OUT after `timeoutMs`). */
  send(request: ProduceRequest, timeoutMs: number): Promise<ProduceResponse__Output> {
    if (this.closed) return Promise.reject(new BrookError('REQUEST_CANCELLED', 'the Brook client is closed'));
    if (this.unsupported) return this.unary(request, timeoutMs);
    const stream = this.stream ?? this.open();
    const correlationId = this.nextCorrelationId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // The answer may still come (and is then dropped); the request may have taken effect.
        this.pending.delete(correlationId);
        reject(new BrookError('REQUEST_TIMED_OUT', `no Produce answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(correlationId, { request, timeoutMs, resolve, reject, timer });
      stream.write({ correlationId, request });
    });
  }

  /** Ends the stream; requests in flight fail with REQUEST_CANCELLED. */
  close(): void {
    this.closed = true;
    const stream = this.stream;
    this.stream = undefined;
    stream?.cancel();
    this.failAll(new BrookError('REQUEST_CANCELLED', 'the Brook client is closed'));
  }

  private open(): Stream {
    const stream = this.stub.ProduceStream();
    this.answered = false;
    stream.on('data', (message: ProduceStreamResponse__Output) => {
      if (stream !== this.stream) return;
      this.answered = true;
      const id = Number(message.correlationId);
      const pending = this.pending.get(id);
      if (pending === undefined) return;
      this.pending.delete(id);
      clearTimeout(pending.timer);
      if (message.errorCode !== 0) pending.reject(new BrookError(errorCodeByNumber(message.errorCode) ?? 'UNKNOWN_SERVER_ERROR', message.errorMessage));
      else if (message.response === null) pending.reject(new BrookError('UNKNOWN_SERVER_ERROR', 'a ProduceStream answer without a response'));
      else pending.resolve(message.response);
    });
    stream.on('error', (error: ServiceError) => this.onStreamFailed(stream, error));
    stream.on('end', () => this.onStreamFailed(stream, undefined));
    this.stream = stream;
    return stream;
  }

  private onStreamFailed(stream: Stream, error: ServiceError | undefined): void {
    if (stream !== this.stream) return;
    this.stream = undefined;
    if (error?.code === GrpcStatus.UNIMPLEMENTED && !this.answered) {
      // An older broker: nothing written here was handled. Resend it all as unary calls.
      this.unsupported = true;
      for (const [id, pending] of this.pending) {
        this.pending.delete(id);
        clearTimeout(pending.timer);
        this.unary(pending.request, pending.timeoutMs).then(pending.resolve, pending.reject);
      }
      return;
    }
    stream.cancel();
    // Requests in flight may or may not have been handled: the caller retries them (idempotent
    // producers deduplicate), as after a failed unary call.
    this.failAll(error === undefined ? new BrookError('NETWORK_EXCEPTION', 'the broker ended the produce stream') : fromServiceError(error));
  }

  private failAll(error: BrookError): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}
