// The follower's side of replication (Kafka's ReplicaFetcherThread, one per leader broker): one
// loop of long-poll requests on a fetch session (one ReplicaFetch stream, fetch-session.ts) to a
// leader's internal listener, covering every partition this broker follows there (never a call
// per partition or per record). Each round asks every
// partition for its fetch position, which waits for the fsync of what it appended last (the
// fetch offset is the follower's acknowledgement, ARCHITECTURE.md "Replication"), then applies
// the leader's answer per partition: append, truncate on a diverging epoch (KIP-279), restart at
// the leader's log start on OFFSET_OUT_OF_RANGE, or back off on a fencing error until the
// metadata catches up. ReplicaFetcherManager regroups partitions whenever roles change. The
// session is incremental where the leader supports it (follower-fetch-session.ts, KIP-227): a
// request names only partitions whose position changed, and partitions the answer leaves out had
// nothing new.
import { createBrookReplicationClient, errorCodeByNumber, rpcClientOptions } from '@brook/protocol';
import type { BrookReplicationClient, ReplicaFetchPartitionResponse__Output, ReplicaFetchRequest, ReplicaFetchResponse__Output } from '@brook/protocol';
import { outOfRangeAction, type FollowerFetchPosition } from '../replication/follower-state.js';
import type { Partition } from '../replica/partition.js';
import type { Logger } from '../logging/logger.js';
import { FetchSession } from './fetch-session.js';
import { FollowerFetchSession } from './follower-fetch-session.js';

/** How long past max_wait_ms an answer may take before the session is dropped (a frozen leader). */
const SESSION_ANSWER_GRACE_MS = 10_000;

export interface ReplicaFetcherSettings {
  clusterId: string;
  localNodeId: number;
  /** This broker's epoch (the leader proposes ISR members with it, KIP-903). */
  brokerEpoch: () => number;
  /** How long the leader may hold a fetch. */
  maxWaitMs: number;
  /** Record bytes per response and per partition. */
  maxBytes: number;
  partitionMaxBytes: number;
  /** Pause after a failed call or a partition error. */
  backoffMs: number;
  /** The largest gRPC message accepted (a response carries up to maxBytes of records). */
  messageBytesMax: number;
}

/** A partition in one round, with the position its request carried. */
interface InFlight {
  partition: Partition;
  position: FollowerFetchPosition;
}

export class ReplicaFetcher {
  private readonly client: BrookReplicationClient;
  private readonly session: FetchSession;
  private readonly sessionPartitions = new FollowerFetchSession();
  private readonly log: Logger;
  /** Partitions held back after an error, until the time given (or their leader epoch changes). */
  private readonly backoffUntil = new Map<Partition, { untilMs: number; leaderEpoch: number }>();
  private readonly stopped = new AbortController();
  private readonly loop: Promise<void>;
  private idleWake: (() => void) | undefined;

  constructor(
    readonly leaderId: number,
    readonly address: string,
    private readonly partitionsToFetch: () => Partition[],
    private readonly settings: ReplicaFetcherSettings,
    logger: Logger,
  ) {
    this.client = createBrookReplicationClient(address, undefined, rpcClientOptions(settings.messageBytesMax));
    this.session = new FetchSession(this.client);
    this.log = logger.child({ component: 'replica-fetcher', leaderId, address });
    this.loop = this.run();
  }

  /** The partitions changed (a new one to fetch): a fetcher idling for lack of work starts at once. */
  poke(): void {
    this.idleWake?.();
  }

  async close(): Promise<void> {
    this.stopped.abort();
    this.idleWake?.();
    this.session.close();
    await this.loop;
    this.client.close();
  }

