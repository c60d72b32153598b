// The options of `new Brook(...)`, their defaults, and their checks. Invalid options are
// programmer errors and throw at construction (TypeError/RangeError), not on the first send.
import { REQUEST_TIMEOUT_MS_DEFAULT, RPC_MESSAGE_BYTES_MAX_DEFAULT } from '@brook/protocol';
import { silentLogger, type BrookLogger } from './logger.js';
import { RETRY_DEFAULTS, type RetryOptions } from './transport/retry.js';

export interface BrookOptions {
  /** Bootstrap brokers: ['host:port', ...] or 'host:port,host:port'. Any one reachable is enough. */
  readonly brokers: readonly string[] | string;
  /** Names this client in broker logs. */
  readonly clientId: string;
  /** The deadline of every RPC, in ms. Default 30000 (Kafka's request.timeout.ms). */
  readonly requestTimeoutMs?: number;
  /** Retries of retriable errors. Defaults: 5 retries, 100 ms to 1000 ms backoff, 30 s in total. */
  readonly retry?: Partial<RetryOptions>;
  /** Metadata older than this is refreshed on use, in ms. Default 300000 (Kafka's metadata.max.age.ms). */
  readonly metadataMaxAgeMs?: number;
  /** The largest gRPC message sent or received, in bytes. Default 100 MiB (the contract's). */
  readonly rpcMessageBytesMax?: number;
  /** A pino-compatible logger; silent by default. */
  readonly logger?: BrookLogger;
}

export interface ResolvedBrookOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly requestTimeoutMs: number;
  readonly retry: RetryOptions;
  /**
   * The producer's batches: Kafka's producer retries without a count limit (retries =
   * Integer.MAX_VALUE since 2.1), bounded by deliveryTimeoutMs, so a leader failover (a session
   * timeout long) is ridden out; an explicit `retry.retries` still caps them.
   */
  readonly producerRetry: RetryOptions;
  readonly metadataMaxAgeMs: number;
  readonly rpcMessageBytesMax: number;
  readonly logger: BrookLogger;
}

export const METADATA_MAX_AGE_MS_DEFAULT = 300_000;

export function resolveBrookOptions(options: BrookOptions): ResolvedBrookOptions {
  const brokers = (typeof options.brokers === 'string' ? options.brokers.split(',') : [...options.brokers])
    .map((address) => address.trim())
    .filter((address) => address !== '');
  if (brokers.length === 0) throw new TypeError('Brook: brokers must name at least one "host:port"');
  for (const address of brokers) {
    if (!/^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):\d{1,5}$/.test(address)) throw new TypeError(`Brook: broker address "${address}" is not "host:port"`);
  }
  if (typeof options.clientId !== 'string' || options.clientId === '') throw new TypeError('Brook: clientId must be a non-empty string');
  const retry: RetryOptions = { ...RETRY_DEFAULTS, ...definedOnly(options.retry ?? {}) };
  checkInteger('retry.retries', retry.retries, 0);
  checkInteger('retry.initialBackoffMs', retry.initialBackoffMs, 0);
  checkInteger('retry.maxBackoffMs', retry.maxBackoffMs, retry.initialBackoffMs);
  checkInteger('retry.totalTimeoutMs', retry.totalTimeoutMs, 0);
  const resolved: ResolvedBrookOptions = {
    brokers,
    clientId: options.clientId,
    requestTimeoutMs: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS_DEFAULT,
    retry,
    producerRetry: options.retry?.retries === undefined ? { ...retry, retries: Number.MAX_SAFE_INTEGER } : retry,
    metadataMaxAgeMs: options.metadataMaxAgeMs ?? METADATA_MAX_AGE_MS_DEFAULT,
    rpcMessageBytesMax: options.rpcMessageBytesMax ?? RPC_MESSAGE_BYTES_MAX_DEFAULT,
    logger: options.logger ?? silentLogger,
  };
  checkInteger('requestTimeoutMs', resolved.requestTimeoutMs, 1);
  checkInteger('metadataMaxAgeMs', resolved.metadataMaxAgeMs, 0);
  checkInteger('rpcMessageBytesMax', resolved.rpcMessageBytesMax, 1024);
  return resolved;
}

/** Throws a RangeError unless `value` is an integer >= `min`. */
export function checkInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}, got ${value}`);
  }
}

/** Drops keys whose value is undefined, so spreading over defaults keeps the defaults. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
