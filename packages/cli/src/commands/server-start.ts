// `brook server start`: runs one Brook node in the foreground. The node is the broker's own bin
// in a child process with this terminal's stdio; SIGINT, SIGTERM and SIGHUP are passed on to it,
// and its exit code (or 128 + signal number) becomes this command's, so `brook server start`
// behaves like the server itself under a shell, systemd or a container runtime.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { resolveServerBin, serverNodeFlags } from '../server-bin.js';

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

interface ServerStartOptions {
  nodeId?: string;
  dataDir?: string;
  listen?: string;
  adminListen?: string;
  config?: string;
}

/** The broker's arguments: the known flags in a fixed order, then anything else as given. */
export function serverArguments(options: ServerStartOptions, extra: string[]): string[] {
  const args: string[] = [];
  if (options.nodeId !== undefined) args.push('--node-id', options.nodeId);
  if (options.dataDir !== undefined) args.push('--data-dir', options.dataDir);
  if (options.listen !== undefined) args.push('--listen', options.listen);
  if (options.adminListen !== undefined) args.push('--admin-listen', options.adminListen);
  if (options.config !== undefined) args.push('--config', options.config);
  return [...args, ...extra];
}

function runForeground(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...serverNodeFlags(), bin, ...args], { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    const detach = (): void => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
    };
    child.on('error', (error) => {
      detach();
      reject(error);
    });
    child.on('exit', (code, signal) => {
      detach();
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

export function registerServerStart(parent: Command, context: CliContext): void {
  parent
    .command('start')
    .description('run a Brook node in the foreground (the broker bin; other flags are passed to it)')
    .option('--node-id <id>', 'this node id')
    .option('--data-dir <dir>', 'where the node keeps its logs and metadata')
    .option('--listen <host:port>', 'the client gRPC listener')
    .option('--admin-listen <host:port>', 'the admin HTTP listener (/metrics, /healthz, /readyz)')
    .option('--config <file>', 'a configuration file')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (options: ServerStartOptions, command: Command) => {
      const bin = resolveServerBin(context.env);
      context.exitCode = await runForeground(bin, serverArguments(options, command.args), context.env);
    });
}
