// Parsers for the flags several commands share. Each one turns a string into a checked value or
// throws a CliError naming the flag, so a typo fails before anything is sent to the cluster.
import { CliError } from './cli-error.js';

export const BROKERS_DEFAULT = '127.0.0.1:9092';

/** The bootstrap addresses: --brokers, else BROOK_BROKERS, else the local default. */
export function resolveBrokers(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  const source = flag ?? env['BROOK_BROKERS'] ?? BROKERS_DEFAULT;
  const brokers = source
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (brokers.length === 0) throw new CliError('INVALID_ARGUMENT', 'no broker address given (--brokers or BROOK_BROKERS)');
  for (const broker of brokers) {
    // host:port or [ipv6]:port; the port must be a real TCP port.
    const match = /^(\[[0-9a-fA-F:.]+\]|[^:\s[\]]+):(\d{1,5})$/.exec(broker);
    const port = match ? Number(match[2]) : NaN;
    if (!match || port < 1 || port > 65535) {
      throw new CliError('INVALID_ARGUMENT', `broker address '${broker}' is not host:port`);
    }
  }
  return brokers;
}

/** An integer flag within [min, max]. */
export function parseInteger(flag: string, text: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^-?\d+$/.test(text.trim())) throw new CliError('INVALID_ARGUMENT', `${flag} must be an integer, got '${text}'`);
  const value = Number(text.trim());
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new CliError('INVALID_ARGUMENT', `${flag} must be between ${min} and ${max}, got ${text}`);
  }
  return value;
}

/** A non-negative number (a rate, which may have a fraction). */
export function parseRate(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new CliError('INVALID_ARGUMENT', `${flag} must be a non-negative number, got '${text}'`);
  }
  return value;
}

export type Acks = 0 | 1 | -1;

/** --acks: 0 (no answer), 1 (the leader's append), all or -1 (the high watermark). */
export function parseAcks(text: string): Acks {
  switch (text.trim().toLowerCase()) {
    case '0':
      return 0;
    case '1':
      return 1;
    case '-1':
    case 'all':
      return -1;
    default:
      throw new CliError('INVALID_ARGUMENT', `--acks must be 0, 1, all or -1, got '${text}'`);
  }
}

export type OutputFormat = 'text' | 'json';

/** --format on listings: a table for people, JSON for scripts. */
export function parseOutputFormat(text: string): OutputFormat {
  if (text === 'text' || text === 'json') return text;
  throw new CliError('INVALID_ARGUMENT', `--format must be text or json, got '${text}'`);
}

/** A `key=value` pair (topic configs, headers); the value may contain '=' itself. */
export function parseKeyValue(flag: string, text: string): [string, string] {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new CliError('INVALID_ARGUMENT', `${flag} expects key=value, got '${text}'`);
  return [text.slice(0, equals), text.slice(equals + 1)];
}

/** Commander's collector for repeatable flags (`-H a=1 -H b=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
