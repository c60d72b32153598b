// The broker's one configuration schema (ARCHITECTURE.md, "Errors, limits, configuration, logs"):
// every key with its type, default, limits and description, written once. The flag and the
// environment variable of a key are derived from its name mechanically (`segmentBytes` is
// `--segment-bytes` and `BROOK_SEGMENT_BYTES`), so the three sources can never disagree on names
// and the README's table can be checked against this list.
import { MESSAGE_BYTES_MAX_DEFAULT, RPC_MESSAGE_BYTES_MAX_DEFAULT, FETCH_MAX_BYTES_DEFAULT } from '@brook/protocol';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Offset-index positions are int32 (storage FORMAT.md section 3), so a segment stays below 2 GiB. */
const SEGMENT_BYTES_MAX = 0x7fffffff;
/** The smallest segment or message that can hold one RecordBatch v2 header (61 bytes). */
const BATCH_HEADER_BYTES = 61;

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export const FLUSH_POLICIES = ['every-append', 'interval'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];
export type FlushPolicyName = (typeof FLUSH_POLICIES)[number];

interface IntegerKey {
  kind: 'integer';
  min: number;
  max: number;
  /** The default; `null` where "not set" is meaningful (computed from other keys). */
  default: number | null;
  description: string;
}
interface StringKey {
  kind: 'string';
  default: string | null;
  description: string;
}
interface AddressKey {
  kind: 'address';
  default: string | null;
  description: string;
}
interface EnumKey {
  kind: 'enum';
  values: readonly string[];
  default: string;
  description: string;
}
export type ConfigKeySpec = IntegerKey | StringKey | AddressKey | EnumKey;

const int = (min: number, max: number, value: number | null, description: string): IntegerKey => ({ kind: 'integer', min, max, default: value, description });
const INT32_MAX = 0x7fffffff;
const LONG_MAX = Number.MAX_SAFE_INTEGER;

export const CONFIG_SCHEMA = {
  nodeId: int(0, INT32_MAX, 1, 'This node\'s id, unique in the cluster and stable across restarts.'),
  dataDir: { kind: 'string', default: './data', description: 'Where topics, partition logs and meta.json live.' },
  listen: { kind: 'address', default: '127.0.0.1:9092', description: 'host:port of the client gRPC listener (port 0 = any free port).' },
  adminListen: { kind: 'address', default: '127.0.0.1:9644', description: 'host:port of the admin HTTP listener (/metrics, /healthz, /readyz, /v1/status).' },
  advertisedAddress: { kind: 'address', default: null, description: 'host:port clients are told to use; default: the bound client address.' },
  logLevel: { kind: 'enum', values: LOG_LEVELS, default: 'info', description: 'pino log level.' },
  segmentBytes: int(BATCH_HEADER_BYTES, SEGMENT_BYTES_MAX, 1024 * 1024 * 1024, 'Default segment.bytes of new topics: roll a segment at this size.'),
  segmentMs: int(1, LONG_MAX, 7 * DAY_MS, 'Default segment.ms: roll a segment at this age.'),
  retentionMs: int(-1, LONG_MAX, 7 * DAY_MS, 'Default retention.ms: delete segments older than this; -1 keeps them.'),
  retentionBytes: int(-1, LONG_MAX, -1, 'Default retention.bytes: delete the oldest segments past this size per partition; -1 = no limit.'),
  maxMessageBytes: int(BATCH_HEADER_BYTES, SEGMENT_BYTES_MAX, MESSAGE_BYTES_MAX_DEFAULT, 'Default max.message.bytes: the largest batch a topic accepts.'),
  retentionCheckIntervalMs: int(10, LONG_MAX, 5 * 60 * 1000, 'How often retention runs (Kafka log.retention.check.interval.ms).'),
  flushPolicy: { kind: 'enum', values: FLUSH_POLICIES, default: 'every-append', description: 'Default flush.policy of topics. every-append: a write counts toward acks=all once fsynced on every in-sync replica (group commit); interval: once written (Kafka), fsynced every flushIntervalMs / flushIntervalMessages.' },
  flushIntervalMs: int(1, LONG_MAX, 1000, 'Default flush.ms: with flush.policy=interval, fsync at least this often.'),
  logPageCacheRetainBytes: int(-1, LONG_MAX, 32 * 1024 * 1024, 'Durable bytes of each log segment kept in the OS page cache behind its end; older ones are handed back after each fsync, so appends reuse pages the kernel just freed and the page cache a broker holds stays bounded (-1: leave the page cache to the kernel, as Kafka does).'),
  flushIntervalMessages: int(1, LONG_MAX, null, 'Default flush.messages: with flush.policy=interval, also fsync after this many records (default: no count limit).'),
  maxRequestBytes: int(1024, INT32_MAX, RPC_MESSAGE_BYTES_MAX_DEFAULT, 'Largest gRPC message received or sent (grpc.max_receive_message_length / max_send).'),
  fetchMaxBytes: int(1, INT32_MAX, FETCH_MAX_BYTES_DEFAULT, 'Cap on a Fetch response\'s records bytes, whatever the request asks (Kafka fetch.max.bytes).'),
  fetchMaxWaitMs: int(0, 5 * 60 * 1000, 30_000, 'Cap on how long a Fetch may long-poll.'),
  defaultPartitions: int(1, 100_000, 1, 'Partitions of a topic created without a count (Kafka num.partitions).'),
  partitionsMax: int(1, 100_000, 10_000, 'Largest partition count one topic may have.'),
  shutdownTimeoutMs: int(0, 10 * 60 * 1000, 10_000, 'On SIGTERM, how long in-flight RPCs may finish before they are cancelled.'),
  roles: { kind: 'string', default: 'broker,controller', description: 'Comma-separated roles of this node: broker, controller, or both (combined mode).' },
  controllers: { kind: 'string', default: null, description: 'The metadata quorum\'s voters as id@host:port of their internal listeners, comma-separated (Kafka controller.quorum.voters); default: this node alone.' },
  clusterId: { kind: 'string', default: null, description: 'The cluster id every node of a cluster shares (22 characters of URL-safe base64, as `brook cluster start` makes); default: the id in meta.json, new on first start. Required with more than one controller.' },
  internalListen: { kind: 'address', default: '127.0.0.1:9093', description: 'host:port of the internal gRPC listener: Raft between controllers, broker-to-controller and broker-to-broker RPCs (port 0 = any free port).' },
  advertisedInternalAddress: { kind: 'address', default: null, description: 'host:port other nodes are told to use for the internal listener; default: the bound internal address.' },
  rack: { kind: 'string', default: null, description: 'This broker\'s rack, for rack-aware replica placement.' },
  brokerHeartbeatIntervalMs: int(10, 60 * 60 * 1000, 1000, 'How often a broker heartbeats to the active controller (Kafka broker.heartbeat.interval.ms, whose default is 2000).'),
  brokerSessionTimeoutMs: int(10, 60 * 60 * 1000, 4500, 'A broker not heard from for this long is fenced: removed from every ISR, its leaderships moved (Kafka broker.session.timeout.ms, whose default is 9000). It bounds how long a crashed leader\'s partitions are unavailable.'),
  electionTimeoutMs: int(20, 60 * 1000, 1000, 'The metadata quorum\'s Raft election timeout; leader heartbeats go out ten times per timeout (Kafka controller.quorum.election.timeout.ms).'),
  metadataSnapshotEntries: int(2, INT32_MAX, 10_000, 'Snapshot the metadata image and compact the metadata log every this many entries.'),
  defaultReplicationFactor: int(1, 100, 1, 'Replicas per partition of a topic created without a replication factor (Kafka default.replication.factor).'),
  replicaLagMs: int(10, LONG_MAX, 30_000, 'A follower not caught up to its leader\'s log end for this long is proposed out of the ISR (Kafka replica.lag.time.max.ms).'),
  leaderImbalanceCheckIntervalMs: int(10, LONG_MAX, 30_000, 'How often the active controller moves leadership back to preferred leaders that are in sync (Kafka leader.imbalance.check.interval.seconds).'),
} as const satisfies Record<string, ConfigKeySpec>;

