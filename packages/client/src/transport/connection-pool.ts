// One gRPC client stub per broker address, shared by every producer, consumer and admin of a
// Brook instance (a stub is one HTTP/2 channel that multiplexes concurrent calls). Every call gets
// a deadline, and every failure comes back as a BrookError through the protocol's one
// conversion, so callers decide retries on `retriable` alone.
import { BrookError, createBrookClient, fromServiceError } from '@brook/protocol';
import type {
  BrookClientClient,
  CreateTopicsRequest,
  CreateTopicsResponse__Output,
  DeleteTopicsRequest,
  DeleteTopicsResponse__Output,
  DescribeClusterRequest,
  DescribeClusterResponse__Output,
  DescribeConfigsRequest,
  DescribeConfigsResponse__Output,
  DescribeQuorumRequest,
  InitProducerIdRequest,
  InitProducerIdResponse__Output,
  DescribeQuorumResponse__Output,
  FetchRequest,
  FetchResponse__Output,
  IncrementalAlterConfigsRequest,
  IncrementalAlterConfigsResponse__Output,
  ListOffsetsRequest,
  ListOffsetsResponse__Output,
  MetadataRequest,
  MetadataResponse__Output,
  ProduceRequest,
  ProduceResponse__Output,
} from '@brook/protocol';
import { credentials } from '@grpc/grpc-js';
import { CorrelatedStreamChannel, type CorrelatedStream } from './correlated-stream.js';
import type { CallOptions, ChannelOptions, ClientUnaryCall, ServiceError } from '@grpc/grpc-js';

/** Request and response types of each BrookClient RPC. */
export interface BrookRpcs {
  Produce: [ProduceRequest, ProduceResponse__Output];
  Fetch: [FetchRequest, FetchResponse__Output];
  ListOffsets: [ListOffsetsRequest, ListOffsetsResponse__Output];
  Metadata: [MetadataRequest, MetadataResponse__Output];
  CreateTopics: [CreateTopicsRequest, CreateTopicsResponse__Output];
  DeleteTopics: [DeleteTopicsRequest, DeleteTopicsResponse__Output];
  IncrementalAlterConfigs: [IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse__Output];
  DescribeConfigs: [DescribeConfigsRequest, DescribeConfigsResponse__Output];
  DescribeCluster: [DescribeClusterRequest, DescribeClusterResponse__Output];
  DescribeQuorum: [DescribeQuorumRequest, DescribeQuorumResponse__Output];
  InitProducerId: [InitProducerIdRequest, InitProducerIdResponse__Output];
}

export type BrookRpcName = keyof BrookRpcs;

export interface CallSettings {
  /** The call's deadline, from now; the pool's request timeout when not given. */
  readonly timeoutMs?: number;
  /** Cancels the call (it then fails with REQUEST_CANCELLED). */
  readonly signal?: AbortSignal;
}

// The generated stub's overloads cannot be indexed generically; every unary method has this shape.
type UnaryMethod = (
  request: unknown,
  options: CallOptions,
  callback: (error: ServiceError | null, response?: unknown) => void,
) => ClientUnaryCall;

export class ConnectionPool {
  private readonly clients = new Map<string, BrookClientClient>();
  private readonly produceStreams = new Map<string, CorrelatedStreamChannel<ProduceRequest, ProduceResponse__Output>>();
  private readonly fetchStreams = new Map<string, CorrelatedStreamChannel<FetchRequest, FetchResponse__Output>>();
  private closed = false;

  constructor(
    private readonly requestTimeoutMs: number,
    private readonly channelOptions: ChannelOptions,
  ) {}

  /** Calls `method` on the broker at `address` ("host:port"), rejecting with a BrookError. */
  call<M extends BrookRpcName>(address: string, method: M, request: BrookRpcs[M][0], settings: CallSettings = {}): Promise<BrookRpcs[M][1]> {
    if (this.closed) return Promise.reject(new BrookError('REQUEST_CANCELLED', 'the Brook client is closed'));
    const { signal } = settings;
    if (signal?.aborted === true) return Promise.reject(new BrookError('REQUEST_CANCELLED', 'the call was cancelled before it started'));
    const stub = this.client(address);
    const deadline = new Date(Date.now() + (settings.timeoutMs ?? this.requestTimeoutMs));
    const unary = stub[method] as unknown as UnaryMethod;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => call.cancel();
      const call = unary.call(stub, request, { deadline }, (error, response) => {
        signal?.removeEventListener('abort', onAbort);
        if (error !== null) reject(fromServiceError(error));
        else if (response === undefined) reject(new BrookError('UNKNOWN_SERVER_ERROR', `${method}: empty response`));
        else resolve(response as BrookRpcs[M][1]);
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * A Produce to the broker at `address` on its ProduceStream (unary Produce against a broker
   * without one), rejecting with a BrookError; REQUEST_TIMED_OUT after the timeout.
   */
  produce(address: string, request: ProduceRequest, settings: Pick<CallSettings, 'timeoutMs'> = {}): Promise<ProduceResponse__Output> {
    if (this.closed) return Promise.reject(new BrookError('REQUEST_CANCELLED', 'the Brook client is closed'));
    let channel = this.produceStreams.get(address);
    if (channel === undefined) {
      const stub = this.client(address);
      channel = new CorrelatedStreamChannel<ProduceRequest, ProduceResponse__Output>('Produce', () => stub.ProduceStream() as CorrelatedStream<ProduceRequest, ProduceResponse__Output>, (unary, timeoutMs) => this.call(address, 'Produce', unary, { timeoutMs }));
      this.produceStreams.set(address, channel);
    }
    return channel.send(request, settings.timeoutMs ?? this.requestTimeoutMs);
  }

  /** A Fetch on the broker's FetchStream (unary Fetch against a broker without one); as `call` otherwise. */
  fetch(address: string, request: FetchRequest, settings: CallSettings = {}): Promise<FetchResponse__Output> {
    if (this.closed) return Promise.reject(new BrookError('REQUEST_CANCELLED', 'the Brook client is closed'));
    let channel = this.fetchStreams.get(address);
    if (channel === undefined) {
      const stub = this.client(address);
      channel = new CorrelatedStreamChannel<FetchRequest, FetchResponse__Output>('Fetch', () => stub.FetchStream() as CorrelatedStream<FetchRequest, FetchResponse__Output>, (unary, timeoutMs, signal) => this.call(address, 'Fetch', unary, { timeoutMs, ...(signal === undefined ? {} : { signal }) }));
      this.fetchStreams.set(address, channel);
    }
    return channel.send(request, settings.timeoutMs ?? this.requestTimeoutMs, settings.signal);
  }

  /** The stub for `address`, created on first use. */
  client(address: string): BrookClientClient {
    let stub = this.clients.get(address);
    if (stub === undefined) {
      stub = createBrookClient(address, credentials.createInsecure(), this.channelOptions);
      this.clients.set(address, stub);
    }
    return stub;
  }

  /** Closes every channel; calls in flight fail, later calls are refused. */
  close(): void {
    this.closed = true;
    for (const channel of [...this.produceStreams.values(), ...this.fetchStreams.values()]) channel.close();
    this.produceStreams.clear();
    this.fetchStreams.clear();
    for (const stub of this.clients.values()) stub.close();
    this.clients.clear();
  }
}
