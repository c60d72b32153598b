// <dataDir>/.lock: one process per data directory. Two brokers appending to the same segment
// files would corrupt them silently, so the second is refused at start. The lock holds the
// owner's pid; a lock left by a process that no longer exists (kill -9) is taken over.
import { readFileSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_FILE = '.lock';

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * Directories locked by this process. A lock file naming our own pid is otherwise taken to be
 * stale: in a container the broker is often pid 1 in every incarnation, so after a kill -9 the
 * leftover lock names the new process's pid too.
 */
const lockedHere = new Set<string>();

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, LOCK_FILE);
  if (lockedHere.has(path)) throw new Error(`data directory ${dataDir} is in use by process ${process.pid} (this one)`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(`${process.pid}\n`);
      await file.close();
      lockedHere.add(path);
      return {
        release: async () => {
          lockedHere.delete(path);
          await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isSafeInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new Error(`data directory ${dataDir} is in use by process ${owner} (${path}); stop it or use another directory`);
      }
      await rm(path, { force: true });
    }
  }
  throw new Error(`could not lock data directory ${dataDir}: another process keeps taking ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * A process killed with -9 whose parent has not reaped it yet (a detached broker under an init
 * that reaps slowly, as in some containers) still answers kill(pid, 0), but it holds nothing:
 * its state in /proc/<pid>/stat is Z (zombie) or X (dead). Without /proc, assume it lives.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S ...": comm may hold spaces and parentheses, so read after the last ')'.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}
