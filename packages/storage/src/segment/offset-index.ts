// The sparse offset index of one segment (FORMAT.md section 3; Kafka's OffsetIndex.java): entries
// map an offset, relative to the segment's base, to the file position of the batch that starts
// there. Lookup finds the greatest entry <= the target; the reader then scans forward from it.
//
// Unlike Kafka, whose entry names a batch's last offset, an entry here names the batch's base
// offset: the reader can then check that the batch found at an entry's position really starts
// at that offset, which catches a stale index before it serves the wrong bytes.
//
// The index lives in memory (Node has no mmap); it is written whole to its file when the segment
// is sealed or the log closes cleanly, and rebuilt from the log when in doubt.

/** Bytes per entry: relative offset int32 + position int32, big-endian (FORMAT.md section 3). */
export const OFFSET_INDEX_ENTRY_BYTES = 8;

export interface OffsetPosition {
  offset: number;
  position: number;
}

export class OffsetIndex {
  private relativeOffsets: number[] = [];
  private positions: number[] = [];

  constructor(readonly baseOffset: number) {}

  get entryCount(): number {
    return this.positions.length;
  }

  lastEntry(): OffsetPosition | undefined {
    const last = this.positions.length - 1;
    if (last < 0) return undefined;
    return { offset: this.baseOffset + (this.relativeOffsets[last] ?? 0), position: this.positions[last] ?? 0 };
  }

  append(offset: number, position: number): void {
    const last = this.lastEntry();
    // Invariant: entries grow strictly in both offset and position.
    if (last !== undefined && (offset <= last.offset || position <= last.position)) {
      throw new Error(`OffsetIndex: entry (${offset}, ${position}) does not follow (${last.offset}, ${last.position})`);
    }
    if (offset < this.baseOffset || offset - this.baseOffset > 0x7fffffff) throw new Error(`OffsetIndex: offset ${offset} outside the segment of base ${this.baseOffset}`);
    this.relativeOffsets.push(offset - this.baseOffset);
    this.positions.push(position);
  }

  /** The greatest entry whose offset is <= `target`, or the segment's start. */
  lookup(target: number): OffsetPosition {
    const relative = target - this.baseOffset;
    let low = 0;
    let high = this.relativeOffsets.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if ((this.relativeOffsets[middle] ?? 0) <= relative) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (found < 0) return { offset: this.baseOffset, position: 0 };
    return { offset: this.baseOffset + (this.relativeOffsets[found] ?? 0), position: this.positions[found] ?? 0 };
  }

  /** Drops every entry for an offset >= `offset` (the log was cut there). */
  truncateTo(offset: number): void {
    let keep = this.relativeOffsets.length;
    while (keep > 0 && this.baseOffset + (this.relativeOffsets[keep - 1] ?? 0) >= offset) keep--;
    this.relativeOffsets.length = keep;
    this.positions.length = keep;
  }

  toBytes(): Uint8Array {
    const bytes = new Uint8Array(this.positions.length * OFFSET_INDEX_ENTRY_BYTES);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < this.positions.length; i++) {
      view.setInt32(i * OFFSET_INDEX_ENTRY_BYTES, this.relativeOffsets[i] ?? 0);
      view.setInt32(i * OFFSET_INDEX_ENTRY_BYTES + 4, this.positions[i] ?? 0);
    }
    return bytes;
  }

  /**
   * Reads an index file, or explains why it cannot be trusted (the sanity check of Kafka's
   * OffsetIndex.sanityCheck, plus: entries strictly increasing and inside the log file).
   */
  static fromBytes(baseOffset: number, bytes: Uint8Array, logSizeBytes: number): OffsetIndex | string {
    if (bytes.byteLength % OFFSET_INDEX_ENTRY_BYTES !== 0) return `index size ${bytes.byteLength} is not a multiple of ${OFFSET_INDEX_ENTRY_BYTES}`;
    const index = new OffsetIndex(baseOffset);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 0; at < bytes.byteLength; at += OFFSET_INDEX_ENTRY_BYTES) {
      const relative = view.getInt32(at);
      const position = view.getInt32(at + 4);
      const last = index.lastEntry();
      if (relative < 0 || position < 0 || position >= logSizeBytes) return `index entry (${relative}, ${position}) is outside the log`;
      if (last !== undefined && (baseOffset + relative <= last.offset || position <= last.position)) return `index entries are not increasing at byte ${at}`;
      index.relativeOffsets.push(relative);
      index.positions.push(position);
    }
    return index;
  }
}
