// Reads a partition directory's segment files offline, for `brook debug dump-log`. The cli may not
// import @brook/storage (the dependency rule), so this walks the `.log` files itself with
// @brook/record-batch's framing (FORMAT.md sections 1 and 2): files named by their base offset as
// 20 digits, each a run of RecordBatch v2 batches laid end to end.
//
// A segment is read in bounded chunks rather than whole, since a sealed segment can be gigabytes:
// the buffer holds one chunk (1 MiB by default) and grows only as far as the largest batch met,
// which is capped (64 MiB by default); a batch declaring more is reported as a corrupt tail.
//
// A CRC mismatch is reported per batch and the walk goes on (the length field still frames the
// next batch, and a dump should show everything after a flipped bit). A framing error (a length
// shorter than a header, past the cap, another magic) ends the segment: nothing after it can be
// located. Bytes at the end of the file that do not make a whole batch are a torn (partial) tail.
import { open, readdir } from 'node:fs/promises';
import {
  LOG_OVERHEAD_BYTES,
  RecordBatchError,
  batchSizeAt,
  computeBatchCrc,
  splitBatches,
  type RecordBatchHeader,
} from '@brook/record-batch';

/** `00000000000000001024.log`: a segment file, named by its base offset (FORMAT.md section 1). */
const SEGMENT_FILE = /^(\d{20})\.log$/;

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
export const DEFAULT_MAX_BATCH_BYTES = 64 * 1024 * 1024;

export interface SegmentFile {
  /** The 20-digit name without `.log`; the same on every replica holding that segment. */
  name: string;
  baseOffset: bigint;
  path: string;
}

/** Every segment file of `directory`, in name order (which is offset order). */
export async function listSegments(directory: string): Promise<SegmentFile[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && SEGMENT_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.log'.length);
      return { name, baseOffset: BigInt(name), path: `${directory}/${file}` };
    });
}

export interface SegmentBatch {
  /** Byte position of the batch in its segment file. */
  position: number;
  /** The whole batch: a view into the reader's buffer, valid only until the next batch is asked for. */
  bytes: Uint8Array;
  header: RecordBatchHeader;
  /** The CRC-32C of the batch's bytes as read; `header.crc` is the one it carries. */
  computedCrc: number;
}

export interface SegmentTail {
  /** Byte position in the segment file where the unreadable bytes start. */
  position: number;
  /** 'partial': the file ends inside a batch (a torn write); 'corrupt': a batch cannot be framed. */
  kind: 'partial' | 'corrupt';
  reason: string;
}

export interface SegmentEnd {
  /** The file's size when it was opened. */
  size: number;
  /** null when every byte belongs to a whole batch. */
  tail: SegmentTail | null;
}

export interface SegmentReadOptions {
  chunkBytes?: number;
  maxBatchBytes?: number;
}

/**
 * Yields every batch of one segment file in order, then returns how the file ends. Reads at most
 * max(chunkBytes, the largest batch) bytes at a time.
 */
export async function* readSegment(path: string, options: SegmentReadOptions = {}): AsyncGenerator<SegmentBatch, SegmentEnd, undefined> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    let buffer = Buffer.allocUnsafe(Math.max(LOG_OVERHEAD_BYTES, Math.min(chunkBytes, size)));
    let bufferStart = 0; // file position of buffer[0]
    let filled = 0;
    for (;;) {
      while (filled < buffer.byteLength && bufferStart + filled < size) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.byteLength - filled, bufferStart + filled);
        if (bytesRead === 0) break; // the file shrank under us; what was read is all there is
        filled += bytesRead;
      }
      const atEnd = filled < buffer.byteLength || bufferStart + filled >= size;
      const window = buffer.subarray(0, filled);
      let consumed: number;
      try {
        // CRCs are checked below, per batch, so that a mismatch is reported rather than ending the walk.
        const batches = splitBatches(window, { verifyCrc: false, maxBatchBytes, partialTail: 'stop' });
        for (;;) {
          const next = batches.next();
          if (next.done === true) {
            consumed = next.value;
            break;
          }
          const { position, bytes, header } = next.value;
          yield { position: bufferStart + position, bytes, header, computedCrc: computeBatchCrc(bytes, 0, bytes.byteLength) };
        }
      } catch (error) {
        if (!(error instanceof RecordBatchError)) throw error;
        const position = bufferStart + (error.position ?? 0);
        // splitBatches names the position within the chunk; the dump names it within the file.
        const reason = `${error.kind}: ${error.message.replace(/batch at byte \d+/, `batch at byte ${position}`)}`;
        return { size, tail: { position, kind: 'corrupt', reason } };
      }
      const remaining = filled - consumed;
      if (atEnd) {
        if (remaining === 0) return { size, tail: null };
        return { size, tail: { position: bufferStart + consumed, kind: 'partial', reason: partialReason(window, consumed) } };
      }
      // Keep the start of the batch the chunk cut through, and make room for all of it.
      const needed = remaining >= LOG_OVERHEAD_BYTES ? batchSizeAt(window, consumed) : LOG_OVERHEAD_BYTES;
      if (needed > buffer.byteLength) {
        const grown = Buffer.allocUnsafe(needed);
        buffer.copy(grown, 0, consumed, filled);
        buffer = grown;
      } else {
        buffer.copyWithin(0, consumed, filled);
      }
      bufferStart += consumed;
      filled = remaining;
    }
  } finally {
    await handle.close();
  }
}

function partialReason(window: Uint8Array, start: number): string {
  const present = window.byteLength - start;
  if (present < LOG_OVERHEAD_BYTES) {
    return `partial batch: ${present} bytes, fewer than the ${LOG_OVERHEAD_BYTES}-byte offset and length prefix`;
  }
  const size = batchSizeAt(window, start);
  return `partial batch: ${present} of its ${size} bytes present, ${size - present} missing`;
}
