// bench:cluster's process bookkeeping: every process it starts and every temporary directory it
// makes, so that cleanup kills each by its pid and removes each directory; free loopback ports; the
// seeded random numbers that pick them.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Extra node flags for the Brook nodes and the producer process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
export const NODE_ARGS = (process.env['BENCH_NODE_ARGS'] ?? '').split(/\s+/).filter((arg) => arg.length > 0);

export interface Started {
  name: string;
  child: ChildProcess;
  exited: boolean;
}

export const started = new Set<Started>();
export const tempDirs = new Set<string>();

export function log(line: string): void {
  process.stderr.write(line + '\n');
}

export function startProcess(name: string, command: string, args: string[], options: { logFile?: string; env?: NodeJS.ProcessEnv; stdout?: 'pipe' | 'ignore' } = {}): Started {
  const fd = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', fd ?? options.stdout ?? 'ignore', fd ?? 'inherit'] });
    const entry: Started = { name, child, exited: false };
    child.once('exit', () => (entry.exited = true));
    child.once('error', () => (entry.exited = true));
    started.add(entry);
    return entry;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function killByPid(entry: Started): void {
  if (entry.exited || entry.child.pid === undefined) return;
  try {
    process.kill(entry.child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

export async function cleanup(): Promise<void> {
  if (NODE_ARGS.length > 0) {
    // Profiling: a clean exit writes the profile, so SIGTERM first and SIGKILL what lingers.
    for (const entry of started) if (!entry.exited && entry.child.pid !== undefined) entry.child.kill('SIGTERM');
    const graceUntil = Date.now() + 10_000;
    while ([...started].some((entry) => !entry.exited) && Date.now() < graceUntil) await sleep(50);
  }
  for (const entry of started) killByPid(entry);
  const deadline = Date.now() + 5000;
  while ([...started].some((entry) => !entry.exited) && Date.now() < deadline) await sleep(20);
  started.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Free loopback ports below the ephemeral range (no outgoing connection can take one meanwhile). */
export async function reservePorts(count: number, random: () => number): Promise<number[]> {
  const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  const ports = new Set<number>();
  for (let probe = 0; ports.size < count && probe < 1000; probe++) {
    const port = 20_000 + Math.floor(random() * (low - 20_000));
    if (!ports.has(port) && (await canBind(port))) ports.add(port);
  }
  if (ports.size < count) throw new Error(`found only ${ports.size} of ${count} free ports`);
  return [...ports];
}

/** Mulberry32, so the port choice and padding follow the printed seed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tries `attempt` every `intervalMs` until it returns a value; throws after `timeoutMs`, with the last error. */
export async function until<T>(what: string, timeoutMs: number, attempt: () => Promise<T | undefined>, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
    await sleep(intervalMs);
  }
}
