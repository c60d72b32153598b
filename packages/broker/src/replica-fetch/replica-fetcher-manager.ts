// Keeps one ReplicaFetcher per leader broker that this broker follows partitions on (Kafka's
// ReplicaFetcherManager). regroup() runs after every role change: fetchers for new leaders start,
// fetchers left without partitions stop, and a fetcher reads its partitions afresh every round,
// so a partition moves between fetchers as soon as its leader changes.
import type { Partition } from '../replica/partition.js';
import type { Logger } from '../logging/logger.js';
import { ReplicaFetcher, type ReplicaFetcherSettings } from './replica-fetcher.js';

export interface ReplicaFetcherManagerOptions {
  settings: ReplicaFetcherSettings;
  /** Every open partition replica here. */
  partitions: () => Partition[];
  /** A broker's internal listener "host:port", from its registration in the image. */
  internalAddressOf: (brokerId: number) => string | undefined;
  logger: Logger;
}

export class ReplicaFetcherManager {
  private readonly fetchers = new Map<number, ReplicaFetcher>();
  private closed = false;

  constructor(private readonly options: ReplicaFetcherManagerOptions) {}

  /** The partitions followed on `leaderId` (leader known, this node not it). */
  followedOn(leaderId: number): Partition[] {
    return this.options.partitions().filter((partition) => partition.isFollower && partition.leaderId === leaderId);
  }

  regroup(): void {
    if (this.closed) return;
    const leaders = new Set(this.options.partitions().filter((p) => p.isFollower && p.leaderId >= 0).map((p) => p.leaderId));
    for (const [leaderId, fetcher] of this.fetchers) {
      const address = this.options.internalAddressOf(leaderId);
      if (leaders.has(leaderId) && address === fetcher.address) {
        fetcher.poke();
        continue;
      }
      this.fetchers.delete(leaderId);
      void fetcher.close();
    }
    for (const leaderId of leaders) {
      if (this.fetchers.has(leaderId)) continue;
      const address = this.options.internalAddressOf(leaderId);
      if (address === undefined) {
        this.options.logger.warn({ leaderId }, 'the leader has no internal listener in the metadata yet; not fetching from it');
        continue;
      }
      this.fetchers.set(leaderId, new ReplicaFetcher(leaderId, address, () => this.followedOn(leaderId), this.options.settings, this.options.logger));
    }
  }

  /** The leader ids fetched from now (tests). */
  leaders(): number[] {
    return [...this.fetchers.keys()].sort((a, b) => a - b);
  }

  async close(): Promise<void> {
    this.closed = true;
    const closing = [...this.fetchers.values()].map((fetcher) => fetcher.close());
    this.fetchers.clear();
    await Promise.all(closing);
  }
}
