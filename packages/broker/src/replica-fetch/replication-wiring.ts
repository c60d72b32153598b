// The data plane of one broker, composed: the ReplicaFetch service on the internal listener
// (leader side), one ReplicaFetcher per leader broker (follower side) and the ISR updater that
// turns LeaderState's shrink and expand candidates into AlterPartition requests.
import { brookReplicationServiceDefinition } from '@brook/protocol';
import { formatAddress } from '../config/address.js';
import type { ServerConfig } from '../config/config-schema.js';
import type { ControllerChannel } from '../cluster/controller-channel.js';
import type { MetadataSource } from '../cluster/metadata-source.js';
import type { PartitionManager } from '../replica/partition-manager.js';
import { addInternalService, type InternalListener } from '../server/internal-listener.js';
import type { Logger } from '../logging/logger.js';
import { ReplicaFetchService } from './replica-fetch-service.js';
import { ReplicaFetcherManager } from './replica-fetcher-manager.js';
import { IsrUpdater } from './isr-updater.js';

/** The BrokerListener name of the internal listener (controller.proto). */
export const INTERNAL_LISTENER_NAME = 'internal';
/** How long a leader holds a replica fetch with nothing new (Kafka replica.fetch.wait.max.ms). */
export const REPLICA_FETCH_WAIT_MS = 500;
/** Pause after a failed replica fetch (Kafka replica.fetch.backoff.ms is 1 s; a shorter pause heals faster in tests and costs little). */
export const REPLICA_FETCH_BACKOFF_MS = 100;
/** Record bytes per partition in one replica fetch response. */
const REPLICA_FETCH_PARTITION_MAX_BYTES = 1 << 20;

export interface ReplicationWiringOptions {
  config: ServerConfig;
  clusterId: string;
  source: MetadataSource;
  partitions: PartitionManager;
  channel: Pick<ControllerChannel, 'alterPartition'>;
  internal: InternalListener;
  brokerEpoch: () => number;
  shutdown: AbortSignal;
  requestTimeoutMs: number;
  logger: Logger;
}

export interface Replication {
  /** Roles may have changed: fetchers regroup, new leaders' ISRs are checked. */
  regroup(): void;
  close(): Promise<void>;
}

export function startReplication(options: ReplicationWiringOptions): Replication {
  const { config, partitions, logger } = options;
  const isr = new IsrUpdater({
    channel: options.channel,
    localNodeId: config.nodeId,
    brokerEpoch: options.brokerEpoch,
    partitions: () => partitions.all(),
    replicaLagMs: config.replicaLagMs,
    requestTimeoutMs: options.requestTimeoutMs,
    isEligible: (brokerId) => {
      const broker = options.source.image().brokers.get(brokerId);
      return broker !== undefined && !broker.fenced && !broker.inControlledShutdown;
    },
    logger,
  });
  const service = new ReplicaFetchService({
    clusterId: options.clusterId,
    partitions,
    maxWaitMs: config.fetchMaxWaitMs,
    maxBytes: config.fetchMaxBytes,
    shutdown: options.shutdown,
    onFollowerProgress: (partition) => isr.check(partition),
    logger,
  });
  addInternalService(options.internal, brookReplicationServiceDefinition(), service.implementation());
  const fetchers = new ReplicaFetcherManager({
    partitions: () => partitions.all(),
    internalAddressOf: (brokerId) => internalAddressOf(options.source, brokerId),
    logger,
    settings: {
      clusterId: options.clusterId,
      localNodeId: config.nodeId,
      brokerEpoch: options.brokerEpoch,
      maxWaitMs: Math.min(REPLICA_FETCH_WAIT_MS, config.fetchMaxWaitMs),
      maxBytes: config.fetchMaxBytes,
      partitionMaxBytes: REPLICA_FETCH_PARTITION_MAX_BYTES,
      backoffMs: REPLICA_FETCH_BACKOFF_MS,
      messageBytesMax: config.maxRequestBytes,
    },
  });
  isr.start();
  return {
    regroup: () => {
      fetchers.regroup();
      isr.checkAll();
    },
    close: async () => {
      isr.close();
      await fetchers.close();
    },
  };
}

function internalAddressOf(source: MetadataSource, brokerId: number): string | undefined {
  const listener = source.image().brokers.get(brokerId)?.listeners.find((candidate) => candidate.name === INTERNAL_LISTENER_NAME);
  return listener === undefined ? undefined : formatAddress({ host: listener.host, port: listener.port });
}
