// A topic's configs as the topic commands print them (create, describe, alter): one row per key
// with its effective value and where that value comes from.
import type { TopicConfigEntry } from '../session.js';
import { renderTable } from './table.js';

/** CONFIG, VALUE, SOURCE (topic, cluster_default, built_in_default), ending in a newline. */
export function renderConfigTable(configs: readonly TopicConfigEntry[]): string {
  return renderTable(['CONFIG', 'VALUE', 'SOURCE'], configs.map((c) => [c.name, c.value, c.source])) + '\n';
}
