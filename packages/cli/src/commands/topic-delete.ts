// `brook topic delete NAME...`: deletes topics and their data.
import type { Command } from 'commander';
import { withSession, type CliContext } from '../context.js';
import { checkTopicName } from './topic-create.js';

export function registerTopicDelete(parent: Command, context: CliContext): void {
  parent
    .command('delete')
    .description('delete topics and their data')
    .argument('<names...>', 'topic names')
    .action(async (names: string[], _options: unknown, command: Command) => {
      names.forEach(checkTopicName);
      await withSession(context, command, async (session) => {
        for (const name of names) {
          await session.deleteTopic(name);
          await context.out(`deleted topic ${name}\n`);
        }
      });
    });
}