export type ConfigKey = keyof typeof CONFIG_SCHEMA;
export const CONFIG_KEYS = Object.keys(CONFIG_SCHEMA) as readonly ConfigKey[];

/** The effective configuration of one broker process. */
export interface ServerConfig {
  nodeId: number;
  dataDir: string;
  listen: string;
  adminListen: string;
  advertisedAddress: string | null;
  logLevel: LogLevel;
  segmentBytes: number;
  segmentMs: number;
  retentionMs: number;
  retentionBytes: number;
  maxMessageBytes: number;
  retentionCheckIntervalMs: number;
  flushPolicy: FlushPolicyName;
  flushIntervalMs: number;
  flushIntervalMessages: number | null;
  maxRequestBytes: number;
  fetchMaxBytes: number;
  fetchMaxWaitMs: number;
  defaultPartitions: number;
  partitionsMax: number;
  shutdownTimeoutMs: number;
  roles: string;
  controllers: string | null;
  clusterId: string | null;
  internalListen: string;
  advertisedInternalAddress: string | null;
  rack: string | null;
  brokerHeartbeatIntervalMs: number;
  brokerSessionTimeoutMs: number;
  replicaLagMs: number;
  logPageCacheRetainBytes: number;
  electionTimeoutMs: number;
  metadataSnapshotEntries: number;
  defaultReplicationFactor: number;
  leaderImbalanceCheckIntervalMs: number;
}

/** Where the effective value of each key came from (logged at start, shown in /v1/status). */
export type ConfigSourceName = 'flag' | 'env' | 'file' | 'default';

/** `segmentBytes` -> `--segment-bytes`. */
export function flagName(key: string): string {
  return '--' + key.replace(/[A-Z]/g, (letter) => '-' + letter.toLowerCase());
}

/** `segmentBytes` -> `BROOK_SEGMENT_BYTES`. */
export function envName(key: string): string {
  return 'BROOK_' + key.replace(/[A-Z]/g, (letter) => '_' + letter).toUpperCase();
}

/** The defaults as a complete config. */
export function defaultServerConfig(): ServerConfig {
  const config: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) config[key] = CONFIG_SCHEMA[key].default;
  return config as unknown as ServerConfig;
}
