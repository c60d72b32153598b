// `brook topic describe NAME...`: each partition's leader, leader epoch, replicas, ISR, offline
// replicas (on fenced brokers) and its earliest and latest offsets (log start offset and high
// watermark), like kafka-topics --describe plus GetOffsetShell in one table. A partition without
// a leader shows `none`, and its offsets `?`: there is no one to ask.
import type { Command } from 'commander';
import { withSession, type CliContext } from '../context.js';
import { renderJson, renderTable } from '../format/table.js';
import { parseOutputFormat } from '../options.js';
import type { TopicDescription } from '../session.js';
import { checkTopicName } from './topic-create.js';

function offsetText(offset: bigint | undefined): string {
  return offset === undefined ? '?' : offset.toString();
}

export function renderTopicText(topic: TopicDescription): string {
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
  return head + renderTable(['PARTITION', 'LEADER', 'EPOCH', 'REPLICAS', 'ISR', 'OFFLINE', 'EARLIEST', 'LATEST'], rows) + '\n';
}

export function registerTopicDescribe(parent: Command, context: CliContext): void {
  parent
    .command('describe')
    .description('describe topics: per partition leader, leader epoch, replicas, ISR, offline replicas, offsets')
    .argument('<names...>', 'topic names')
    .option('--format <text|json>', 'output format', 'text')
    .action(async (names: string[], options: { format: string }, command: Command) => {
      const format = parseOutputFormat(options.format);
      names.forEach(checkTopicName);
      const topics = await withSession(context, command, (session) => session.describeTopics(names));
      if (format === 'json') {
        // One topic asked for: the object itself, the common case for scripts (jq .partitions).
        await context.out(renderJson(names.length === 1 ? topics[0] : topics) + '\n');
      } else {
        await context.out(topics.map(renderTopicText).join('\n'));
      }
    });
}
