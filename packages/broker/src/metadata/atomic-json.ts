// Durable replacement of small JSON files (meta.json, topics.json): write a temporary file,
// fsync it, rename it over the old one, fsync the directory. A crash at any point leaves either
// the old or the new file whole, never a torn one (the rename is atomic on POSIX file systems;
// the directory fsync makes the rename itself durable).
import { open, rename, readFile, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

export async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.tmp`);
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(JSON.stringify(value, null, 2) + '\n', 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  await syncDirectory(dirname(path));
}

export async function readJsonIfExists(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${(error as Error).message}); it is only ever replaced atomically, so it was changed by hand or the disk is failing`, { cause: error });
  }
}

export async function removeDurably(path: string): Promise<void> {
  await rm(path, { force: true });
  await syncDirectory(dirname(path));
}

export async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
