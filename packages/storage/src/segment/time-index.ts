// The sparse time index of one segment (FORMAT.md section 4; Kafka's TimeIndex.java): entries
// (timestamp, relative offset) whose timestamps strictly increase. An entry says "the batch at
// this offset is the first whose maxTimestamp reached this value". Looking up a time finds the
// greatest entry whose timestamp is below it: every batch before that entry's offset has a
// smaller maxTimestamp, so the scan for the first batch with maxTimestamp >= target starts there.

/** Bytes per entry: timestamp int64 + relative offset int32, big-endian (FORMAT.md section 4). */
export const TIME_INDEX_ENTRY_BYTES = 12;

export interface TimestampOffset {
  timestamp: number;
  offset: number;
}

export class TimeIndex {
  private timestamps: number[] = [];
  private relativeOffsets: number[] = [];

  constructor(readonly baseOffset: number) {}

  get entryCount(): number {
    return this.timestamps.length;
  }

  lastEntry(): TimestampOffset | undefined {
    const last = this.timestamps.length - 1;
    if (last < 0) return undefined;
    return { timestamp: this.timestamps[last] ?? 0, offset: this.baseOffset + (this.relativeOffsets[last] ?? 0) };
  }

  /** Appends an entry if its timestamp is past the last one (the index stays monotonic). */
  maybeAppend(timestamp: number, offset: number): void {
    const last = this.lastEntry();
    if (last !== undefined && timestamp <= last.timestamp) return;
    // Invariant: offsets never go back; a larger timestamp always belongs to a later batch.
    if (last !== undefined && offset < last.offset) throw new Error(`TimeIndex: offset ${offset} is before ${last.offset}`);
    this.timestamps.push(timestamp);
    this.relativeOffsets.push(offset - this.baseOffset);
  }

  /** The offset to start scanning from for the first batch with maxTimestamp >= `target`. */
  lookup(target: number): number {
    let low = 0;
    let high = this.timestamps.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if ((this.timestamps[middle] ?? 0) < target) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found < 0 ? this.baseOffset : this.baseOffset + (this.relativeOffsets[found] ?? 0);
  }

  /** Drops every entry for an offset >= `offset`. */
  truncateTo(offset: number): void {
    let keep = this.relativeOffsets.length;
    while (keep > 0 && this.baseOffset + (this.relativeOffsets[keep - 1] ?? 0) >= offset) keep--;
    this.relativeOffsets.length = keep;
    this.timestamps.length = keep;
  }

  toBytes(): Uint8Array {
    const bytes = new Uint8Array(this.timestamps.length * TIME_INDEX_ENTRY_BYTES);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < this.timestamps.length; i++) {
      view.setBigInt64(i * TIME_INDEX_ENTRY_BYTES, BigInt(this.timestamps[i] ?? 0));
      view.setInt32(i * TIME_INDEX_ENTRY_BYTES + 8, this.relativeOffsets[i] ?? 0);
    }
    return bytes;
  }

  /** Reads a time index file, or explains why it cannot be trusted. */
  static fromBytes(baseOffset: number, bytes: Uint8Array, nextOffset: number): TimeIndex | string {
    if (bytes.byteLength % TIME_INDEX_ENTRY_BYTES !== 0) return `time index size ${bytes.byteLength} is not a multiple of ${TIME_INDEX_ENTRY_BYTES}`;
    const index = new TimeIndex(baseOffset);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 0; at < bytes.byteLength; at += TIME_INDEX_ENTRY_BYTES) {
      const timestamp = Number(view.getBigInt64(at));
      const relative = view.getInt32(at + 8);
      const last = index.lastEntry();
      if (relative < 0 || baseOffset + relative >= nextOffset) return `time index entry offset ${baseOffset + relative} is outside the segment`;
      if (last !== undefined && (timestamp <= last.timestamp || baseOffset + relative < last.offset)) return `time index entries are not increasing at byte ${at}`;
      index.timestamps.push(timestamp);
      index.relativeOffsets.push(relative);
    }
    return index;
  }
}
