// What a raft-node test process has applied, in a form three processes can compare: the count,
// the last index, and a checksum chain over every applied (index, term, kind, data) in order,
// digest_n = CRC-32(entry, seeded with digest_{n-1}) (zlib's native crc32). Equal digests mean
// equal applied sequences (Raft's State Machine Safety, §5.4.3) except with probability 2^-32,
// enough for a test and cheap enough not to weigh on the benchmark. The state is three values, so it is also this test state
// machine's snapshot (Raft paper §7): a node restored from it and then applying the rest ends
// with the same digest as one that applied everything. logDigest does the same for the
// persisted log itself, noop entries included (Log Matching, §5.3).
import { crc32 } from 'node:zlib';
import type { Entry, RaftLogStorage } from '@brook/raft';

export interface AppliedSummary {
  readonly count: number;
  readonly lastIndex: number;
  readonly digest: string;
}

export class AppliedRecord {
  private digest = 0;
  private count = 0;
  private lastIndex = 0;
  private readonly header = Buffer.alloc(21);

  apply(entries: readonly Entry[]): void {
    for (const entry of entries) {
      // Invariant: entries arrive once each, in increasing index order.
      if (entry.index <= this.lastIndex) throw new Error(`entry ${entry.index} applied after ${this.lastIndex}`);
      this.digest = chain(this.digest, this.header, entry);
      this.count++;
      this.lastIndex = entry.index;
    }
  }

  summary(): AppliedSummary {
    return { count: this.count, lastIndex: this.lastIndex, digest: hex(this.digest) };
  }

  /** The snapshot of this state machine. */
  encode(): Uint8Array {
    return new TextEncoder().encode(JSON.stringify(this.summary()));
  }

  restore(data: Uint8Array): void {
    const summary = JSON.parse(new TextDecoder().decode(data)) as AppliedSummary;
    this.count = summary.count;
    this.lastIndex = summary.lastIndex;
    this.digest = Number.parseInt(summary.digest, 16);
  }
}

function chain(previous: number, header: Buffer, entry: Entry): number {
  header.writeDoubleBE(entry.index, 0);
  header.writeDoubleBE(entry.term, 8);
  header.writeUInt32BE(entry.data.byteLength, 16);
  header.writeUInt8(entry.kind === 'normal' ? 0 : 1, 20);
  return crc32(entry.data, crc32(header, previous));
}

function hex(digest: number): string {
  return digest.toString(16).padStart(8, '0');
}

/** The same chain over the persisted entries [from, upTo] (from >= firstIndex), with the range it covered. */
export function logDigest(storage: RaftLogStorage, from: number, upTo: number): { firstIndex: number; lastIndex: number; digest: string } {
  const header = Buffer.alloc(21);
  const firstIndex = Math.max(from, storage.firstIndex());
  const lastIndex = Math.min(upTo, storage.lastIndex());
  let digest = 0;
  if (lastIndex >= firstIndex) {
    for (const entry of storage.entries(firstIndex, lastIndex + 1, Number.MAX_SAFE_INTEGER)) digest = chain(digest, header, entry);
  }
  return { firstIndex, lastIndex, digest: hex(digest) };
}
