// Topic-level configs: the keys CreateTopics accepts (Kafka's names), their checks, and how a
// topic's overrides combine with the cluster defaults into the settings of its partition logs.
// A value is a decimal integer string, as Kafka's ConfigDef LONG and INT types parse them, or one
// of an enum's names (flush.policy).
import type { FlushPolicy } from '@brook/storage';
import { FLUSH_POLICIES, type FlushPolicyName } from '../config/config-schema.js';
import type { EffectiveTopicConfig, TopicConfigOverrides } from './metadata-view.js';

/** The log settings of one partition, after overrides. */
export interface LogSettings {
  retentionMs: number;
  retentionBytes: number;
  segmentBytes: number;
  segmentMs: number;
  maxMessageBytes: number;
  /**
   * flush.policy. every-append (the default): a write counts toward the high watermark, and so
   * toward acks=all, only once fsynced on every in-sync replica (group commit). interval: Kafka's
   * behaviour, a write counts once it is in each in-sync replica's log, fsynced every flushMs /
   * flushMessages: an acknowledged record is lost if every in-sync replica loses power first.
   */
  flushPolicy: FlushPolicyName;
  /** flush.ms: under the interval policy, fsync at least this often. */
  flushMs: number;
  /** flush.messages: under the interval policy, also fsync after this many records; -1 for no count limit. */
  flushMessages: number;
  /** min.insync.replicas: not a log setting; acks=all admission and the HW freeze read it. */
  minInsyncReplicas: number;
}

export type LogSettingsSources = Record<keyof LogSettings, 'cluster-default' | 'built-in-default'>;

type NumericSetting = { [K in keyof LogSettings]: LogSettings[K] extends number ? K : never }[keyof LogSettings];

type TopicConfigSpec = { setting: NumericSetting; min: number; max: number } | { setting: 'flushPolicy'; values: readonly FlushPolicyName[] };

/** A batch header is 61 bytes: a smaller segment or message limit could hold no batch at all. */
const BATCH_HEADER_BYTES = 61;
const INT32_MAX = 0x7fffffff;

export const TOPIC_CONFIGS: Readonly<Record<string, TopicConfigSpec>> = {
  'retention.ms': { setting: 'retentionMs', min: -1, max: Number.MAX_SAFE_INTEGER },
  'retention.bytes': { setting: 'retentionBytes', min: -1, max: Number.MAX_SAFE_INTEGER },
  'segment.bytes': { setting: 'segmentBytes', min: BATCH_HEADER_BYTES, max: INT32_MAX },
  'segment.ms': { setting: 'segmentMs', min: 1, max: Number.MAX_SAFE_INTEGER },
  'max.message.bytes': { setting: 'maxMessageBytes', min: BATCH_HEADER_BYTES, max: INT32_MAX },
  'flush.policy': { setting: 'flushPolicy', values: FLUSH_POLICIES },
  'flush.ms': { setting: 'flushMs', min: 1, max: Number.MAX_SAFE_INTEGER },
  'flush.messages': { setting: 'flushMessages', min: -1, max: Number.MAX_SAFE_INTEGER },
  'min.insync.replicas': { setting: 'minInsyncReplicas', min: 1, max: INT32_MAX },
};

/**
 * Why the overrides are invalid (naming the key), or null when they are all valid.
 * `maxMessageBytesMax` is the server's bound on max.message.bytes: a batch must fit in a gRPC
 * message next to a full fetch response (maxRequestBytes - fetchMaxBytes), or a consumer could
 * never read it.
 */
export function validateTopicConfigs(configs: Readonly<Record<string, string>>, maxMessageBytesMax = INT32_MAX): string | null {
  for (const [key, value] of Object.entries(configs)) {
    const spec = TOPIC_CONFIGS[key];
    if (spec === undefined) return unknownConfig(key);
    if ('values' in spec) {
      if (!(spec.values as readonly string[]).includes(value)) return `topic config ${key}=${JSON.stringify(value)} is not one of ${spec.values.join(', ')}`;
      continue;
    }
    const number = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number)) return `topic config ${key}=${JSON.stringify(value)} is not an integer`;
    const max = spec.setting === 'maxMessageBytes' ? Math.min(spec.max, maxMessageBytesMax) : spec.max;
    if (number < spec.min || number > max) return `topic config ${key}=${value} is outside [${spec.min}, ${max}]`;
    if (spec.setting === 'flushMessages' && number === 0) return `topic config ${key}=0: use -1 for no count limit, or a positive count`;
  }
  return null;
}

/**
 * Why a list of config changes is invalid, or null: a key named twice (Kafka refuses duplicate
 * keys with INVALID_REQUEST), an unknown key, or a value validateTopicConfigs refuses.
 */
export function topicConfigChangesProblem(changes: readonly { key: string; op: 'set' | 'delete'; value?: string }[], maxMessageBytesMax = INT32_MAX): { code: 'INVALID_REQUEST' | 'INVALID_CONFIG'; message: string } | null {
  const seen = new Set<string>();
  for (const change of changes) {
    if (seen.has(change.key)) return { code: 'INVALID_REQUEST', message: `config ${change.key} is named more than once` };
    seen.add(change.key);
    const problem = change.op === 'delete' ? (TOPIC_CONFIGS[change.key] === undefined ? unknownConfig(change.key) : null) : validateTopicConfigs({ [change.key]: change.value ?? '' }, maxMessageBytesMax);
    if (problem !== null) return { code: 'INVALID_CONFIG', message: problem };
  }
  return null;
}

function unknownConfig(key: string): string {
  return `unknown topic config "${key}" (supported: ${Object.keys(TOPIC_CONFIGS).join(', ')})`;
}

/** The settings of a topic's logs: its overrides over the cluster defaults. Overrides were validated. */
export function effectiveLogSettings(overrides: TopicConfigOverrides, defaults: LogSettings): LogSettings {
  const settings = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    const spec = TOPIC_CONFIGS[key];
    if (spec === undefined) continue;
    if ('values' in spec) settings.flushPolicy = value === 'interval' ? 'interval' : 'every-append';
    else settings[spec.setting] = Number(value);
  }
  return settings;
}

/** Every topic config with its effective value and where it comes from, sorted by name. */
export function describeTopicConfigs(overrides: TopicConfigOverrides, defaults: LogSettings, sources: LogSettingsSources): EffectiveTopicConfig[] {
  return Object.entries(TOPIC_CONFIGS)
    .map(([name, spec]): EffectiveTopicConfig => {
      const override = overrides[name];
      if (override !== undefined) return { name, value: 'values' in spec ? override : String(Number(override)), source: 'topic' };
      return { name, value: String(defaults[spec.setting]), source: sources[spec.setting] };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The storage flush policy of a log with these settings. */
export function logFlushPolicy(settings: LogSettings): FlushPolicy {
  if (settings.flushPolicy === 'every-append') return { kind: 'every-append-group-commit' };
  return { kind: 'interval', intervalMs: settings.flushMs, ...(settings.flushMessages > 0 ? { intervalMessages: settings.flushMessages } : {}) };
}
