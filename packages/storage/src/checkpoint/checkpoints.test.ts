// The per-directory offset checkpoints (recovery-point-checkpoint, log-start-offset-checkpoint)
// and partition.metadata: Kafka's text formats (FORMAT.md sections 6 and 7), atomic replacement
// that survives a crash at any point as either the old or the new file, and refusal of bad files.
import { describe, expect, it } from 'vitest';
import { FaultFileSystem, SeededRandom } from '../testing/index.js';
import { RecoveryPointCheckpoint, LogStartOffsetCheckpoint } from './offset-checkpoint.js';
import { decodePartitionMetadata, encodePartitionMetadata, readPartitionMetadata, writePartitionMetadata } from './partition-metadata.js';
import { writeFileAtomically } from './atomic-file.js';
import { isStorageError } from '../errors.js';

async function fileSystemWithDirectory(): Promise<FaultFileSystem> {
  const fileSystem = new FaultFileSystem(new SeededRandom(3));
  await fileSystem.mkdir('/data');
  return fileSystem;
}

describe('RecoveryPointCheckpoint', () => {
  it('holds offsets for many partitions in Kafka text format', async () => {
    const fileSystem = await fileSystemWithDirectory();
    const checkpoint = await RecoveryPointCheckpoint.load(fileSystem, '/data');
    expect(checkpoint.get({ topic: 'orders', partition: 0 })).toBeUndefined();
    checkpoint.set({ topic: 'orders', partition: 0 }, 120);
    checkpoint.set({ topic: 'orders', partition: 1 }, 7);
    checkpoint.set({ topic: 'orders', partition: 0 }, 130);
    await checkpoint.write();
    expect(new TextDecoder().decode(await fileSystem.readFile('/data/recovery-point-checkpoint'))).toBe('0\n2\norders 0 130\norders 1 7\n');
    fileSystem.crash();
    const reloaded = await RecoveryPointCheckpoint.load(fileSystem, '/data');
    expect(reloaded.entries()).toEqual([
      { topicPartition: { topic: 'orders', partition: 0 }, offset: 130 },
      { topicPartition: { topic: 'orders', partition: 1 }, offset: 7 },
    ]);
  });

  it('keeps the previous file when a crash comes before the rename is synced', async () => {
    const fileSystem = await fileSystemWithDirectory();
    const checkpoint = await LogStartOffsetCheckpoint.load(fileSystem, '/data');
    checkpoint.set({ topic: 't', partition: 3 }, 1);
    await checkpoint.write();
    const path = '/data/log-start-offset-checkpoint';
    await fileSystem.rename(path, `${path}.old`);
    fileSystem.crash();
    expect((await LogStartOffsetCheckpoint.load(fileSystem, '/data')).get({ topic: 't', partition: 3 })).toBe(1);
  });

  it('refuses a malformed file with KAFKA_STORAGE_ERROR', async () => {
    const fileSystem = await fileSystemWithDirectory();
    await writeFileAtomically(fileSystem, '/data/recovery-point-checkpoint', new TextEncoder().encode('0\n1\norders zero 5\n'));
    await expect(RecoveryPointCheckpoint.load(fileSystem, '/data')).rejects.toSatisfy((e) => isStorageError(e, 'KAFKA_STORAGE_ERROR'));
  });
});

describe('partition.metadata', () => {
  it('is "version: 0" and "topic_id: <id>", written once and read back', async () => {
    expect(encodePartitionMetadata('q5r1UIaPSd6WMiyc8LEWJw')).toBe('version: 0\ntopic_id: q5r1UIaPSd6WMiyc8LEWJw\n');
    const fileSystem = await fileSystemWithDirectory();
    expect(await readPartitionMetadata(fileSystem, '/data')).toBeUndefined();
    await writePartitionMetadata(fileSystem, '/data', 'q5r1UIaPSd6WMiyc8LEWJw');
    expect(await readPartitionMetadata(fileSystem, '/data')).toEqual({ topicId: 'q5r1UIaPSd6WMiyc8LEWJw' });
    expect(() => decodePartitionMetadata('version: 1\ntopic_id: x\n', 'p')).toThrow();
    expect(() => encodePartitionMetadata('two words')).toThrow();
  });
});
