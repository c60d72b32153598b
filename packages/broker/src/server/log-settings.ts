// The storage-facing pieces of the server config: cluster-wide log defaults (with where each came
// from, for CreateTopics' effective configs) and the flush policy.
import type { FlushPolicy } from '@brook/storage';
import type { ConfigKey, ConfigSourceName, ServerConfig } from '../config/config-schema.js';
import type { LogSettings, LogSettingsSources } from '../metadata/topic-configs.js';

export function logDefaults(config: ServerConfig): LogSettings {
  return {
    retentionMs: config.retentionMs,
    retentionBytes: config.retentionBytes,
    segmentBytes: config.segmentBytes,
    segmentMs: config.segmentMs,
    maxMessageBytes: config.maxMessageBytes,
  };
}

/** A key set by flag, env or file is a cluster default; one left alone is Brook's built-in default. */
export function logDefaultSources(sources: Partial<Record<ConfigKey, ConfigSourceName>>): LogSettingsSources {
  const of = (key: keyof LogSettings): 'cluster-default' | 'built-in-default' => (sources[key] === undefined || sources[key] === 'default' ? 'built-in-default' : 'cluster-default');
  return { retentionMs: of('retentionMs'), retentionBytes: of('retentionBytes'), segmentBytes: of('segmentBytes'), segmentMs: of('segmentMs'), maxMessageBytes: of('maxMessageBytes') };
}

export function flushPolicy(config: ServerConfig): FlushPolicy {
  if (config.flushPolicy === 'every-append') return { kind: 'every-append-group-commit' };
  return { kind: 'interval', intervalMs: config.flushIntervalMs, ...(config.flushIntervalMessages === null ? {} : { intervalMessages: config.flushIntervalMessages }) };
}
