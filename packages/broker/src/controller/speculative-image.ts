// The active controller's speculative image (Kafka's QuorumController keeps its in-memory
// state ahead of the log the same way): the committed image plus every batch proposed in this
// term and not applied yet, each replayed at the Raft index it was appended at. Commands run on
// it one after another, so a command pipelined behind another sees that one's effects (a second
// CreateTopics of the same name fails at once, a fence already proposed is not proposed again).
// When leadership is lost the pending batches may never commit: the state is dropped and the
// next term starts from the committed image.
import { replayBatch } from '@brook/controller';
import type { MetadataImage, MetadataRecord } from '@brook/controller';

interface PendingBatch {
  readonly index: number;
  readonly records: readonly MetadataRecord[];
}

export class SpeculativeImage {
  private committed: MetadataImage;
  private speculative: MetadataImage;
  private readonly pending: PendingBatch[] = [];

  constructor(committed: MetadataImage) {
    this.committed = committed;
    this.speculative = committed;
  }

  /** The image commands run on. */
  image(): MetadataImage {
    return this.speculative;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /**
   * The image after `records` at `index`, without keeping it: replay checks every invariant, so
   * a handler's bad batch fails here, before it reaches the log (in the log it would stop every
   * controller that applies it, again at each restart).
   */
  stage(index: number, records: readonly MetadataRecord[]): MetadataImage {
    return replayBatch(this.speculative, records, index);
  }

  /** The batch staged as `image` was appended at `index` (not committed yet). */
  proposed(index: number, records: readonly MetadataRecord[], image: MetadataImage): void {
    this.pending.push({ index, records });
    this.speculative = image;
  }

  /**
   * The committed image moved to `image` (a batch at `image.offset` was applied, or a snapshot
   * restored). Pending batches at or below it are now committed. In a term every applied batch
   * after the leader's first entry is one of its own, in order, so the staged image already
   * holds the rest; once nothing is pending the committed image is the speculative one.
   */
  committedTo(image: MetadataImage): void {
    this.committed = image;
    while (this.pending.length > 0 && this.pending[0]!.index <= image.offset) this.pending.shift();
    if (this.pending.length === 0) this.speculative = image;
  }

  /** Forget everything staged: leadership was lost, or a proposal was refused. */
  reset(): void {
    this.pending.length = 0;
    this.speculative = this.committed;
  }
}
