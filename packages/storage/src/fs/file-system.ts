// The storage engine's view of a disk: small enough to fit on a screen, so that a fault-injecting
// in-memory implementation (src/testing/fault-file-system.ts) can stand in for the real one in
// tests (STYLE.md, "Small interfaces where cores meet I/O").
//
// Durability model, the same for both implementations: bytes written to a file are durable only
// after `sync()` on that file; a file's creation, rename or unlink is durable only after
// `syncDirectory()` on its parent directory. Anything else may be lost, or kept only as a prefix,
// by a crash.

/** An open file, read at any position and written only at its end. */
export interface FileHandle {
  readonly path: string;
  /** Current size in bytes, including written but not yet synced bytes. */
  readonly size: number;
  /** Reads up to `length` bytes at `position`; fewer only when the file ends first. */
  read(position: number, length: number): Promise<Uint8Array>;
  /**
   * Writes all of `bytes` at the end of the file. On failure (ENOSPC, EIO) a prefix may have been
   * written: `size` tells how much, and the caller decides whether to truncate it back.
   */
  append(bytes: Uint8Array): Promise<void>;
  /** Makes every written byte of this file durable (fdatasync). */
  sync(): Promise<void>;
  /**
   * Advice: the durable bytes in [position, position + length) will rarely be read again soon, so
   * the OS may drop them from its page cache (fs/page-cache.ts). Changes no content; never fails.
   */
  releaseCache(position: number, length: number): void;
  /** Cuts the file to `size` bytes (smaller than the current size). */
  truncate(size: number): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Create the file when it does not exist (default false: a missing file is ENOENT). */
  create?: boolean;
  /** Empty the file on open (default false). */
  truncate?: boolean;
}

export interface FileSystem {
  open(path: string, options?: OpenOptions): Promise<FileHandle>;
  /** The whole content of a file; ENOENT when it does not exist. */
  readFile(path: string): Promise<Uint8Array>;
  /** Whether a file or directory exists at `path`. */
  exists(path: string): Promise<boolean>;
  /** Names (not paths) of the entries of a directory, in no particular order. */
  readdir(directory: string): Promise<string[]>;
  /** Creates a directory and its missing parents; an existing directory is fine. */
  mkdir(directory: string): Promise<void>;
  /** Atomically replaces `to` with `from` (POSIX rename). */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; a missing file is fine. */
  unlink(path: string): Promise<void>;
  /** Makes creations, renames and unlinks inside `directory` durable (fsync of the directory). */
  syncDirectory(directory: string): Promise<void>;
}

/** The `code` of a Node-style file system error (ENOENT, ENOSPC, EIO, ...), if it has one. */
export function fileErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}
