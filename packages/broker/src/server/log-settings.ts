// The storage-facing pieces of the server config: cluster-wide topic defaults (with where each
// came from, for CreateTopics' effective configs), the flush policy among them.
import type { ConfigKey, ConfigSourceName, ServerConfig } from '../config/config-schema.js';
import type { LogSettings, LogSettingsSources } from '../metadata/topic-configs.js';

export function logDefaults(config: ServerConfig): LogSettings {
  return {
    retentionMs: config.retentionMs,
    retentionBytes: config.retentionBytes,
    segmentBytes: config.segmentBytes,
    segmentMs: config.segmentMs,
    maxMessageBytes: config.maxMessageBytes,
    flushPolicy: config.flushPolicy,
    flushMs: config.flushIntervalMs,
    flushMessages: config.flushIntervalMessages ?? -1,
    // No server setting: Kafka's default.
    minInsyncReplicas: 1,
  };
}

/** The server config key each topic default comes from (null: a built-in default only). */
const DEFAULT_SOURCE_KEYS: Record<keyof LogSettings, ConfigKey | null> = {
  retentionMs: 'retentionMs',
  retentionBytes: 'retentionBytes',
  segmentBytes: 'segmentBytes',
  segmentMs: 'segmentMs',
  maxMessageBytes: 'maxMessageBytes',
  flushPolicy: 'flushPolicy',
  flushMs: 'flushIntervalMs',
  flushMessages: 'flushIntervalMessages',
  minInsyncReplicas: null,
};

/** A key set by flag, env or file is a cluster default; one left alone is Brook's built-in default. */
export function logDefaultSources(sources: Partial<Record<ConfigKey, ConfigSourceName>>): LogSettingsSources {
  const of = (setting: keyof LogSettings): 'cluster-default' | 'built-in-default' => {
    const key = DEFAULT_SOURCE_KEYS[setting];
    return key === null || sources[key] === undefined || sources[key] === 'default' ? 'built-in-default' : 'cluster-default';
  };
  const entries = (Object.keys(DEFAULT_SOURCE_KEYS) as Array<keyof LogSettings>).map((setting) => [setting, of(setting)] as const);
  return Object.fromEntries(entries) as LogSettingsSources;
}
