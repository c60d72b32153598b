// The broker's line to the active controller: one BrookController stub per voter, the node it
// last heard answer as the active controller, and the retry rules of KIP-631's
// BrokerToControllerChannelManager. A NOT_CONTROLLER answer names the active controller in its
// trailing metadata (controllerIdHint), so the call goes there at once; a voter that cannot be
// reached (UNAVAILABLE, a passed attempt deadline) is skipped for the next one after a short
// pause, because during an election nobody may answer for a while. Every call is bounded by its
// own deadline: whatever happens, it ends by then, with a BrookError.
import { Metadata, type ClientUnaryCall, type ServiceError } from '@grpc/grpc-js';
import { BrookError, ERROR_CODE_METADATA_KEY, controllerIdHint, createBrookControllerClient, fromServiceError, rpcClientOptions } from '@brook/protocol';
import type {
  AllocateProducerIdsRequest,
  AllocateProducerIdsResponse__Output,
  AlterPartitionRequest,
  AlterPartitionResponse__Output,
  BrokerHeartbeatRequest,
  BrokerHeartbeatResponse__Output,
  BrookControllerClient,
  DescribeQuorumRequest,
  DescribeQuorumResponse__Output,
  FetchMetadataRequest,
  FetchMetadataResponse__Output,
  ForwardedCreateTopicsRequest,
  ForwardedCreateTopicsResponse__Output,
  ForwardedDeleteTopicsRequest,
  ForwardedDeleteTopicsResponse__Output,
  ForwardedIncrementalAlterConfigsRequest,
  ForwardedIncrementalAlterConfigsResponse__Output,
  RegisterBrokerRequest,
  RegisterBrokerResponse__Output,
} from '@brook/protocol';
import type { Logger } from '../logging/logger.js';

/** The pause before trying another voter after a transport failure or an unhinted redirect. */
const RETRY_BACKOFF_MS_DEFAULT = 50;
/** Backoffs double per failed round over all voters, up to this many times the first. */
const RETRY_BACKOFF_GROWTH_MAX = 16;

export interface ControllerChannelOptions {
  /** Voter id -> its internal listener "host:port" (ClusterShape.voters). */
  voters: ReadonlyMap<number, string>;
  logger: Logger;
  /** The deadline of a call that names none. */
  requestTimeoutMs: number;
  retryBackoffMs?: number;
}

export interface ControllerCallOptions {
  /** The whole call, every retry included; default: requestTimeoutMs. */
  timeoutMs?: number;
  /**
   * One attempt at one voter; default: the whole timeout with one voter, half of it with more,
   * so that a voter that accepts the connection but never answers leaves time for another.
   */
  attemptTimeoutMs?: number;
  /** Cancels the call (REQUEST_CANCELLED); used to stop a long poll at shutdown. */
  signal?: AbortSignal;
}

/** Each RPC's request and decoded response types. */
interface ControllerRpcs {
  RegisterBroker: [RegisterBrokerRequest, RegisterBrokerResponse__Output];
  BrokerHeartbeat: [BrokerHeartbeatRequest, BrokerHeartbeatResponse__Output];
  FetchMetadata: [FetchMetadataRequest, FetchMetadataResponse__Output];
  CreateTopics: [ForwardedCreateTopicsRequest, ForwardedCreateTopicsResponse__Output];
  DeleteTopics: [ForwardedDeleteTopicsRequest, ForwardedDeleteTopicsResponse__Output];
  IncrementalAlterConfigs: [ForwardedIncrementalAlterConfigsRequest, ForwardedIncrementalAlterConfigsResponse__Output];
  DescribeQuorum: [DescribeQuorumRequest, DescribeQuorumResponse__Output];
  AlterPartition: [AlterPartitionRequest, AlterPartitionResponse__Output];
  AllocateProducerIds: [AllocateProducerIdsRequest, AllocateProducerIdsResponse__Output];
}
type RpcName = keyof ControllerRpcs;

type UnaryInvoker<M extends RpcName> = (
  request: ControllerRpcs[M][0],
  metadata: Metadata,
  options: { deadline: Date },
  callback: (error: ServiceError | null, response?: ControllerRpcs[M][1]) => void,
) => ClientUnaryCall;


export class ControllerChannel {
  private readonly clients = new Map<number, BrookControllerClient>();
  private readonly voterIds: number[];
  private readonly log: Logger;
  private readonly retryBackoffMs: number;
  private active = -1;
  private closed = false;

