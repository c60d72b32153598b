// `brook topic describe NAME...`: each partition's leader, leader epoch, replicas, ISR, offline
// replicas (on fenced brokers) and its earliest and latest offsets (log start offset and high
// watermark), like kafka-topics --describe plus GetOffsetShell in one table, then every topic
// config with its effective value and source (kafka-configs --describe --all). A partition
// without a leader shows `none`, and its offsets `?`: there is no one to ask. The JSON form is
// the description with a `configs` field added, so scripts reading the partitions keep working.
import type { Command } from 'commander';
import { withSession, type CliContext } from '../context.js';
import { renderJson, renderTable } from '../format/table.js';
import { renderConfigTable } from '../format/topic-configs.js';
import { parseOutputFormat } from '../options.js';
import type { TopicConfigEntry, TopicDescription } from '../session.js';
import { checkTopicName } from './topic-create.js';

function offsetText(offset: bigint | undefined): string {
  return offset === undefined ? '?' : offset.toString();
}

export function renderTopicText(topic: TopicDescription & { configs?: readonly TopicConfigEntry[] | undefined }): string {
  const head = `topic ${topic.name}  id ${topic.topicId}  partitions ${topic.partitions.length}${topic.isInternal ? '  internal' : ''}\n`;
  const rows = topic.partitions.map((p) => [
    p.partition,
    p.leaderId < 0 ? 'none' : p.leaderId,
    p.leaderEpoch,
    p.replicas.join(','),
    p.isr.join(',') || '-',
    p.offlineReplicas.join(',') || '-',
    offsetText(p.earliestOffset),
    offsetText(p.latestOffset),
  ]);
  const partitions = renderTable(['PARTITION', 'LEADER', 'EPOCH', 'REPLICAS', 'ISR', 'OFFLINE', 'EARLIEST', 'LATEST'], rows) + '\n';
  return head + partitions + (topic.configs === undefined || topic.configs.length === 0 ? '' : '\n' + renderConfigTable(topic.configs));
}

export function registerTopicDescribe(parent: Command, context: CliContext): void {
  parent
    .command('describe')
    .description('describe topics: per partition leader, leader epoch, replicas, ISR, offline replicas, offsets; every config with its source')
    .argument('<names...>', 'topic names')
    .option('--format <text|json>', 'output format', 'text')
    .action(async (names: string[], options: { format: string }, command: Command) => {
      const format = parseOutputFormat(options.format);
      names.forEach(checkTopicName);
      const topics = await withSession(context, command, async (session) => {
        // Partitions first: an unknown topic fails there, with the message describe always gave.
        const described = await session.describeTopics(names);
        const configs = new Map((await session.describeTopicConfigs(names)).map((topic) => [topic.name, topic.configs]));
        return described.map((topic) => ({ ...topic, configs: configs.get(topic.name) ?? [] }));
      });
      if (format === 'json') {
        // One topic asked for: the object itself, the common case for scripts (jq .partitions).
        await context.out(renderJson(names.length === 1 ? topics[0] : topics) + '\n');
      } else {
        await context.out(topics.map(renderTopicText).join('\n'));
      }
    });
}
