// A Brook node for the benchmark: the broker's bin in a child process on 127.0.0.1 port 0 with
// a temporary data directory, ready once <dataDir>/broker.ready.json names this child's pid.
// stop() sends SIGTERM, waits for the exit and removes the directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveServerBin, serverNodeFlags } from '../server-bin.js';

export interface LocalNode {
  pid: number;
  clientAddress: string;
  adminAddress: string;
  dataDir: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

async function readReady(dataDir: string): Promise<{ pid: number; clientAddress: string; adminAddress: string } | null> {
  try {
    return JSON.parse(await readFile(join(dataDir, 'broker.ready.json'), 'utf8'));
  } catch {
    return null;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startLocalNode(extraArgs: string[] = []): Promise<LocalNode> {
  const dataDir = await mkdtemp(join(tmpdir(), 'brook-bench-'));
  const args = ['--node-id', '1', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--admin-listen', '127.0.0.1:0', '--internal-listen', '127.0.0.1:0', '--log-level', 'warn', ...extraArgs];
  const child = spawn(process.execPath, [...serverNodeFlags(), resolveServerBin(), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited(child);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the broker exited with code ${child.exitCode} before it was ready`);
    }
    const ready = await readReady(dataDir);
    if (ready && ready.pid === child.pid) return { pid: child.pid, clientAddress: ready.clientAddress, adminAddress: ready.adminAddress, dataDir, stop };
    await sleep(50);
  }
  await stop();
  throw new Error(`the broker was not ready within ${READY_TIMEOUT_MS} ms`);
}
