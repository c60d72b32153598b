// The partition.metadata file of a partition directory (FORMAT.md section 7), Kafka's
// PartitionMetadataFile text format: "version: 0" then "topic_id: <id>". It ties the directory to
// one topic id, so that a directory left over from a deleted topic of the same name is never
// taken for the new topic's log. Written once, atomically.
import { join } from 'node:path';
import type { FileSystem } from '../fs/file-system.js';
import { StorageError } from '../errors.js';
import { readFileIfExists, writeFileAtomically } from './atomic-file.js';

export const PARTITION_METADATA_FILE = 'partition.metadata';
const PARTITION_METADATA_VERSION = 0;

export function encodePartitionMetadata(topicId: string): string {
  if (!/^\S+$/.test(topicId)) throw new Error(`partition metadata: topic id ${JSON.stringify(topicId)} must be one token`);
  return `version: ${PARTITION_METADATA_VERSION}\ntopic_id: ${topicId}\n`;
}

export function decodePartitionMetadata(text: string, path: string): { topicId: string } {
  const match = /^version: (\d+)\ntopic_id: (\S+)\n?$/.exec(text);
  if (match === null || Number(match[1]) !== PARTITION_METADATA_VERSION || match[2] === undefined) {
    throw new StorageError('KAFKA_STORAGE_ERROR', `${path}: not a version ${PARTITION_METADATA_VERSION} partition.metadata file`);
  }
  return { topicId: match[2] };
}

export async function readPartitionMetadata(fileSystem: FileSystem, partitionDirectory: string): Promise<{ topicId: string } | undefined> {
  const path = join(partitionDirectory, PARTITION_METADATA_FILE);
  const bytes = await readFileIfExists(fileSystem, path);
  return bytes === undefined ? undefined : decodePartitionMetadata(Buffer.from(bytes).toString('utf8'), path);
}

export async function writePartitionMetadata(fileSystem: FileSystem, partitionDirectory: string, topicId: string): Promise<void> {
  await writeFileAtomically(fileSystem, join(partitionDirectory, PARTITION_METADATA_FILE), Buffer.from(encodePartitionMetadata(topicId), 'utf8'));
}
