// Effective topic configs in the contract's shape (TopicConfig), for CreateTopics and DescribeConfigs.
import { ConfigSource, type TopicConfig } from '@brook/protocol';
import type { EffectiveTopicConfig } from '../../metadata/metadata-view.js';

const SOURCES: Record<EffectiveTopicConfig['source'], TopicConfig['source']> = {
  topic: ConfigSource.CONFIG_SOURCE_TOPIC,
  'cluster-default': ConfigSource.CONFIG_SOURCE_CLUSTER_DEFAULT,
  'built-in-default': ConfigSource.CONFIG_SOURCE_BUILT_IN_DEFAULT,
};

export function toWireConfigs(configs: readonly EffectiveTopicConfig[]): TopicConfig[] {
  return configs.map((config) => ({ name: config.name, value: config.value, source: SOURCES[config.source], readOnly: false }));
}
