// The producer-state snapshot: the bytes of a `<endOffset>.snapshot` file that lets a replica
// restore ProducerStateManager without scanning the whole log (Kafka writes one at every segment
// roll and on clean shutdown; ProducerStateManager.writeSnapshot). Restoring is
// decode + rebuildFrom(the log from endOffset on), which equals a rebuild from the whole log
// (producer-snapshot.test.ts checks it as a property).
//
// Unlike Kafka, which keeps only each producer's last batch in a snapshot, every retained batch
// (up to five) is written, so a restored replica deduplicates exactly what a rebuilt one does.
// Writing the file (atomically, beside the segments) is the broker's business; a snapshot that
// fails to decode is deleted and the state rebuilt from the log, as Kafka does.
//
// Layout (all integers big-endian):
//   version        int16   = 1
//   crc            uint32  CRC-32C of every byte after this field
//   endOffset      int64   the state covers every batch below this offset
//   producerCount  int32
//   producerCount times, by ascending producer id:
//     producerId     int64
//     producerEpoch  int16
//     batchCount     int8    1 to 5, oldest first
//     batchCount times:
//       firstSequence int32, lastSequence int32, firstOffset int64, lastOffset int64, timestampMs int64
import { crc32c } from '@brook/record-batch';
import { RETAINED_BATCHES_PER_PRODUCER, lastSequenceOf } from './producer-sequence.js';
import type { ProducerBatchMetadata, ProducerEntry } from './producer-state.js';

export const PRODUCER_SNAPSHOT_VERSION = 1;
const HEADER_BYTES = 2 + 4 + 8 + 4;
const PRODUCER_BYTES = 8 + 2 + 1;
const BATCH_BYTES = 4 + 4 + 8 + 8 + 8;
const CRC_START = 6;

export interface ProducerSnapshot {
  endOffset: number;
  producers: ProducerEntry[];
}

/** A snapshot that cannot be trusted: the caller deletes it and rebuilds from the log. */
export class ProducerSnapshotError extends Error {
  override readonly name = 'ProducerSnapshotError';
}

