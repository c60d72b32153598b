// One node of a test cluster (startCluster, cluster.ts): a brook-server process on ports fixed
// for the node's whole life (client, admin and internal listeners; the voters list names the
// internal one), its own data directory, and a log file that collects every incarnation's
// stdout and stderr. Signals go to the node's own pid only.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createBrookClient, rpcMessageSizeOptions, type BrookClientClient } from '@brook/protocol';
import { childEnvironment, readLog, readReadyFile, tail, type ExitStatus } from './process-util.js';
import { rpc, type RpcMethod, type RpcRequest, type RpcResponse } from './rpc.js';
import { sleep } from './wait-for.js';

export interface ClusterNodeSpec {
  readonly nodeId: number;
  readonly bin: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly clientPort: number;
  readonly adminPort: number;
  readonly internalPort: number;
  /** Every flag but --node-id, --data-dir and the three listeners. */
  readonly args: readonly string[];
  readonly env: Record<string, string>;
  readonly readyTimeoutMs: number;
}

/** The node exited before it was ready because one of its ports was taken (startCluster retries). */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

const STOP_TIMEOUT_MS = 30_000;
// A restarted node must be dialled again at once, not after grpc-js's default backoff (1 s to 120 s).
const CHANNEL_OPTIONS = { 'grpc.initial_reconnect_backoff_ms': 100, 'grpc.min_reconnect_backoff_ms': 100, 'grpc.max_reconnect_backoff_ms': 500 };

export class ClusterNode {
  readonly nodeId: number;
  /** "127.0.0.1:<port>" of the client gRPC listener, the same for every incarnation. */
  readonly clientAddress: string;
  readonly adminAddress: string;
  /** The internal listener (Raft, broker-to-controller), as named in --controllers. */
  readonly internalAddress: string;
  readonly dataDir: string;
  readonly logFile: string;
  private child: ChildProcess | undefined;
  private exit: Promise<ExitStatus> = Promise.resolve({ code: null, signal: null });
  private exited = true;
  private stopped = false;
  private stub: BrookClientClient | undefined;

  constructor(private readonly spec: ClusterNodeSpec) {
    this.nodeId = spec.nodeId;
    this.clientAddress = `127.0.0.1:${spec.clientPort}`;
    this.adminAddress = `127.0.0.1:${spec.adminPort}`;
    this.internalAddress = `127.0.0.1:${spec.internalPort}`;
    this.dataDir = spec.dataDir;
    this.logFile = spec.logFile;
  }

  /** The pid of the current (or last) incarnation; -1 before the first start. */
  get pid(): number {
    return this.child?.pid ?? -1;
  }

  get running(): boolean {
    return !this.exited;
  }

  /** True between sigstop() and sigcont() while the process runs. */
  get paused(): boolean {
    return this.stopped && !this.exited;
  }

  /** Running and not paused: expected to answer. */
  get live(): boolean {
    return this.running && !this.stopped;
  }

