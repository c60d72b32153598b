// What startBroker and startCluster share: the child's environment, the ready file, log tails,
// and the last-resort exit hook that SIGKILLs (by pid) whatever a test run left running.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ReadyFile {
  pid: number;
  nodeId: number;
  clientAddress: string;
  adminAddress: string;
}

/** Written by the broker once it serves (packages/broker/src/server/ready-file.ts). */
export const READY_FILE = 'broker.ready.json';

/** The test's environment without its BROOK_* variables (so they cannot change a test), plus `extra`. */
export function childEnvironment(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('BROOK_'))), ...extra };
}

/** The ready file in `dataDir` when it names `pid` (a kill -9 leaves a stale one naming another). */
export function readReadyFile(dataDir: string, pid: number | undefined): ReadyFile | undefined {
  const path = join(dataDir, READY_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const ready = JSON.parse(readFileSync(path, 'utf8')) as ReadyFile;
    return ready.pid === pid ? ready : undefined;
  } catch {
    // Written atomically, so a parse failure means a rename raced the read: look again later.
    return undefined;
  }
}

export function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}

export function readLog(logFile: string): string {
  return existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
}

/** A process the exit hook may have to kill. */
export interface KillableProcess {
  readonly running: boolean;
  readonly pid: number;
}

/**
 * Last resort when a test run is torn down without afterAll: every process in `registry` that is
 * still running when the test process exits gets SIGKILL, by its pid. One hook per process,
 * however many test files (and harness modules) load this into it.
 */
export function killAtExit(registry: Set<KillableProcess>): void {
  const hookInstalled = Symbol.for('brook.harness.exitHook');
  const processWithFlag = process as NodeJS.Process & { [hookInstalled]?: Set<KillableProcess>[] };
  const registries = (processWithFlag[hookInstalled] ??= []);
  if (registries.length === 0) {
    process.once('exit', () => {
      for (const each of registries) {
        for (const child of each) {
          if (!child.running) continue;
          try {
            process.kill(child.pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
      }
    });
  }
  registries.push(registry);
}
