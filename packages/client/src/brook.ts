// The SDK's entry point: one Brook per application and cluster. It owns the connection pool (one
// gRPC channel per broker) and the metadata cache, which every producer, consumer and admin it
// creates shares, so they agree on leaders and refresh them once.
import { rpcMessageSizeOptions } from '@brook/protocol';
import { Admin } from './admin/admin.js';
import { resolveBrookOptions, type BrookOptions, type ResolvedBrookOptions } from './brook-options.js';
import { Consumer } from './consumer/consumer.js';
import type { ConsumerOptions } from './consumer/consumer-types.js';
import { MetadataCache } from './metadata/metadata-cache.js';
import { Producer } from './producer/producer.js';
import type { ProducerOptions } from './producer/producer-types.js';
import { ConnectionPool } from './transport/connection-pool.js';

/** What Brook closes when it is closed. */
interface Closeable {
  close(): Promise<void>;
}

/** The HTTP/2 receive window a client connection opens with. */
const CLIENT_FLOW_CONTROL_WINDOW_BYTES = 16 * 1024 * 1024;

export class Brook {
  readonly options: ResolvedBrookOptions;
  /** @internal */
  readonly pool: ConnectionPool;
  /** @internal */
  readonly metadata: MetadataCache;
  private readonly children = new Set<Closeable>();
  private closed = false;

  constructor(options: BrookOptions) {
    this.options = resolveBrookOptions(options);
    this.pool = new ConnectionPool(this.options.requestTimeoutMs, {
      ...rpcMessageSizeOptions(this.options.rpcMessageBytesMax),
      'grpc.primary_user_agent': `brook-client/${this.options.clientId}`,
      // HTTP/2's default 64 KiB receive window makes a multi-megabyte Fetch answer crawl in
      // window-sized steps, one round trip each; a wider window lets it stream.
      'grpc-node.flow_control_window': CLIENT_FLOW_CONTROL_WINDOW_BYTES,
    });
    this.metadata = new MetadataCache(this.pool, {
      bootstrap: this.options.brokers,
      maxAgeMs: this.options.metadataMaxAgeMs,
      retry: this.options.retry,
      logger: this.options.logger,
    });
  }

  /** An admin client (topics, offsets, cluster). It needs no closing of its own. */
  admin(): Admin {
    this.assertOpen();
    return new Admin(this.metadata, this.pool, this.options.retry);
  }

  /** A producer; close it (or this Brook) to flush what it buffers. */
  producer(options: ProducerOptions = {}): Producer {
    this.assertOpen();
    const producer = new Producer(
      {
        metadata: this.metadata,
        pool: this.pool,
        retry: this.options.producerRetry,
        requestTimeoutMs: this.options.requestTimeoutMs,
        rpcMessageBytesMax: this.options.rpcMessageBytesMax,
        logger: this.options.logger,
        release: (child) => this.release(child),
      },
      options,
    );
    return this.adopt(producer);
  }

  /** A consumer in assign mode; close it (or this Brook) to stop its fetches. */
  consumer(options: ConsumerOptions = {}): Consumer {
    this.assertOpen();
    const consumer = new Consumer(
      {
        metadata: this.metadata,
        pool: this.pool,
        retry: this.options.retry,
        requestTimeoutMs: this.options.requestTimeoutMs,
        logger: this.options.logger,
        release: (child) => this.release(child),
      },
      options,
    );
    return this.adopt(consumer);
  }

  /** @internal Registers a producer or consumer to close with this Brook. */
  adopt<T extends Closeable>(child: T): T {
    this.assertOpen();
    this.children.add(child);
    return child;
  }

  /** @internal */
  release(child: Closeable): void {
    this.children.delete(child);
  }

  /** Closes every producer (flushing it) and consumer made from this Brook, then the connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.children].map((child) => child.close()));
    this.pool.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('Brook: this client is closed');
  }
}
