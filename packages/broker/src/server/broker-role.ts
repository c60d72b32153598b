// The broker role of a node: follows the metadata log (the local controller's image on a
// combined node, FetchMetadata from the active controller otherwise), opens the partitions
// assigned here, serves the client listener, and keeps a registration with the active
// controller alive (register, heartbeat, controlled shutdown).
import { usableBrokers } from '@brook/controller';
import type { ConfigKey, ConfigSourceName, ServerConfig } from '../config/config-schema.js';
import { formatAddress } from '../config/address.js';
import type { Logger } from '../logging/logger.js';
import type { BrokerMetrics } from '../admin/broker-metrics.js';
import { PartitionManager } from '../replica/partition-manager.js';
import { startReplication } from '../replica-fetch/replication-wiring.js';
import { ControllerChannel } from '../cluster/controller-channel.js';
import { MetadataFetcher } from '../cluster/metadata-fetcher.js';
import { ImageMetadataView } from '../cluster/image-metadata-view.js';
import { BrokerLifecycle } from '../cluster/broker-lifecycle.js';
import { ForwardingAdmin } from '../cluster/forwarding-admin.js';
import { ProducerIdManager } from '../cluster/producer-id-manager.js';
import type { MetadataSource } from '../cluster/metadata-source.js';
import { markServing, startClientListener, stopClientListener, type ClientListener } from './grpc-server.js';
import { logDefaultSources, logDefaults } from './log-settings.js';
import type { HandlerContext } from './handler-context.js';
import type { InternalListener } from './internal-listener.js';
import type { StatusExtras } from './status.js';
import { advertisedFor } from './start-server.js';

/** How long one broker-to-controller call may take, retries across voters included. */
const CONTROLLER_REQUEST_TIMEOUT_MS = 10_000;

export interface BrokerRoleOptions {
  config: ServerConfig;
  dataDir: string;
  clusterId: string;
  voters: ReadonlyMap<number, string>;
  internal: InternalListener;
  metrics: BrokerMetrics;
  logger: Logger;
  sources: Partial<Record<ConfigKey, ConfigSourceName>>;
  roles: readonly string[];
  shutdown: AbortSignal;
  /** The node's own controller, on a combined node: its image is this broker's metadata. */
  localController: MetadataSource | undefined;
  /** Called first thing on close: readiness off, long polls woken. */
  onStopServing: () => void;
}

export interface BrokerRole {
  readonly context: HandlerContext;
  readonly clientAddress: string;
  /** Resolves once registered and unfenced: the broker may lead partitions. */
  waitUntilServing(): Promise<void>;
  partitionStats(): Array<{ topic: string; partition: number; sizeBytes: number; logEndOffset: number; highWatermark: number }>;
  statusExtras(ready: boolean, dataDir: string, sources: Partial<Record<ConfigKey, ConfigSourceName>>): StatusExtras;
  close(): Promise<void>;
}

/** Controlled shutdown only helps when another broker can take the leaderships. */
function hasOtherUsableBroker(source: MetadataSource, nodeId: number): boolean {
  return usableBrokers(source.image()).some((broker) => broker.brokerId !== nodeId);
}

