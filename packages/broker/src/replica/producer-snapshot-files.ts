// Producer-state snapshot files in a partition directory (`<endOffset>.snapshot`, 20 digits, as
// Kafka names them). A partition writes one when it closes cleanly, so the next open restores
// its idempotent-producer state from the snapshot and replays only the log past it, instead of
// reading every batch header of the log (minutes for a large log). The next open consumes the
// file: it is deleted once read, so a snapshot never outlives the history it describes (a later
// truncation cannot leave one describing batches that are gone). A snapshot past the log end (a
// crash between writing it and the clean close) or one that fails to decode is deleted and the
// state is rebuilt from the log.
import { join } from 'node:path';
import { writeFileAtomically, type FileSystem } from '@brook/storage';
import { decodeProducerSnapshot, encodeProducerSnapshot, type ProducerSnapshot } from '../replication/producer-snapshot.js';
import type { ProducerEntry } from '../replication/producer-state.js';
import type { Logger } from '../logging/logger.js';

export const PRODUCER_SNAPSHOT_SUFFIX = '.snapshot';
const OFFSET_DIGITS = 20;

export function producerSnapshotFileName(endOffset: number): string {
  return String(endOffset).padStart(OFFSET_DIGITS, '0') + PRODUCER_SNAPSHOT_SUFFIX;
}

/** Writes the state covering every batch below `endOffset` (atomically: old or new, never a mix). */
export async function writeProducerSnapshot(fileSystem: FileSystem, directory: string, endOffset: number, producers: readonly ProducerEntry[]): Promise<void> {
  await writeFileAtomically(fileSystem, join(directory, producerSnapshotFileName(endOffset)), encodeProducerSnapshot({ endOffset, producers: [...producers] }));
}

/**
 * The newest snapshot usable for a log spanning [logStartOffset, logEndOffset], or undefined;
 * every snapshot file of the directory is deleted on the way (each is used at most once).
 */
export async function takeProducerSnapshot(fileSystem: FileSystem, directory: string, logStartOffset: number, logEndOffset: number, logger: Logger): Promise<ProducerSnapshot | undefined> {
  const names = (await fileSystem.readdir(directory)).filter((name) => /^\d{20}\.snapshot$/.test(name)).sort();
  let chosen: ProducerSnapshot | undefined;
  for (const name of names.reverse()) {
    const endOffset = Number(name.slice(0, OFFSET_DIGITS));
    if (chosen === undefined && endOffset <= logEndOffset && endOffset >= logStartOffset) {
      try {
        chosen = decodeProducerSnapshot(await fileSystem.readFile(join(directory, name)));
      } catch (error) {
        logger.warn({ err: error, directory, file: name }, 'producer snapshot unreadable; rebuilding the producer state from the log');
      }
    }
    await fileSystem.unlink(join(directory, name));
  }
  if (names.length > 0) await fileSystem.syncDirectory(directory);
  return chosen;
}
