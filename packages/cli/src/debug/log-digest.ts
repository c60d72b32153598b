// Stable per-batch digests of a partition directory, for comparing replicas offline (`brook debug
// dump-log --digest` and `--compare`). Replicas of a partition hold the same batches at the same
// offsets but need not roll segments at the same places, so a digest names only what a batch is:
// its offset range, the leader epoch stamped on it, its producer fields, its record count and
// its stored CRC (which covers everything from the attributes on: producer fields, timestamps,
// records) with the CRC's status. Segment names, byte positions and file paths are left out.
import { listSegments, readSegment } from './segment-reader.js';

export interface BatchDigest {
  readonly baseOffset: bigint;
  readonly lastOffset: bigint;
  readonly partitionLeaderEpoch: number;
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly recordCount: number;
  /** The CRC the batch carries, as 0x + 8 hex digits. */
  readonly crc: string;
  readonly crcOk: boolean;
}

export interface LogDigest {
  readonly batches: BatchDigest[];
  /** Segments whose end is not a whole batch (a torn or corrupt tail); the tail itself is not digested. */
  readonly tornTails: number;
}

const hex = (crc: number): string => `0x${crc.toString(16).padStart(8, '0')}`;

/** One line per batch, the same on every replica holding the same batch. */
export function digestLine(digest: BatchDigest): string {
  const producer = `${digest.producerId}/${digest.producerEpoch}/${digest.baseSequence}`;
  return `batch: ${digest.baseOffset}-${digest.lastOffset} epoch: ${digest.partitionLeaderEpoch} producer: ${producer} records: ${digest.recordCount} crc: ${digest.crc} ${digest.crcOk ? 'ok' : 'mismatch'}`;
}

/** Reads every segment of `directory` in offset order and digests its batches. */
export async function readLogDigest(directory: string, maxBatchBytes: number): Promise<LogDigest> {
  const batches: BatchDigest[] = [];
  let tornTails = 0;
  for (const segment of await listSegments(directory)) {
    const reader = readSegment(segment.path, { maxBatchBytes });
    for (;;) {
      const next = await reader.next();
      if (next.done === true) {
        if (next.value.tail !== null) tornTails++;
        break;
      }
      const { header, computedCrc } = next.value;
      batches.push({
        baseOffset: header.baseOffset,
        lastOffset: header.baseOffset + BigInt(header.lastOffsetDelta),
        partitionLeaderEpoch: header.partitionLeaderEpoch,
        producerId: header.producerId,
        producerEpoch: header.producerEpoch,
        baseSequence: header.baseSequence,
        recordCount: header.recordCount,
        crc: hex(header.crc),
        crcOk: computedCrc === header.crc,
      });
    }
  }
  return { batches, tornTails };
}

/** How one replica's log compares with the first one's. */
export interface ReplicaComparison {
  readonly directory: string;
  readonly batches: number;
  readonly tornTails: number;
  /** 'identical'; 'prefix'/'longer': the same batches, fewer/more of them; 'diverged': a batch differs. */
  readonly verdict: 'identical' | 'prefix' | 'longer' | 'diverged';
  /** For 'diverged', the first differing batch (index in the log) and both digest lines; else null. */
  readonly divergence: { readonly index: number; readonly expected: string; readonly actual: string } | null;
}

/** Compares each log with `reference`, batch by batch in offset order. */
export function compareDigests(reference: LogDigest, others: ReadonlyArray<{ directory: string; digest: LogDigest }>): ReplicaComparison[] {
  const expected = reference.batches.map(digestLine);
  return others.map(({ directory, digest }) => {
    const actual = digest.batches.map(digestLine);
    const common = Math.min(expected.length, actual.length);
    const index = firstDifference(expected, actual, common);
    const verdict = index >= 0 ? 'diverged' : actual.length < expected.length ? 'prefix' : actual.length > expected.length ? 'longer' : 'identical';
    const divergence = index >= 0 ? { index, expected: expected[index]!, actual: actual[index]! } : null;
    return { directory, batches: actual.length, tornTails: digest.tornTails, verdict, divergence };
  });
}

function firstDifference(expected: readonly string[], actual: readonly string[], count: number): number {
  for (let index = 0; index < count; index++) if (expected[index] !== actual[index]) return index;
  return -1;
}
