// What a command may touch outside itself: the cluster (through a session factory), stdin,
// stdout, stderr, the environment, the working directory and the clock. The bin passes the real
// ones; tests pass fakes, so a command's output can be checked without a process or a cluster.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { clusterClientAddresses } from './cluster/cluster-file.js';
import { resolveBrokers } from './options.js';
import type { BrookSession, SessionFactory, SessionOptions } from './session.js';

/** Where `brook cluster` keeps its nodes and cluster.json, relative to the working directory. */
export const DATA_DIR_DEFAULT = './data';

export interface CliContext {
  openSession: SessionFactory;
  stdin: AsyncIterable<Buffer | string>;
  /** Writes to stdout; resolves once the text is accepted (honours backpressure on pipes). */
  out(text: string): Promise<void> | void;
  /** Writes to stderr (progress, summaries, errors). */
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** The directory ./data is relative to; process.cwd() when absent. */
  cwd?: string | undefined;
  /** Monotonic milliseconds (performance.now in the bin). */
  nowMs(): number;
  /** Wall-clock milliseconds since the epoch. */
  wallClockMs(): number;
  /** Resolves when the user asks to stop (SIGINT/SIGTERM); commands that stream end cleanly. */
  interrupted: Promise<void>;
  /** Set by a command whose exit code is not simply 0 (server start passes the server's on). */
  exitCode?: number | undefined;
}

/** The local cluster's directory: --data-dir, else ./data, from the working directory. */
export function clusterDataDir(context: CliContext, flag?: string): string {
  return resolve(context.cwd ?? process.cwd(), flag ?? DATA_DIR_DEFAULT);
}

/**
 * The bootstrap addresses: --brokers, else BROOK_BROKERS, else the nodes of the local cluster
 * recorded in cluster.json (of --data-dir when the command has it, else ./data), else the
 * single-node default. So after `brook cluster start` every command finds the cluster.
 */
export function sessionBrokers(context: CliContext, command: Command): string[] {
  const { brokers, dataDir } = command.optsWithGlobals<{ brokers?: string; dataDir?: string }>();
  if (brokers !== undefined || context.env['BROOK_BROKERS'] !== undefined) return resolveBrokers(brokers, context.env);
  return clusterClientAddresses(clusterDataDir(context, dataDir)) ?? resolveBrokers(undefined, context.env);
}

/** Runs `body` with a session on the brokers the command's flags (or BROOK_BROKERS) name. */
export async function withSession<T>(
  context: CliContext,
  command: Command,
  body: (session: BrookSession) => Promise<T>,
  options?: SessionOptions,
): Promise<T> {
  const session = await context.openSession(sessionBrokers(context, command), options);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}
