// Rebuilds a partition's idempotent-producer state from the batch headers in its log
// (PROTOCOL-NOTES.md section 7): every replica does it when the partition opens and after a
// truncation that forgot producers, so a new leader deduplicates retries of batches its
// predecessor wrote. Only headers are read; records are never decoded.
import type { SegmentedLog } from '@brook/storage';
import { forEachBatch, type RecordBatchHeader } from '@brook/record-batch';
import { BROKER_PRODUCER_STATE_OPTIONS, ProducerStateManager } from '../replication/producer-state.js';
import type { ProducerSnapshot } from '../replication/producer-snapshot.js';
import type { ProducerSnapshots } from './partition-types.js';

/** Bytes read per step: large enough for a few batches, small enough to stay cheap in memory. */
const REBUILD_READ_BYTES = 1 << 20;

/** Calls `visit` with every batch header from `fromOffset` to the log end, in offset order. */
export async function forEachLoggedBatch(log: SegmentedLog, fromOffset: number, visit: (header: RecordBatchHeader) => void): Promise<void> {
  let offset = Math.max(fromOffset, log.logStartOffset);
  while (offset < log.logEndOffset) {
    const read = await log.read(offset, REBUILD_READ_BYTES);
    let next = offset;
    forEachBatch(read.bytes, (batch) => {
      const lastOffset = Number(batch.header.baseOffset) + batch.header.lastOffsetDelta;
      if (lastOffset >= offset) visit(batch.header);
      next = Math.max(next, lastOffset + 1);
    });
    // An empty read below the log end would loop forever; the log promises at least one batch.
    if (next === offset) break;
    offset = next;
  }
}

/**
 * A ProducerStateManager holding every idempotent batch of the log (the last five per producer):
 * from `snapshot` (the newest one of a roll or a clean close, producer-snapshot-files.ts) plus the
 * batches after it, or from every batch of the log. A snapshot outside the log's range is ignored.
 */
export async function loadProducerState(log: SegmentedLog, snapshot?: ProducerSnapshot): Promise<ProducerStateManager> {
  const usable = snapshot !== undefined && snapshot.endOffset >= log.logStartOffset && snapshot.endOffset <= log.logEndOffset ? snapshot : undefined;
  const from = usable?.endOffset ?? log.logStartOffset;
  const state = new ProducerStateManager(BROKER_PRODUCER_STATE_OPTIONS, usable?.producers ?? [], from);
  await forEachLoggedBatch(log, from, (header) => state.update(header, Number(header.baseOffset)));
  return state;
}

/**
 * Truncates the log at `offset` (a follower's divergence, KIP-279) and the producer state with it,
 * deleting the snapshots past `offset` first (so none ever describes batches that are gone).
 * Producers left without a batch may still have older ones below the cut: the state is then
 * restored from the newest snapshot at or below the cut plus the log after it (Kafka's
 * truncateAndReload), or rebuilt from the whole log without one, so it stays exactly what the
 * log says.
 */
export async function truncateLogAndProducers(log: SegmentedLog, producers: ProducerStateManager, offset: number, snapshots?: ProducerSnapshots): Promise<void> {
  await snapshots?.deleteAfter(offset);
  await log.truncateTo(offset);
  // An offset inside a batch cuts the whole batch (the end lands below `offset`).
  if (log.logEndOffset < offset) await snapshots?.deleteAfter(log.logEndOffset);
  const truncation = producers.truncateTo(log.logEndOffset);
  if (truncation.forgottenProducerIds.length === 0) return;
  const snapshot = await snapshots?.latest(log.logStartOffset, log.logEndOffset);
  if (snapshot === undefined) producers.restore([], log.logStartOffset);
  else producers.restore(snapshot.producers, snapshot.endOffset);
  await forEachLoggedBatch(log, producers.endOffset, (header) => producers.update(header, Number(header.baseOffset)));
}
