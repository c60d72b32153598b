// The composition root of one Brook node: config in, a serving node out. A node runs the
// controller role, the broker role, or both (combined mode, the default); a node started without
// --controllers is a cluster of one: a one-voter metadata quorum and the only broker.
//
// Start order: lock the data directory, read meta.json, answer /healthz on the admin listener,
// bind the internal listener (its port names this node in a quorum of one), open the metadata
// log and start the controller, then the broker role: follow the metadata (the local
// controller's image, or FetchMetadata from the active controller), open the partitions assigned
// here, bind the client listener, register with the controller and wait to be unfenced; then
// mark SERVING and write broker.ready.json.
// Stop order (close()): controlled shutdown (leaderships move away while this node still
// serves), NOT_SERVING, stop the client listener (in-flight RPCs get shutdownTimeoutMs), stop
// heartbeating, close every log, stop following, hand the metadata-log leadership to a peer and
// stop the controller, stop the internal and admin listeners, remove the ready file, release the
// lock. Nothing here handles signals: the bin does.
import { setMaxListeners } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { crc32cImplementation } from '@brook/record-batch';
import type { ConfigKey, ConfigSourceName, ServerConfig } from '../config/config-schema.js';
import { clusterShape } from '../config/cluster-config.js';
import { formatAddress, parseAddress, type HostPort } from '../config/address.js';
import { createRootLogger, type Logger } from '../logging/logger.js';
import { loadOrCreateIdentity } from '../metadata/cluster-identity.js';
import { BrokerMetrics } from '../admin/broker-metrics.js';
import { startAdminListener, stopAdminListener, type AdminListener } from '../admin/admin-http.js';
import { lockDataDir } from './data-dir-lock.js';
import { removeReadyFile, writeReadyFile } from './ready-file.js';
import { buildStatus } from './status.js';
import { startInternalListener, stopInternalListener } from './internal-listener.js';
import { startControllerRole, type ControllerRole } from './controller-role.js';
import { startBrokerRole, type BrokerRole } from './broker-role.js';

export interface ServerHandle {
  readonly nodeId: number;
  readonly clusterId: string;
  /** The bound client gRPC address ("127.0.0.1:40123" when the configured port was 0); '' on a controller-only node. */
  readonly clientAddress: string;
  /** The bound internal gRPC address (Raft, broker-to-controller). */
  readonly internalAddress: string;
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
  /**
   * Gives up starting: a node waiting for its quorum (the other controllers not up yet) waits
   * without limit, so a signal must be able to end the wait. startServer then cleans up and
   * rejects with the signal's reason.
   */
  abortSignal?: AbortSignal;
}

export async function startServer(config: ServerConfig, options: StartServerOptions = {}): Promise<ServerHandle> {
  const logger = options.logger ?? createRootLogger(config.logLevel, config.nodeId);
  const log = logger.child({ component: 'server' });
  const dataDir = resolve(config.dataDir);
  const sources = options.configSources ?? {};
  log.info({ config, sources, crc32c: crc32cImplementation }, 'effective configuration');
  const shape = clusterShape(config);
  await mkdir(dataDir, { recursive: true });
  const cleanups: Array<() => Promise<void>> = [];
  const cleanUp = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => log.error({ err: error }, 'shutdown step failed'));
  };
  try {
    const lock = await lockDataDir(dataDir);
    cleanups.push(() => lock.release());
    const identity = await loadOrCreateIdentity(dataDir, config.nodeId, config.clusterId);
    let ready = false;
    const roles: { controller?: ControllerRole; broker?: BrokerRole } = {};
    const metrics = new BrokerMetrics({ all: () => roles.broker?.partitionStats() ?? [] });
    const admin: AdminListener = await startAdminListener(config.adminListen, metrics, {
      ready: () => ready,
      status: () => ({ ...(roles.broker === undefined ? { nodeId: config.nodeId, clusterId: identity.clusterId, ready } : buildStatus(roles.broker.context, roles.broker.statusExtras(ready, dataDir, sources))), roles: [...shape.roles], controller: roles.controller?.status() ?? null }),
    }, logger);
    cleanups.push(() => stopAdminListener(admin));
    const internal = await startInternalListener(config.internalListen, config.advertisedInternalAddress, config.maxRequestBytes);
    cleanups.push(() => stopInternalListener(internal, Math.min(config.shutdownTimeoutMs, 2_000)));
    const voters = shape.voters ?? new Map([[config.nodeId, formatAddress(internal.advertised)]]);
    if (shape.roles.has('controller')) {
      const controller = await startControllerRole({ config, dataDir, clusterId: identity.clusterId, voters, internal, logger });
      roles.controller = controller;
      cleanups.push(() => controller.close());
    }
    if (shape.roles.has('broker')) {
      const shutdown = new AbortController();
      // Every waiting Fetch listens on this one signal; past Node's default of 10 listeners it
      // would print a leak warning for what is simply many consumers long-polling.
      setMaxListeners(0, shutdown.signal);
      const broker = await startBrokerRole({
        config, dataDir, clusterId: identity.clusterId, voters, internal, metrics, logger, sources, roles: [...shape.roles], shutdown: shutdown.signal,
        localController: roles.controller?.controller,
        onStopServing: () => {
          ready = false;
          shutdown.abort();
        },
      });
      roles.broker = broker;
      cleanups.push(() => broker.close());
      await untilAborted(broker.waitUntilServing(), options.abortSignal);
    }
    const clientAddress = roles.broker?.clientAddress ?? '';
    await writeReadyFile(dataDir, { pid: process.pid, nodeId: config.nodeId, clientAddress, internalAddress: internal.address, adminAddress: admin.address });
    cleanups.push(() => removeReadyFile(dataDir));
    ready = true;
    log.info({ roles: [...shape.roles], clientAddress, internalAddress: internal.address, adminAddress: admin.address, clusterId: identity.clusterId, voters: Object.fromEntries(voters) }, 'serving');
    let closing: Promise<void> | undefined;
    return {
      nodeId: config.nodeId,
      clusterId: identity.clusterId,
      clientAddress,
      internalAddress: internal.address,
      adminAddress: admin.address,
      dataDir,
      close() {
        closing ??= (async () => {
          log.info('stopping');
          ready = false;
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

function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Clients cannot dial a wildcard address: advertise loopback unless advertisedAddress says otherwise. */
export function advertisedFor(bound: string, advertisedAddress: string | null): HostPort {
  if (advertisedAddress !== null) return parseAddress(advertisedAddress, 1);
  const { host, port } = parseAddress(bound);
  return { host: host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host, port };
}
