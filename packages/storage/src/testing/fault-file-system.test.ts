// The fault-injecting file system behaves as the storage tests assume: a crash keeps exactly the
// fsynced bytes and the synced directory entries (or a torn prefix of unsynced appends), ENOSPC
// comes after a short write, a bit flip reaches both current and durable bytes, handles from
// before a crash are dead. Same seed, same faults.
import { describe, expect, it } from 'vitest';
import { FaultFileSystem } from './fault-file-system.js';
import { SeededRandom } from './seeded-random.js';
import { fileErrorCode } from '../fs/file-system.js';

async function setup(seed = 1) {
  const fileSystem = new FaultFileSystem(new SeededRandom(seed));
  await fileSystem.mkdir('/d');
  return fileSystem;
}

describe('FaultFileSystem', () => {
  it('a crash keeps fsynced bytes and loses the rest', async () => {
    const fileSystem = await setup();
    const file = await fileSystem.open('/d/a', { create: true });
    await file.append(new Uint8Array([1, 2, 3]));
    await file.sync();
    await fileSystem.syncDirectory('/d');
    await file.append(new Uint8Array([4, 5]));
    fileSystem.crash();
    expect([...(await fileSystem.readFile('/d/a'))]).toEqual([1, 2, 3]);
    await expect(file.read(0, 1)).rejects.toSatisfy((e) => fileErrorCode(e) === 'EIO');
  });

  it('a file whose creation was never synced on its directory disappears', async () => {
    const fileSystem = await setup();
    const file = await fileSystem.open('/d/new', { create: true });
    await file.append(new Uint8Array([9]));
    await file.sync();
    fileSystem.crash();
    expect(await fileSystem.exists('/d/new')).toBe(false);
  });

  it('an unsynced rename is undone by a crash, a synced one is kept', async () => {
    const fileSystem = await setup();
    for (const name of ['old', 'tmp']) {
      const file = await fileSystem.open(`/d/${name}`, { create: true });
      await file.append(new TextEncoder().encode(name));
      await file.sync();
    }
    await fileSystem.syncDirectory('/d');
    await fileSystem.rename('/d/tmp', '/d/old');
    fileSystem.crash();
    expect(new TextDecoder().decode(await fileSystem.readFile('/d/old'))).toBe('old');
    await fileSystem.rename('/d/tmp', '/d/old');
    await fileSystem.syncDirectory('/d');
    fileSystem.crash();
    expect(new TextDecoder().decode(await fileSystem.readFile('/d/old'))).toBe('tmp');
    expect(await fileSystem.exists('/d/tmp')).toBe(false);
  });

});

describe('FaultFileSystem faults', () => {
  it('a torn crash keeps the synced bytes plus a prefix of the unsynced appends, reproducibly', async () => {
    const kept: number[] = [];
    for (const seed of [1, 2, 3, 1]) {
      const fileSystem = await setup(seed);
      const file = await fileSystem.open('/d/a', { create: true });
      await fileSystem.syncDirectory('/d');
      await file.append(new Uint8Array(10).fill(1));
      await file.sync();
      await file.append(new Uint8Array(100).fill(2));
      fileSystem.crash({ tornWrites: true });
      const bytes = await fileSystem.readFile('/d/a');
      expect(bytes.byteLength).toBeGreaterThanOrEqual(10);
      expect([...bytes.subarray(0, 10)].every((b) => b === 1) && [...bytes.subarray(10)].every((b) => b === 2)).toBe(true);
      kept.push(bytes.byteLength);
    }
    expect(kept[3]).toBe(kept[0]);
    expect(new Set(kept).size).toBeGreaterThan(1);
  });

  it('ENOSPC after the byte budget, with the prefix that fit written', async () => {
    const fileSystem = await setup();
    const file = await fileSystem.open('/d/a', { create: true });
    fileSystem.setSpaceBudget(5);
    await expect(file.append(new Uint8Array(8))).rejects.toSatisfy((e) => fileErrorCode(e) === 'ENOSPC');
    expect(file.size).toBe(5);
    await file.truncate(0);
    fileSystem.setSpaceBudget(undefined);
    await file.append(new Uint8Array(8));
    expect(file.size).toBe(8);
  });

  it('a bit flip changes the durable bytes too', async () => {
    const fileSystem = await setup();
    const file = await fileSystem.open('/d/a', { create: true });
    await fileSystem.syncDirectory('/d');
    await file.append(new Uint8Array(4));
    await file.sync();
    fileSystem.flipBit('/d/a', 2, 7);
    fileSystem.crash();
    expect([...(await fileSystem.readFile('/d/a'))]).toEqual([0, 0, 0x80, 0]);
  });
});

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const values = Array.from({ length: 1000 }, () => a.int(3, 9));
    expect(values).toEqual(Array.from({ length: 1000 }, () => b.int(3, 9)));
    expect(Math.min(...values)).toBe(3);
    expect(Math.max(...values)).toBe(9);
    expect(new SeededRandom(43).int(0, 1_000_000)).not.toBe(new SeededRandom(42).int(0, 1_000_000));
  });
});
