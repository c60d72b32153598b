// Producer-state snapshot files in a partition directory (`<endOffset>.snapshot`, 20 digits, as
// Kafka names them). As Kafka does, a partition writes one whenever its log rolls a segment and
// one when it closes cleanly, so an open (after a clean stop or a kill -9 alike) restores its
// idempotent-producer state from the newest snapshot and replays only the log past it, instead of
// reading every batch of the log (minutes for a large one), and a truncation that forgets a
// producer reloads from the newest snapshot below the cut rather than from the log start.
//
// A snapshot must never describe batches the log no longer has. So a truncation deletes every
// snapshot past its offset before the log is cut (a crash in between leaves a longer log and no
// snapshot past it), a restart at a new log start deletes them all, retention deletes those below
// the log start, and an open deletes those past the recovered log end (written before a crash
// that lost the tail they describe). A snapshot that fails to decode is deleted and the next older
// one is tried. The writes and deletions of one directory run one after another, in call order.
import { join } from 'node:path';
import { writeFileAtomically, type FileSystem } from '@brook/storage';
import { decodeProducerSnapshot, encodeProducerSnapshot, type ProducerSnapshot } from '../replication/producer-snapshot.js';
import type { ProducerEntry } from '../replication/producer-state.js';
import type { Logger } from '../logging/logger.js';
import type { ProducerSnapshots } from './partition-types.js';

export const PRODUCER_SNAPSHOT_SUFFIX = '.snapshot';
const OFFSET_DIGITS = 20;
const SNAPSHOT_FILE = /^\d{20}\.snapshot$/;

export function producerSnapshotFileName(endOffset: number): string {
  return String(endOffset).padStart(OFFSET_DIGITS, '0') + PRODUCER_SNAPSHOT_SUFFIX;
}

/** The snapshot files of one partition directory. */
export class ProducerSnapshotStore implements ProducerSnapshots {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly fileSystem: FileSystem,
    private readonly directory: string,
    private readonly logger: Logger,
  ) {}

  /**
   * Saves the state covering every batch below `endOffset`, atomically (old or new file, never a
   * mix). The bytes are taken now (the state may change right after); the file is written after
   * the store's earlier work.
   */
  save(endOffset: number, producers: readonly ProducerEntry[]): Promise<void> {
    const bytes = encodeProducerSnapshot({ endOffset, producers: [...producers] });
    const path = join(this.directory, producerSnapshotFileName(endOffset));
    return this.serially(() => writeFileAtomically(this.fileSystem, path, bytes));
  }

  saveInBackground(endOffset: number, producers: readonly ProducerEntry[]): void {
    this.save(endOffset, producers).catch((error: unknown) => {
      this.logger.warn({ err: error, directory: this.directory, endOffset }, 'producer snapshot not written; the next open replays more of the log');
    });
  }

  /** Deletes every snapshot past `offset`: call before truncating the log to `offset`. */
  deleteAfter(offset: number): Promise<void> {
    return this.serially(() => this.deleteWhere((endOffset) => endOffset > offset));
  }

  /** Deletes every snapshot below `offset` (the log start moved past them). */
  deleteBefore(offset: number): Promise<void> {
    return this.serially(() => this.deleteWhere((endOffset) => endOffset < offset));
  }

  /** Deletes every snapshot (the log restarts empty at a new offset). */
  deleteAll(): Promise<void> {
    return this.serially(() => this.deleteWhere(() => true));
  }

  /**
   * The newest readable snapshot within [logStartOffset, logEndOffset], or undefined. Snapshots
   * outside that range and unreadable ones are deleted on the way; older usable ones are kept.
   */
  latest(logStartOffset: number, logEndOffset: number): Promise<ProducerSnapshot | undefined> {
    return this.serially(async () => {
      await this.deleteWhere((endOffset) => endOffset > logEndOffset || endOffset < logStartOffset);
      const names = (await this.names()).reverse();
      for (const name of names) {
        try {
          return decodeProducerSnapshot(await this.fileSystem.readFile(join(this.directory, name)));
        } catch (error) {
          this.logger.warn({ err: error, directory: this.directory, file: name }, 'producer snapshot unreadable; trying an older one or the log');
          await this.fileSystem.unlink(join(this.directory, name));
          await this.fileSystem.syncDirectory(this.directory);
        }
      }
      return undefined;
    });
  }

  /** The end offsets of the snapshots on disk, ascending (tests and tools). */
  async endOffsets(): Promise<number[]> {
    await this.queue.catch(() => undefined);
    return (await this.names()).map(endOffsetOf);
  }

  private async names(): Promise<string[]> {
    return (await this.fileSystem.readdir(this.directory)).filter((name) => SNAPSHOT_FILE.test(name)).sort();
  }

  private async deleteWhere(doomed: (endOffset: number) => boolean): Promise<void> {
    const names = (await this.names()).filter((name) => doomed(endOffsetOf(name)));
    for (const name of names) await this.fileSystem.unlink(join(this.directory, name));
    if (names.length > 0) await this.fileSystem.syncDirectory(this.directory);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function endOffsetOf(name: string): number {
  return Number(name.slice(0, OFFSET_DIGITS));
}
