// FileSystem over node:fs/promises: positional reads and writes on a FileHandle, fdatasync for
// file data, and an fsync of the directory's own descriptor for entries (create, rename, unlink),
// the one way POSIX offers to make those durable.
import { open, readFile, readdir, mkdir, rename, rm, access } from 'node:fs/promises';
import { constants, type promises } from 'node:fs';
import type { FileHandle, FileSystem, OpenOptions } from './file-system.js';

class NodeFileHandle implements FileHandle {
  constructor(
    readonly path: string,
    private readonly handle: promises.FileHandle,
    private currentSize: number,
  ) {}

  get size(): number {
    return this.currentSize;
  }

  async read(position: number, length: number): Promise<Uint8Array> {
    const wanted = Math.max(0, Math.min(length, this.currentSize - position));
    const buffer = Buffer.allocUnsafe(wanted);
    let filled = 0;
    while (filled < wanted) {
      const { bytesRead } = await this.handle.read(buffer, filled, wanted - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === wanted ? buffer : buffer.subarray(0, filled);
  }

  async append(bytes: Uint8Array): Promise<void> {
    // write(2) may write less than asked (a disk filling up); loop so that either every byte is
    // written or an error says why, with `size` counting what did reach the file.
    let written = 0;
    while (written < bytes.byteLength) {
      const { bytesWritten } = await this.handle.write(bytes, written, bytes.byteLength - written, this.currentSize);
      written += bytesWritten;
      this.currentSize += bytesWritten;
    }
  }

  async sync(): Promise<void> {
    await this.handle.datasync();
  }

  async truncate(size: number): Promise<void> {
    await this.handle.truncate(size);
    this.currentSize = size;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

export class NodeFileSystem implements FileSystem {
  async open(path: string, options: OpenOptions = {}): Promise<FileHandle> {
    let flags = constants.O_RDWR;
    if (options.create === true) flags |= constants.O_CREAT;
    if (options.truncate === true) flags |= constants.O_TRUNC;
    const handle = await open(path, flags, 0o644);
    const { size } = await handle.stat();
    return new NodeFileHandle(path, handle, size);
  }

  async readFile(path: string): Promise<Uint8Array> {
    return readFile(path);
  }

  async exists(path: string): Promise<boolean> {
    try {
      await access(path);
      return true;
    } catch {
      return false;
    }
  }

  async readdir(directory: string): Promise<string[]> {
    return readdir(directory);
  }

  async mkdir(directory: string): Promise<void> {
    await mkdir(directory, { recursive: true });
  }

  async rename(from: string, to: string): Promise<void> {
    await rename(from, to);
  }

  async unlink(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  async syncDirectory(directory: string): Promise<void> {
    const handle = await open(directory, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
