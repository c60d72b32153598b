// The producer's defaults (Kafka's, where Kafka has the same setting) and their checks.
import { checkInteger, definedOnly } from '../brook-options.js';
import type { ProducerOptions, ResolvedProducerOptions } from './producer-types.js';

/** Kafka's limit for idempotence: the broker keeps the last five batches per producer and partition. */
export const IDEMPOTENT_MAX_IN_FLIGHT = 5;

export const PRODUCER_DEFAULTS: ResolvedProducerOptions = {
  acks: -1,
  lingerMs: 5,
  // Kafka's batch.size is 16384; Brook acknowledges acks=all only once every in-sync replica has
  // fsynced, so a partition's round trip is longer and five 16 KiB batches in flight carried
  // 8.5 MB/s on one partition of a 3-node cluster here (256 KiB: 41 MB/s). A batch starts in a
  // 16 KiB buffer all the same and grows only while records fill it (record-accumulator.ts).
  batchBytes: 262_144,
  maxInFlight: 5,
  compression: 'none',
  bufferBytesMax: 32 * 1024 * 1024,
  deliveryTimeoutMs: 120_000,
  idempotent: true,
};

/** Options that contradict each other (Kafka's ConfigException), thrown by `brook.producer()`. */
export class ProducerConfigError extends RangeError {
  override readonly name = 'ProducerConfigError';
}

export function resolveProducerOptions(options: ProducerOptions): ResolvedProducerOptions {
  const { acks, idempotent, ...rest } = options;
  const base = { ...PRODUCER_DEFAULTS, ...definedOnly(rest), acks: acks === undefined || acks === 'all' ? -1 : acks } as const;
  if (![0, 1, -1].includes(base.acks)) throw new RangeError(`acks must be 0, 1, -1 or 'all', got ${String(acks)}`);
  checkInteger('lingerMs', base.lingerMs, 0);
  checkInteger('batchBytes', base.batchBytes, 1);
  checkInteger('maxInFlight', base.maxInFlight, 1);
  checkInteger('bufferBytesMax', base.bufferBytesMax, 1);
  checkInteger('deliveryTimeoutMs', base.deliveryTimeoutMs, 1);
  if (base.compression !== 'none' && base.compression !== 'gzip') throw new RangeError(`compression must be 'none' or 'gzip', got ${String(base.compression)}`);
  return { ...base, idempotent: resolveIdempotence(idempotent, base.acks, base.maxInFlight) };
}

/**
 * Kafka 3.0+: idempotence is on by default, and quietly off when another setting rules it out
 * (acks other than all, more than 5 in flight); asked for explicitly, a conflict is an error.
 */
function resolveIdempotence(requested: boolean | undefined, acks: number, maxInFlight: number): boolean {
  const conflict =
    acks !== -1 ? `acks must be 'all' (-1), got ${acks}` : maxInFlight > IDEMPOTENT_MAX_IN_FLIGHT ? `maxInFlight must be at most ${IDEMPOTENT_MAX_IN_FLIGHT}, got ${maxInFlight}` : undefined;
  if (requested === undefined) return conflict === undefined;
  if (requested && conflict !== undefined) throw new ProducerConfigError(`idempotent producer: ${conflict} (or set idempotent: false)`);
  return requested;
}
