// Topic config keys the controller accepts, with their checks. Names are Kafka's; the integer
// ranges match the broker's log settings (packages/broker/src/metadata/topic-configs.ts) so a
// value the controller stores is one every broker can apply. Only cleanup.policy=delete exists
// (no compaction yet). An unknown key or a bad value is INVALID_CONFIG, as in Kafka's
// ConfigurationControlManager.validateAlterConfig.

const BATCH_HEADER_BYTES = 61;
const INT32_MAX = 0x7fffffff;

type ConfigSpec =
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'enum'; readonly values: readonly string[] };

export const TOPIC_CONFIG_SPECS: Readonly<Record<string, ConfigSpec>> = {
  'retention.ms': { kind: 'int', min: -1, max: Number.MAX_SAFE_INTEGER },
  'retention.bytes': { kind: 'int', min: -1, max: Number.MAX_SAFE_INTEGER },
  'segment.bytes': { kind: 'int', min: BATCH_HEADER_BYTES, max: INT32_MAX },
  'segment.ms': { kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER },
  'max.message.bytes': { kind: 'int', min: BATCH_HEADER_BYTES, max: INT32_MAX },
  'min.insync.replicas': { kind: 'int', min: 1, max: INT32_MAX },
  'unclean.leader.election.enable': { kind: 'enum', values: ['true', 'false'] },
  'cleanup.policy': { kind: 'enum', values: ['delete'] },
  'flush.policy': { kind: 'enum', values: ['every-append', 'interval'] },
  'flush.ms': { kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER },
  // -1: no count limit.
  'flush.messages': { kind: 'int', min: -1, max: Number.MAX_SAFE_INTEGER },
};

/** Why `key=value` is not a valid topic config, or null when it is. */
export function topicConfigProblem(key: string, value: string): string | null {
  const spec = TOPIC_CONFIG_SPECS[key];
  if (spec === undefined) return `unknown topic config "${key}" (supported: ${Object.keys(TOPIC_CONFIG_SPECS).join(', ')})`;
  if (spec.kind === 'enum') {
    return spec.values.includes(value) ? null : `topic config ${key}=${JSON.stringify(value)} is not one of ${spec.values.join(', ')}`;
  }
  const number = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number)) return `topic config ${key}=${JSON.stringify(value)} is not an integer`;
  if (number < spec.min || number > spec.max) return `topic config ${key}=${value} is outside [${spec.min}, ${spec.max}]`;
  return null;
}

/** Kafka's topic name rule (Topic.validate): 1-249 of [a-zA-Z0-9._-], not "." or "..". */
export function topicNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 249) return `topic name length ${name.length} is outside [1, 249]`;
  if (name === '.' || name === '..') return `topic name "${name}" is reserved`;
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) return `topic name "${name}" has characters outside [a-zA-Z0-9._-]`;
  return null;
}
