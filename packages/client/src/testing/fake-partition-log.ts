// One partition's log held in memory by the fake cluster: stamped RecordBatch v2 batches, the
// next offset, and waiters for long-polling fetches. Every offset is committed at once (the fake
// has no replication), so the high watermark is the log end offset.
import { FakeProducerState } from './fake-producer-state.js';
import { decodeRecordBatch, readBatchHeader, recordOffset, recordTimestamp, stampBatch, validateBatch } from '@brook/record-batch';

interface StoredBatch {
  readonly baseOffset: bigint;
  readonly lastOffset: bigint;
  readonly maxTimestamp: bigint;
  readonly bytes: Buffer;
}

export interface FakeRecord {
  readonly offset: bigint;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: ReadonlyArray<{ key: string; value: Buffer | null }>;
  readonly timestamp: bigint;
}

export class FakePartitionLog {
  private readonly batches: StoredBatch[] = [];
  private readonly waiters = new Set<() => void>();
  logStartOffset = 0n;
  highWatermark = 0n;

  /** The in-sync replicas; starts as every replica. */
  isr: number[];

  constructor(
    public leaderId: number,
    public leaderEpoch = 0,
    /** The assigned replicas, the preferred leader first. */
    public replicas: number[] = [leaderId],
  ) {
    this.isr = [...replicas];
  }

  /** Idempotence: the producers' sequences and last batches, as a real leader keeps them. */
  readonly producers = new FakeProducerState();

  /**
   * Checks the batch (length, magic, CRC: throws a RecordBatchError; producer sequence: throws a
   * BrookError), stamps it and appends it. A duplicate is not appended: its original base offset
   * comes back.
   */
  append(records: Buffer): bigint {
    const header = validateBatch(records);
    const verdict = this.producers.check(header);
    if (verdict.kind === 'duplicate') return verdict.baseOffset;
    const bytes = Buffer.from(records);
    const baseOffset = this.highWatermark;
    stampBatch(bytes, 0, baseOffset, this.leaderEpoch);
    const lastOffset = baseOffset + BigInt(header.lastOffsetDelta);
    this.batches.push({ baseOffset, lastOffset, maxTimestamp: header.maxTimestamp, bytes });
    this.highWatermark = lastOffset + 1n;
    this.producers.appended(header, baseOffset);
    for (const wake of this.waiters) wake();
    this.waiters.clear();
    return baseOffset;
  }

  /** Whole batches holding offsets >= fetchOffset, at least one, then up to maxBytes. */
  read(fetchOffset: bigint, maxBytes: number): Buffer {
    const chosen: Buffer[] = [];
    let size = 0;
    for (const batch of this.batches) {
      if (batch.lastOffset < fetchOffset) continue;
      if (chosen.length > 0 && size + batch.bytes.byteLength > maxBytes) break;
      chosen.push(batch.bytes);
      size += batch.bytes.byteLength;
    }
    return Buffer.concat(chosen);
  }

  /** Resolves on the next append, or after `ms`. */
  waitForAppend(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** The first offset whose record timestamp is >= timestamp, with that timestamp; -1n when none. */
  offsetForTimestamp(timestamp: bigint): { offset: bigint; timestamp: bigint } {
    for (const record of this.records()) {
      if (record.offset >= this.logStartOffset && record.timestamp >= timestamp) return { offset: record.offset, timestamp: record.timestamp };
    }
    return { offset: -1n, timestamp: -1n };
  }

  /** Every record in the log, decoded (for test assertions). */
  records(): FakeRecord[] {
    const out: FakeRecord[] = [];
    for (const batch of this.batches) {
      const { header, records } = decodeRecordBatch(batch.bytes);
      for (const record of records) {
        out.push({
          offset: recordOffset(header, record),
          key: record.key === null ? null : Buffer.from(record.key),
          value: record.value === null ? null : Buffer.from(record.value),
          headers: record.headers.map((h) => ({ key: h.key, value: h.value === null ? null : Buffer.from(h.value) })),
          timestamp: recordTimestamp(header, record),
        });
      }
    }
    return out;
  }

  /** Drops whole batches below `offset` (retention), moving the log start offset. */
  truncateBefore(offset: bigint): void {
    while (this.batches.length > 0 && this.batches[0]!.lastOffset < offset) this.batches.shift();
    this.logStartOffset = this.batches[0]?.baseOffset ?? this.highWatermark;
  }

  /** Bytes stored, for size assertions. */
  get sizeBytes(): number {
    return this.batches.reduce((sum, b) => sum + b.bytes.byteLength, 0);
  }

  /** The header of the batch at `index`, for assertions about how records were batched. */
  batchHeader(index: number): ReturnType<typeof readBatchHeader> | undefined {
    const batch = this.batches[index];
    return batch === undefined ? undefined : readBatchHeader(batch.bytes);
  }

  get batchCount(): number {
    return this.batches.length;
  }
}

