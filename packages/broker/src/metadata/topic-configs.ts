// Topic-level configs: the keys CreateTopics accepts (Kafka's names), their checks, and how a
// topic's overrides combine with the cluster defaults into the settings of its partition logs.
// A value is a decimal integer string, as Kafka's ConfigDef LONG and INT types parse them.
import type { EffectiveTopicConfig, TopicConfigOverrides } from './metadata-view.js';

/** The log settings of one partition, after overrides. */
export interface LogSettings {
  retentionMs: number;
  retentionBytes: number;
  segmentBytes: number;
  segmentMs: number;
  maxMessageBytes: number;
}

export type LogSettingsSources = Record<keyof LogSettings, 'cluster-default' | 'built-in-default'>;

interface TopicConfigSpec {
  setting: keyof LogSettings;
  min: number;
  max: number;
}

/** A batch header is 61 bytes: a smaller segment or message limit could hold no batch at all. */
const BATCH_HEADER_BYTES = 61;
const INT32_MAX = 0x7fffffff;

export const TOPIC_CONFIGS: Readonly<Record<string, TopicConfigSpec>> = {
  'retention.ms': { setting: 'retentionMs', min: -1, max: Number.MAX_SAFE_INTEGER },
  'retention.bytes': { setting: 'retentionBytes', min: -1, max: Number.MAX_SAFE_INTEGER },
  'segment.bytes': { setting: 'segmentBytes', min: BATCH_HEADER_BYTES, max: INT32_MAX },
  'segment.ms': { setting: 'segmentMs', min: 1, max: Number.MAX_SAFE_INTEGER },
  'max.message.bytes': { setting: 'maxMessageBytes', min: BATCH_HEADER_BYTES, max: INT32_MAX },
};

/**
 * Topic configs that are not log settings, read where they apply: min.insync.replicas by the
 * partition leader (acks=all admission and the HW freeze, replica/partition-manager.ts).
 */
export const REPLICATION_TOPIC_CONFIGS: Readonly<Record<string, { min: number; max: number }>> = {
  'min.insync.replicas': { min: 1, max: INT32_MAX },
};

/**
 * Why the overrides are invalid (naming the key), or null when they are all valid.
 * `maxMessageBytesMax` is the server's bound on max.message.bytes: a batch must fit in a gRPC
 * message next to a full fetch response (maxRequestBytes - fetchMaxBytes), or a consumer could
 * never read it.
 */
export function validateTopicConfigs(configs: Readonly<Record<string, string>>, maxMessageBytesMax = INT32_MAX): string | null {
  for (const [key, value] of Object.entries(configs)) {
    const spec = TOPIC_CONFIGS[key] ?? REPLICATION_TOPIC_CONFIGS[key];
    if (spec === undefined) return `unknown topic config "${key}" (supported: ${[...Object.keys(TOPIC_CONFIGS), ...Object.keys(REPLICATION_TOPIC_CONFIGS)].join(', ')})`;
    const number = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number)) return `topic config ${key}=${JSON.stringify(value)} is not an integer`;
    const max = 'setting' in spec && spec.setting === 'maxMessageBytes' ? Math.min(spec.max, maxMessageBytesMax) : spec.max;
    if (number < spec.min || number > max) return `topic config ${key}=${value} is outside [${spec.min}, ${max}]`;
  }
  return null;
}

/** The settings of a topic's logs: its overrides over the cluster defaults. Overrides were validated. */
export function effectiveLogSettings(overrides: TopicConfigOverrides, defaults: LogSettings): LogSettings {
  const settings = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    const spec = TOPIC_CONFIGS[key];
    if (spec !== undefined) settings[spec.setting] = Number(value);
  }
  return settings;
}

/** Every topic config with its effective value and where it comes from, sorted by name. */
export function describeTopicConfigs(overrides: TopicConfigOverrides, defaults: LogSettings, sources: LogSettingsSources): EffectiveTopicConfig[] {
  return Object.entries(TOPIC_CONFIGS)
    .map(([name, spec]): EffectiveTopicConfig => {
      const override = overrides[name];
      if (override !== undefined) return { name, value: String(Number(override)), source: 'topic' };
      return { name, value: String(defaults[spec.setting]), source: sources[spec.setting] };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
