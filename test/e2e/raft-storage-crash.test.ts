// LevelRaftStorage under kill -9. A child process persists Raft Readies in a loop (appends,
// overwritten suffixes, commit advances, compactions; packages/broker/src/raft/bin/
// storage-crash-writer.ts) and prints what each persist() promised was durable. The parent kills
// it with SIGKILL at a random moment mid-write, reopens the store (in another child) and checks:
// it opens (contiguous entries right after the snapshot, commit within the log), the hard state
// is there, every entry holds the data written for its index and term, terms never decrease,
// and nothing the child reported persisted is missing. Five crash-and-resume rounds on one store.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const WRITER = fileURLToPath(new URL('../../packages/broker/dist/raft/bin/storage-crash-writer.js', import.meta.url));
const ROUNDS = 5;
const dir = mkdtempSync(join(tmpdir(), 'brook-raft-crash-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Report {
  lastIndex: number;
  lastTerm: number;
  commit: number;
  snapshotIndex: number;
}

interface Inspection {
  hardState: { term: number; vote: number; commit: number };
  snapshot: { index: number; term: number; data: string };
  firstIndex: number;
  lastIndex: number;
  entries: [number, number, string][];
}

/** Runs the writer until it has reported at least `reportsMin` persists, then kill -9s it after `delayMs`. */
async function writeAndKill(seed: number, reportsMin: number, delayMs: number): Promise<Report[]> {
  const child = spawn(process.execPath, [WRITER, 'write', dir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const reports: Report[] = [];
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [lastIndex, lastTerm, commit, snapshotIndex] = line.split(' ').map(Number) as [number, number, number, number];
        reports.push({ lastIndex, lastTerm, commit, snapshotIndex });
      }
      if (reports.length >= reportsMin) resolve();
    });
    void exited.then(() => reject(new Error(`writer exited early: ${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  expect(await exited).toBe('SIGKILL');
  // Lines that were on their way when the kill landed still count: each was printed after its
  // persist resolved.
  await new Promise((resolve) => setImmediate(resolve));
  return reports;
}

function inspect(): Inspection {
  const result = spawnSync(process.execPath, [WRITER, 'inspect', dir], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Inspection;
}

function checkConsistent(store: Inspection): void {
  expect(store.firstIndex).toBe(store.snapshot.index + 1);
  expect(store.entries.length).toBe(store.lastIndex - store.snapshot.index);
  let previousTerm = store.snapshot.term;
  store.entries.forEach(([index, term, data], i) => {
    expect(index).toBe(store.firstIndex + i);
    expect(data).toBe(`${index}:${term}`);
    expect(term).toBeGreaterThanOrEqual(previousTerm);
    previousTerm = term;
  });
  expect(store.hardState.term).toBeGreaterThanOrEqual(1);
  expect(store.hardState.commit).toBeLessThanOrEqual(store.lastIndex);
  expect(store.hardState.commit).toBeGreaterThanOrEqual(store.snapshot.index);
}

function checkNothingLost(store: Inspection, promised: Report): void {
  expect(store.lastIndex).toBeGreaterThanOrEqual(promised.lastIndex);
  expect(store.hardState.commit).toBeGreaterThanOrEqual(promised.commit);
  expect(store.snapshot.index).toBeGreaterThanOrEqual(promised.snapshotIndex);
  if (promised.lastIndex > store.snapshot.index) {
    const held = store.entries[promised.lastIndex - store.firstIndex];
    // A later (unreported) overwrite may only have raised the term there.
    expect(held?.[1]).toBeGreaterThanOrEqual(promised.lastTerm);
  }
}

describe('LevelRaftStorage survives kill -9 mid-write', () => {
  it(`stays consistent and keeps every reported persist over ${ROUNDS} crashes`, async () => {
    if (!existsSync(WRITER)) throw new Error(`${WRITER} is missing: run \`pnpm build\` first`);
    let persists = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const reports = await writeAndKill(round, 50, 20 + Math.floor(Math.random() * 200));
      persists += reports.length;
      const promised = reports[reports.length - 1] as Report;
      const store = inspect();
      checkConsistent(store);
      checkNothingLost(store, promised);
    }
    console.log(`raft storage crash: ${ROUNDS} kill -9 rounds, ${persists} reported persists, store consistent after each`);
  });
});
