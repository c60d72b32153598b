// The MetadataSource of a broker-only node: it follows the metadata log as an observer (KIP-595's
// observers, KIP-631's broker metadata listener), long-polling FetchMetadata on the active
// controller from just after the last offset it has applied. An answer carries committed batches
// in offset order, preceded by a snapshot of the whole image when the log before them was
// compacted away; the fetcher installs the snapshot, replays the batches, and announces the
// resulting image once per answer (a diff of the whole step, not of each batch: catching up
// after a long absence would otherwise announce thousands of images nobody needs).
//
// Failures (no active controller during an election, a voter down, a broken answer) are retried
// with a backoff; the image simply stays where it is meanwhile, and a broker whose image stops
// advancing is fenced by the controller when its heartbeats report the stale offset.
import { BrookError, type FetchMetadataResponse__Output } from '@brook/protocol';
import { EMPTY_IMAGE, decodeRecords, decodeSnapshot, replayBatch, type MetadataImage } from '@brook/controller';
import type { Logger } from '../logging/logger.js';
import type { ControllerChannel } from './controller-channel.js';
import type { ImageListener, MetadataSource } from './metadata-source.js';
import { boundedTimeout } from './bounded-timeout.js';

const MAX_WAIT_MS_DEFAULT = 500;
/** A soft cap on one answer's batch bytes: big enough to catch up quickly, small next to the RPC limit. */
const MAX_BYTES_DEFAULT = 4 * 1024 * 1024;
const RETRY_BACKOFF_MS_DEFAULT = 100;
const RETRY_BACKOFF_MS_MAX = 2_000;

export interface MetadataFetcherOptions {
  channel: Pick<ControllerChannel, 'fetchMetadata' | 'activeControllerId'>;
  clusterId: string;
  nodeId: number;
  logger: Logger;
  /** How long the controller may hold a fetch with nothing new (the long poll). */
  maxWaitMs?: number;
  maxBytes?: number;
  /** Added to maxWaitMs as the deadline of one fetch. */
  requestTimeoutMs?: number;
  /** The first pause after a failure; pauses double up to 2 s. */
  retryBackoffMs?: number;
}

type Waiter = () => void;

