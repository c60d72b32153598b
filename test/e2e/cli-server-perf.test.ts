// `brook server start` runs a node in the foreground and passes signals and the exit code
// through; `brook perf produce` and `perf consume` run bounded loads against it and report
// summaries whose numbers add up. Real processes on port 0 with a temporary data directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import { CLI_BIN, runBrook } from './cli-process.js';

const root = mkdtempSync(join(tmpdir(), 'brook-server-start-'));
const pids = new Set<number>();

afterAll(() => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone: the test stopped it.
    }
  }
  rmSync(root, { recursive: true, force: true });
});

async function readyFile(dataDir: string, timeoutMs: number): Promise<{ pid: number; clientAddress: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return JSON.parse(readFileSync(join(dataDir, 'broker.ready.json'), 'utf8'));
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

it('server start serves, runs perf loads, and exits 0 on SIGTERM', async () => {
  const dataDir = join(root, 'data');
  const server = spawn(process.execPath, [CLI_BIN, 'server', 'start', '--node-id', '1', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--admin-listen', '127.0.0.1:0', '--internal-listen', '127.0.0.1:0', '--log-level', 'warn'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  pids.add(server.pid as number);
  let serverErr = '';
  server.stderr.setEncoding('utf8').on('data', (text: string) => (serverErr += text));
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  const ready = await readyFile(dataDir, 30_000);
  pids.add(ready.pid);
  // The node is a child of the CLI, not the CLI itself.
  expect(ready.pid).not.toBe(server.pid);
  const brokers = ready.clientAddress;

  expect((await runBrook(['topic', 'create', 'perf', '-p', '2'], { brokers })).code).toBe(0);
  const produced = await runBrook(['perf', 'produce', '--topic', 'perf', '--records', '20000', '--record-size', '200', '--acks', '1', '--format', 'json'], { brokers, timeoutMs: 120_000 });
  expect(produced.code, produced.stderr).toBe(0);
  const produceSummary = JSON.parse(produced.stdout);
  expect(produceSummary).toMatchObject({ records: 20000, bytes: 20000 * 200, recordBytes: 200 });
  const latency = produceSummary.latencyMs;
  expect(latency.p50).toBeLessThanOrEqual(latency.p95);
  expect(latency.p95).toBeLessThanOrEqual(latency.p99);
  expect(latency.p99).toBeLessThanOrEqual(latency.p999);
  expect(latency.p999).toBeLessThanOrEqual(latency.max);

  const described = JSON.parse((await runBrook(['topic', 'describe', 'perf', '--format', 'json'], { brokers })).stdout);
  expect(described.partitions.reduce((sum: number, p: { latestOffset: number }) => sum + p.latestOffset, 0)).toBe(20000);

  const consumed = await runBrook(['perf', 'consume', '--topic', 'perf', '--records', '20000', '--format', 'json'], { brokers, timeoutMs: 120_000 });
  expect(consumed.code, consumed.stderr).toBe(0);
  expect(JSON.parse(consumed.stdout)).toMatchObject({ records: 20000, bytes: 20000 * 200, stoppedBy: 'count' });

  // A rate-limited run takes about as long as its schedule says (loose: a busy machine is slower).
  const paced = await runBrook(['perf', 'produce', '--topic', 'perf', '--records', '1000', '--record-size', '100', '--throughput', '2000', '--format', 'json'], { brokers });
  const pacedSummary = JSON.parse(paced.stdout);
  expect(pacedSummary.records).toBe(1000);
  expect(pacedSummary.elapsedMs).toBeGreaterThanOrEqual(450);

  server.kill('SIGTERM');
  expect(await exited, serverErr).toBe(0);
  // The broker was stopped with it and removed its ready file on the way out.
  expect(() => process.kill(ready.pid, 0)).toThrow();
  expect(() => readFileSync(join(dataDir, 'broker.ready.json'))).toThrow();
});
