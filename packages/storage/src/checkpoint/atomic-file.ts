// Replacing a small file so that a crash leaves either the old or the new content, never a mix:
// write a temporary file, fsync it, rename it over the target, fsync the directory (the rename
// is a directory change, durable only once the directory is synced). Kafka's
// CheckpointFileWithFailureHandler does the same for its checkpoint files.
import { dirname } from 'node:path';
import type { FileSystem } from '../fs/file-system.js';
import { TEMPORARY_FILE_SUFFIX } from '../segment/segment-files.js';

export async function writeFileAtomically(fileSystem: FileSystem, path: string, bytes: Uint8Array): Promise<void> {
  const temporaryPath = path + TEMPORARY_FILE_SUFFIX;
  const file = await fileSystem.open(temporaryPath, { create: true, truncate: true });
  try {
    await file.append(bytes);
    await file.sync();
  } catch (error) {
    await file.close().catch(() => undefined);
    await fileSystem.unlink(temporaryPath).catch(() => undefined);
    throw error;
  }
  await file.close();
  await fileSystem.rename(temporaryPath, path);
  await fileSystem.syncDirectory(dirname(path));
}

/** The file's content, or undefined when it does not exist. */
export async function readFileIfExists(fileSystem: FileSystem, path: string): Promise<Uint8Array | undefined> {
  if (!(await fileSystem.exists(path))) return undefined;
  return fileSystem.readFile(path);
}