  constructor(private readonly options: ControllerChannelOptions) {
    if (options.voters.size === 0) throw new RangeError('ControllerChannel needs at least one voter');
    this.voterIds = [...options.voters.keys()].sort((a, b) => a - b);
    for (const [id, address] of options.voters) this.clients.set(id, createBrookControllerClient(address, undefined, rpcClientOptions()));
    this.log = options.logger.child({ component: 'controller-channel' });
    this.retryBackoffMs = options.retryBackoffMs ?? RETRY_BACKOFF_MS_DEFAULT;
  }

  /** The voter that last answered as the active controller (or was named as it); -1 when unknown. */
  activeControllerId(): number {
    return this.active;
  }

  registerBroker(request: RegisterBrokerRequest, options?: ControllerCallOptions): Promise<RegisterBrokerResponse__Output> {
    return this.call('RegisterBroker', request, options);
  }

  brokerHeartbeat(request: BrokerHeartbeatRequest, options?: ControllerCallOptions): Promise<BrokerHeartbeatResponse__Output> {
    return this.call('BrokerHeartbeat', request, options);
  }

  fetchMetadata(request: FetchMetadataRequest, options?: ControllerCallOptions): Promise<FetchMetadataResponse__Output> {
    return this.call('FetchMetadata', request, options);
  }

  createTopics(request: ForwardedCreateTopicsRequest, options?: ControllerCallOptions): Promise<ForwardedCreateTopicsResponse__Output> {
    return this.call('CreateTopics', request, options);
  }

  deleteTopics(request: ForwardedDeleteTopicsRequest, options?: ControllerCallOptions): Promise<ForwardedDeleteTopicsResponse__Output> {
    return this.call('DeleteTopics', request, options);
  }

  incrementalAlterConfigs(request: ForwardedIncrementalAlterConfigsRequest, options?: ControllerCallOptions): Promise<ForwardedIncrementalAlterConfigsResponse__Output> {
    return this.call('IncrementalAlterConfigs', request, options);
  }

  describeQuorum(options?: ControllerCallOptions): Promise<DescribeQuorumResponse__Output> {
    return this.call('DescribeQuorum', {}, options);
  }

  alterPartition(request: AlterPartitionRequest, options?: ControllerCallOptions): Promise<AlterPartitionResponse__Output> {
    return this.call('AlterPartition', request, options);
  }

  allocateProducerIds(request: AllocateProducerIdsRequest, options?: ControllerCallOptions): Promise<AllocateProducerIdsResponse__Output> {
    return this.call('AllocateProducerIds', request, options);
  }

  /** Closes every stub; calls in flight fail with REQUEST_CANCELLED. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const client of this.clients.values()) client.close();
  }

  /**
   * Tries voters until one answers as the active controller, or the deadline passes. A retried
   * write may have taken effect the first time (an attempt timed out after the commit): the
   * controller's answer then says so (TOPIC_ALREADY_EXISTS), as with Kafka's retries.
   */
  private async call<M extends RpcName>(method: M, request: ControllerRpcs[M][0], options: ControllerCallOptions = {}): Promise<ControllerRpcs[M][1]> {
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    const attemptTimeoutMs = options.attemptTimeoutMs ?? (this.voterIds.length > 1 ? Math.ceil(timeoutMs / 2) : timeoutMs);
    let target = this.firstTarget();
    let lastError: BrookError | undefined;
    for (let attempt = 0; ; attempt++) {
      this.throwIfStopped(options.signal);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw this.deadlineError(method, timeoutMs, lastError);
      const cutShort = remaining < attemptTimeoutMs;
      try {
        const response = await this.attempt(method, target, request, Math.min(remaining, attemptTimeoutMs), options.signal);
        this.noteActive(target);
        return response;
      } catch (raw) {
        const error = fromServiceError(raw);
        if (this.closed || options.signal?.aborted === true || !tryAnotherVoter(error, raw)) throw error;
        // An attempt that had only the call's last moments and ran out of them says nothing new
        // about the voters: the earlier "no active controller" stays the call's answer.
        if (!(cutShort && error.code === 'REQUEST_TIMED_OUT' && lastError?.code === 'NOT_CONTROLLER')) lastError = error;
        const next = this.nextTarget(target, error, raw);
        this.log.debug({ method, voter: target, next, code: error.code }, 'controller call failed; trying another voter');
        const pause = this.backoffBefore(attempt, error, raw);
        target = next;
        if (pause > 0) await sleep(Math.min(pause, Math.max(0, deadline - Date.now())), options.signal);
      }
    }
  }