export class MetadataFetcher implements MetadataSource {
  private readonly log: Logger;
  private readonly listeners = new Set<ImageListener>();
  private readonly waiters = new Set<Waiter>();
  private readonly stop = new AbortController();
  private current: MetadataImage = EMPTY_IMAGE;
  private leaderId = -1;
  private highWatermark = -1;
  private caughtUp = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: MetadataFetcherOptions) {
    this.log = options.logger.child({ component: 'metadata-fetcher' });
  }

  /** Starts fetching in the background. */
  start(): void {
    this.loop ??= this.run().catch((error: unknown) => this.log.error({ err: error }, 'metadata fetch loop failed'));
  }

  image(): MetadataImage {
    return this.current;
  }

  onImage(listener: ImageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The leader named by the last answer; before any, whatever the channel has learned. */
  activeControllerId(): number {
    return this.leaderId >= 0 ? this.leaderId : this.options.channel.activeControllerId();
  }

  /** The controller's committed offset as of the last answer; -1 before any. */
  controllerHighWatermark(): number {
    return this.highWatermark;
  }

  waitForOffset(offset: number, timeoutMs: number): Promise<void> {
    return this.waitFor(() => this.current.offset >= offset, `metadata offset ${offset}`, timeoutMs);
  }

  /**
   * Resolves once the image has reached the controller's committed offset as an answer reported
   * it: the image is known, and partition logs can be opened from it.
   */
  waitForCatchUp(timeoutMs: number): Promise<void> {
    return this.waitFor(() => this.caughtUp, 'caught up with the metadata log', timeoutMs);
  }

  /** Stops fetching (cancelling the poll in flight); waiters are rejected. */
  async close(): Promise<void> {
    if (!this.stop.signal.aborted) {
      this.stop.abort();
      for (const check of [...this.waiters]) check();
    }
    await this.loop;
  }

  private async run(): Promise<void> {
    const maxWaitMs = this.options.maxWaitMs ?? MAX_WAIT_MS_DEFAULT;
    const requestTimeoutMs = this.options.requestTimeoutMs ?? 5_000;
    let failures = 0;
    while (!this.stop.signal.aborted) {
      try {
        const response = await this.options.channel.fetchMetadata(
          { clusterId: this.options.clusterId, nodeId: this.options.nodeId, afterOffset: this.current.offset, maxWaitMs, maxBytes: this.options.maxBytes ?? MAX_BYTES_DEFAULT },
          { timeoutMs: maxWaitMs + requestTimeoutMs, attemptTimeoutMs: maxWaitMs + Math.ceil(requestTimeoutMs / 2), signal: this.stop.signal },
        );
        this.apply(response);
        failures = 0;
      } catch (error) {
        if (this.stop.signal.aborted) return;
        failures++;
        const level = failures === 1 ? 'warn' : 'debug';
        this.log[level]({ err: error, failures, offset: this.current.offset }, 'metadata fetch failed; retrying');
        await this.pause(Math.min(RETRY_BACKOFF_MS_MAX, (this.options.retryBackoffMs ?? RETRY_BACKOFF_MS_DEFAULT) * 2 ** (failures - 1)));
      }
    }
  }

  /**
   * Installs the snapshot, replays the batches after the image, announces the result. A batch
   * that fails to decode or replay stops the step there: the batches before it are kept, and
   * the next fetch asks again from after them.
   */
  private apply(response: FetchMetadataResponse__Output): void {
    if (response.leaderId >= 0) this.leaderId = response.leaderId;
    this.highWatermark = Number(response.highWatermark);
    const previous = this.current;
    let image = previous;
    let failure: unknown;
    try {
      if (response.snapshot !== null) image = this.snapshotImage(response.snapshot.image, Number(response.snapshot.offset));
      for (const batch of response.batches) {
        const offset = Number(batch.offset);
        // Already applied (an answer raced a snapshot): replaying it again would be wrong.
        if (offset <= image.offset) continue;
        image = replayBatch(image, decodeRecords(batch.records), offset);
      }
    } catch (error) {
      failure = error;
    }
    if (image !== previous) this.announce(image, previous);
    if (!this.caughtUp && this.current.offset >= this.highWatermark) this.markCaughtUp();
    if (failure !== undefined) throw failure;
  }

  private snapshotImage(bytes: Buffer, offset: number): MetadataImage {
    const image = decodeSnapshot(bytes);
    if (image.offset !== offset) throw new Error(`snapshot says offset ${image.offset}, its envelope ${offset}`);
    this.log.info({ offset, previousOffset: this.current.offset }, 'installed a metadata snapshot');
    return image;
  }

  private announce(image: MetadataImage, previous: MetadataImage): void {
    this.current = image;
    for (const listener of [...this.listeners]) {
      try {
        listener(image, previous);
      } catch (error) {
        this.log.error({ err: error, offset: image.offset }, 'an image listener failed');
      }
    }
    for (const check of [...this.waiters]) check();
  }

  private markCaughtUp(): void {
    this.caughtUp = true;
    this.log.info({ offset: this.current.offset, controllerId: this.activeControllerId() }, 'caught up with the metadata log');
    for (const check of [...this.waiters]) check();
  }

  private waitFor(reached: () => boolean, what: string, timeoutMs: number): Promise<void> {
    if (reached()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const finish = (error?: BrookError): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (error === undefined) resolve();
        else reject(error);
      };
      const check = (): void => {
        if (reached()) finish();
        else if (this.stop.signal.aborted) finish(new BrookError('REQUEST_TIMED_OUT', `the metadata fetcher closed before ${what}`));
      };
      const timer = boundedTimeout(timeoutMs, () => finish(new BrookError('REQUEST_TIMED_OUT', `not ${what} within ${timeoutMs} ms (applied offset ${this.current.offset})`)));
      this.waiters.add(check);
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.stop.signal;
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
