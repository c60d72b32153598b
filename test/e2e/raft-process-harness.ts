// Test harness for the Raft multi-process tests and the benchmark: starts raft-node processes
// (packages/broker/dist/raft/bin/raft-node.js, so `pnpm build` first) on 127.0.0.1 with ports
// chosen up front, so every process knows every peer's address before it starts, and talks to
// each over its stdin/stdout JSON-lines control channel. Processes are stopped by their pid.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freeLoopbackPort } from '@brook/broker/testing';

export const RAFT_NODE_BIN = fileURLToPath(new URL('../../packages/broker/dist/raft/bin/raft-node.js', import.meta.url));

export interface RaftTimings {
  readonly tickMs: number;
  readonly electionTimeoutTicks: number;
  readonly heartbeatIntervalTicks: number;
}

/** Test-sized timers: 10 ms ticks, election timeout 150-300 ms, heartbeats every 30 ms. */
export const TEST_TIMINGS: RaftTimings = { tickMs: 10, electionTimeoutTicks: 15, heartbeatIntervalTicks: 3 };


interface Reply {
  readonly id?: number;
  readonly ok?: boolean;
  readonly result?: unknown;
  readonly error?: string;
  readonly code?: string;
  readonly event?: string;
}

export class ControlError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

export class RaftProcess {
  readonly id: number;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextRequest = 1;
  readonly ready: Promise<void>;
  stderr = '';

  constructor(id: number, config: object) {
    this.id = id;
    this.child = spawn(process.execPath, [RAFT_NODE_BIN, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-20_000);
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    let markReady: () => void = () => {};
    this.ready = new Promise((resolve, reject) => {
      markReady = resolve;
      void this.exited.then((code) => reject(new Error(`raft-node ${id} exited (${code}) before ready:\n${this.stderr}`)));
    });
    const lines = createInterface({ input: this.child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const reply = JSON.parse(line) as Reply;
      if (reply.event === 'ready') {
        markReady();
        return;
      }
      const waiter = reply.id === undefined ? undefined : this.waiting.get(reply.id);
      if (waiter === undefined || reply.id === undefined) return;
      this.waiting.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new ControlError(reply.error ?? 'failed', reply.code));
    });
    void this.exited.then((code) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`raft-node ${id} exited (${code})`));
      this.waiting.clear();
    });
  }

  request<T>(cmd: string, args: object = {}): Promise<T> {
    const id = this.nextRequest++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.stdin?.write(`${JSON.stringify({ ...args, id, cmd })}\n`);
    });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9 by pid, and wait until it is gone. */
  async kill(): Promise<void> {
    if (this.alive && this.child.pid !== undefined) process.kill(this.child.pid, 'SIGKILL');
    await this.exited;
  }

  /** A clean stop (SIGTERM by pid), falling back to SIGKILL after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.alive || this.child.pid === undefined) return;
    process.kill(this.child.pid, 'SIGTERM');
    const timer = setTimeout(() => void this.kill(), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export interface StatusReply {
  readonly role: string;
  readonly term: number;
  readonly leaderId: number;
  readonly commit: number;
  readonly applied: number;
  readonly firstIndex: number;
  readonly lastIndex: number;
  readonly syncedWrites: number;
  readonly readyCycles: number;
  readonly snapshotRestores: number;
  readonly snapshotIndex: number;
}

export interface AppliedReply {
  readonly count: number;
  readonly lastIndex: number;
  readonly digest: string;
}

export interface LoadReply {
  readonly proposed: number;
  readonly committed: number;
  readonly failed: number;
  readonly firstError?: string;
  readonly elapsedMs: number;
  readonly committedPerSecond: number;
  readonly latencyMsP50: number;
  readonly latencyMsP99: number;
  readonly latencyMsMax: number;
  readonly lastIndex: number;
}

/** Three (or more) raft-node processes with fixed ports and their own temporary data dirs. */
export class RaftProcessCluster {
  readonly processes = new Map<number, RaftProcess>();
  private readonly root: string;
  private members: Record<string, string> = {};

  private constructor(readonly ids: readonly number[], private readonly timings: RaftTimings, private readonly snapshotEveryEntries: number) {
    this.root = mkdtempSync(join(tmpdir(), 'brook-raft-cluster-'));
  }

  /** `snapshotEveryEntries`: each process snapshots its state machine and compacts its log this often. */
  static async create(size: number, snapshotEveryEntries: number, timings: RaftTimings = TEST_TIMINGS): Promise<RaftProcessCluster> {
    if (!existsSync(RAFT_NODE_BIN)) throw new Error(`${RAFT_NODE_BIN} is missing: run \`pnpm build\` first`);
    const ids = Array.from({ length: size }, (_, i) => i + 1);
    const cluster = new RaftProcessCluster(ids, timings, snapshotEveryEntries);
    for (const id of ids) cluster.members[String(id)] = `127.0.0.1:${await freeLoopbackPort()}`;
    return cluster;
  }

  async start(id: number): Promise<RaftProcess> {
    const address = this.members[String(id)] ?? '';
    const port = Number(address.split(':')[1]);
    const process = new RaftProcess(id, {
      id, clusterId: 'raft-e2e', dataDir: join(this.root, `node-${id}`), host: '127.0.0.1', port,
      members: this.members, ...this.timings, logLevel: 'warn', snapshotEveryEntries: this.snapshotEveryEntries,
    });
    this.processes.set(id, process);
    await process.ready;
    return process;
  }

  async startAll(): Promise<void> {
    await Promise.all(this.ids.map((id) => this.start(id)));
  }

  get(id: number): RaftProcess {
    const found = this.processes.get(id);
    if (found === undefined) throw new Error(`no process ${id}`);
    return found;
  }

  live(): RaftProcess[] {
    return [...this.processes.values()].filter((p) => p.alive);
  }

  /** The live process that reports itself leader of the highest term, once one does. */
  async leader(timeoutMs = 10_000, excluding?: number): Promise<RaftProcess> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let best: { process: RaftProcess; term: number } | undefined;
      for (const process of this.live()) {
        if (process.id === excluding) continue;
        const status = await process.request<StatusReply>('status').catch(() => undefined);
        if (status?.role === 'leader' && (best === undefined || status.term > best.term)) best = { process, term: status.term };
      }
      if (best !== undefined) return best.process;
      if (Date.now() > deadline) throw new Error(`no leader within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Stops every process (SIGTERM, then SIGKILL) and removes the data directories. */
  async destroy(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.stop()));
    rmSync(this.root, { recursive: true, force: true });
  }
}