  private attempt<M extends RpcName>(method: M, voter: number, request: ControllerRpcs[M][0], timeoutMs: number, signal: AbortSignal | undefined): Promise<ControllerRpcs[M][1]> {
    const client = this.clients.get(voter);
    if (client === undefined) throw new Error(`voter ${voter} has no client`);
    const invoke = client[method] as unknown as UnaryInvoker<M>;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => call.cancel();
      const call = invoke.call(client, request, new Metadata(), { deadline: new Date(Date.now() + timeoutMs) }, (error, response) => {
        signal?.removeEventListener('abort', onAbort);
        if (error !== null) reject(error);
        else if (response === undefined) reject(new BrookError('UNKNOWN_SERVER_ERROR', `${method}: empty response`));
        else resolve(response);
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The known active controller, else the first voter (in id order). */
  private firstTarget(): number {
    return this.clients.has(this.active) ? this.active : (this.voterIds[0] ?? -1);
  }

  /** The hinted active controller when a NOT_CONTROLLER names one we know; else the voter after `failed`. */
  private nextTarget(failed: number, error: BrookError, raw: unknown): number {
    const hint = error.code === 'NOT_CONTROLLER' ? controllerIdHint(raw) : -1;
    if (hint >= 0 && hint !== failed && this.clients.has(hint)) {
      this.noteActive(hint);
      return hint;
    }
    if (this.active === failed) this.active = -1;
    const index = this.voterIds.indexOf(failed);
    return this.voterIds[(index + 1) % this.voterIds.length] ?? failed;
  }

  /**
   * No pause when a redirect names the active controller, unless redirects keep going round
   * (hints go stale during an election); otherwise a pause that grows with each full round.
   */
  private backoffBefore(attempt: number, error: BrookError, raw: unknown): number {
    const rounds = Math.floor(attempt / this.voterIds.length);
    const hinted = error.code === 'NOT_CONTROLLER' && controllerIdHint(raw) >= 0;
    if (hinted && rounds === 0) return 0;
    return this.retryBackoffMs * Math.min(RETRY_BACKOFF_GROWTH_MAX, 2 ** rounds);
  }

  private noteActive(voter: number): void {
    if (this.active !== voter) this.log.info({ controllerId: voter }, 'active controller');
    this.active = voter;
  }

  private throwIfStopped(signal: AbortSignal | undefined): void {
    if (this.closed) throw new BrookError('REQUEST_CANCELLED', 'the controller channel is closed');
    if (signal?.aborted === true) throw new BrookError('REQUEST_CANCELLED', 'the controller call was cancelled');
  }

  private deadlineError(method: RpcName, timeoutMs: number, lastError: BrookError | undefined): BrookError {
    const detail = lastError === undefined ? '' : ` (last: ${lastError.code}: ${lastError.message})`;
    // NOT_CONTROLLER stays what it is: the caller may tell "no active controller" from a timeout.
    if (lastError?.code === 'NOT_CONTROLLER') return new BrookError('NOT_CONTROLLER', `${method}: no active controller answered within ${timeoutMs} ms${detail}`, { cause: lastError });
    return new BrookError('REQUEST_TIMED_OUT', `${method}: no controller answered within ${timeoutMs} ms${detail}`, { cause: lastError });
  }
}

/**
 * Whether another voter may do better: this one is not in charge, or the transport failed (the
 * voter was unreachable, silent, or not serving the controller service yet). A REQUEST_TIMED_OUT the controller sent itself (a commit that
 * did not complete in time) came from the active controller, and is the caller's answer.
 */
function tryAnotherVoter(error: BrookError, raw: unknown): boolean {
  if (error.code === 'NOT_CONTROLLER') return true;
  // UNSUPPORTED_VERSION from grpc-js itself (UNIMPLEMENTED, no Brook code on it): a voter that
  // is starting binds its internal listener before its controller service is registered.
  if (error.code !== 'NETWORK_EXCEPTION' && error.code !== 'REQUEST_TIMED_OUT' && error.code !== 'UNSUPPORTED_VERSION') return false;
  const metadata = (raw as { metadata?: unknown } | null)?.metadata;
  return !(metadata instanceof Metadata && metadata.get(ERROR_CODE_METADATA_KEY).length > 0);
}

/** Resolves after `ms`, or at once when `signal` aborts (the caller's next check throws). */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
