// The client's checks of Admin.alterConfigs changes before anything is sent, and the wire form of
// the changes that pass. Only what is cheap and certain is checked here: the topic name (the
// broker's own rule), a topic named twice in one request, a change that changes nothing and a
// key both set and deleted (the last three are INVALID_REQUEST, as Kafka's AdminClient and
// ConfigurationControlManager answer them). Keys and values are the controller's to judge
// (INVALID_CONFIG): copying its list of keys here would make a client refuse a key a newer
// cluster accepts.
import { BrookError, validateTopicName, type AlterableTopicConfigs, type TopicConfig__Output } from '@brook/protocol';
import type { TopicConfigChanges, TopicConfigEntry } from './admin-types.js';

/** Why one topic's changes cannot be sent, or null when they can. */
export function configChangesProblem(changes: TopicConfigChanges): BrookError | null {
  const invalidName = validateTopicName(changes.topic);
  if (invalidName !== null) return new BrookError('INVALID_TOPIC_EXCEPTION', invalidName);
  const set = changes.set ?? {};
  const deleted = changes.delete ?? [];
  if (Object.keys(set).length === 0 && deleted.length === 0) {
    return new BrookError('INVALID_REQUEST', `topic ${changes.topic}: no config to set or delete`);
  }
  const both = [...new Set(deleted.filter((key) => Object.hasOwn(set, key)))];
  if (both.length > 0) {
    return new BrookError('INVALID_REQUEST', `topic ${changes.topic}: ${both.join(', ')} both set and deleted`);
  }
  return null;
}

/** The topics named by more than one entry of `changes`. */
export function repeatedTopics(changes: readonly TopicConfigChanges[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { topic } of changes) {
    if (seen.has(topic)) repeated.add(topic);
    seen.add(topic);
  }
  return repeated;
}

/** One topic's changes as IncrementalAlterConfigs carries them: the sets, then the deletes. */
export function alterableTopicConfigs(changes: TopicConfigChanges): AlterableTopicConfigs {
  const sets = Object.entries(changes.set ?? {}).map(([name, value]) => ({ name, operation: 'CONFIG_OPERATION_SET' as const, value }));
  const deletes = [...new Set(changes.delete ?? [])].map((name) => ({ name, operation: 'CONFIG_OPERATION_DELETE' as const, value: '' }));
  return { name: changes.topic, configs: [...sets, ...deletes] };
}

/** A config as the admin returns it. */
export function topicConfigEntry(config: TopicConfig__Output): TopicConfigEntry {
  return { name: config.name, value: config.value, source: config.source, readOnly: config.readOnly };
}
