// The leader-epoch-checkpoint file of a partition directory (FORMAT.md section 5), Kafka's
// LeaderEpochCheckpointFile text format: a version line (0), a count line, then one
// "<epoch> <startOffset>" line per entry, in increasing order. Written atomically.
import { join } from 'node:path';
import type { FileSystem } from '../fs/file-system.js';
import { StorageError } from '../errors.js';
import { readFileIfExists, writeFileAtomically } from '../checkpoint/atomic-file.js';
import type { EpochEntry } from './leader-epoch-cache.js';

export const LEADER_EPOCH_CHECKPOINT_FILE = 'leader-epoch-checkpoint';
const LEADER_EPOCH_CHECKPOINT_VERSION = 0;

export function encodeLeaderEpochCheckpoint(entries: readonly EpochEntry[]): string {
  const lines = [String(LEADER_EPOCH_CHECKPOINT_VERSION), String(entries.length)];
  for (const entry of entries) lines.push(`${entry.epoch} ${entry.startOffset}`);
  return lines.join('\n') + '\n';
}

/** Parses the file's text; throws CORRUPT_SEGMENT naming the line that is wrong. */
export function decodeLeaderEpochCheckpoint(text: string, path: string): EpochEntry[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const fail = (why: string): never => {
    throw new StorageError('CORRUPT_SEGMENT', `${path}: ${why}`);
  };
  if (lines[0] !== String(LEADER_EPOCH_CHECKPOINT_VERSION)) fail(`version line is ${JSON.stringify(lines[0])}, expected ${LEADER_EPOCH_CHECKPOINT_VERSION}`);
  const count = Number(lines[1]);
  if (!Number.isSafeInteger(count) || count < 0 || lines.length !== count + 2) fail(`count line ${JSON.stringify(lines[1])} does not match ${lines.length - 2} entries`);
  const entries: EpochEntry[] = [];
  for (const line of lines.slice(2)) {
    const match = /^(\d+) (\d+)$/.exec(line);
    if (match === null) fail(`entry ${JSON.stringify(line)} is not "<epoch> <startOffset>"`);
    const entry = { epoch: Number(match?.[1]), startOffset: Number(match?.[2]) };
    const previous = entries[entries.length - 1];
    if (previous !== undefined && (entry.epoch <= previous.epoch || entry.startOffset < previous.startOffset)) fail(`entries are not increasing at ${JSON.stringify(line)}`);
    entries.push(entry);
  }
  return entries;
}

export class LeaderEpochCheckpoint {
  readonly path: string;

  constructor(private readonly fileSystem: FileSystem, partitionDirectory: string) {
    this.path = join(partitionDirectory, LEADER_EPOCH_CHECKPOINT_FILE);
  }

  async read(): Promise<EpochEntry[]> {
    const bytes = await readFileIfExists(this.fileSystem, this.path);
    if (bytes === undefined) return [];
    return decodeLeaderEpochCheckpoint(Buffer.from(bytes).toString('utf8'), this.path);
  }

  async write(entries: readonly EpochEntry[]): Promise<void> {
    await writeFileAtomically(this.fileSystem, this.path, Buffer.from(encodeLeaderEpochCheckpoint(entries), 'utf8'));
  }
}
