// NodeFileSystem on a real temporary directory: positional reads, appends at the end, truncate,
// sync, close once (then EBADF), atomic rename, directory listing and sync, ENOENT for what is
// missing. And a
// SegmentedLog on it survives a clean close and reopen. Where the page-cache addon is built
// (Linux), releaseCache drops a file's synced pages (util-linux's fincore counts them) and leaves
// its bytes as they were.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeFileSystem } from './node-file-system.js';
import { fileErrorCode } from './file-system.js';
import { dropPageCache, pageCacheDropSupported } from './page-cache.js';
import { SegmentedLog } from '../log/segmented-log.js';
import { buildTestBatch } from '../testing/test-batch.js';

const directories: string[] = [];
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'brook-storage-test-'));
  directories.push(directory);
  return directory;
}

describe('NodeFileSystem', () => {
  it('appends, reads at positions, truncates and syncs', async () => {
    const fileSystem = new NodeFileSystem();
    const directory = await temporaryDirectory();
    const file = await fileSystem.open(join(directory, 'a'), { create: true });
    await file.append(new Uint8Array([1, 2, 3, 4, 5]));
    await file.append(new Uint8Array([6]));
    expect(file.size).toBe(6);
    expect([...(await file.read(2, 3))]).toEqual([3, 4, 5]);
    expect([...(await file.read(4, 100))]).toEqual([5, 6]);
    await file.truncate(2);
    await file.sync();
    await file.close();
    expect([...(await fileSystem.readFile(join(directory, 'a')))]).toEqual([1, 2]);
    const reopened = await fileSystem.open(join(directory, 'a'));
    expect(reopened.size).toBe(2);
    await reopened.close();
  });

  it('closes once: a second close resolves, and calls on a closed handle fail with EBADF', async () => {
    const fileSystem = new NodeFileSystem();
    const directory = await temporaryDirectory();
    const file = await fileSystem.open(join(directory, 'c'), { create: true });
    await file.append(new Uint8Array([1, 2, 3]));
    await file.close();
    await file.close();
    const isBadDescriptor = (e: unknown): boolean => fileErrorCode(e) === 'EBADF';
    await expect(file.read(0, 3)).rejects.toSatisfy(isBadDescriptor);
    await expect(file.append(new Uint8Array([4]))).rejects.toSatisfy(isBadDescriptor);
    await expect(file.sync()).rejects.toSatisfy(isBadDescriptor);
    await expect(file.truncate(1)).rejects.toSatisfy(isBadDescriptor);
    expect(file.size).toBe(3);
  });

  it('renames, lists, unlinks and syncs directories; missing files are ENOENT', async () => {
    const fileSystem = new NodeFileSystem();
    const directory = await temporaryDirectory();
    await fileSystem.mkdir(join(directory, 'x', 'y'));
    const file = await fileSystem.open(join(directory, 'x', 'y', 'tmp'), { create: true });
    await file.close();
    await fileSystem.rename(join(directory, 'x', 'y', 'tmp'), join(directory, 'x', 'y', 'final'));
    await fileSystem.syncDirectory(join(directory, 'x', 'y'));
    expect(await fileSystem.readdir(join(directory, 'x', 'y'))).toEqual(['final']);
    await fileSystem.unlink(join(directory, 'x', 'y', 'final'));
    await fileSystem.unlink(join(directory, 'x', 'y', 'final'));
    expect(await fileSystem.exists(join(directory, 'x', 'y', 'final'))).toBe(false);
    await expect(fileSystem.open(join(directory, 'missing'))).rejects.toSatisfy((e) => fileErrorCode(e) === 'ENOENT');
  });

  it('carries a SegmentedLog through a clean close and reopen', async () => {
    const directory = join(await temporaryDirectory(), 'orders-0');
    const log = await SegmentedLog.open({ fileSystem: new NodeFileSystem(), directory, segmentBytes: 4096 });
    for (let i = 0; i < 50; i++) await log.append(buildTestBatch({ recordCount: 2, payloadBytes: 200 }), { partitionLeaderEpoch: 1 });
    await log.flushedUpTo(log.logEndOffset);
    await log.close();
    const reopened = await SegmentedLog.open({ fileSystem: new NodeFileSystem(), directory, segmentBytes: 4096 });
    expect(reopened.logEndOffset).toBe(100);
    expect((await reopened.verify()).batches).toBe(50);
    expect((await reopened.read(37, 1)).firstOffset).toBe(36);
    await reopened.close();
  });
});

/** Bytes of `path` in the page cache, by util-linux's fincore. */
function residentBytes(path: string): number {
  return Number(execFileSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', path], { encoding: 'utf8' }).trim());
}

describe.skipIf(!pageCacheDropSupported)('releaseCache (the page-cache addon)', () => {
  it('drops the synced pages of the range, keeps the rest and the content', async () => {
    const MiB = 1024 * 1024;
    const fileSystem = new NodeFileSystem();
    const path = join(await temporaryDirectory(), 'segment.log');
    const file = await fileSystem.open(path, { create: true });
    const chunk = new Uint8Array(MiB).map((_, i) => i % 251);
    for (let i = 0; i < 8; i++) await file.append(chunk);
    await file.sync();
    expect(residentBytes(path)).toBeGreaterThanOrEqual(7 * MiB);
    file.releaseCache(0, 6 * MiB);
    const left = residentBytes(path);
    expect(left).toBeLessThanOrEqual(2 * MiB);
    expect(left).toBeGreaterThanOrEqual(MiB);
    const back = await file.read(5 * MiB, MiB);
    expect(Buffer.from(back).equals(Buffer.from(chunk))).toBe(true);
    await file.close();
    file.releaseCache(0, MiB); // closed: nothing to advise, no error
  });

  it('answers a bad descriptor with its errno and refuses arguments that are not integers', () => {
    const fd = openSync(process.execPath, 'r');
    closeSync(fd);
    expect(dropPageCache(fd, 0, 4096)).toBe(9); // EBADF
    expect(() => dropPageCache(-1, 0, 4096)).toThrow(TypeError);
    expect(dropPageCache(0, 0, 0)).toBe(0); // an empty range asks nothing
  });
});
