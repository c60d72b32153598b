// Checks topic config validation (unknown keys, non-integers, ranges) and how overrides combine
// with cluster defaults into log settings and described configs.
import { describe, expect, it } from 'vitest';
import { describeTopicConfigs, effectiveLogSettings, validateTopicConfigs, type LogSettings } from './topic-configs.js';

const defaults: LogSettings = { retentionMs: 1000, retentionBytes: -1, segmentBytes: 4096, segmentMs: 60_000, maxMessageBytes: 2048 };

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

  it('applies overrides over defaults and reports sources', () => {
    expect(effectiveLogSettings({ 'segment.bytes': '8192' }, defaults)).toEqual({ ...defaults, segmentBytes: 8192 });
    const described = describeTopicConfigs({ 'retention.ms': '5' }, defaults, {
      retentionMs: 'cluster-default',
      retentionBytes: 'built-in-default',
      segmentBytes: 'cluster-default',
      segmentMs: 'built-in-default',
      maxMessageBytes: 'built-in-default',
    });
    expect(described.map((c) => c.name)).toEqual(['max.message.bytes', 'retention.bytes', 'retention.ms', 'segment.bytes', 'segment.ms']);
    expect(described.find((c) => c.name === 'retention.ms')).toEqual({ name: 'retention.ms', value: '5', source: 'topic' });
    expect(described.find((c) => c.name === 'segment.bytes')).toEqual({ name: 'segment.bytes', value: '4096', source: 'cluster-default' });
  });
});