  /** Starts an incarnation and resolves once its ready file names its pid. */
  async start(): Promise<void> {
    if (this.running) throw new Error(`node ${this.nodeId} is already running (pid ${this.pid})`);
    const { spec } = this;
    const args = [
      spec.bin, '--node-id', String(spec.nodeId), '--data-dir', spec.dataDir,
      '--listen', this.clientAddress, '--admin-listen', this.adminAddress, '--internal-listen', this.internalAddress,
      ...spec.args,
    ];
    const logFrom = this.log().length;
    const logFd = openSync(spec.logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, args, { env: childEnvironment(spec.env), stdio: ['ignore', logFd, logFd] });
    } finally {
      closeSync(logFd);
    }
    this.child = child;
    this.exited = false;
    this.stopped = false;
    this.exit = new Promise<ExitStatus>((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = true;
        resolve({ code, signal });
      });
    });
    await this.waitReady(child, logFrom);
  }

  /** Sends `signal` (default SIGTERM; a paused node is continued so that it can obey) and resolves with the exit status. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<ExitStatus> {
    this.closeClient();
    if (this.exited) return this.exit;
    this.signal(signal);
    if (this.stopped && signal !== 'SIGKILL') this.signal('SIGCONT');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
    });
    const outcome = await Promise.race([this.exit, timeout]);
    clearTimeout(timer);
    this.stopped = false;
    if (outcome === 'timeout') {
      this.signal('SIGKILL');
      await this.exit;
      throw new Error(`node ${this.nodeId} (pid ${this.pid}) did not exit within ${STOP_TIMEOUT_MS} ms of ${signal}; killed. Log tail:\n${this.logTail()}`);
    }
    return outcome;
  }

  /** kill -9: no shutdown, no flush. */
  kill9(): Promise<ExitStatus> {
    return this.stop('SIGKILL');
  }

  /** Freezes the process (kill -STOP): it keeps its sockets but answers nothing. */
  sigstop(): void {
    this.signal('SIGSTOP');
    this.stopped = true;
  }

  /** Lets a frozen process run again (kill -CONT). */
  sigcont(): void {
    this.signal('SIGCONT');
    this.stopped = false;
  }

  /** A new incarnation on the same ports and data directory (a running one is stopped with SIGTERM first). */
  async restart(): Promise<void> {
    if (this.running) await this.stop();
    await this.start();
  }

  /** A BrookClient stub for this node (one per incarnation; closed when the node stops). */
  client(): BrookClientClient {
    this.stub ??= createBrookClient(this.clientAddress, undefined, { ...rpcMessageSizeOptions(), ...CHANNEL_OPTIONS });
    return this.stub;
  }

  /** A BrookClient call to this node with a deadline (rpc.ts). */
  call<M extends RpcMethod>(method: M, request: RpcRequest<M>, timeoutMs?: number): Promise<NonNullable<RpcResponse<M>>> {
    return rpc(this.client(), method, request, timeoutMs);
  }

  /** Resident memory of the running process in bytes (VmRSS), or undefined when it is not running. */
  rssBytes(): number | undefined {
    return this.procStatusBytes('VmRSS');
  }

  /** Peak resident memory of the running process in bytes (VmHWM). */
  peakRssBytes(): number | undefined {
    return this.procStatusBytes('VmHWM');
  }

  log(): string {
    return readLog(this.logFile);
  }

  logTail(lines = 40): string {
    return tail(this.log(), lines);
  }

  /** Closes the client stub (startCluster's cleanup does this for every node). */
  closeClient(): void {
    this.stub?.close();
    this.stub = undefined;
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.exited || this.child?.pid === undefined) return;
    try {
      process.kill(this.child.pid, signal);
    } catch {
      // Exited between the check and the signal.
    }
  }

  private procStatusBytes(field: string): number | undefined {
    const path = `/proc/${this.pid}/status`;
    if (!this.running || !existsSync(path)) return undefined;
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(path, 'utf8'));
    return match === null ? undefined : Number(match[1]) * 1024;
  }

  /** `logFrom`: where this incarnation's part of the log starts. */
  private async waitReady(child: ChildProcess, logFrom: number): Promise<void> {
    const deadline = Date.now() + this.spec.readyTimeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) {
        const status = await this.exit;
        const log = this.log().slice(logFrom);
        const message = `node ${this.nodeId} exited before it was ready (${JSON.stringify(status)}). Log tail:\n${tail(log)}`;
        throw /EADDRINUSE/.test(log) ? new PortInUseError(message) : new Error(message);
      }
      if (readReadyFile(this.dataDir, child.pid) !== undefined) return;
      await sleep(50);
    }
    this.signal('SIGKILL');
    await this.exit;
    throw new Error(`node ${this.nodeId} (pid ${child.pid}) was not ready within ${this.spec.readyTimeoutMs} ms; killed. Log tail:\n${this.logTail()}`);
  }
}
