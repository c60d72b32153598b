// `brook topic create NAME -p N [-r RF] [--config k=v ...]`: creates a topic and prints what the
// cluster made of it (id, partitions, replication factor, effective configs).
import type { Command } from 'commander';
import { BrookError, validateTopicName } from '@brook/protocol';
import { withSession, type CliContext } from '../context.js';
import { renderJson } from '../format/table.js';
import { renderConfigTable } from '../format/topic-configs.js';
import { collect, parseInteger, parseKeyValue, parseOutputFormat } from '../options.js';
import type { CreatedTopic } from '../session.js';

interface TopicCreateOptions {
  partitions: string;
  replicationFactor?: string;
  config: string[];
  format: string;
}

/**
 * Checks the name before anything is sent, with the broker's own rule and error code, so a typo
 * fails at once and reads the same as the cluster's answer would.
 */
export function checkTopicName(name: string): void {
  const reason = validateTopicName(name);
  if (reason !== null) throw new BrookError('INVALID_TOPIC_EXCEPTION', reason);
}

function renderCreated(created: CreatedTopic): string {
  const head = `created topic ${created.name} (id ${created.topicId}) with ${created.partitions} partitions, replication factor ${created.replicationFactor}\n`;
  if (created.configs.length === 0) return head;
  return head + renderConfigTable(created.configs);
}

export function registerTopicCreate(parent: Command, context: CliContext): void {
  parent
    .command('create')
    .description('create a topic')
    .argument('<name>', 'topic name: 1-249 characters of [a-zA-Z0-9._-]')
    .requiredOption('-p, --partitions <n>', 'number of partitions')
    .option('-r, --replication-factor <n>', 'replicas per partition (default: the cluster default)')
    .option('--config <key=value>', 'a topic config (retention.ms, segment.bytes, ...); repeatable', collect, [])
    .option('--format <text|json>', 'output format', 'text')
    .action(async (name: string, options: TopicCreateOptions, command: Command) => {
      const format = parseOutputFormat(options.format);
      // The broker applies the same rule (@brook/protocol's validateTopicName); checking here
      // first saves a round trip and gives the same message.
      checkTopicName(name);
      const partitions = parseInteger('--partitions', options.partitions, 1, 1_000_000);
      const replicationFactor = options.replicationFactor === undefined ? -1 : parseInteger('--replication-factor', options.replicationFactor, 1, 32_767);
      const configs: Record<string, string> = {};
      for (const entry of options.config) {
        const [key, value] = parseKeyValue('--config', entry);
        configs[key] = value;
      }
      const created = await withSession(context, command, (session) => session.createTopic({ name, partitions, replicationFactor, configs }));
      await context.out(format === 'json' ? renderJson(created) + '\n' : renderCreated(created));
    });
}
