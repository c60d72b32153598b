// Walking a buffer of concatenated batches (a segment file, a fetch response, a produce request's
// records field), yielding each batch as a view into the buffer: nothing is copied.
//
// Framing follows Kafka's ByteBufferLogInputStream.nextBatch: fewer than 12 bytes left, or fewer
// than the length field announces, is a partial trailing batch; a length below the v2 header
// size is corrupt; a length past maxBatchBytes is too large. Each whole batch is then checked
// with validateBatch (magic, length, CRC) unless verifyCrc is false.
//
// A partial trailing batch is normal in two places: the tail of a segment torn by a crash, and
// the end of a fetch response cut at the byte limit. So callers choose: `partialTail: 'throw'`
// (the default; a produce request must not carry one) or `'stop'`, where iteration ends and the
// return value says where the valid prefix ends. scanValidPrefix never throws and is what log
// recovery wants (PROTOCOL-NOTES.md section 2: "the first bad or partial batch ends the valid
// log"). Errors thrown here carry `position`, the byte where the offending batch starts.
import {
  BATCH_LENGTH_OFFSET,
  LOG_OVERHEAD_BYTES,
  MAGIC_OFFSET,
  MAGIC_V2,
  RECORD_BATCH_HEADER_BYTES,
  readBatchHeader,
  validateBatch,
  type RecordBatchHeader,
} from './batch-header.js';
import { RecordBatchError } from './errors.js';
import { DEFAULT_RECORD_BATCH_LIMITS } from './limits.js';

/** One whole batch inside a larger buffer. */
export interface BatchView {
  /** Byte where the batch starts in the buffer given. */
  position: number;
  /** The batch's bytes: a view into the buffer given, not a copy. */
  bytes: Uint8Array;
  header: RecordBatchHeader;
}

export interface SplitBatchesOptions {
  /** Check each batch's CRC-32C (default true). */
  verifyCrc?: boolean;
  /** Default DEFAULT_RECORD_BATCH_LIMITS.maxBatchBytes. */
  maxBatchBytes?: number;
  /** What a partial trailing batch does: 'throw' a CORRUPT_MESSAGE (default) or 'stop'. */
  partialTail?: 'throw' | 'stop';
}

type Frame = { kind: 'batch'; view: BatchView } | { kind: 'partial'; missingBytes: number };

function withPosition(error: unknown, position: number): unknown {
  if (!(error instanceof RecordBatchError)) return error;
  return new RecordBatchError(error.kind, `batch at byte ${position}: ${error.message}`, { cause: error, position });
}

function frameAt(bytes: Uint8Array, position: number, verifyCrc: boolean, maxBatchBytes: number): Frame {
  const remaining = bytes.byteLength - position;
  if (remaining < LOG_OVERHEAD_BYTES) return { kind: 'partial', missingBytes: LOG_OVERHEAD_BYTES - remaining };
  const view = new DataView(bytes.buffer, bytes.byteOffset + position, LOG_OVERHEAD_BYTES);
  const batchLength = view.getInt32(BATCH_LENGTH_OFFSET);
  if (batchLength < RECORD_BATCH_HEADER_BYTES - LOG_OVERHEAD_BYTES) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `batch at byte ${position} has length ${batchLength}, shorter than a v2 header`, { position });
  }
  const size = LOG_OVERHEAD_BYTES + batchLength;
  if (size > maxBatchBytes) {
    throw new RecordBatchError('MESSAGE_TOO_LARGE', `batch at byte ${position} is ${size} bytes, past maxBatchBytes (${maxBatchBytes})`, { position });
  }
  if (remaining < size) return { kind: 'partial', missingBytes: size - remaining };
  const batch = bytes.subarray(position, position + size);
  try {
    return { kind: 'batch', view: { position, bytes: batch, header: verifyCrc ? validateBatch(batch) : checkMagic(batch) } };
  } catch (error) {
    throw withPosition(error, position);
  }
}

function checkMagic(batch: Uint8Array): RecordBatchHeader {
  const magic = batch[MAGIC_OFFSET];
  if (magic !== MAGIC_V2) throw new RecordBatchError('UNSUPPORTED_FOR_MESSAGE_FORMAT', `record batch magic is ${magic}, expected ${MAGIC_V2}`);
  return readBatchHeader(batch, 0);
}

/**
 * Yields every whole batch in `bytes`, in order. Returns (as the generator's return value) the
 * byte where the valid prefix ends: bytes.byteLength unless `partialTail` is 'stop' and a partial
 * batch follows. Throws RecordBatchError (with `position`) at the first bad batch.
 */
export function* splitBatches(bytes: Uint8Array, options: SplitBatchesOptions = {}): Generator<BatchView, number, undefined> {
  const verifyCrc = options.verifyCrc ?? true;
  const maxBatchBytes = options.maxBatchBytes ?? DEFAULT_RECORD_BATCH_LIMITS.maxBatchBytes;
  let position = 0;
  while (position < bytes.byteLength) {
    const frame = frameAt(bytes, position, verifyCrc, maxBatchBytes);
    if (frame.kind === 'partial') {
      if (options.partialTail === 'stop') return position;
      throw new RecordBatchError(
        'CORRUPT_MESSAGE',
        `partial batch at byte ${position}: ${bytes.byteLength - position} bytes present, ${frame.missingBytes} more needed`,
        { position },
      );
    }
    yield frame.view;
    position += frame.view.bytes.byteLength;
  }
  return position;
}

/** Calls `visit` for every whole batch in `bytes`; returns where the valid prefix ends (see splitBatches). */
export function forEachBatch(bytes: Uint8Array, visit: (batch: BatchView) => void, options: SplitBatchesOptions = {}): number {
  const batches = splitBatches(bytes, options);
  for (;;) {
    const next = batches.next();
    if (next.done === true) return next.value;
    visit(next.value);
  }
}

export interface ValidPrefix {
  /** Bytes from the start that hold whole, valid batches: where recovery truncates. */
  validBytes: number;
  batchCount: number;
  /** 'complete': every byte is in a valid batch; 'partial': a torn tail; 'corrupt': a bad batch. */
  tail: 'complete' | 'partial' | 'corrupt';
  /** Why the scan stopped at a corrupt batch; null otherwise. */
  error: RecordBatchError | null;
}

/**
 * Finds the longest prefix of `bytes` made of whole valid batches, never throwing a
 * RecordBatchError: what log recovery truncates to.
 */
export function scanValidPrefix(bytes: Uint8Array, options: Omit<SplitBatchesOptions, 'partialTail'> = {}): ValidPrefix {
  let validBytes = 0;
  let batchCount = 0;
  try {
    const end = forEachBatch(
      bytes,
      (batch) => {
        validBytes = batch.position + batch.bytes.byteLength;
        batchCount++;
      },
      { ...options, partialTail: 'stop' },
    );
    return { validBytes, batchCount, tail: end === bytes.byteLength ? 'complete' : 'partial', error: null };
  } catch (error) {
    if (!(error instanceof RecordBatchError)) throw error;
    return { validBytes, batchCount, tail: 'corrupt', error };
  }
}
