// A unary RPC's requests to one broker on one long-lived stream (ProduceStream, FetchStream in
// proto/brook/v1/client.proto) instead of a unary call each: a unary call costs grpc-js several
// times the CPU of a message on an open stream. Each request gets a correlation id and its own
// deadline; the stream opens on first use and again after it failed. A broker without the stream
// RPC (UNIMPLEMENTED before it answered anything) is remembered, and its requests, including those
// already written to the failed stream, go as unary calls.
import { BrookError, errorCodeByNumber, fromServiceError } from '@brook/protocol';
import { status as GrpcStatus, type ClientDuplexStream, type ServiceError } from '@grpc/grpc-js';

/** What goes on the stream: a request with its correlation id. */
export interface CorrelatedRequest<Request> {
  correlationId: number;
  request: Request;
}

/** What comes back: the answer, or a failure of the whole request, with the request's id. */
export interface CorrelatedAnswer<Response> {
  correlationId: string;
  response: Response | null;
  errorCode: number;
  errorMessage: string;
}

/** The stream RPC's call, as the generated stub returns it. */
export type CorrelatedStream<Request, Response> = ClientDuplexStream<CorrelatedRequest<Request>, CorrelatedAnswer<Response>>;
type Stream<Request, Response> = CorrelatedStream<Request, Response>;

interface Pending<Request, Response> {
  request: Request;
  timeoutMs: number;
  resolve: (response: Response) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** Sends one request as a unary call (the fallback). */
export type UnarySend<Request, Response> = (request: Request, timeoutMs: number, signal: AbortSignal | undefined) => Promise<Response>;

export class CorrelatedStreamChannel<Request, Response> {
  private stream: Stream<Request, Response> | undefined;
  /** True once the current stream delivered an answer: the broker implements the stream RPC. */
  private answered = false;
  private unsupported = false;
  private nextCorrelationId = 1;
  private readonly pending = new Map<number, Pending<Request, Response>>();
  private closed = false;

  constructor(
    private readonly method: string,
    private readonly openStream: () => Stream<Request, Response>,
    private readonly unary: UnarySend<Request, Response>,
  ) {}

  /**
   * Sends `request`; resolves with its answer, rejects with a BrookError: REQUEST_TIMED_OUT after
   * `timeoutMs`, REQUEST_CANCELLED when `signal` aborts (a long poll then runs out on the broker).
   */
  send(request: Request, timeoutMs: number, signal?: AbortSignal): Promise<Response> {
    if (this.closed) return Promise.reject(new BrookError('REQUEST_CANCELLED', 'the Brook client is closed'));
    if (signal?.aborted === true) return Promise.reject(new BrookError('REQUEST_CANCELLED', 'the call was cancelled before it started'));
    if (this.unsupported) return this.unary(request, timeoutMs, signal);
    const stream = this.stream ?? this.open();
    const correlationId = this.nextCorrelationId++;
    return new Promise((resolve, reject) => {
      // The answer may still come after a timeout or a cancel (it is then dropped); the request
      // may have taken effect.
      const timer = setTimeout(() => this.settle(correlationId)?.reject(new BrookError('REQUEST_TIMED_OUT', `no ${this.method} answer within ${timeoutMs} ms`)), timeoutMs);
      const onAbort = signal === undefined ? undefined : (): void => this.settle(correlationId)?.reject(new BrookError('REQUEST_CANCELLED', `the ${this.method} was cancelled`));
      if (onAbort !== undefined) signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(correlationId, { request, timeoutMs, resolve, reject, timer, signal, onAbort });
      stream.write({ correlationId, request });
    });
  }

  /** Takes a request out of the pending set (undefined when it was settled already). */
  private settle(correlationId: number): Pending<Request, Response> | undefined {
    const pending = this.pending.get(correlationId);
    if (pending === undefined) return undefined;
    this.pending.delete(correlationId);
    clearTimeout(pending.timer);
    if (pending.onAbort !== undefined) pending.signal?.removeEventListener('abort', pending.onAbort);
    return pending;
  }

  /** Ends the stream; requests in flight fail with REQUEST_CANCELLED. */
  close(): void {
    this.closed = true;
    const stream = this.stream;
    this.stream = undefined;
    stream?.cancel();
    this.failAll(new BrookError('REQUEST_CANCELLED', 'the Brook client is closed'));
  }

  private open(): Stream<Request, Response> {
    const stream = this.openStream();
    this.answered = false;
    stream.on('data', (message: CorrelatedAnswer<Response>) => {
      if (stream !== this.stream) return;
      this.answered = true;
      const pending = this.settle(Number(message.correlationId));
      if (pending === undefined) return;
      if (message.errorCode !== 0) pending.reject(new BrookError(errorCodeByNumber(message.errorCode) ?? 'UNKNOWN_SERVER_ERROR', message.errorMessage));
      else if (message.response === null) pending.reject(new BrookError('UNKNOWN_SERVER_ERROR', `a ${this.method}Stream answer without a response`));
      else pending.resolve(message.response);
    });
    stream.on('error', (error: ServiceError) => this.onStreamFailed(stream, error));
    stream.on('end', () => this.onStreamFailed(stream, undefined));
    this.stream = stream;
    return stream;
  }

  private onStreamFailed(stream: Stream<Request, Response>, error: ServiceError | undefined): void {
    if (stream !== this.stream) return;
    this.stream = undefined;
    if (error?.code === GrpcStatus.UNIMPLEMENTED && !this.answered) {
      // An older broker: nothing written here was handled. Resend it all as unary calls.
      this.unsupported = true;
      for (const id of [...this.pending.keys()]) {
        const pending = this.settle(id);
        if (pending !== undefined) this.unary(pending.request, pending.timeoutMs, pending.signal).then(pending.resolve, pending.reject);
      }
      return;
    }
    stream.cancel();
    // Requests in flight may or may not have been handled: the caller retries them (an idempotent
    // producer's retries are deduplicated), as after a failed unary call.
    this.failAll(error === undefined ? new BrookError('NETWORK_EXCEPTION', `the broker ended the ${this.method} stream`) : fromServiceError(error));
  }

  private failAll(error: BrookError): void {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(error);
  }
}
