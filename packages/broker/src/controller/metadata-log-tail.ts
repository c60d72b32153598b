// The committed metadata-log batches FetchMetadata serves, kept in memory from the image of the
// previous snapshot on (KIP-630: an observer further behind than the log start gets a snapshot
// and the batches after it). When the Raft driver takes a snapshot, the batches before the
// previous one are dropped, so memory holds about two snapshot intervals. Long polls wait here
// for the next applied batch.
import { encodeSnapshot } from '@brook/controller';
import type { MetadataImage } from '@brook/controller';
import { ChangeSignal } from './change-signal.js';

export interface CommittedBatch {
  readonly offset: number;
  readonly records: Uint8Array;
}

export interface TailRead {
  /** Present when `after` is older than the retained batches: replace the image with it first. */
  readonly snapshot: { readonly offset: number; readonly image: Uint8Array } | undefined;
  readonly batches: readonly CommittedBatch[];
}

export class MetadataLogTail {
  /** The image the retained batches continue; its offset is the log start for FetchMetadata. */
  private base: MetadataImage;
  private baseEncoded: Uint8Array | undefined;
  /** The image of the latest snapshot: the next base when the one after it is taken. */
  private latestSnapshot: MetadataImage;
  private batches: CommittedBatch[] = [];
  private readonly changed = new ChangeSignal();

  constructor(image: MetadataImage) {
    this.base = image;
    this.latestSnapshot = image;
  }

  get startOffset(): number {
    return this.base.offset;
  }

  get retainedBatches(): number {
    return this.batches.length;
  }

  /** A committed batch was applied. */
  append(offset: number, records: Uint8Array): void {
    this.batches.push({ offset, records });
    this.wakeAll();
  }

  /** The driver snapshotted `image`: keep the batches since the previous snapshot, drop older ones. */
  snapshotTaken(image: MetadataImage): void {
    this.rebase(this.latestSnapshot);
    this.latestSnapshot = image;
  }

  /** The state was replaced by a snapshot (at start, or one from the leader): nothing before it is kept. */
  restored(image: MetadataImage): void {
    this.latestSnapshot = image;
    this.batches = [];
    this.base = image;
    this.baseEncoded = undefined;
    this.wakeAll();
  }

  /** Batches after `after`, at most about `maxBytes` of them (at least one), behind a snapshot if needed. */
  read(after: number, maxBytes: number): TailRead {
    if (after < this.base.offset) {
      this.baseEncoded ??= encodeSnapshot(this.base);
      const snapshot = { offset: this.base.offset, image: this.baseEncoded };
      return { snapshot, batches: this.take(this.base.offset, maxBytes - snapshot.image.length) };
    }
    return { snapshot: undefined, batches: this.take(after, maxBytes) };
  }

  /** Resolves when a batch is appended, the state is restored, `wakeAll()` is called, or after `ms`. */
  waitForChange(ms: number): Promise<void> {
    return this.changed.wait(ms);
  }

  /** Answers every long poll now (leadership lost, or closing). */
  wakeAll(): void {
    this.changed.notifyAll();
  }

  private take(after: number, maxBytes: number): CommittedBatch[] {
    const first = this.firstAfter(after);
    const out: CommittedBatch[] = [];
    let bytes = 0;
    for (let i = first; i < this.batches.length; i++) {
      const batch = this.batches[i]!;
      if (out.length > 0 && bytes + batch.records.length > maxBytes) break;
      out.push(batch);
      bytes += batch.records.length;
    }
    return out;
  }

  /** The position of the first retained batch with offset > after (binary search: offsets rise). */
  private firstAfter(after: number): number {
    let lo = 0;
    let hi = this.batches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.batches[mid]!.offset <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private rebase(image: MetadataImage): void {
    if (image.offset <= this.base.offset) return;
    this.batches = this.batches.slice(this.firstAfter(image.offset));
    this.base = image;
    this.baseEncoded = undefined;
  }
}
