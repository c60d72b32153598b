// Checks topic config validation (unknown keys, non-integers, ranges) and how overrides combine
// with cluster defaults into log settings and described configs.
import { describe, expect, it } from 'vitest';
import { describeTopicConfigs, effectiveLogSettings, logFlushPolicy, validateTopicConfigs, type LogSettings } from './topic-configs.js';

const defaults: LogSettings = { retentionMs: 1000, retentionBytes: -1, segmentBytes: 4096, segmentMs: 60_000, maxMessageBytes: 2048, flushPolicy: 'every-append', flushMs: 1000, flushMessages: -1, minInsyncReplicas: 1 };

describe('topic configs', () => {
  it('accepts the supported keys within range', () => {
    expect(validateTopicConfigs({ 'retention.ms': '-1', 'retention.bytes': '0', 'segment.bytes': '61', 'segment.ms': '1', 'max.message.bytes': '1048588' })).toBeNull();
  });

  it('names what is wrong', () => {
    expect(validateTopicConfigs({ 'compression.type': 'gzip' })).toMatch(/unknown topic config "compression.type"/);
    expect(validateTopicConfigs({ 'retention.ms': '1e3' })).toMatch(/retention.ms="1e3" is not an integer/);
    expect(validateTopicConfigs({ 'segment.bytes': '60' })).toMatch(/segment.bytes=60 is outside \[61,/);
    expect(validateTopicConfigs({ 'retention.bytes': '-2' })).toMatch(/outside \[-1,/);
    expect(validateTopicConfigs({ 'max.message.bytes': '4097' }, 4096)).toMatch(/max.message.bytes=4097 is outside \[61, 4096\]/);
    expect(validateTopicConfigs({ 'max.message.bytes': '4096' }, 4096)).toBeNull();
  });

  it('checks the flush configs: the policy by name, the interval settings as integers', () => {
    expect(validateTopicConfigs({ 'flush.policy': 'interval', 'flush.ms': '100', 'flush.messages': '-1' })).toBeNull();
    expect(validateTopicConfigs({ 'flush.policy': 'sometimes' })).toMatch(/flush.policy="sometimes" is not one of every-append, interval/);
    expect(validateTopicConfigs({ 'flush.ms': '0' })).toMatch(/flush.ms=0 is outside \[1,/);
    expect(validateTopicConfigs({ 'flush.messages': '0' })).toMatch(/use -1 for no count limit/);
    expect(effectiveLogSettings({ 'flush.policy': 'interval', 'flush.ms': '250', 'flush.messages': '10' }, defaults)).toEqual({ ...defaults, flushPolicy: 'interval', flushMs: 250, flushMessages: 10 });
    expect(logFlushPolicy({ ...defaults, flushPolicy: 'interval', flushMs: 250, flushMessages: 10 })).toEqual({ kind: 'interval', intervalMs: 250, intervalMessages: 10 });
    expect(logFlushPolicy({ ...defaults, flushPolicy: 'interval', flushMs: 250 })).toEqual({ kind: 'interval', intervalMs: 250 });
    expect(logFlushPolicy(defaults)).toEqual({ kind: 'every-append-group-commit' });
  });

  it('applies overrides over defaults and reports sources', () => {
    expect(effectiveLogSettings({ 'segment.bytes': '8192' }, defaults)).toEqual({ ...defaults, segmentBytes: 8192 });
    const described = describeTopicConfigs({ 'retention.ms': '5' }, defaults, {
      retentionMs: 'cluster-default',
      retentionBytes: 'built-in-default',
      segmentBytes: 'cluster-default',
      segmentMs: 'built-in-default',
      maxMessageBytes: 'built-in-default',
      flushPolicy: 'cluster-default',
      flushMs: 'built-in-default',
      flushMessages: 'built-in-default',
      minInsyncReplicas: 'built-in-default',
    });
    expect(described.map((c) => c.name)).toEqual(['flush.messages', 'flush.ms', 'flush.policy', 'max.message.bytes', 'min.insync.replicas', 'retention.bytes', 'retention.ms', 'segment.bytes', 'segment.ms']);
    expect(described.find((c) => c.name === 'min.insync.replicas')).toEqual({ name: 'min.insync.replicas', value: '1', source: 'built-in-default' });
    expect(described.find((c) => c.name === 'flush.policy')).toEqual({ name: 'flush.policy', value: 'every-append', source: 'cluster-default' });
    expect(described.find((c) => c.name === 'retention.ms')).toEqual({ name: 'retention.ms', value: '5', source: 'topic' });
    expect(described.find((c) => c.name === 'segment.bytes')).toEqual({ name: 'segment.bytes', value: '4096', source: 'cluster-default' });
  });
});
