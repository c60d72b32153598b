// The leader-epoch cache against Kafka's LeaderEpochFileCache rules: assign ignores repeats and
// removes entries a new one contradicts; endOffsetFor answers as KIP-101/KIP-279 define it;
// truncation from either end. And the checkpoint's text format (FORMAT.md section 5), byte for byte.
import { describe, expect, it } from 'vitest';
import { LeaderEpochCache, UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET } from './leader-epoch-cache.js';
import { LeaderEpochCheckpoint, decodeLeaderEpochCheckpoint, encodeLeaderEpochCheckpoint } from './leader-epoch-checkpoint.js';
import { FaultFileSystem, SeededRandom } from '../testing/index.js';
import { isStorageError } from '../errors.js';

describe('LeaderEpochCache.assign', () => {
  it('adds a new epoch, ignores the same epoch again, and drops entries a new one contradicts', () => {
    const cache = new LeaderEpochCache();
    expect(cache.assign(1, 0)).toBe(true);
    expect(cache.assign(1, 5)).toBe(false);
    expect(cache.assign(3, 10)).toBe(true);
    expect(cache.assign(4, 20)).toBe(true);
    // Epoch 2 starting at 15: epochs >= 2 and starts >= 15 go (Kafka's maybeTruncateNonMonotonicEntries).
    expect(cache.assign(2, 15)).toBe(true);
    expect(cache.entries()).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 15 }]);
    expect(cache.assign(-1, 30)).toBe(false);
  });
});

describe('LeaderEpochCache.endOffsetFor', () => {
  const cache = new LeaderEpochCache([{ epoch: 1, startOffset: 0 }, { epoch: 3, startOffset: 40 }, { epoch: 6, startOffset: 90 }]);

  it('answers the log end offset for the latest epoch', () => {
    expect(cache.endOffsetFor(6, 120)).toEqual({ epoch: 6, endOffset: 120 });
  });

  it('answers the start of the next larger epoch, with the largest epoch <= the requested one', () => {
    expect(cache.endOffsetFor(1, 120)).toEqual({ epoch: 1, endOffset: 40 });
    expect(cache.endOffsetFor(2, 120)).toEqual({ epoch: 1, endOffset: 40 });
    expect(cache.endOffsetFor(5, 120)).toEqual({ epoch: 3, endOffset: 90 });
  });

  it('answers the first start offset for an epoch below all, undefined above all', () => {
    expect(cache.endOffsetFor(0, 120)).toEqual({ epoch: 0, endOffset: 0 });
    expect(cache.endOffsetFor(7, 120)).toEqual({ epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET });
    expect(cache.endOffsetFor(UNDEFINED_EPOCH, 120)).toEqual({ epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET });
  });
});

describe('LeaderEpochCache truncation', () => {
  it('truncateFromEnd removes epochs starting at or past the new end', () => {
    const cache = new LeaderEpochCache([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 10 }, { epoch: 3, startOffset: 20 }]);
    expect(cache.truncateFromEnd(10)).toBe(true);
    expect(cache.entries()).toEqual([{ epoch: 1, startOffset: 0 }]);
    expect(cache.truncateFromEnd(5)).toBe(false);
  });

  it('truncateFromStart keeps the epoch holding the new start, moved up to it', () => {
    const cache = new LeaderEpochCache([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 10 }, { epoch: 3, startOffset: 20 }]);
    expect(cache.truncateFromStart(15)).toBe(true);
    expect(cache.entries()).toEqual([{ epoch: 2, startOffset: 15 }, { epoch: 3, startOffset: 20 }]);
    expect(cache.truncateFromStart(15)).toBe(false);
    expect(cache.epochForOffset(17)).toBe(2);
    expect(cache.epochForOffset(14)).toBe(UNDEFINED_EPOCH);
  });
});

describe('leader-epoch-checkpoint file', () => {
  it('is Kafka text: version, count, "<epoch> <startOffset>" lines', () => {
    const text = encodeLeaderEpochCheckpoint([{ epoch: 0, startOffset: 0 }, { epoch: 4, startOffset: 1500 }]);
    expect(text).toBe('0\n2\n0 0\n4 1500\n');
    expect(decodeLeaderEpochCheckpoint(text, 'f')).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 4, startOffset: 1500 }]);
  });

  it('refuses a wrong version, a wrong count or entries out of order, naming the file', () => {
    for (const text of ['1\n0\n', '0\n2\n0 0\n', '0\n2\n3 10\n2 20\n', '0\n1\n1,2\n']) {
      expect(() => decodeLeaderEpochCheckpoint(text, '/p/leader-epoch-checkpoint')).toThrow(/leader-epoch-checkpoint/);
    }
  });

  it('is written atomically and read back; a missing file is an empty cache', async () => {
    const fileSystem = new FaultFileSystem(new SeededRandom(1));
    await fileSystem.mkdir('/p');
    const checkpoint = new LeaderEpochCheckpoint(fileSystem, '/p');
    expect(await checkpoint.read()).toEqual([]);
    await checkpoint.write([{ epoch: 2, startOffset: 7 }]);
    fileSystem.crash();
    expect(await checkpoint.read()).toEqual([{ epoch: 2, startOffset: 7 }]);
    fileSystem.flipBit('/p/leader-epoch-checkpoint', 0, 0);
    await expect(checkpoint.read()).rejects.toSatisfy((e) => isStorageError(e, 'CORRUPT_SEGMENT'));
  });
});