export function encodeProducerSnapshot(snapshot: ProducerSnapshot): Uint8Array {
  const size = HEADER_BYTES + snapshot.producers.reduce((sum, entry) => sum + PRODUCER_BYTES + entry.batches.length * BATCH_BYTES, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setInt16(0, PRODUCER_SNAPSHOT_VERSION);
  view.setBigInt64(6, BigInt(snapshot.endOffset));
  view.setInt32(14, snapshot.producers.length);
  let position = HEADER_BYTES;
  for (const entry of snapshot.producers) {
    view.setBigInt64(position, entry.producerId);
    view.setInt16(position + 8, entry.producerEpoch);
    view.setInt8(position + 10, entry.batches.length);
    position += PRODUCER_BYTES;
    for (const batch of entry.batches) {
      view.setInt32(position, batch.firstSequence);
      view.setInt32(position + 4, batch.lastSequence);
      view.setBigInt64(position + 8, BigInt(batch.firstOffset));
      view.setBigInt64(position + 16, BigInt(batch.lastOffset));
      view.setBigInt64(position + 24, BigInt(batch.timestampMs));
      position += BATCH_BYTES;
    }
  }
  view.setUint32(2, crc32c(bytes.subarray(CRC_START)));
  return bytes;
}

/** Decodes a snapshot, checking its CRC and every invariant; throws ProducerSnapshotError otherwise. */
export function decodeProducerSnapshot(bytes: Uint8Array): ProducerSnapshot {
  if (bytes.byteLength < HEADER_BYTES) fail(`${bytes.byteLength} bytes is shorter than the ${HEADER_BYTES}-byte header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getInt16(0);
  if (version !== PRODUCER_SNAPSHOT_VERSION) fail(`version ${version}, expected ${PRODUCER_SNAPSHOT_VERSION}`);
  const crc = crc32c(bytes.subarray(CRC_START));
  if (crc !== view.getUint32(2)) fail(`CRC is 0x${view.getUint32(2).toString(16)}, computed 0x${crc.toString(16)}`);
  const endOffset = readOffset(view, 6, 'endOffset');
  const count = view.getInt32(14);
  // Checked before anything is allocated: every producer takes at least one batch's bytes.
  if (count < 0 || count > (bytes.byteLength - HEADER_BYTES) / (PRODUCER_BYTES + BATCH_BYTES)) fail(`producer count ${count} does not fit`);
  const producers: ProducerEntry[] = [];
  let position = HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    const entry = readProducer(view, position, endOffset);
    const previous = producers[producers.length - 1];
    if (previous !== undefined && previous.producerId >= entry.producerId) fail(`producer ids are not ascending at producer ${entry.producerId}`);
    producers.push(entry);
    position += PRODUCER_BYTES + entry.batches.length * BATCH_BYTES;
  }
  if (position !== bytes.byteLength) fail(`${bytes.byteLength - position} trailing bytes`);
  return { endOffset, producers };
}

function readProducer(view: DataView, position: number, endOffset: number): ProducerEntry {
  if (position + PRODUCER_BYTES > view.byteLength) fail('truncated producer entry');
  const producerId = view.getBigInt64(position);
  const producerEpoch = view.getInt16(position + 8);
  const batchCount = view.getInt8(position + 10);
  if (producerId < 0n) fail(`producer id ${producerId} is negative`);
  if (producerEpoch < 0) fail(`producer ${producerId} has epoch ${producerEpoch}`);
  if (batchCount < 1 || batchCount > RETAINED_BATCHES_PER_PRODUCER) fail(`producer ${producerId} has ${batchCount} batches`);
  const batchesStart = position + PRODUCER_BYTES;
  if (batchesStart + batchCount * BATCH_BYTES > view.byteLength) fail(`producer ${producerId}: truncated batches`);
  const batches: ProducerBatchMetadata[] = [];
  for (let i = 0; i < batchCount; i++) {
    const batch = readBatch(view, batchesStart + i * BATCH_BYTES);
    const previous = batches[batches.length - 1];
    if (previous !== undefined && previous.lastOffset >= batch.firstOffset) fail(`producer ${producerId}: batches overlap or are out of order`);
    if (batch.lastOffset >= endOffset) fail(`producer ${producerId}: batch ends at ${batch.lastOffset}, past the snapshot end ${endOffset}`);
    batches.push(batch);
  }
  return { producerId, producerEpoch, batches };
}

function readBatch(view: DataView, position: number): ProducerBatchMetadata {
  const firstSequence = view.getInt32(position);
  const lastSequence = view.getInt32(position + 4);
  const firstOffset = readOffset(view, position + 8, 'firstOffset');
  const lastOffset = readOffset(view, position + 16, 'lastOffset');
  const timestamp = view.getBigInt64(position + 24);
  if (firstOffset > lastOffset) fail(`batch offsets ${firstOffset}..${lastOffset} are reversed`);
  // A batch holds one sequence per offset (lastOffsetDelta counts both), wrapping past int32 max.
  if (firstSequence < 0 || lastOffset - firstOffset > 0x7fff_ffff || lastSequence !== lastSequenceOf(firstSequence, lastOffset - firstOffset)) {
    fail(`sequence range ${firstSequence}..${lastSequence} does not match offsets ${firstOffset}..${lastOffset}`);
  }
  if (timestamp < BigInt(Number.MIN_SAFE_INTEGER) || timestamp > BigInt(Number.MAX_SAFE_INTEGER)) fail(`timestamp ${timestamp} is out of range`);
  return { firstSequence, lastSequence, firstOffset, lastOffset, timestampMs: Number(timestamp) };
}

/** An int64 offset that must be a non-negative safe integer (Brook's offsets are numbers). */
function readOffset(view: DataView, position: number, name: string): number {
  const value = view.getBigInt64(position);
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) fail(`${name} ${value} is out of range`);
  return Number(value);
}

function fail(reason: string): never {
  throw new ProducerSnapshotError(`producer snapshot: ${reason}`);
}
