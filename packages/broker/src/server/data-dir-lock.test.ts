// The data-directory lock against live, dead and zombie owners: a broker killed with -9 whose
// parent has not reaped it yet still answers kill(pid, 0), but its lock must be taken over.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataDir } from './data-dir-lock.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'brook-lock-'));
  dirs.push(dir);
  return dir;
}

/**
 * A zombie. On a loaded machine the shell may still be running (and reap the killed child) when
 * the kill lands, before it has become `sleep`: then another try.
 */
async function zombiePid(): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await zombiePidOnce();
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

/** A shell starts `sleep` in the background, prints its pid and becomes a `sleep` that never reaps it; the child is then killed. */
async function zombiePidOnce(): Promise<number> {
  const parent = spawn('sh', ['-c', 'sleep 30 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(parent);
  const pid = await new Promise<number>((resolve) => parent.stdout!.once('data', (data: Buffer) => resolve(Number(String(data).trim()))));
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    try {
      process.kill(pid, 0);
    } catch {
      throw new Error('the killed child was reaped; no zombie to test with');
    }
    const { readFileSync } = await import('node:fs');
    if (/\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return pid;
  }
  throw new Error('no zombie appeared');
}

describe('lockDataDir', () => {
  it('refuses a directory locked by a live process, and takes over one of a zombie', async () => {
    const dir = await tempDir();
    const live = spawn('sleep', ['30']);
    children.push(live);
    await writeFile(join(dir, LOCK_FILE), `${live.pid}\n`);
    await expect(lockDataDir(dir)).rejects.toThrow(/in use by process/);
    await writeFile(join(dir, LOCK_FILE), `${await zombiePid()}\n`);
    const lock = await lockDataDir(dir);
    await lock.release();
  });
});
