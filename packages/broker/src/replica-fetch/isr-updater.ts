// Sends the ISR changes partition leaders decide (LeaderState's shrink and expand candidates) to
// the controller as AlterPartition (KIP-497), with each member's broker epoch (KIP-903). Checks
// every partition led here each replicaLagMs / 2 (Kafka's schedule) for shrinks and expansions,
// and a partition at once after a follower's fetch (expansion on catch-up). LeaderState keeps at
// most one proposal in flight per partition; the committed image, not the answer, changes the
// ISR (Partition.applyAssignment).
import type { AlterPartitionResponse__Output } from '@brook/protocol';
import type { ControllerChannel } from '../cluster/controller-channel.js';
import type { Partition, IsrChange } from '../replica/partition.js';
import type { Logger } from '../logging/logger.js';

export interface IsrUpdaterOptions {
  channel: Pick<ControllerChannel, 'alterPartition'>;
  localNodeId: number;
  brokerEpoch: () => number;
  partitions: () => Partition[];
  /** Whether a broker may join an ISR now: registered, unfenced, not shutting down (the image's word). */
  isEligible?: (brokerId: number) => boolean;
  replicaLagMs: number;
  /** One AlterPartition's deadline. */
  requestTimeoutMs: number;
  logger: Logger;
}

/** After a refused or failed proposal, the pause before the partition proposes again. */
const RETRY_AFTER_FAILURE_MS = 500;

export class IsrUpdater {
  private readonly log: Logger;
  /** Partitions whose last proposal failed, until when they wait (a fetch must not re-propose at once). */
  private readonly retryAfter = new WeakMap<Partition, number>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(private readonly options: IsrUpdaterOptions) {
    this.log = options.logger.child({ component: 'isr-updater' });
  }

  start(): void {
    const periodMs = Math.max(10, Math.floor(this.options.replicaLagMs / 2));
    this.timer = setInterval(() => this.checkAll(), periodMs);
    this.timer.unref();
  }

  checkAll(): void {
    for (const partition of this.options.partitions()) {
      if (!partition.isLeader) continue;
      // Time alone can move the HW: a follower's caught-up window (replicaLagMs) that ended
      // stops holding it back, with no fetch or append to trigger a recomputation.
      partition.checkHighWatermark();
      this.check(partition);
    }
  }

  /** Proposes the partition's ISR change, if one is due and none is in flight. */
  check(partition: Partition): void {
    if (this.closed || (this.retryAfter.get(partition) ?? 0) > Date.now()) return;
    const change = partition.isrChange(Date.now(), this.options.isEligible);
    if (change === undefined) return;
    this.log.info({ topic: partition.topic, partition: partition.partition, isr: partition.leaderState?.isr, proposed: change.newIsr }, 'proposing an ISR change');
    void this.send(partition, change);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  private async send(partition: Partition, change: IsrChange): Promise<void> {
    let response: AlterPartitionResponse__Output;
    try {
      response = await this.options.channel.alterPartition(
        {
          brokerId: this.options.localNodeId,
          brokerEpoch: this.options.brokerEpoch(),
          partitions: [{ topicId: partition.topicId, partition: partition.partition, leaderEpoch: change.leaderEpoch, partitionEpoch: change.partitionEpoch, newIsr: change.members }],
        },
        { timeoutMs: this.options.requestTimeoutMs },
      );
    } catch (error) {
      this.log.warn({ err: error, topic: partition.topic, partition: partition.partition }, 'AlterPartition failed; proposing again at the next check');
      this.failed(partition, change);
      return;
    }
    const result = response.partitions[0];
    if (result === undefined || result.errorCode !== 0) {
      this.log.info({ topic: partition.topic, partition: partition.partition, errorCode: result?.errorCode, message: result?.errorMessage }, 'AlterPartition refused');
      this.failed(partition, change);
      return;
    }
    partition.onIsrAnswer(change.leaderEpoch, { partitionEpoch: result.partitionEpoch });
  }

  private failed(partition: Partition, change: IsrChange): void {
    this.retryAfter.set(partition, Date.now() + RETRY_AFTER_FAILURE_MS);
    partition.onIsrAnswer(change.leaderEpoch, 'failed');
  }
}
