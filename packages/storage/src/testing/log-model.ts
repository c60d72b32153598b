// A simple in-memory model of a partition log for the randomized SegmentedLog test: the batches
// (exact bytes, as stamped), the log start and end offsets, and checks that the real log agrees
// with it: what a read returns, what the whole log holds, which epoch every batch maps to.
import { readBatchHeader, LOG_OVERHEAD_BYTES } from '@brook/record-batch';
import type { SegmentedLog } from '../log/segmented-log.js';

export interface ModelBatch {
  baseOffset: number;
  lastOffset: number;
  bytes: Uint8Array;
  epoch: number;
  maxTimestamp: number;
}

export class LogModel {
  batches: ModelBatch[] = [];
  logStartOffset: number;
  logEndOffset: number;

  constructor(startOffset = 0) {
    this.logStartOffset = startOffset;
    this.logEndOffset = startOffset;
  }

  clone(): LogModel {
    const copy = new LogModel(this.logStartOffset);
    copy.batches = [...this.batches];
    copy.logEndOffset = this.logEndOffset;
    return copy;
  }

  /** Records a batch the log accepted, with its bytes as stored (a copy). */
  append(bytes: Uint8Array): ModelBatch {
    const header = readBatchHeader(bytes, 0);
    const batch = {
      baseOffset: Number(header.baseOffset),
      lastOffset: Number(header.baseOffset) + header.lastOffsetDelta,
      bytes: bytes.slice(),
      epoch: header.partitionLeaderEpoch,
      maxTimestamp: Number(header.maxTimestamp),
    };
    if (batch.baseOffset !== this.logEndOffset) throw new Error(`model: batch at ${batch.baseOffset}, log ends at ${this.logEndOffset}`);
    this.batches.push(batch);
    this.logEndOffset = batch.lastOffset + 1;
    return batch;
  }

  batchIndexContaining(offset: number): number {
    return this.batches.findIndex((batch) => batch.lastOffset >= offset);
  }

  /** The log keeps everything before the batch holding `offset` (truncateTo). */
  truncateTo(offset: number): void {
    if (offset >= this.logEndOffset) return;
    if (offset < this.logStartOffset) return this.restartAt(offset);
    const index = this.batchIndexContaining(offset);
    this.cutAt(this.batches[index]?.baseOffset ?? this.logEndOffset);
  }

  /**
   * The log now ends at `logEndOffset` (crash recovery, truncation), which must not cut a batch in
   * two. Below the first batch the model still holds (records deleted before a start offset), any
   * end is a boundary: the log is then empty there.
   */
  cutAt(logEndOffset: number): void {
    const straddled = this.batches.some((batch) => batch.baseOffset < logEndOffset && logEndOffset <= batch.lastOffset);
    if (straddled || logEndOffset > this.logEndOffset) throw new Error(`model: ${logEndOffset} is not a batch boundary of a log ending at ${this.logEndOffset}`);
    this.batches = this.batches.filter((batch) => batch.baseOffset < logEndOffset);
    this.logEndOffset = logEndOffset;
    this.logStartOffset = Math.min(this.logStartOffset, logEndOffset);
  }

  restartAt(offset: number): void {
    this.batches = [];
    this.logStartOffset = offset;
    this.logEndOffset = offset;
  }

  moveStartOffset(offset: number): void {
    this.logStartOffset = Math.max(this.logStartOffset, offset);
    this.batches = this.batches.filter((batch) => batch.lastOffset >= this.logStartOffset);
  }

  /** Kafka ListOffsets by time: the first readable batch whose maxTimestamp reaches `timestamp`. */
  offsetForTimestamp(timestamp: number): { offset: number; timestamp: number } | undefined {
    const batch = this.batches.find((b) => b.lastOffset >= this.logStartOffset && b.maxTimestamp >= timestamp);
    return batch === undefined ? undefined : { offset: Math.max(batch.baseOffset, this.logStartOffset), timestamp: batch.maxTimestamp };
  }
}

/** Splits read bytes into whole batches, failing on anything that is not one. */
export function splitBatches(bytes: Uint8Array): Uint8Array[] {
  const batches: Uint8Array[] = [];
  for (let at = 0; at < bytes.byteLength; ) {
    const size = LOG_OVERHEAD_BYTES + readBatchHeader(bytes, at).batchLength;
    if (at + size > bytes.byteLength) throw new Error(`read returned a partial batch at ${at}`);
    batches.push(bytes.subarray(at, at + size));
    at += size;
  }
  return batches;
}

/**
 * Checks one read against the model: whole batches, starting with the one holding `from`,
 * identical bytes, consecutive, within maxBytes unless it is the first, below maxOffset.
 */
export function checkRead(model: LogModel, from: number, maxBytes: number, maxOffset: number, bytes: Uint8Array): void {
  const got = splitBatches(bytes);
  const first = model.batchIndexContaining(from);
  if (from >= maxOffset || first < 0) {
    if (got.length !== 0) throw new Error(`read(${from}) returned ${got.length} batches, expected none`);
    return;
  }
  let total = 0;
  got.forEach((batch, i) => {
    const expected = model.batches[first + i];
    if (expected === undefined || !Buffer.from(batch).equals(expected.bytes)) throw new Error(`read(${from}) batch ${i} differs from the model`);
    if (expected.lastOffset >= maxOffset) throw new Error(`read(${from}) returned offset ${expected.lastOffset} past maxOffset ${maxOffset}`);
    total += batch.byteLength;
    if (i > 0 && total > maxBytes) throw new Error(`read(${from}) returned ${total} bytes, more than ${maxBytes}`);
  });
  const firstExpected = model.batches[first];
  if (got.length === 0 && firstExpected !== undefined && firstExpected.lastOffset < maxOffset) throw new Error(`read(${from}) returned nothing`);
}

/** Reads the whole log and compares it with the model batch by batch. */
export async function checkWholeLog(log: SegmentedLog, model: LogModel): Promise<void> {
  if (log.logStartOffset !== model.logStartOffset || log.logEndOffset !== model.logEndOffset) {
    throw new Error(`log spans [${log.logStartOffset}, ${log.logEndOffset}), model [${model.logStartOffset}, ${model.logEndOffset})`);
  }
  let offset = model.logStartOffset;
  while (offset < model.logEndOffset) {
    const read = await log.read(offset, 4096);
    checkRead(model, offset, 4096, model.logEndOffset, read.bytes);
    if (read.nextOffset <= offset) throw new Error(`read(${offset}) made no progress`);
    offset = read.nextOffset;
  }
}

/** Every readable batch maps, through the leader-epoch cache, to the epoch stamped in it. */
export function checkEpochs(log: SegmentedLog, model: LogModel): void {
  const cache = log.leaderEpochCache;
  const entries = cache.entries();
  for (let i = 1; i < entries.length; i++) {
    const [previous, entry] = [entries[i - 1], entries[i]];
    if (previous === undefined || entry === undefined || entry.epoch <= previous.epoch || entry.startOffset < previous.startOffset) {
      throw new Error(`leader-epoch cache is not increasing: ${JSON.stringify(entries)}`);
    }
  }
  for (const batch of model.batches) {
    if (batch.baseOffset < model.logStartOffset || batch.epoch < 0) continue;
    const epoch = cache.epochForOffset(batch.baseOffset);
    if (epoch !== batch.epoch) throw new Error(`offset ${batch.baseOffset} has epoch ${batch.epoch} but the cache says ${epoch}: ${JSON.stringify(entries)}`);
  }
}
