// The composition root of one single-node broker process: config in, a serving node out.
// Start order: lock the data directory, read meta.json and topics, answer /healthz on the admin
// listener, open (and recover) every partition log, then bind the client listener, mark it
// SERVING and write broker.ready.json. Stop order (close()): mark NOT_SERVING and not ready, wake
// long polls, stop accepting and let in-flight RPCs finish (bounded by shutdownTimeoutMs), close
// every log (flush, indexes, clean-shutdown marker), stop the admin listener, remove the ready
// file, release the lock. Nothing here handles signals: the bin does.
import { setMaxListeners } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ConfigKey, ConfigSourceName, ServerConfig } from '../config/config-schema.js';
import { formatAddress, parseAddress, type HostPort } from '../config/address.js';
import { createRootLogger, type Logger } from '../logging/logger.js';
import { loadOrCreateIdentity } from '../metadata/cluster-identity.js';
import { LocalMetadataStore } from '../metadata/local-metadata-store.js';
import { PartitionManager } from '../replica/partition-manager.js';
import { BrokerMetrics } from '../admin/broker-metrics.js';
import { startAdminListener, stopAdminListener, type AdminListener } from '../admin/admin-http.js';
import { markServing, startClientListener, stopClientListener, type ClientListener } from './grpc-server.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { removeReadyFile, writeReadyFile } from './ready-file.js';
import { flushPolicy, logDefaultSources, logDefaults } from './log-settings.js';
import { buildStatus } from './status.js';
import type { HandlerContext } from './handler-context.js';

export interface ServerHandle {
  readonly nodeId: number;
  readonly clusterId: string;
  /** The bound client gRPC address ("127.0.0.1:40123" when the configured port was 0). */
  readonly clientAddress: string;
  /** The bound admin HTTP address. */
  readonly adminAddress: string;
  readonly dataDir: string;
  /** Stops the node cleanly; safe to call more than once. */
  close(): Promise<void>;
}

export interface StartServerOptions {
  /** The root logger; default: pino JSON on stdout at config.logLevel. */
  logger?: Logger;
  /** Where each config value came from (parseServerConfig's `sources`), for the start log and /v1/status. */
  configSources?: Partial<Record<ConfigKey, ConfigSourceName>>;
}

export async function startServer(config: ServerConfig, options: StartServerOptions = {}): Promise<ServerHandle> {
  const logger = options.logger ?? createRootLogger(config.logLevel, config.nodeId);
  const log = logger.child({ component: 'server' });
  const dataDir = resolve(config.dataDir);
  log.info({ config, sources: options.configSources ?? {} }, 'effective configuration');
  await mkdir(dataDir, { recursive: true });
  const cleanups: Array<() => Promise<void>> = [];
  const cleanUp = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => log.error({ err: error }, 'shutdown step failed'));
  };
  try {
    const lock: DataDirLock = await lockDataDir(dataDir);
    cleanups.push(() => lock.release());
    const identity = await loadOrCreateIdentity(dataDir, config.nodeId);
    let advertised: HostPort | undefined = config.advertisedAddress === null ? undefined : parseAddress(config.advertisedAddress);
    const metadata = await openMetadata(config, dataDir, identity.clusterId, () => advertised, options.configSources ?? {});
    const partitions = new PartitionManager({ dataDir, metadata, logDefaults: logDefaults(config), flushPolicy: flushPolicy(config), retentionCheckIntervalMs: config.retentionCheckIntervalMs, logger });
    const metrics = metricsFor(partitions);
    const shutdown = new AbortController();
    // Every waiting Fetch listens on this one signal; past Node's default of 10 listeners it
    // would print a leak warning for what is simply many consumers long-polling.
    setMaxListeners(0, shutdown.signal);
    const context: HandlerContext = { config, metadata, admin: metadata, partitions, metrics, logger, startedAtMs: Date.now(), shutdown: shutdown.signal, roles: ['broker', 'controller'] };
    let ready = false;
    // Filled in once bound; /v1/status may be asked before that.
    const bound: { client?: ClientListener } = {};
    const admin: AdminListener = await startAdminListener(config.adminListen, metrics, {
      ready: () => ready,
      status: () => buildStatus(context, { ready, clientAddress: bound.client?.address ?? null, advertised: advertised === undefined ? null : formatAddress(advertised), dataDir, sources: options.configSources ?? {} }),
    }, logger);
    cleanups.push(() => stopAdminListener(admin));
    await partitions.start();
    cleanups.push(() => partitions.close());
    const client = await startClientListener(context);
    bound.client = client;
    cleanups.push(async () => {
      ready = false;
      markServing(client, false);
      shutdown.abort();
      await stopClientListener(client, config.shutdownTimeoutMs);
    });
    advertised ??= advertisedFor(client.address);
    markServing(client, true);
    await writeReadyFile(dataDir, { pid: process.pid, nodeId: config.nodeId, clientAddress: client.address, adminAddress: admin.address });
    cleanups.push(() => removeReadyFile(dataDir));
    ready = true;
    log.info({ clientAddress: client.address, adminAddress: admin.address, advertisedAddress: formatAddress(advertised), clusterId: identity.clusterId, partitions: partitions.all().length }, 'serving');
    let closing: Promise<void> | undefined;
    return {
      nodeId: config.nodeId,
      clusterId: identity.clusterId,
      clientAddress: client.address,
      adminAddress: admin.address,
      dataDir,
      close() {
        closing ??= (async () => {
          log.info('stopping');
          await cleanUp();
          log.info('stopped');
        })();
        return closing;
      },
    };
  } catch (error) {
    log.error({ err: error }, 'start failed');
    await cleanUp();
    throw error;
  }
}

/** Clients cannot dial a wildcard address: advertise loopback unless advertisedAddress says otherwise. */
function advertisedFor(bound: string): HostPort {
  const { host, port } = parseAddress(bound);
  return { host: host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host, port };
}

function metricsFor(partitions: PartitionManager): BrokerMetrics {
  return new BrokerMetrics({
    all: () => partitions.all().map((p) => ({ topic: p.topic, partition: p.partition, sizeBytes: p.sizeBytes, logEndOffset: p.logEndOffset, highWatermark: p.highWatermark })),
  });
}

function openMetadata(config: ServerConfig, dataDir: string, clusterId: string, advertised: () => HostPort | undefined, sources: Partial<Record<ConfigKey, ConfigSourceName>>): Promise<LocalMetadataStore> {
  return LocalMetadataStore.open({
    dataDir,
    clusterId,
    nodeId: config.nodeId,
    // Before the client listener is bound (port 0) nobody can ask: Metadata needs the listener.
    advertised: () => advertised() ?? { host: '127.0.0.1', port: 0 },
    defaultPartitions: config.defaultPartitions,
    partitionsMax: config.partitionsMax,
    logDefaults: logDefaults(config),
    logDefaultSources: logDefaultSources(sources),
    maxMessageBytesMax: config.maxRequestBytes - config.fetchMaxBytes,
  });
}
