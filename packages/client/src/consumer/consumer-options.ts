// The consumer's defaults (Kafka's) and their checks.
import { FETCH_MAX_BYTES_DEFAULT, PARTITION_FETCH_MAX_BYTES_DEFAULT } from '@brook/protocol';
import { checkInteger, definedOnly } from '../brook-options.js';
import type { ConsumerOptions, ResolvedConsumerOptions } from './consumer-types.js';

const INT32_MAX = 2 ** 31 - 1;

export const CONSUMER_DEFAULTS: ResolvedConsumerOptions = {
  maxWaitMs: 500,
  minBytes: 1,
  maxBytes: FETCH_MAX_BYTES_DEFAULT,
  partitionMaxBytes: PARTITION_FETCH_MAX_BYTES_DEFAULT,
  resetPolicy: 'latest',
};

export function resolveConsumerOptions(options: ConsumerOptions): ResolvedConsumerOptions {
  const resolved: ResolvedConsumerOptions = { ...CONSUMER_DEFAULTS, ...definedOnly(options) };
  checkInteger('maxWaitMs', resolved.maxWaitMs, 0, INT32_MAX);
  checkInteger('minBytes', resolved.minBytes, 0, INT32_MAX);
  checkInteger('maxBytes', resolved.maxBytes, 1, INT32_MAX);
  checkInteger('partitionMaxBytes', resolved.partitionMaxBytes, 1, INT32_MAX);
  if (!['earliest', 'latest', 'none'].includes(resolved.resetPolicy)) {
    throw new RangeError(`resetPolicy must be 'earliest', 'latest' or 'none', got ${String(resolved.resetPolicy)}`);
  }
  return resolved;
}
