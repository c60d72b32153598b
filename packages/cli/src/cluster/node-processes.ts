// The local cluster's node processes: each one the broker's bin started detached (it outlives
// `brook cluster start`), with stdout and stderr appended to its log file and its pid in a pid
// file. Pids are only trusted while they name a live Brook process: after a reboot a pid file's
// number may belong to something else, which must never be signalled.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { serverNodeFlags } from '../server-bin.js';

const READY_FILE = 'broker.ready.json';
const LOG_TAIL_LINES = 10;
const EXIT_POLL_MS = 100;

/** Whether `pid` is a live process, and (where /proc tells) one running Brook. */
export function isBrookProcessAlive(pid: number | null | undefined): boolean {
  if (pid === null || pid === undefined || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch {
    // ESRCH: gone; EPERM: alive but another user's, so no node this user started.
    return false;
  }
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('brook');
  } catch {
    return false;
  }
}

export function readPidFile(pidFile: string): number | null {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** What the broker wrote once serving: its pid and bound addresses. */
export function readReadyFile(nodeDataDir: string): { pid: number; clientAddress?: string } | null {
  try {
    const ready = JSON.parse(readFileSync(join(nodeDataDir, READY_FILE), 'utf8')) as { pid?: unknown; clientAddress?: unknown };
    return typeof ready.pid === 'number' ? { pid: ready.pid, ...(typeof ready.clientAddress === 'string' ? { clientAddress: ready.clientAddress } : {}) } : null;
  } catch {
    return null;
  }
}

/** The node's live pid: from its pid file, else from its ready file; null when it is not running. */
export function runningPid(node: { pidFile: string; dataDir: string }): number | null {
  for (const pid of [readPidFile(node.pidFile), readReadyFile(node.dataDir)?.pid ?? null]) {
    if (isBrookProcessAlive(pid)) return pid;
  }
  return null;
}

export interface StartedNode {
  readonly pid: number;
  /** Set once the process has exited (exit code, or the signal's name). */
  exit: string | null;
}

/**
 * Starts the broker's bin detached, in its own process group, with its output appended to
 * `logFile`, and writes `pidFile`. The returned record learns of an early exit, so a node that
 * dies while starting is reported at once rather than after the whole timeout.
 */
export function spawnNode(bin: string, args: string[], files: { dataDir: string; logFile: string; pidFile: string }, env: NodeJS.ProcessEnv): StartedNode {
  mkdirSync(files.dataDir, { recursive: true });
  // A ready file left by a node killed with -9 would read as ready at once.
  rmSync(join(files.dataDir, READY_FILE), { force: true });
  const log = openSync(files.logFile, 'a');
  try {
    const child = spawn(process.execPath, [...serverNodeFlags(), bin, ...args], { detached: true, stdio: ['ignore', log, log], env });
    if (child.pid === undefined) throw new Error(`could not start ${bin}`);
    const started: StartedNode = { pid: child.pid, exit: null };
    child.on('exit', (code, signal) => (started.exit = signal ?? `code ${code}`));
    child.unref();
    writeFileSync(files.pidFile, `${child.pid}\n`);
    return started;
  } finally {
    closeSync(log);
  }
}

/** Whether the node's ready file names `pid`: the broker's listeners are bound. */
export function isReady(nodeDataDir: string, pid: number): boolean {
  return readReadyFile(nodeDataDir)?.pid === pid;
}

/** The last lines of a log file ('' when there is none), for failure messages. */
export function logTail(logFile: string, lines = LOG_TAIL_LINES): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Resolves with the pids still alive once all are gone or `timeoutMs` has passed. */
export async function waitForExit(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isBrookProcessAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(EXIT_POLL_MS);
    alive = alive.filter(isBrookProcessAlive);
  }
  return alive;
}

/** Sends `signal`, ignoring a process that is already gone. */
export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone meanwhile: what stopping wanted anyway.
  }
}
