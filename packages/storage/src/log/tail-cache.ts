// The tail of a log's active segment, kept in memory as the appends wrote it. Followers fetch
// and consumers poll the bytes a leader has just appended, usually within milliseconds; serving
// them from the appended buffers skips a file read (a thread-pool round trip and a new buffer)
// and its CRC check (the bytes were validated when appended, in this process), which together
// were a large share of a busy broker's CPU.
//
// A read is served only when the cache covers its first batch; it then follows exactly the file
// read's rules (log-segment.ts read/cutWholeBatches): the batch holding the offset first, always
// whole, then whole batches while the bytes stay within maxBytes, none whose last offset reaches
// maxOffset. The cache holds one segment's contiguous batches: a roll, a truncation, retention
// or close clears it. Memory is bounded per log and across the process (TailCacheBudget): the
// process-wide oldest entries go first.
//
// Entries are also bounded in age (maxAgeMs, 250 ms by default). An entry's bytes are the buffer
// the produce request or the replica fetch answer arrived in; held past two young-generation
// collections it moves to V8's old generation, and V8 counts such ArrayBuffers as external memory
// and starts a full mark-compact each time that grows by 64 MB. At a few MB/s per partition the
// 4 MiB per log lived for seconds, so every broker ran a mark-compact every ~15 s of paced produce
// (--trace-incremental-marking: "Start (external memory pressure)", the V8 heap at 34 of 128 MB),
// about 50 ms of marking on the event loop, all three brokers within the same 200 ms. Those who
// read from the cache do so within milliseconds of the append (a follower's next fetch, a
// caught-up consumer's long poll); a reader later than that reads the file, as a Kafka broker
// reads the page cache.

import { performance } from 'node:perf_hooks';

export interface TailCacheBudgetOptions {
  /** Bytes held by all caches together. */
  readonly maxBytes: number;
  /** How long an entry may stay; 0 = until bytes push it out. Default TAIL_CACHE_MAX_AGE_MS. */
  readonly maxAgeMs?: number;
  /** A monotonic clock in ms (tests give their own). */
  readonly now?: () => number;
}

/** See the file comment: under the interval between two young-generation collections at paced load (~0.6 s here). */
export const TAIL_CACHE_MAX_AGE_MS = 250;

interface Entry {
  readonly baseOffset: number;
  readonly lastOffset: number;
  bytes: Uint8Array | undefined;
  readonly owner: TailCache;
  /** When the budget admitted it (the budget's clock). */
  admittedAtMs: number;
}

/** The process-wide bound: entries in insertion order across every cache, oldest evicted first. */
export class TailCacheBudget {
  private readonly queue: Entry[] = [];
  private head = 0;
  private usedBytes = 0;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  /** Evicts aged entries while any are held (unref'd: it never keeps the process alive). */
  private sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(readonly options: TailCacheBudgetOptions) {
    this.maxAgeMs = options.maxAgeMs ?? TAIL_CACHE_MAX_AGE_MS;
    // Invariant: a negative or non-finite age would evict every entry at once or none ever.
    if (!(this.maxAgeMs >= 0) || !Number.isFinite(this.maxAgeMs)) throw new RangeError(`TailCacheBudget: maxAgeMs must be a finite number >= 0, not ${this.maxAgeMs}`);
    this.now = options.now ?? (() => performance.now());
  }

  get used(): number {
    return this.usedBytes;
  }

  /** Records a new entry and evicts the oldest ones (of any cache) until the total fits and none is too old. */
  admit(entry: Entry): void {
    entry.admittedAtMs = this.now();
    this.queue.push(entry);
    this.usedBytes += entry.bytes?.byteLength ?? 0;
    while (this.usedBytes > this.options.maxBytes && this.head < this.queue.length) this.evictHead();
    this.evictAged();
    if (this.maxAgeMs > 0 && this.sweeper === undefined && this.head < this.queue.length) {
      this.sweeper = setInterval(() => this.evictAged(), Math.max(1, this.maxAgeMs / 2));
      this.sweeper.unref();
    }
  }

