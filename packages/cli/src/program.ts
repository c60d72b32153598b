// The `brook` command tree (commander 14). Each command lives in its own file under commands/
// and registers itself on its parent; this file wires the tree, the global --brokers flag and the
// one failure path: every error, a usage error from commander included, ends as one line
// `brook: <CODE>: <message>` on stderr and a non-zero exit code.
import { Command, CommanderError } from 'commander';
import { CliError, describeFailure } from './cli-error.js';
import type { CliContext } from './context.js';
import { registerClusterHealth } from './commands/cluster-health.js';
import { registerClusterInfo } from './commands/cluster-info.js';
import { registerClusterQuorum } from './commands/cluster-quorum.js';
import { registerClusterStart } from './commands/cluster-start.js';
import { registerClusterStatus } from './commands/cluster-status.js';
import { registerClusterStop } from './commands/cluster-stop.js';
import { registerConsume } from './commands/consume.js';
import { registerDebugDumpLog } from './commands/debug-dump-log.js';
import { registerPerfConsume } from './commands/perf-consume.js';
import { registerPerfProduce } from './commands/perf-produce.js';
import { registerProduce } from './commands/produce.js';
import { registerServerStart } from './commands/server-start.js';
import { registerTopicAlter } from './commands/topic-alter.js';
import { registerTopicCreate } from './commands/topic-create.js';
import { registerTopicDelete } from './commands/topic-delete.js';
import { registerTopicDescribe } from './commands/topic-describe.js';
import { registerTopicList } from './commands/topic-list.js';
import { BROKERS_DEFAULT } from './options.js';

export const CLI_VERSION = '0.1.0';

export function buildProgram(context: CliContext): Command {
  const program = new Command('brook')
    .description('Brook: a replicated, partitioned event log')
    .version(CLI_VERSION)
    .option('--brokers <host:port,...>', `bootstrap broker addresses (env BROOK_BROKERS; default ${BROKERS_DEFAULT})`)
    .showHelpAfterError(false);

  const server = program.command('server').description('run Brook server nodes');
  registerServerStart(server, context);

  const topic = program.command('topic').description('create, list, describe, alter (configs) and delete topics');
  registerTopicCreate(topic, context);
  registerTopicList(topic, context);
  registerTopicDescribe(topic, context);
  registerTopicAlter(topic, context);
  registerTopicDelete(topic, context);

  registerProduce(program, context);
  registerConsume(program, context);

  const cluster = program.command('cluster').description('run a local cluster; inspect a cluster');
  registerClusterStart(cluster, context);
  registerClusterStop(cluster, context);
  registerClusterStatus(cluster, context);
  registerClusterQuorum(cluster, context);
  registerClusterHealth(cluster, context);
  registerClusterInfo(cluster, context);

  const perf = program.command('perf').description('measure produce and consume throughput and latency');
  registerPerfProduce(perf, context);
  registerPerfConsume(perf, context);

  const debug = program.command('debug').description('inspect data files offline');
  registerDebugDumpLog(debug, context);

  // Commander's own messages become the CLI's one-line error; help and version still print.
  const quiet = (command: Command): void => {
    command.exitOverride().configureOutput({
      writeOut: (text) => void context.out(text),
      writeErr: (text) => context.err(text),
      outputError: () => undefined,
    });
    command.commands.forEach(quiet);
  };
  quiet(program);
  return program;
}

/** Parses `argv` (without node and the script), runs the command, returns the exit code. */
export async function runCli(argv: string[], context: CliContext): Promise<number> {
  const program = buildProgram(context);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return context.exitCode ?? 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; a bare `brook` or `brook topic` prints the group's help to
      // stderr and exits 1, as a usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return error.exitCode;
      }
      const message = error.message.replace(/^error:\s*/, '');
      context.err(`brook: INVALID_ARGUMENT: ${message}\n`);
      return 2;
    }
    const failure = describeFailure(error);
    context.err(`brook: ${failure.code}: ${failure.message}\n`);
    return failure.exitCode;
  }
}

export { CliError };