  private async run(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      try {
        const round = await this.positions();
        if (round.length === 0) {
          await this.idle(this.settings.backoffMs);
          continue;
        }
        const response = await this.call(round);
        await this.apply(round, response);
      } catch (error) {
        if (this.stopped.signal.aborted) return;
        this.log.debug({ err: error }, 'replica fetch failed; backing off');
        await this.idle(this.settings.backoffMs);
      }
    }
  }

  private async positions(): Promise<InFlight[]> {
    const nowMs = Date.now();
    const ready = this.partitionsToFetch().filter((partition) => {
      const held = this.backoffUntil.get(partition);
      if (held !== undefined && held.leaderEpoch === partition.leaderEpoch && held.untilMs > nowMs) return false;
      this.backoffUntil.delete(partition);
      return true;
    });
    // Each position waits for its log's fsync; the logs sync side by side.
    const positions = await Promise.all(
      ready.map((partition) =>
        partition.followerFetchPosition().catch((error: unknown) => {
          this.log.warn({ err: error, topic: partition.topic, partition: partition.partition }, 'follower log not ready to fetch');
          this.holdBack(partition);
          return undefined;
        }),
      ),
    );
    const round: InFlight[] = [];
    for (const [index, partition] of ready.entries()) {
      const position = positions[index];
      if (position !== undefined) round.push({ partition, position });
    }
    return round;
  }

  private async call(round: readonly InFlight[]): Promise<ReplicaFetchResponse__Output> {
    // A new stream is a new session on the leader: the request lists every partition again.
    if (!this.session.streamOpen) this.sessionPartitions.reset();
    const { partitions, forgotten } = this.sessionPartitions.next(
      round.map(({ partition, position }) => ({
        topic: partition.topic,
        topicId: partition.topicId,
        partition: partition.partition,
        currentLeaderEpoch: position.currentLeaderEpoch,
        fetchOffset: position.fetchOffset,
        lastFetchedEpoch: position.lastFetchedEpoch,
        logStartOffset: partition.logStartOffset,
        partitionMaxBytes: this.settings.partitionMaxBytes,
      })),
    );
    const request: ReplicaFetchRequest = {
      clusterId: this.settings.clusterId,
      replicaId: this.settings.localNodeId,
      replicaEpoch: this.settings.brokerEpoch(),
      maxWaitMs: this.settings.maxWaitMs,
      minBytes: 1,
      maxBytes: this.settings.maxBytes,
      partitions,
      incremental: true,
      forgotten,
    };
    const response = await this.session.request(request, this.settings.maxWaitMs + SESSION_ANSWER_GRACE_MS);
    this.sessionPartitions.answered(response.incremental);
    return response;
  }

  /**
   * Applies every partition's answer at once: each partition serializes its own changes, so
   * their appends and fsyncs overlap instead of paying one fsync after another. A partition the
   * answer leaves out (an incremental answer) had nothing new.
   */
  private async apply(round: readonly InFlight[], response: ReplicaFetchResponse__Output): Promise<void> {
    await Promise.all(
      response.partitions.map(async (answer) => {
        // The session's partitions are this round's, in order (call gave it the round).
        const index = this.sessionPartitions.indexOf(answer);
        const inFlight = index === undefined ? undefined : round[index];
        if (inFlight === undefined) return;
        const { partition, position } = inFlight;
        try {
          await this.applyPartition(partition, position, answer);
        } catch (error) {
          this.log.warn({ err: error, topic: partition.topic, partition: partition.partition }, 'applying fetched data failed; backing off');
          this.holdBack(partition);
        }
      }),
    );
  }

  private async applyPartition(partition: Partition, position: FollowerFetchPosition, answer: ReplicaFetchPartitionResponse__Output): Promise<void> {
    const epoch = position.currentLeaderEpoch;
    const code = answer.errorCode === 0 ? 'NONE' : (errorCodeByNumber(answer.errorCode) ?? 'UNKNOWN_SERVER_ERROR');
    if (code === 'NONE' && answer.divergingEpoch != null) {
      const diverging = { epoch: answer.divergingEpoch.epoch, endOffset: Number(answer.divergingEpoch.endOffset) };
      this.log.info({ topic: partition.topic, partition: partition.partition, diverging, logEndOffset: partition.logEndOffset }, 'log diverged from the leader; truncating');
      await partition.truncateToDivergence(diverging, epoch);
      return;
    }
    if (code === 'NONE') {
      await partition.appendFetched(answer.records, epoch, Number(answer.highWatermark));
      return;
    }
    if (code === 'OFFSET_OUT_OF_RANGE' && Number(answer.logEndOffset) >= 0) {
      const action = outOfRangeAction(partition.logEndOffset, Number(answer.logStartOffset), Number(answer.logEndOffset));
      this.log.warn({ topic: partition.topic, partition: partition.partition, action }, 'fetch offset out of the leader log range');
      await partition.resetForOutOfRange(action, epoch);
      return;
    }
    // FENCED_LEADER_EPOCH, NOT_LEADER_OR_FOLLOWER, UNKNOWN_LEADER_EPOCH, UNKNOWN_TOPIC_ID...:
    // one side's metadata is behind; retried after a pause or as soon as our epoch changes.
    this.log.debug({ topic: partition.topic, partition: partition.partition, code }, 'leader refused the partition fetch; waiting for metadata');
    this.holdBack(partition);
  }

  private holdBack(partition: Partition): void {
    this.backoffUntil.set(partition, { untilMs: Date.now() + this.settings.backoffMs, leaderEpoch: partition.leaderEpoch });
  }

  private idle(ms: number): Promise<void> {
    if (this.stopped.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.idleWake = () => {
        this.idleWake = undefined;
        done();
      };
    });
  }
}