  /** Evicts the entries admitted more than maxAgeMs ago (queue order is admission order). */
  private evictAged(): void {
    if (this.maxAgeMs > 0) {
      const cutoff = this.now() - this.maxAgeMs;
      while (this.head < this.queue.length && this.queue[this.head]!.admittedAtMs < cutoff) this.evictHead();
    }
    // Drop the consumed prefix now and then, so the queue does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      if (this.sweeper !== undefined) clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  private evictHead(): void {
    const oldest = this.queue[this.head++]!;
    if (oldest.bytes !== undefined) oldest.owner.evictOldest(oldest);
  }

  /** An entry left its cache (evicted, cleared): its bytes no longer count. */
  released(entry: Entry): void {
    this.usedBytes -= entry.bytes?.byteLength ?? 0;
    entry.bytes = undefined;
  }
}

/** The default budget: 64 MiB for every log of the process. */
export const PROCESS_TAIL_CACHE_BUDGET = new TailCacheBudget({ maxBytes: 64 * 1024 * 1024 });

export interface TailRead {
  bytes: Uint8Array;
  firstOffset: number;
  nextOffset: number;
}

export class TailCache {
  private entries: Entry[] = [];
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly budget: TailCacheBudget = PROCESS_TAIL_CACHE_BUDGET,
  ) {}

  /** The first offset the cache can serve, or undefined when empty. */
  get firstOffset(): number | undefined {
    return this.entries[0]?.baseOffset;
  }

  /** Adds a batch just appended at the log end (contiguous with the last one, or the cache restarts). */
  add(baseOffset: number, lastOffset: number, bytes: Uint8Array): void {
    if (this.maxBytes <= 0) return;
    const last = this.entries[this.entries.length - 1];
    if (last !== undefined && last.lastOffset + 1 !== baseOffset) this.clear();
    if (bytes.byteLength > this.maxBytes) {
      this.clear();
      return;
    }
    const entry: Entry = { baseOffset, lastOffset, bytes, owner: this, admittedAtMs: 0 };
    this.entries.push(entry);
    this.bytes += bytes.byteLength;
    while (this.bytes > this.maxBytes) this.dropFirst();
    this.budget.admit(entry);
  }

  /**
   * The batches from the one holding `offset`, as a file read would return them, or undefined
   * when the cache does not hold that batch. `offset` is below `maxOffset` and the log end.
   */
  read(offset: number, maxBytes: number, maxOffset: number): TailRead | undefined {
    const start = this.indexOf(offset);
    if (start === undefined) return undefined;
    const first = this.entries[start]!;
    if (first.lastOffset >= maxOffset) return { bytes: new Uint8Array(0), firstOffset: first.baseOffset, nextOffset: first.baseOffset };
    const parts: Uint8Array[] = [];
    let total = 0;
    let next = first.baseOffset;
    for (let i = start; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      const bytes = entry.bytes!;
      if (parts.length > 0 && (total + bytes.byteLength > maxBytes || entry.lastOffset >= maxOffset)) break;
      parts.push(bytes);
      total += bytes.byteLength;
      next = entry.lastOffset + 1;
    }
    return { bytes: parts.length === 1 ? parts[0]! : concat(parts, total), firstOffset: first.baseOffset, nextOffset: next };
  }

  clear(): void {
    for (const entry of this.entries) this.budget.released(entry);
    this.entries = [];
    this.bytes = 0;
  }

  /**
   * The budget evicts `entry`, the process-wide oldest: normally this cache's first. Were it not,
   * the entries before it go too, so what stays is still one contiguous run of batches.
   */
  evictOldest(entry: Entry): void {
    const index = this.entries.indexOf(entry);
    for (let i = 0; i <= index; i++) this.dropFirst();
  }

  private dropFirst(): void {
    const entry = this.entries.shift();
    if (entry === undefined) return;
    this.bytes -= entry.bytes?.byteLength ?? 0;
    this.budget.released(entry);
  }

  /** The index of the entry holding `offset` (binary search), or undefined. */
  private indexOf(offset: number): number | undefined {
    let low = 0;
    let high = this.entries.length - 1;
    if (high < 0 || offset < this.entries[0]!.baseOffset || offset > this.entries[high]!.lastOffset) return undefined;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const entry = this.entries[middle]!;
      if (offset < entry.baseOffset) high = middle - 1;
      else if (offset > entry.lastOffset) low = middle + 1;
      else return middle;
    }
    return undefined;
  }
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const joined = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.byteLength;
  }
  return joined;
}
