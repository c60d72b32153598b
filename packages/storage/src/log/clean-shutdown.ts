// The clean-shutdown marker (FORMAT.md section 8): an empty file `.clean-shutdown` in the
// partition directory, written (durably) as the last step of close() after every byte and every
// index was synced, and removed (durably) when the log opens. Present at open, it means the
// files are exactly as a clean close left them, so the index files are trusted and nothing is
// scanned. Kafka keeps one such marker per log directory (.kafka_cleanshutdown); one per
// partition lets one partition close cleanly while another is still failing.
import { join } from 'node:path';
import type { FileSystem } from '../fs/file-system.js';
import { writeFileAtomically } from '../checkpoint/atomic-file.js';

export const CLEAN_SHUTDOWN_FILE = '.clean-shutdown';

export async function writeCleanShutdownMarker(fileSystem: FileSystem, directory: string): Promise<void> {
  await writeFileAtomically(fileSystem, join(directory, CLEAN_SHUTDOWN_FILE), new Uint8Array(0));
}

/** Removes the marker durably; returns whether it was there. */
export async function consumeCleanShutdownMarker(fileSystem: FileSystem, directory: string): Promise<boolean> {
  const path = join(directory, CLEAN_SHUTDOWN_FILE);
  if (!(await fileSystem.exists(path))) return false;
  await fileSystem.unlink(path);
  await fileSystem.syncDirectory(directory);
  return true;
}
