// An in-memory FileSystem that injects the faults real disks have, for the storage tests
// (TESTING.md layer 2): a crash loses every byte not fsynced and every directory change not
// synced on its directory; a crash may keep a torn prefix of the unsynced appends (so the last
// write is cut in the middle); a byte budget runs out with ENOSPC after a short write; a bit can
// be flipped in a file, as media corruption would. All randomness comes from a SeededRandom.
//
// Model: files are inodes with `content` (what a reader sees now) and `durable` (what survives a
// crash). Directories hold name -> inode maps, a current one and a durable one. Directories
// themselves are always durable (the log creates its directory once, before anything matters).
import { dirname, basename, normalize } from 'node:path';
import type { FileHandle, FileSystem, OpenOptions } from '../fs/file-system.js';
import type { SeededRandom } from './seeded-random.js';

class Inode {
  data = new Uint8Array(64);
  length = 0;
  durable: Uint8Array = new Uint8Array(0);

  get content(): Uint8Array {
    return this.data.subarray(0, this.length);
  }

  write(bytes: Uint8Array): void {
    const needed = this.length + bytes.byteLength;
    if (needed > this.data.byteLength) {
      const grown = new Uint8Array(Math.max(needed, this.data.byteLength * 2));
      grown.set(this.content);
      this.data = grown;
    }
    this.data.set(bytes, this.length);
    this.length = needed;
  }

  reset(bytes: Uint8Array): void {
    this.data = new Uint8Array(Math.max(64, bytes.byteLength));
    this.data.set(bytes);
    this.length = bytes.byteLength;
  }
}

interface Directory {
  entries: Map<string, Inode>;
  durable: Map<string, Inode>;
}

export function fileSystemError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

export interface CrashOptions {
  /**
   * Keep a random prefix of each file's unsynced appends instead of dropping them all: the writes
   * before the cut survive whole and the one the cut falls in is torn.
   */
  tornWrites?: boolean;
}

export class FaultFileSystem implements FileSystem {
  private readonly directories = new Map<string, Directory>();
  private generation = 0;
  private spaceBudgetBytes: number | undefined;
  private syncGate: Promise<void> | undefined;
  private readonly singleSyncHolds: Array<() => Promise<void>> = [];
  /** fsyncs of files so far: lets tests see how many appends one group commit covered. */
  fileSyncCount = 0;
  /** Every releaseCache call, in order (the log hands back only durable bytes: a test checks where). */
  readonly cacheReleases: Array<{ path: string; position: number; length: number }> = [];
  directorySyncCount = 0;

  constructor(private readonly random: SeededRandom) {}

  /** After `bytes` more bytes are appended (in all files), appends fail with ENOSPC. */
  setSpaceBudget(bytes: number | undefined): void {
    this.spaceBudgetBytes = bytes;
  }

  /**
   * Holds the next file sync to start (only that one) until `release` is called; `taken` tells
   * whether a sync has reached the hold.
   */
  holdNextSync(): { release: () => void; taken: () => boolean } {
    let release!: () => void;
    let taken = false;
    const hold = new Promise<void>((resolve) => (release = resolve));
    this.singleSyncHolds.push(() => {
      taken = true;
      return hold;
    });
    return { release, taken: () => taken };
  }

  /** The hold the next file sync waits on, if a test set one (holdNextSync). */
  takeSingleSyncHold(): Promise<void> | undefined {
    return this.singleSyncHolds.shift()?.();
  }

  /** Holds every file sync until the returned function is called. */
  holdSyncs(): () => void {
    let release = (): void => {};
    this.syncGate = new Promise((resolve) => {
      release = () => {
        this.syncGate = undefined;
        resolve();
      };
    });
    return release;
  }

  /**
   * The machine loses power: every open handle dies, every file goes back to its durable bytes
   * (or keeps a torn prefix of its unsynced appends), every directory to its synced entries.
   */
  crash(options: CrashOptions = {}): void {
    this.generation++;
    const inodes = new Set<Inode>();
    for (const directory of this.directories.values()) {
      for (const inode of directory.entries.values()) inodes.add(inode);
      for (const inode of directory.durable.values()) inodes.add(inode);
      directory.entries = new Map(directory.durable);
    }
    for (const inode of inodes) inode.reset(this.survivingBytes(inode, options));
  }

  /** Flips one bit of a file, in its current and its durable bytes: media corruption. */
  flipBit(path: string, byteIndex: number, bit: number): void {
    const inode = this.lookup(path);
    if (byteIndex >= inode.length) throw new Error(`flipBit: ${path} has ${inode.length} bytes`);
    inode.data[byteIndex] = (inode.data[byteIndex] ?? 0) ^ (1 << bit);
    if (byteIndex < inode.durable.byteLength) {
      const durable = inode.durable.slice();
      durable[byteIndex] = (durable[byteIndex] ?? 0) ^ (1 << bit);
      inode.durable = durable;
    }
  }

  /** The current bytes of a file (a copy), for assertions. */
  snapshot(path: string): Uint8Array {
    return this.lookup(path).content.slice();
  }

  async open(path: string, options: OpenOptions = {}): Promise<FileHandle> {
    const { directory, name } = this.parent(path);
    let inode = directory.entries.get(name);
    if (inode === undefined) {
      if (options.create !== true) throw fileSystemError('ENOENT', `no such file ${path}`);
      inode = new Inode();
      directory.entries.set(name, inode);
    }
    if (options.truncate === true) inode.length = 0;
    return new FaultFileHandle(this, normalize(path), inode, this.generation);
  }

  async readFile(path: string): Promise<Uint8Array> {
    return this.lookup(path).content.slice();
  }

