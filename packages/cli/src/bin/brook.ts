#!/usr/bin/env node
// The `brook` executable: runs the command tree with the real process around it (stdin, stdout
// with backpressure, stderr, BROOK_* environment, SIGINT/SIGTERM as a request to stop) and the
// cluster session backed by @brook/client. Exit codes: 0 success, 1 a failed operation, 2 a usage
// error, or the server's own code for `brook server start`.
import { once } from 'node:events';
import { runCli } from '../program.js';

let interrupt: () => void = () => undefined;
const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
let interruptions = 0;
const onSignal = (signal: NodeJS.Signals): void => {
  // `server start` forwards signals to the server it runs and exits with the server's code;
  // while its forwarder listens, this handler stays out of the way.
  if (process.listenerCount(signal) > 1) return;
  // The first Ctrl-C asks streaming commands to finish cleanly (flush, print the summary);
  // a second one means now.
  if (++interruptions > 1) process.exit(130);
  interrupt();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// Closing stdout early (`brook consume t | head -1`) is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

async function writeOut(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

const code = await runCli(process.argv.slice(2), {
  // Loaded on first use: commands that never talk to a cluster do not load gRPC.
  openSession: async (brokers, options) => (await import('../sdk-session.js')).openSdkSession(brokers, options),
  stdin: process.stdin,
  out: writeOut,
  err: (text) => void process.stderr.write(text),
  env: process.env,
  nowMs: () => performance.now(),
  wallClockMs: () => Date.now(),
  interrupted,
});
// Exit explicitly: an SDK connection or a pending timer must not keep a finished command alive,
// but stdout and stderr must drain first when they are pipes.
process.exitCode = code;
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