export async function startBrokerRole(options: BrokerRoleOptions): Promise<BrokerRole> {
  const { config, logger } = options;
  const log = logger.child({ component: 'broker' });
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.reverse()) await close().catch((error: unknown) => log.error({ err: error }, 'broker shutdown step failed'));
  };
  try {
    const channel = new ControllerChannel({ voters: options.voters, logger, requestTimeoutMs: CONTROLLER_REQUEST_TIMEOUT_MS });
    closers.push(async () => channel.close());
    let source: MetadataSource;
    if (options.localController !== undefined) {
      source = options.localController;
    } else {
      const fetcher = new MetadataFetcher({ channel, nodeId: config.nodeId, clusterId: options.clusterId, logger });
      fetcher.start();
      closers.push(() => fetcher.close());
      source = fetcher;
    }
    const view = new ImageMetadataView({ source, clusterId: options.clusterId, nodeId: config.nodeId, logger });
    closers.push(async () => view.close());
    // 'keep': the image may be older than the disk (a restart before the metadata log is
    // replayed), so directories it does not know are reported, never deleted at start.
    const replicasChanged = { regroup: (): void => undefined };
    const partitions = new PartitionManager({
      dataDir: options.dataDir, metadata: view, logDefaults: logDefaults(config), retentionCheckIntervalMs: config.retentionCheckIntervalMs, logger, unknownDirectories: 'keep',
      replicaLagMs: config.replicaLagMs,
      pageCacheRetainBytes: config.logPageCacheRetainBytes,
      onReplicasChanged: () => replicasChanged.regroup(),
      onLogFlushed: (durationMs) => options.metrics.logFlushed(durationMs),
    });
    await partitions.start();
    closers.push(() => partitions.close());
    // Filled in below: InitProducerId needs the registration's epoch, registration needs the bound client port.
    const registration: { lifecycle?: BrokerLifecycle } = {};
    const brokerEpoch = (): number => registration.lifecycle?.brokerEpoch() ?? -1;
    const replication = startReplication({ config, clusterId: options.clusterId, source, partitions, channel, internal: options.internal, brokerEpoch, shutdown: options.shutdown, logger, requestTimeoutMs: CONTROLLER_REQUEST_TIMEOUT_MS });
    replicasChanged.regroup = () => replication.regroup();
    replication.regroup();
    closers.push(() => replication.close());
    const admin = new ForwardingAdmin({
      channel, source, logger,
      applied: view,
      defaultPartitions: config.defaultPartitions,
      logDefaults: logDefaults(config),
      logDefaultSources: logDefaultSources(options.sources),
      maxMessageBytesMax: config.maxRequestBytes - config.fetchMaxBytes,
      partitionsMax: config.partitionsMax,
      requestTimeoutMs: CONTROLLER_REQUEST_TIMEOUT_MS,
    });
    const producerIds = new ProducerIdManager({ channel, nodeId: config.nodeId, brokerEpoch, requestTimeoutMs: CONTROLLER_REQUEST_TIMEOUT_MS });
    const context: HandlerContext = { config, metadata: view, admin, partitions, metrics: options.metrics, logger, startedAtMs: Date.now(), shutdown: options.shutdown, roles: options.roles, producerIds };
    const client: ClientListener = await startClientListener(context);
    const advertised = advertisedFor(client.address, config.advertisedAddress);
    const lifecycle = new BrokerLifecycle({
      channel, source, logger,
      nodeId: config.nodeId,
      clusterId: options.clusterId,
      listeners: { client: advertised, internal: options.internal.advertised },
      rack: config.rack ?? '',
      heartbeatIntervalMs: config.brokerHeartbeatIntervalMs,
      // Unfenced only once every image seen so far has been applied here (logs opened).
      readyToUnfence: () => view.appliedOffset() >= source.image().offset,
    });
    registration.lifecycle = lifecycle;
    void lifecycle.start();
    closers.push(async () => {
      // Controlled shutdown while still serving: leaderships move to other in-sync replicas
      // first, so clients are redirected instead of timing out (KIP-841).
      if (hasOtherUsableBroker(source, config.nodeId)) {
        const done = await lifecycle.controlledShutdown(Math.min(config.shutdownTimeoutMs, config.brokerSessionTimeoutMs)).catch((error: unknown) => {
          log.warn({ err: error }, 'controlled shutdown failed');
          return false;
        });
        if (!done) log.warn('controlled shutdown did not complete in time; stopping anyway');
      }
      options.onStopServing();
      markServing(client, false);
      await stopClientListener(client, config.shutdownTimeoutMs);
      await lifecycle.close();
    });
    return {
      context,
      clientAddress: client.address,
      async waitUntilServing() {
        await lifecycle.waitUntilUnfenced(Number.POSITIVE_INFINITY);
        markServing(client, true);
        log.info({ clientAddress: client.address, advertisedAddress: formatAddress(advertised), brokerEpoch: lifecycle.brokerEpoch() }, 'registered and unfenced');
      },
      partitionStats: () => partitions.all().map((p) => ({ topic: p.topic, partition: p.partition, sizeBytes: p.sizeBytes, logEndOffset: p.logEndOffset, highWatermark: p.highWatermark })),
      statusExtras: (ready, dataDir, sources) => ({ ready, clientAddress: client.address, advertised: formatAddress(advertised), dataDir, sources }),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
