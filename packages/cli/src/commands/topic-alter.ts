// `brook topic alter NAME [--config k=v ...] [--delete-config k ...] [--validate-only]`: changes a
// topic's configs key by key (kafka-configs --alter --add-config/--delete-config, KIP-339) and
// prints the topic's effective configs afterwards. Keys not named keep their values; a deleted
// key falls back to the cluster default; the changes apply together or not at all. With
// --validate-only the cluster checks the changes and nothing changes.
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { withSession, type CliContext } from '../context.js';
import { renderJson } from '../format/table.js';
import { renderConfigTable } from '../format/topic-configs.js';
import { collect, parseKeyValue, parseOutputFormat } from '../options.js';
import type { BrookSession, TopicConfigChangeSpec, TopicConfigEntry } from '../session.js';
import { checkTopicName } from './topic-create.js';

interface TopicAlterOptions {
  config: string[];
  deleteConfig: string[];
  validateOnly?: boolean;
  format: string;
}

/**
 * The describe after an alter may reach a broker other than the one that took the change (the
 * SDK spreads requests over the brokers), and that broker applies the controller's record a
 * moment later. Up to this long the command asks again until the change shows.
 */
const CHANGE_VISIBLE_WAIT_MS = 5_000;
const CHANGE_VISIBLE_POLL_MS = 100;

/** The changes the flags ask for, checked before anything is sent. */
export function parseConfigChanges(name: string, options: Pick<TopicAlterOptions, 'config' | 'deleteConfig' | 'validateOnly'>): TopicConfigChangeSpec {
  const set: Record<string, string> = {};
  for (const entry of options.config) {
    const [key, value] = parseKeyValue('--config', entry);
    set[key] = value;
  }
  // As kafka-configs: --delete-config takes a comma-separated list too (keys have no commas).
  const deleted = [...new Set(options.deleteConfig.flatMap((entry) => entry.split(',')).map((key) => key.trim()))];
  if (deleted.some((key) => key === '')) throw new CliError('INVALID_ARGUMENT', '--delete-config expects a config name');
  if (Object.keys(set).length === 0 && deleted.length === 0) {
    throw new CliError('INVALID_ARGUMENT', 'nothing to change: give at least one --config key=value or --delete-config key');
  }
  const both = deleted.filter((key) => Object.hasOwn(set, key));
  if (both.length > 0) throw new CliError('INVALID_ARGUMENT', `${both.join(', ')} both set (--config) and deleted (--delete-config)`);
  return { name, set, delete: deleted, validateOnly: options.validateOnly === true };
}

/** Whether `configs` shows every change of `spec`: the set keys at their new topic values, the deleted ones back at a default. */
function showsChanges(configs: readonly TopicConfigEntry[], spec: TopicConfigChangeSpec): boolean {
  const byName = new Map(configs.map((c) => [c.name, c]));
  const setShown = Object.entries(spec.set).every(([key, value]) => byName.get(key)?.source === 'topic' && byName.get(key)?.value === value);
  return setShown && spec.delete.every((key) => byName.get(key)?.source !== 'topic');
}

/** The topic's configs once they show the change, or the last ones read when the wait runs out. */
async function configsAfter(session: BrookSession, spec: TopicConfigChangeSpec, context: CliContext): Promise<TopicConfigEntry[]> {
  const deadline = context.nowMs() + CHANGE_VISIBLE_WAIT_MS;
  for (;;) {
    const [topic] = await session.describeTopicConfigs([spec.name]);
    const configs = topic?.configs ?? [];
    if (showsChanges(configs, spec)) return configs;
    if (context.nowMs() >= deadline) {
      context.err(`note: the configs below do not show the change yet; the answering broker may not have applied it\n`);
      return configs;
    }
    await new Promise((resolve) => setTimeout(resolve, CHANGE_VISIBLE_POLL_MS));
  }
}

function changesText(spec: TopicConfigChangeSpec): string {
  const parts: string[] = [];
  const set = Object.entries(spec.set).map(([key, value]) => `${key}=${value}`);
  if (set.length > 0) parts.push(`set ${set.join(', ')}`);
  if (spec.delete.length > 0) parts.push(`deleted ${spec.delete.join(', ')}`);
  return parts.join('; ');
}

function renderAltered(spec: TopicConfigChangeSpec, configs: readonly TopicConfigEntry[] | undefined): string {
  if (configs === undefined) return `validated changes to topic ${spec.name} (nothing changed): ${changesText(spec)}\n`;
  return `altered topic ${spec.name}: ${changesText(spec)}\n` + renderConfigTable(configs);
}

export function registerTopicAlter(parent: Command, context: CliContext): void {
  parent
    .command('alter')
    .description("change a topic's configs key by key; the keys not named keep their values")
    .argument('<name>', 'topic name')
    .option('--config <key=value>', 'set a topic config (retention.ms, min.insync.replicas, ...); repeatable', collect, [])
    .option('--delete-config <key>', 'remove a topic config so the cluster default applies; repeatable or comma-separated', collect, [])
    .option('--validate-only', 'have the cluster check the changes; change nothing')
    .option('--format <text|json>', 'output format', 'text')
    .action(async (name: string, options: TopicAlterOptions, command: Command) => {
      const format = parseOutputFormat(options.format);
      checkTopicName(name);
      const spec = parseConfigChanges(name, options);
      const configs = await withSession(context, command, async (session) => {
        await session.alterTopicConfigs(spec);
        return spec.validateOnly ? undefined : configsAfter(session, spec, context);
      });
      if (format === 'json') {
        // configs (every key after the change) is left out with --validate-only: nothing changed.
        await context.out(renderJson({ name, validateOnly: spec.validateOnly, set: spec.set, deleted: spec.delete, ...(configs === undefined ? {} : { configs }) }) + '\n');
      } else {
        await context.out(renderAltered(spec, configs));
      }
    });
}
