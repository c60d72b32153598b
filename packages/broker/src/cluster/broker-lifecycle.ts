// A broker's session with the active controller (KIP-631's BrokerLifecycleManager): register
// with a fresh incarnation id, then heartbeat every heartbeatIntervalMs reporting how far the
// metadata log has been applied here. The controller unfences the broker once it has caught up
// (and the broker no longer asks to stay fenced), fences it when the heartbeats stop, and at the
// end moves its leaderships away when it asks for controlled shutdown (KIP-841).
//
// A heartbeat refused with STALE_BROKER_EPOCH or BROKER_ID_NOT_REGISTERED means the controller
// no longer holds this registration (a newer one replaced it, or a failover lost it): the broker
// registers again with the same incarnation id, which the controller recognises as the same
// process. Every other failure is retried at the next beat; the channel has already tried every
// voter within the call's deadline.
import { randomBytes } from 'node:crypto';
import { BrookError, fromServiceError, type BrokerHeartbeatResponse__Output } from '@brook/protocol';
import type { HostPort } from '../config/address.js';
import type { Logger } from '../logging/logger.js';
import type { ControllerChannel } from './controller-channel.js';
import type { MetadataSource } from './metadata-source.js';
import { boundedTimeout } from './bounded-timeout.js';

export type BrokerLifecycleState = 'registering' | 'fenced' | 'unfenced' | 'shutting-down' | 'stopped';

/** The smallest heartbeat deadline: below it a loaded loopback call could miss it. */
const HEARTBEAT_TIMEOUT_MS_MIN = 1_000;

export interface BrokerLifecycleOptions {
  channel: Pick<ControllerChannel, 'registerBroker' | 'brokerHeartbeat'>;
  source: Pick<MetadataSource, 'image'>;
  nodeId: number;
  clusterId: string;
  /** The advertised addresses, registered as the listeners named 'client' and 'internal'. */
  listeners: { client: HostPort; internal: HostPort };
  /** '' = none. */
  rack: string;
  heartbeatIntervalMs: number;
  logger: Logger;
  /**
   * Whether the broker may be unfenced yet; heartbeats ask to stay fenced (want_fence) until it
   * is true, e.g. while the partition logs are still opening. Default: always.
   */
  readyToUnfence?: () => boolean;
  /** The pause between failed registrations; default heartbeatIntervalMs. */
  registrationBackoffMs?: number;
}

export class BrokerLifecycle {
  /** 32 lowercase hex characters, new for every process (every BrokerLifecycle). */
  readonly incarnationId = randomBytes(16).toString('hex');
  private readonly log: Logger;
  private readonly stop = new AbortController();
  private readonly stateWaiters = new Set<() => void>();
  private current: BrokerLifecycleState = 'registering';
  private epoch = -1;
  private wantShutdown = false;
  private shutdownComplete = false;
  /** Heartbeats failed in a row: the first is a warning, the rest (an election, a partition) debug. */
  private heartbeatFailures = 0;
  private loop: Promise<void> | undefined;
  private firstRegistration: Promise<void> | undefined;
  /** Ends the pause between beats early (controlled shutdown, close). */
  private wake: () => void = () => undefined;

  constructor(private readonly options: BrokerLifecycleOptions) {
    this.log = options.logger.child({ component: 'broker-lifecycle' });
  }

  state(): BrokerLifecycleState {
    return this.current;
  }

  /** The epoch of the current registration; -1 before the first. */
  brokerEpoch(): number {
    return this.epoch;
  }

  /**
   * Starts the session; resolves once the first registration is answered (retried until then),
   * rejects with REQUEST_CANCELLED if closed first. Heartbeats go on in the background.
   */
  start(): Promise<void> {
    if (this.firstRegistration !== undefined) return this.firstRegistration;
    this.firstRegistration = this.waitForState(() => this.epoch >= 0, 'registered', Number.POSITIVE_INFINITY);
    // A caller that starts without awaiting must not see an unhandled rejection at close.
    this.firstRegistration.catch(() => undefined);
    this.loop = this.run().catch((error: unknown) => this.log.error({ err: error }, 'broker lifecycle loop failed'));
    return this.firstRegistration;
  }

  /**
   * Resolves once the controller has unfenced this broker; REQUEST_TIMED_OUT after timeoutMs
   * (Infinity: never), REQUEST_CANCELLED when closed first.
   */
  waitUntilUnfenced(timeoutMs: number): Promise<void> {
    return this.waitForState((state) => state === 'unfenced', 'unfenced', timeoutMs);
  }

