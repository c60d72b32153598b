// `brook topic list`: the cluster's topic names, one per line (or a JSON array).
import type { Command } from 'commander';
import { withSession, type CliContext } from '../context.js';
import { renderJson } from '../format/table.js';
import { parseOutputFormat } from '../options.js';

export function registerTopicList(parent: Command, context: CliContext): void {
  parent
    .command('list')
    .description('list topics')
    .option('--format <text|json>', 'output format', 'text')
    .action(async (options: { format: string }, command: Command) => {
      const format = parseOutputFormat(options.format);
      const names = await withSession(context, command, (session) => session.listTopics());
      const sorted = [...names].sort();
      if (format === 'json') await context.out(renderJson(sorted) + '\n');
      else if (sorted.length > 0) await context.out(sorted.join('\n') + '\n');
    });
}
