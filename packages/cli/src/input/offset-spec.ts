// `brook consume -o`: where reading starts in each partition. `start` (or beginning, earliest)
// is the log start offset, `end` (or latest) the high watermark (only new records), `N` an
// absolute offset, and `@T` the first record whose timestamp is >= T milliseconds since the
// epoch (Kafka's offsetsForTimes; no such record means the end).
import { CliError } from '../cli-error.js';

export type OffsetSpec =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'offset'; offset: bigint }
  | { kind: 'timestamp'; timestampMs: bigint };

export function parseOffsetSpec(text: string): OffsetSpec {
  const spec = text.trim().toLowerCase();
  if (spec === 'start' || spec === 'beginning' || spec === 'earliest') return { kind: 'earliest' };
  if (spec === 'end' || spec === 'latest') return { kind: 'latest' };
  if (/^\d+$/.test(spec)) return { kind: 'offset', offset: BigInt(spec) };
  if (/^@\d+$/.test(spec)) return { kind: 'timestamp', timestampMs: BigInt(spec.slice(1)) };
  throw new CliError('INVALID_ARGUMENT', `--offset must be start, end, a number or @timestamp_ms, got '${text}'`);
}
