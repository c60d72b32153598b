// The producer's defaults (Kafka's, where Kafka has the same setting) and their checks.
import { checkInteger, definedOnly } from '../brook-options.js';
import type { ProducerOptions, ResolvedProducerOptions } from './producer-types.js';

export const PRODUCER_DEFAULTS: ResolvedProducerOptions = {
  acks: -1,
  lingerMs: 5,
  batchBytes: 16_384,
  maxInFlight: 5,
  compression: 'none',
  bufferBytesMax: 32 * 1024 * 1024,
  deliveryTimeoutMs: 120_000,
};

export function resolveProducerOptions(options: ProducerOptions): ResolvedProducerOptions {
  const { acks, ...rest } = options;
  const resolved: ResolvedProducerOptions = { ...PRODUCER_DEFAULTS, ...definedOnly(rest), acks: acks === undefined || acks === 'all' ? -1 : acks };
  if (![0, 1, -1].includes(resolved.acks)) throw new RangeError(`acks must be 0, 1, -1 or 'all', got ${String(acks)}`);
  checkInteger('lingerMs', resolved.lingerMs, 0);
  checkInteger('batchBytes', resolved.batchBytes, 1);
  checkInteger('maxInFlight', resolved.maxInFlight, 1);
  checkInteger('bufferBytesMax', resolved.bufferBytesMax, 1);
  checkInteger('deliveryTimeoutMs', resolved.deliveryTimeoutMs, 1);
  if (resolved.compression !== 'none' && resolved.compression !== 'gzip') throw new RangeError(`compression must be 'none' or 'gzip', got ${String(resolved.compression)}`);
  return resolved;
}