  async exists(path: string): Promise<boolean> {
    const normal = normalize(path);
    if (this.directories.has(normal)) return true;
    const directory = this.directories.get(dirname(normal));
    return directory?.entries.has(basename(normal)) ?? false;
  }

  async readdir(directoryPath: string): Promise<string[]> {
    const normal = normalize(directoryPath);
    const directory = this.directories.get(normal);
    if (directory === undefined) throw fileSystemError('ENOENT', `no such directory ${directoryPath}`);
    const names = [...directory.entries.keys()];
    for (const other of this.directories.keys()) if (other !== normal && dirname(other) === normal) names.push(basename(other));
    return names;
  }

  async mkdir(directoryPath: string): Promise<void> {
    let path = normalize(directoryPath);
    while (!this.directories.has(path)) {
      this.directories.set(path, { entries: new Map(), durable: new Map() });
      if (dirname(path) === path) break;
      path = dirname(path);
    }
  }

  async rename(from: string, to: string): Promise<void> {
    const source = this.parent(from);
    const inode = source.directory.entries.get(source.name);
    if (inode === undefined) throw fileSystemError('ENOENT', `no such file ${from}`);
    const target = this.parent(to);
    source.directory.entries.delete(source.name);
    target.directory.entries.set(target.name, inode);
  }

  async unlink(path: string): Promise<void> {
    const { directory, name } = this.parent(path);
    directory.entries.delete(name);
  }

  async syncDirectory(directoryPath: string): Promise<void> {
    const directory = this.directories.get(normalize(directoryPath));
    if (directory === undefined) throw fileSystemError('ENOENT', `no such directory ${directoryPath}`);
    directory.durable = new Map(directory.entries);
    this.directorySyncCount++;
  }

  /** Called by handles: fails when the handle outlived a crash. */
  get currentGeneration(): number {
    return this.generation;
  }

  checkAlive(handle: FaultFileHandle): void {
    if (handle.generation !== this.generation) throw fileSystemError('EIO', `${handle.path}: handle from before a crash`);
  }

  /** Takes `wanted` bytes from the space budget; returns how many may be written. */
  reserveSpace(wanted: number): number {
    if (this.spaceBudgetBytes === undefined) return wanted;
    const granted = Math.min(wanted, this.spaceBudgetBytes);
    this.spaceBudgetBytes -= granted;
    return granted;
  }

  async waitForSyncGate(): Promise<void> {
    while (this.syncGate !== undefined) await this.syncGate;
  }

  private survivingBytes(inode: Inode, options: CrashOptions): Uint8Array {
    const content = inode.content;
    const durable = inode.durable;
    const extendsDurable = content.byteLength >= durable.byteLength && content.subarray(0, durable.byteLength).every((b, i) => b === durable[i]);
    if (options.tornWrites !== true || !extendsDurable) return durable.slice();
    const keep = this.random.int(durable.byteLength, content.byteLength);
    return content.slice(0, keep);
  }

  private parent(path: string): { directory: Directory; name: string } {
    const normal = normalize(path);
    const directory = this.directories.get(dirname(normal));
    if (directory === undefined) throw fileSystemError('ENOENT', `no such directory ${dirname(normal)}`);
    return { directory, name: basename(normal) };
  }

  private lookup(path: string): Inode {
    const { directory, name } = this.parent(path);
    const inode = directory.entries.get(name);
    if (inode === undefined) throw fileSystemError('ENOENT', `no such file ${path}`);
    return inode;
  }
}

class FaultFileHandle implements FileHandle {
  private closed = false;

  constructor(
    private readonly fileSystem: FaultFileSystem,
    readonly path: string,
    private readonly inode: Inode,
    readonly generation: number,
  ) {}

  get size(): number {
    return this.inode.length;
  }

  async read(position: number, length: number): Promise<Uint8Array> {
    this.check();
    const end = Math.min(this.inode.length, position + length);
    return this.inode.data.slice(Math.min(position, end), end);
  }

  async append(bytes: Uint8Array): Promise<void> {
    this.check();
    const granted = this.fileSystem.reserveSpace(bytes.byteLength);
    this.inode.write(bytes.subarray(0, granted));
    if (granted < bytes.byteLength) throw fileSystemError('ENOSPC', `no space left writing ${this.path}`);
  }

  async sync(): Promise<void> {
    this.check();
    await this.fileSystem.takeSingleSyncHold();
    await this.fileSystem.waitForSyncGate();
    this.check();
    this.inode.durable = this.inode.content.slice();
    this.fileSystem.fileSyncCount++;
  }

  releaseCache(position: number, length: number): void {
    // Advice on a closed handle, or one from before a crash, does nothing (as on a real fd).
    if (this.closed || this.generation !== this.fileSystem.currentGeneration) return;
    // The contract: only bytes already durable are handed back (the kernel would keep dirty pages
    // anyway, but a log asking for that has its offsets wrong).
    if (position < 0 || length < 0 || position + length > this.inode.durable.length) {
      throw new Error(`releaseCache(${position}, ${length}) on ${this.path}: only ${this.inode.durable.length} bytes are durable`);
    }
    this.fileSystem.cacheReleases.push({ path: this.path, position, length });
  }

  async truncate(size: number): Promise<void> {
    this.check();
    if (size > this.inode.length) throw new Error(`truncate: ${this.path} has ${this.inode.length} bytes, asked ${size}`);
    this.inode.length = size;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private check(): void {
    if (this.closed) throw fileSystemError('EBADF', `${this.path}: handle is closed`);
    this.fileSystem.checkAlive(this);
  }
}
