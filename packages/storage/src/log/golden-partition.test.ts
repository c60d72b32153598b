// A golden partition directory checked in at packages/storage/testdata/golden-partition: two
// segments with offset and time indexes, a leader-epoch checkpoint, partition.metadata and the
// clean-shutdown marker, as a clean close left them. The test copies it, opens it, and checks
// that the bytes decode as FORMAT.md says; then that an unclean open (marker removed) rebuilds
// index files identical to the checked-in ones. UPDATE_GOLDEN=1 rewrites the directory (only
// when FORMAT.md changes on purpose).
import { afterAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeFileSystem } from '../fs/node-file-system.js';
import { buildTestBatch } from '../testing/test-batch.js';
import { OffsetIndex } from '../segment/offset-index.js';
import { SegmentedLog } from './segmented-log.js';
import { CLEAN_SHUTDOWN_FILE } from './clean-shutdown.js';

const golden = fileURLToPath(new URL('../../testdata/golden-partition', import.meta.url));
const options = { segmentBytes: 1000, indexIntervalBytes: 150, topicId: 'q5r1UIaPSd6WMiyc8LEWJw', now: () => 1_700_000_000_000 };

function goldenBatch(i: number): Uint8Array {
  return buildTestBatch({ recordCount: (i % 3) + 1, payloadBytes: 100 + i * 10, baseTimestamp: 1_700_000_000_000 + i * 1000, maxTimestamp: 1_700_000_000_500 + i * 1000 });
}

async function writeGolden(): Promise<void> {
  await rm(golden, { recursive: true, force: true });
  const log = await SegmentedLog.open({ fileSystem: new NodeFileSystem(), directory: golden, ...options });
  for (let i = 0; i < 8; i++) await log.append(goldenBatch(i), { partitionLeaderEpoch: i < 5 ? 0 : 3 });
  await log.close();
}

// Copies made by the tests, removed after the file's tests even when an assertion failed.
const copies: string[] = [];
afterAll(async () => {
  for (const copy of copies) await rm(copy, { recursive: true, force: true });
});

async function copyOfGolden(): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'brook-golden-'));
  copies.push(parent);
  const directory = join(parent, 'orders-0');
  await cp(golden, directory, { recursive: true });
  return directory;
}

describe('golden partition directory', () => {
  it('opens cleanly and decodes as FORMAT.md describes', async () => {
    if (process.env.UPDATE_GOLDEN !== undefined) await writeGolden();
    expect((await readdir(golden)).sort()).toEqual([
      '.clean-shutdown',
      '00000000000000000000.index',
      '00000000000000000000.log',
      '00000000000000000000.timeindex',
      '00000000000000000009.index',
      '00000000000000000009.log',
      '00000000000000000009.timeindex',
      'leader-epoch-checkpoint',
      'partition.metadata',
    ]);
    expect(await readFile(join(golden, 'leader-epoch-checkpoint'), 'utf8')).toBe('0\n2\n0 0\n3 9\n');
    expect(await readFile(join(golden, 'partition.metadata'), 'utf8')).toBe('version: 0\ntopic_id: q5r1UIaPSd6WMiyc8LEWJw\n');
    // Batches of 161, 171, 181, 191 and 201 bytes hold offsets 0, 1-2, 3-5, 6 and 7-8; with a
    // 150-byte interval every batch after the first gets an entry (FORMAT.md section 3).
    const indexBytes = await readFile(join(golden, '00000000000000000000.index'));
    expect([...indexBytes]).toEqual([0, 0, 0, 1, 0, 0, 0, 161, 0, 0, 0, 3, 0, 0, 1, 76, 0, 0, 0, 6, 0, 0, 2, 1, 0, 0, 0, 7, 0, 0, 2, 192]);
    const index = OffsetIndex.fromBytes(0, indexBytes, 905);
    expect((index as OffsetIndex).lookup(8)).toEqual({ offset: 7, position: 704 });
    // The time index pairs each entry with the largest maxTimestamp so far (section 4).
    const timeBytes = await readFile(join(golden, '00000000000000000000.timeindex'));
    const view = new DataView(timeBytes.buffer, timeBytes.byteOffset, timeBytes.byteLength);
    expect([0, 1, 2, 3].map((i) => [Number(view.getBigInt64(i * 12)), view.getInt32(i * 12 + 8)])).toEqual([
      [1_700_000_001_500, 1],
      [1_700_000_002_500, 3],
      [1_700_000_003_500, 6],
      [1_700_000_004_500, 7],
    ]);

    const directory = await copyOfGolden();
    const log = await SegmentedLog.open({ fileSystem: new NodeFileSystem(), directory, ...options });
    expect([log.logStartOffset, log.logEndOffset]).toEqual([0, 15]);
    expect(log.segmentInfos().map((s) => s.baseOffset)).toEqual([0, 9]);
    expect(log.leaderEpochCache.entries()).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 3, startOffset: 9 }]);
    expect(await log.offsetForTimestamp(1_700_000_003_000)).toEqual({ offset: 6, timestamp: 1_700_000_003_500 });
    const first = await log.read(0, 1);
    const expected = goldenBatch(0);
    // Everything from magic on (CRC included) is as produced; baseOffset and epoch were stamped.
    expect(Buffer.from(first.bytes.subarray(16)).equals(Buffer.from(expected.subarray(16)))).toBe(true);
    expect(await log.verify()).toEqual({ batches: 8, bytes: (await readFile(join(golden, '00000000000000000000.log'))).byteLength + (await readFile(join(golden, '00000000000000000009.log'))).byteLength });
    await log.close();
    await rm(join(directory, '..'), { recursive: true, force: true });
  });

  it('an unclean open rebuilds index files identical to the golden ones', async () => {
    const directory = await copyOfGolden();
    await rm(join(directory, CLEAN_SHUTDOWN_FILE));
    for (const name of await readdir(directory)) if (name.endsWith('index')) await rm(join(directory, name));
    const log = await SegmentedLog.open({ fileSystem: new NodeFileSystem(), directory, ...options, recoveryPoint: 0 });
    await log.close();
    for (const name of ['00000000000000000000.index', '00000000000000000000.timeindex', '00000000000000000009.index', '00000000000000000009.timeindex']) {
      expect(Buffer.from(await readFile(join(directory, name))).equals(await readFile(join(golden, name)))).toBe(true);
    }
    await rm(join(directory, '..'), { recursive: true, force: true });
  });
});
