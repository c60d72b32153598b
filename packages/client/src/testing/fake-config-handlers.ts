// The fake broker's DescribeConfigs and IncrementalAlterConfigs over the fake cluster's topics:
// a topic's own values (FakeTopic.configs) over the cluster's defaults (configDefaults), an
// unknown key or a value that is not an integer where the default is one refused as
// INVALID_CONFIG, and each topic's changes applied together or not at all, as the controller does.
import { errorCodeNumber, type ErrorCodeName } from '@brook/protocol';
import type { AlterableTopicConfigs__Output, AlterConfigsResult, DescribeConfigsResult, IncrementalAlterConfigsRequest__Output, TopicConfig } from '@brook/protocol';
import type { FakeBrookCluster } from './fake-cluster.js';

/** Every config of a topic, sorted by name: its own value, else the cluster's default. */
export function describeFakeConfigs(cluster: FakeBrookCluster, name: string): DescribeConfigsResult {
  const topic = cluster.topics.get(name);
  if (topic === undefined) return { name, errorCode: errorCodeNumber('UNKNOWN_TOPIC_OR_PARTITION'), errorMessage: `topic ${name} does not exist` };
  const keys = [...new Set([...Object.keys(cluster.configDefaults), ...Object.keys(topic.configs)])].sort();
  const configs = keys.map((key): TopicConfig => {
    const own = topic.configs[key];
    return own === undefined
      ? { name: key, value: cluster.configDefaults[key] ?? '', source: 'CONFIG_SOURCE_CLUSTER_DEFAULT', readOnly: false }
      : { name: key, value: own, source: 'CONFIG_SOURCE_TOPIC', readOnly: false };
  });
  return { name, configs };
}

export function alterFakeConfigs(cluster: FakeBrookCluster, request: IncrementalAlterConfigsRequest__Output): { topics: AlterConfigsResult[] } {
  return { topics: request.topics.map((changes) => alterOne(cluster, changes, request.validateOnly)) };
}

function alterOne(cluster: FakeBrookCluster, changes: AlterableTopicConfigs__Output, validateOnly: boolean): AlterConfigsResult {
  const failure = (code: ErrorCodeName, errorMessage: string): AlterConfigsResult => ({ name: changes.name, errorCode: errorCodeNumber(code), errorMessage });
  const topic = cluster.topics.get(changes.name);
  if (topic === undefined) return failure('UNKNOWN_TOPIC_OR_PARTITION', `topic ${changes.name} does not exist`);
  // The changes go to a copy, which replaces the topic's configs only when every one is valid.
  const next = { ...topic.configs };
  for (const change of changes.configs) {
    const fallback = cluster.configDefaults[change.name];
    if (fallback === undefined) return failure('INVALID_CONFIG', `unknown topic config "${change.name}"`);
    if (change.operation === 'CONFIG_OPERATION_DELETE') {
      delete next[change.name];
      continue;
    }
    if (/^-?\d+$/.test(fallback) && !/^-?\d+$/.test(change.value)) return failure('INVALID_CONFIG', `topic config ${change.name}=${JSON.stringify(change.value)} is not an integer`);
    next[change.name] = change.value;
  }
  if (!validateOnly) {
    for (const key of Object.keys(topic.configs)) delete topic.configs[key];
    Object.assign(topic.configs, next);
  }
  return { name: changes.name };
}