  /**
   * Asks the controller to move this broker's leaderships away (KIP-841) and heartbeats with
   * want_shutdown until it answers should_shutdown: true then, false when timeoutMs passed first
   * or the broker never registered. Heartbeats stop once the controller has let the broker go.
   */
  async controlledShutdown(timeoutMs: number): Promise<boolean> {
    if (this.current === 'stopped' || this.epoch < 0) return false;
    this.wantShutdown = true;
    this.setState('shutting-down');
    this.wake();
    try {
      await this.waitForState(() => this.shutdownComplete, 'shut down', timeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  /** Stops heartbeating (cancelling a call in flight) and waits for the loop to end. */
  async close(): Promise<void> {
    if (this.current !== 'stopped') {
      this.setState('stopped');
      this.stop.abort();
      this.wake();
    }
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped()) {
      if (this.epoch < 0) await this.register();
      else await this.heartbeat();
      if (this.shutdownComplete) return;
      if (this.epoch >= 0) await this.pause(this.options.heartbeatIntervalMs);
    }
  }

  private stopped(): boolean {
    return this.stop.signal.aborted;
  }

  private async register(): Promise<void> {
    this.setState('registering');
    const { client, internal } = this.options.listeners;
    const request = {
      clusterId: this.options.clusterId,
      brokerId: this.options.nodeId,
      incarnationId: this.incarnationId,
      listeners: [
        { name: 'client', host: client.host, port: client.port },
        { name: 'internal', host: internal.host, port: internal.port },
      ],
      rack: this.options.rack,
    };
    for (let attempt = 1; !this.stopped(); attempt++) {
      try {
        const response = await this.options.channel.registerBroker(request, { signal: this.stop.signal });
        this.epoch = Number(response.brokerEpoch);
        this.log.info({ brokerEpoch: this.epoch, incarnationId: this.incarnationId }, 'registered with the controller');
        this.setState(this.wantShutdown ? 'shutting-down' : 'fenced');
        return;
      } catch (error) {
        if (this.stopped()) return;
        this.log.warn({ err: error, attempt }, 'registration failed; retrying');
        await this.pause(this.options.registrationBackoffMs ?? this.options.heartbeatIntervalMs);
      }
    }
  }

  private async heartbeat(): Promise<void> {
    const request = {
      brokerId: this.options.nodeId,
      brokerEpoch: this.epoch,
      currentMetadataOffset: this.options.source.image().offset,
      // Only a broker that is not unfenced yet may ask to stay fenced. Once unfenced, a moment
      // where its view lags the image (logs of a new topic still opening) is normal operation:
      // asking to be fenced then would drop it from every ISR on each metadata change.
      wantFence: !this.wantShutdown && this.current !== 'unfenced' && !(this.options.readyToUnfence?.() ?? true),
      wantShutdown: this.wantShutdown,
    };
    try {
      // A beat later than a couple of intervals is worth less than the next one.
      const timeoutMs = Math.max(HEARTBEAT_TIMEOUT_MS_MIN, 2 * this.options.heartbeatIntervalMs);
      this.onHeartbeatResponse(await this.options.channel.brokerHeartbeat(request, { timeoutMs, signal: this.stop.signal }));
      if (this.heartbeatFailures > 0) this.log.info({ failures: this.heartbeatFailures }, 'heartbeats answered again');
      this.heartbeatFailures = 0;
    } catch (raw) {
      if (this.stopped()) return;
      const error = fromServiceError(raw);
      if (error.code === 'STALE_BROKER_EPOCH' || error.code === 'BROKER_ID_NOT_REGISTERED') {
        this.log.warn({ code: error.code, brokerEpoch: this.epoch }, 'the controller no longer holds this registration; registering again');
        this.epoch = -1;
        return;
      }
      this.heartbeatFailures++;
      this.log[this.heartbeatFailures === 1 ? 'warn' : 'debug']({ err: error, failures: this.heartbeatFailures }, 'heartbeat failed');
    }
  }

  private onHeartbeatResponse(response: BrokerHeartbeatResponse__Output): void {
    if (this.stopped()) return;
    if (this.wantShutdown) {
      if (response.shouldShutdown) {
        this.log.info('controlled shutdown complete: this broker leads nothing');
        this.shutdownComplete = true;
        this.notifyStateWaiters();
      }
      return;
    }
    this.setState(response.isFenced ? 'fenced' : 'unfenced');
  }

  private setState(next: BrokerLifecycleState): void {
    if (this.current === next || this.current === 'stopped') return;
    this.log.info({ from: this.current, to: next, brokerEpoch: this.epoch }, 'broker state');
    this.current = next;
    this.notifyStateWaiters();
  }

  private notifyStateWaiters(): void {
    for (const check of [...this.stateWaiters]) check();
  }

  /** Resolves when `reached` holds; rejects on timeout (REQUEST_TIMED_OUT) or close (REQUEST_CANCELLED). */
  private waitForState(reached: (state: BrokerLifecycleState) => boolean, what: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = (error?: BrookError): void => {
        clearTimeout(timer);
        this.stateWaiters.delete(check);
        if (error === undefined) resolve();
        else reject(error);
      };
      const check = (): void => {
        if (reached(this.current)) finish();
        else if (this.current === 'stopped') finish(new BrookError('REQUEST_CANCELLED', `the broker lifecycle stopped before the broker was ${what}`));
      };
      const timer = boundedTimeout(timeoutMs, () => finish(new BrookError('REQUEST_TIMED_OUT', `broker not ${what} within ${timeoutMs} ms (state: ${this.current})`)));
      this.stateWaiters.add(check);
      check();
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
