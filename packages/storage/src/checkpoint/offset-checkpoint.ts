// Per-log-directory offset checkpoints (FORMAT.md section 6), Kafka's OffsetCheckpointFile text
// format: a version line (0), a count line, then "<topic> <partition> <offset>" per partition.
// `recovery-point-checkpoint` holds, per partition, the offset below which the log is known to
// be fsynced (recovery scans from there); `log-start-offset-checkpoint` holds log start offsets
// moved by deleteRecordsBefore. One file serves every partition of the directory, so one
// atomic write records them all.
import { join } from 'node:path';
import type { FileSystem } from '../fs/file-system.js';
import { StorageError } from '../errors.js';
import { readFileIfExists, writeFileAtomically } from './atomic-file.js';

export const RECOVERY_POINT_CHECKPOINT_FILE = 'recovery-point-checkpoint';
export const LOG_START_OFFSET_CHECKPOINT_FILE = 'log-start-offset-checkpoint';
/** Kafka's name for the high watermarks of a log directory's partitions. */
export const HIGH_WATERMARK_CHECKPOINT_FILE = 'replication-offset-checkpoint';
const OFFSET_CHECKPOINT_VERSION = 0;

export interface TopicPartition {
  topic: string;
  partition: number;
}

function keyOf(topicPartition: TopicPartition): string {
  return `${topicPartition.topic} ${topicPartition.partition}`;
}

export class OffsetCheckpoint {
  protected constructor(
    private readonly fileSystem: FileSystem,
    readonly path: string,
    private readonly offsets: Map<string, { topicPartition: TopicPartition; offset: number }>,
  ) {}

  /** Loads the checkpoint at `path`; a missing file is an empty checkpoint. */
  static async loadFile(fileSystem: FileSystem, path: string): Promise<OffsetCheckpoint> {
    const bytes = await readFileIfExists(fileSystem, path);
    const offsets = bytes === undefined ? new Map() : decodeOffsetCheckpoint(Buffer.from(bytes).toString('utf8'), path);
    return new OffsetCheckpoint(fileSystem, path, offsets);
  }

  get(topicPartition: TopicPartition): number | undefined {
    return this.offsets.get(keyOf(topicPartition))?.offset;
  }

  set(topicPartition: TopicPartition, offset: number): void {
    if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`OffsetCheckpoint: ${offset} is not an offset`);
    this.offsets.set(keyOf(topicPartition), { topicPartition: { ...topicPartition }, offset });
  }

  delete(topicPartition: TopicPartition): void {
    this.offsets.delete(keyOf(topicPartition));
  }

  entries(): Array<{ topicPartition: TopicPartition; offset: number }> {
    return [...this.offsets.values()].map((entry) => ({ topicPartition: { ...entry.topicPartition }, offset: entry.offset }));
  }

  async write(): Promise<void> {
    const lines = [String(OFFSET_CHECKPOINT_VERSION), String(this.offsets.size)];
    for (const { topicPartition, offset } of this.offsets.values()) lines.push(`${topicPartition.topic} ${topicPartition.partition} ${offset}`);
    await writeFileAtomically(this.fileSystem, this.path, Buffer.from(lines.join('\n') + '\n', 'utf8'));
  }
}

/** The recovery points of every partition in one log directory. */
export const RecoveryPointCheckpoint = {
  load(fileSystem: FileSystem, logDirectory: string): Promise<OffsetCheckpoint> {
    return OffsetCheckpoint.loadFile(fileSystem, join(logDirectory, RECOVERY_POINT_CHECKPOINT_FILE));
  },
};

/**
 * The high watermarks of every partition in one log directory (Kafka's
 * replication-offset-checkpoint): a restarted replica starts from its last known high watermark
 * instead of the log start, so what was committed stays readable before the ISR fetches again.
 */
export const HighWatermarkCheckpoint = {
  load(fileSystem: FileSystem, logDirectory: string): Promise<OffsetCheckpoint> {
    return OffsetCheckpoint.loadFile(fileSystem, join(logDirectory, HIGH_WATERMARK_CHECKPOINT_FILE));
  },
};

/** The log start offsets of every partition in one log directory. */
export const LogStartOffsetCheckpoint = {
  load(fileSystem: FileSystem, logDirectory: string): Promise<OffsetCheckpoint> {
    return OffsetCheckpoint.loadFile(fileSystem, join(logDirectory, LOG_START_OFFSET_CHECKPOINT_FILE));
  },
};

function decodeOffsetCheckpoint(text: string, path: string): Map<string, { topicPartition: TopicPartition; offset: number }> {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const fail = (why: string): never => {
    throw new StorageError('KAFKA_STORAGE_ERROR', `${path}: ${why}`);
  };
  if (lines[0] !== String(OFFSET_CHECKPOINT_VERSION)) fail(`version line is ${JSON.stringify(lines[0])}, expected ${OFFSET_CHECKPOINT_VERSION}`);
  const count = Number(lines[1]);
  if (!Number.isSafeInteger(count) || count < 0 || lines.length !== count + 2) fail(`count line ${JSON.stringify(lines[1])} does not match ${lines.length - 2} entries`);
  const offsets = new Map<string, { topicPartition: TopicPartition; offset: number }>();
  for (const line of lines.slice(2)) {
    const match = /^(\S+) (\d+) (\d+)$/.exec(line);
    if (match === null) fail(`entry ${JSON.stringify(line)} is not "<topic> <partition> <offset>"`);
    const topicPartition = { topic: match?.[1] ?? '', partition: Number(match?.[2]) };
    offsets.set(keyOf(topicPartition), { topicPartition, offset: Number(match?.[3]) });
  }
  return offsets;
}
