// scripts/quickstart.sh as a user runs it, on port 0 and a temporary data directory: start
// prints the address and next commands and leaves a serving node with its pid file; a second
// start reports the running node instead of starting another; status and stop work, and stop
// leaves nothing running. (The setup step is skipped: the test command has just built.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { runBrook } from './cli-process.js';

const script = fileURLToPath(new URL('../../scripts/quickstart.sh', import.meta.url));
const dataDir = join(mkdtempSync(join(tmpdir(), 'brook-quickstart-')), 'data');
const env = { ...process.env, BROOK_DATA_DIR: dataDir, BROOK_LISTEN: '127.0.0.1:0', BROOK_ADMIN_LISTEN: '127.0.0.1:0', BROOK_QUICKSTART_SKIP_SETUP: '1' };
const startedPids = new Set<number>();

function quickstart(...args: string[]) {
  const result = spawnSync('bash', [script, ...args], { env, encoding: 'utf8', timeout: 90_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(() => {
  // Whatever the test left running (a failed stop), by pid; then the directory.
  for (const pid of startedPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

it('starts, reports, and stops a local node', async () => {
  const started = quickstart();
  expect(started.code, started.stdout + started.stderr).toBe(0);
  const address = /Brook is running: client address (127\.0\.0\.1:\d+)/.exec(started.stdout)?.[1];
  expect(address).toBeDefined();
  expect(started.stdout).toContain(`export BROOK_BROKERS=${address}`);
  expect(started.stdout).toMatch(/pnpm brook topic create orders -p 3/);
  expect(started.stdout).toMatch(/bash scripts\/quickstart\.sh stop/);

  const cliPid = Number(readFileSync(join(dataDir, 'brook.pid'), 'utf8'));
  const brokerPid = (JSON.parse(readFileSync(join(dataDir, 'broker.ready.json'), 'utf8')) as { pid: number }).pid;
  startedPids.add(cliPid).add(brokerPid);
  expect(alive(cliPid) && alive(brokerPid)).toBe(true);
  expect(existsSync(join(dataDir, 'brook.log'))).toBe(true);

  const info = await runBrook(['cluster', 'info', '--format', 'json'], { brokers: address as string });
  expect(info.code, info.stderr).toBe(0);
  expect(JSON.parse(info.stdout).brokers).toHaveLength(1);

  const again = quickstart();
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/a Brook node is already running from .* \(pid \d+\)/);
  expect(quickstart('status')).toMatchObject({ code: 0 });

  const stopped = quickstart('stop');
  expect(stopped.code, stopped.stderr).toBe(0);
  expect(stopped.stdout).toMatch(/stopped the Brook node/);
  expect(alive(cliPid) || alive(brokerPid)).toBe(false);
  expect(quickstart('status').code).toBe(3);
  expect(quickstart('stop')).toMatchObject({ code: 0, stdout: expect.stringMatching(/no Brook node is running/) });
  expect(quickstart('bogus').code).toBe(2);
});
