// A raft-node child process for the benchmark, driven over its JSON-lines control channel
// (bin/raft-node.ts) and stopped by pid. test/e2e/raft-process-harness.ts is the tests' fuller
// counterpart; this one stays inside the package so the compiled benchmark can use it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const RAFT_NODE_BIN = fileURLToPath(new URL('../bin/raft-node.js', import.meta.url));


export class BenchProcess {
  readonly ready: Promise<void>;
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextRequest = 1;
  private stderr = '';

  constructor(readonly id: number, nodeArgs: readonly string[], config: object) {
    this.child = spawn(process.execPath, [...nodeArgs, RAFT_NODE_BIN, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-10_000);
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    let markReady: () => void = () => {};
    this.ready = new Promise((resolve, reject) => {
      markReady = resolve;
      void this.exited.then(() => reject(new Error(`raft-node ${id} exited before ready:\n${this.stderr}`)));
    });
    void this.exited.then(() => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`raft-node ${id} exited:\n${this.stderr}`));
    });
    createInterface({ input: this.child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const reply = JSON.parse(line) as { id?: number; ok?: boolean; result?: unknown; error?: string; event?: string };
      if (reply.event === 'ready') markReady();
      const waiter = reply.id === undefined ? undefined : this.waiting.get(reply.id);
      if (waiter === undefined || reply.id === undefined) return;
      this.waiting.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(reply.error ?? 'failed'));
    });
  }

  request<T>(cmd: string, args: object = {}): Promise<T> {
    const id = this.nextRequest++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.stdin?.write(`${JSON.stringify({ ...args, id, cmd })}\n`);
    });
  }

  /** SIGTERM by pid (a clean stop, which also writes a --cpu-prof profile), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null || this.child.pid === undefined) return;
    const pid = this.child.pid;
    process.kill(pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(pid, 'SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}
