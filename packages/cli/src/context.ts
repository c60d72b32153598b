// What a command may touch outside itself: the cluster (through a session factory), stdin,
// stdout, stderr, the environment and the clock. The bin passes the real ones; tests pass fakes,
// so a command's output can be checked without a process or a cluster.
import type { Command } from 'commander';
import { resolveBrokers } from './options.js';
import type { BrookSession, SessionFactory } from './session.js';

export interface CliContext {
  openSession: SessionFactory;
  stdin: AsyncIterable<Buffer | string>;
  /** Writes to stdout; resolves once the text is accepted (honours backpressure on pipes). */
  out(text: string): Promise<void> | void;
  /** Writes to stderr (progress, summaries, errors). */
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Monotonic milliseconds (performance.now in the bin). */
  nowMs(): number;
  /** Wall-clock milliseconds since the epoch. */
  wallClockMs(): number;
  /** Resolves when the user asks to stop (SIGINT/SIGTERM); commands that stream end cleanly. */
  interrupted: Promise<void>;
  /** Set by a command whose exit code is not simply 0 (server start passes the server's on). */
  exitCode?: number | undefined;
}

/** Runs `body` with a session on the brokers the command's flags (or BROOK_BROKERS) name. */
export async function withSession<T>(context: CliContext, command: Command, body: (session: BrookSession) => Promise<T>): Promise<T> {
  const { brokers } = command.optsWithGlobals<{ brokers?: string }>();
  const session = await context.openSession(resolveBrokers(brokers, context.env));
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}
