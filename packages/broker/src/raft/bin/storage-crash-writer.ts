#!/usr/bin/env node
// A crash-test subject for LevelRaftStorage (test/e2e/raft-storage-crash.test.ts).
//
//   node storage-crash-writer.js write <dir> <seed>   resume the log in <dir> and persist Readies
//                                                     in a loop until killed
//   node storage-crash-writer.js inspect <dir>        open <dir>, check it, print it as JSON
//
// `write` persists what a Raft node would: appends, conflicting suffixes overwritten by a newer
// term (never below the commit index and never shorter than what they replace), commit
// advances, and compactions at the commit index. Every entry's data is "<index>:<term>", so the
// inspector can tell a misplaced entry. After each persist() resolves it prints one line,
// "<lastIndex> <lastTerm> <commit> <snapshotIndex>": a promise that all of it is durable.
import { SeededRandom } from '@brook/raft';
import type { Entry, HardState, Random, Snapshot } from '@brook/raft';
import { LevelRaftStorage } from '../storage/level-raft-storage.js';
import type { PersistWork } from '../storage/level-raft-storage.js';

const encoder = new TextEncoder();

function entry(index: number, term: number): Entry {
  return { index, term, kind: 'normal', data: encoder.encode(`${index}:${term}`) };
}

function nextWork(storage: LevelRaftStorage, random: Random): PersistWork {
  const hard = storage.hardState();
  const last = storage.lastIndex();
  let term = Math.max(hard.term, 1);
  const entries: Entry[] = [];
  let compaction: Snapshot | undefined;
  const roll = random.nextInt(100);
  if (roll < 15 && last > hard.commit) {
    // A new leader's entries replace an uncommitted suffix (§5.3), at least as long as it was.
    term++;
    const from = hard.commit + 1 + random.nextInt(last - hard.commit);
    const to = last + 1 + random.nextInt(5);
    for (let index = from; index <= to; index++) entries.push(entry(index, term));
  } else if (roll < 25 && hard.commit > storage.firstIndex()) {
    const index = hard.commit;
    compaction = { metadata: { index, term: storage.term(index) ?? 0, voters: [1, 2, 3], learners: [] }, data: encoder.encode(`snapshot@${index}`) };
  } else {
    const count = 1 + random.nextInt(50);
    for (let i = 1; i <= count; i++) entries.push(entry(last + i, term));
  }
  const newLast = entries.length > 0 ? (entries[entries.length - 1] as Entry).index : last;
  const commit = Math.max(hard.commit, Math.min(newLast, hard.commit + random.nextInt(40)));
  const hardState: HardState = { term, vote: 1, commit };
  return { snapshot: undefined, compaction, entries, hardState };
}

async function write(dir: string, seed: number): Promise<void> {
  const storage = await LevelRaftStorage.open(dir);
  const random = new SeededRandom(seed);
  for (;;) {
    await storage.persist(nextWork(storage, random));
    const last = storage.lastIndex();
    process.stdout.write(`${last} ${storage.term(last) ?? 0} ${storage.hardState().commit} ${storage.snapshot().metadata.index}\n`);
  }
}

async function inspect(dir: string): Promise<void> {
  const storage = await LevelRaftStorage.open(dir);
  const first = storage.firstIndex();
  const last = storage.lastIndex();
  const entries = last >= first ? storage.entries(first, last + 1, Number.MAX_SAFE_INTEGER) : [];
  const decoder = new TextDecoder();
  process.stdout.write(`${JSON.stringify({
    hardState: storage.hardState(),
    snapshot: { ...storage.snapshot().metadata, data: decoder.decode(storage.snapshot().data) },
    firstIndex: first,
    lastIndex: last,
    entries: entries.map((e) => [e.index, e.term, decoder.decode(e.data)]),
  })}\n`);
  await storage.close();
}

const [mode, dir, seed] = process.argv.slice(2);
const run = mode === 'write' && dir !== undefined ? write(dir, Number(seed ?? 1)) : mode === 'inspect' && dir !== undefined ? inspect(dir) : undefined;
if (run === undefined) {
  process.stderr.write('usage: storage-crash-writer (write <dir> <seed> | inspect <dir>)\n');
  process.exit(2);
}
run.catch((error: unknown) => {
  process.stderr.write(`storage-crash-writer: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
