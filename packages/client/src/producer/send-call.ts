// The outcome of one `send` call: one slot per message, filled as the batches holding them are
// acknowledged, resolved when the last slot fills, rejected by the first failure. One object per
// call rather than one promise per message: at hundreds of thousands of records a second, a
// promise and two closures per record are a large share of the producer's garbage.
import type { BrookError } from '@brook/protocol';
import type { RecordMetadata } from './producer-types.js';

export class SendCall {
  private readonly results: RecordMetadata[];
  private remaining: number;
  private settled = false;
  private resolve!: (results: RecordMetadata[]) => void;
  private reject!: (error: BrookError) => void;
  readonly promise: Promise<RecordMetadata[]>;

  constructor(readonly messageCount: number) {
    this.results = new Array<RecordMetadata>(messageCount);
    this.remaining = messageCount;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    if (messageCount === 0) this.finish();
  }

  /** Messages firstIndex .. firstIndex + count - 1 were acknowledged at consecutive offsets from baseOffset (-1n for each with acks=0). */
  acknowledgedRun(firstIndex: number, count: number, topic: string, partition: number, baseOffset: bigint): void {
    if (this.settled) return;
    let offset = baseOffset;
    for (let index = firstIndex; index < firstIndex + count; index++) {
      this.results[index] = { topic, partition, offset };
      if (baseOffset >= 0n) offset++;
    }
    this.remaining -= count;
    if (this.remaining === 0) this.finish();
  }

  /** A message failed: the call rejects (later outcomes of its other messages are ignored). */
  failed(error: BrookError): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }

  /** Fewer messages than announced were appended (the call failed midway): stop waiting for the rest. */
  truncate(appended: number): void {
    this.remaining -= this.messageCount - appended;
    if (!this.settled && this.remaining === 0) this.finish();
  }

  private finish(): void {
    this.settled = true;
    this.resolve(this.results);
  }
}
