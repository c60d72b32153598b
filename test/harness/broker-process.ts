// Starts real broker processes for black-box tests (TESTING.md, layer 3): `node
// packages/broker/dist/bin/brook-server.js` on 127.0.0.1 port 0 with a temporary data directory,
// ready once <dataDir>/broker.ready.json names the child's pid (a stale file left by a kill -9
// names another pid), with stdout and stderr captured to a log file beside the data directory.
// Every process started here is stopped by its pid, and every temporary directory removed, by
// stopAllBrokers(), which is registered with vitest's afterAll for each test file.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { brokerBinPath } from '@brook/broker';
import { childEnvironment, killAtExit, readLog, readReadyFile, tail, type ExitStatus } from './process-util.js';

export type { ExitStatus } from './process-util.js';

export interface StartBrokerOptions {
  /** Data directory to use (kept afterwards); default: a new temporary one (removed afterwards). */
  dataDir?: string;
  /** More flags for brook-server, e.g. ['--segment-bytes', '4096']. */
  extraArgs?: string[];
  /** Extra environment variables (BROOK_* from the test's own environment are not passed on). */
  env?: Record<string, string>;
  nodeId?: number;
  /** How long to wait for broker.ready.json; default 30 s. */
  readyTimeoutMs?: number;
}

export interface BrokerProcess {
  /** The pid of the current incarnation (changes on restart). */
  readonly pid: number;
  /** "127.0.0.1:<port>" of the client gRPC listener (changes on restart: port 0). */
  readonly clientAddress: string;
  /** "127.0.0.1:<port>" of the admin HTTP listener. */
  readonly adminAddress: string;
  readonly dataDir: string;
  /** Where stdout and stderr of every incarnation go. */
  readonly logFile: string;
  readonly running: boolean;
  /** Sends `signal` (default SIGTERM) and resolves with the exit status. */
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
  /** kill -9: no shutdown, no flush. */
  kill9(): Promise<ExitStatus>;
  /** Starts a new incarnation on the same data directory (stopping the running one first, with SIGTERM). */
  restart(): Promise<void>;
  /** The captured log so far. */
  log(): string;
}

const STOP_TIMEOUT_MS = 30_000;
const started = new Set<SpawnedBroker>();
const temporaryDirs = new Set<string>();

export async function startBroker(options: StartBrokerOptions = {}): Promise<BrokerProcess> {
  let dataDir = options.dataDir;
  let root: string;
  if (dataDir === undefined) {
    root = mkdtempSync(join(tmpdir(), 'brook-e2e-'));
    temporaryDirs.add(root);
    dataDir = join(root, 'data');
  } else {
    root = mkdtempSync(join(tmpdir(), 'brook-e2e-logs-'));
    temporaryDirs.add(root);
  }
  const broker = new SpawnedBroker(dataDir, join(root, 'broker.log'), options);
  started.add(broker);
  await broker.spawn();
  return broker;
}

/** Stops (SIGKILL after a SIGTERM that is not obeyed) every broker started here and removes temporary directories. */
export async function stopAllBrokers(): Promise<void> {
  await Promise.all([...started].map((broker) => (broker.running ? broker.stop().catch(() => broker.kill9()) : undefined)));
  started.clear();
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
  temporaryDirs.clear();
}

afterAll(stopAllBrokers);
// Last resort when a test run is torn down without afterAll: no broker outlives its test process.
killAtExit(started);

class SpawnedBroker implements BrokerProcess {
  private child: ChildProcess | undefined;
  private exit: Promise<ExitStatus> = Promise.resolve({ code: null, signal: null });
  private exited = true;
  private addresses = { clientAddress: '', adminAddress: '' };

  constructor(
    readonly dataDir: string,
    readonly logFile: string,
    private readonly options: StartBrokerOptions,
  ) {}

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  get clientAddress(): string {
    return this.addresses.clientAddress;
  }

  get adminAddress(): string {
    return this.addresses.adminAddress;
  }

  get running(): boolean {
    return !this.exited;
  }

  log(): string {
    return readLog(this.logFile);
  }

  async spawn(): Promise<void> {
    const args = [brokerBinPath, '--node-id', String(this.options.nodeId ?? 1), '--data-dir', this.dataDir, '--listen', '127.0.0.1:0', '--admin-listen', '127.0.0.1:0', '--internal-listen', '127.0.0.1:0', ...(this.options.extraArgs ?? [])];
    const logFd = openSync(this.logFile, 'a');
    try {
      this.child = spawn(process.execPath, args, { env: childEnvironment(this.options.env), stdio: ['ignore', logFd, logFd] });
    } finally {
      closeSync(logFd);
    }
    const child = this.child;
    this.exited = false;
    this.exit = new Promise<ExitStatus>((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = true;
        resolve({ code, signal });
      });
    });
    this.addresses = await this.waitReady(child);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<ExitStatus> {
    if (this.exited) return this.exit;
    this.child?.kill(signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
    });
    const outcome = await Promise.race([this.exit, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.child?.kill('SIGKILL');
      await this.exit;
      throw new Error(`broker pid ${this.pid} did not exit within ${STOP_TIMEOUT_MS} ms of ${signal}; killed. Log tail:\n${tail(this.log())}`);
    }
    return outcome;
  }

  kill9(): Promise<ExitStatus> {
    return this.stop('SIGKILL');
  }

  async restart(): Promise<void> {
    if (!this.exited) await this.stop();
    await this.spawn();
  }

  private async waitReady(child: ChildProcess): Promise<{ clientAddress: string; adminAddress: string }> {
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 30_000);
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`broker exited before it was ready (${JSON.stringify(await this.exit)}). Log tail:\n${tail(this.log())}`);
      const ready = readReadyFile(this.dataDir, child.pid);
      if (ready !== undefined) return { clientAddress: ready.clientAddress, adminAddress: ready.adminAddress };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGKILL');
    throw new Error(`broker pid ${child.pid} was not ready within the timeout. Log tail:\n${tail(this.log())}`);
  }
}
