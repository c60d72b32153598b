// The metadata cache: which broker leads which partition, learned from Metadata responses. It
// bootstraps from any listed broker, then asks the brokers it learned of. Refreshes are
// coalesced: however many sends and fetches discover a moved leader at once, one Metadata RPC is
// in flight, and callers that need a topic the running request does not cover get the next one.
// Entries older than maxAgeMs are refreshed on their next use, so the client eventually notices
// new partitions and brokers even when nothing fails (Kafka's metadata.max.age.ms).
import { BrookError, type ErrorCodeName } from '@brook/protocol';
import type { MetadataResponse__Output, TopicMetadata__Output } from '@brook/protocol';
import type { BrookLogger } from '../logger.js';
import type { BrookRpcName, BrookRpcs, ConnectionPool } from '../transport/connection-pool.js';
import { errorFromCode } from '../transport/response-errors.js';
import { backoffMs, sleep, withRetry, type RetryOptions } from '../transport/retry.js';
import { brokerAddress, type BrokerInfo, type PartitionInfo, type TopicInfo } from './cluster-view.js';

export interface MetadataCacheOptions {
  readonly bootstrap: readonly string[];
  readonly maxAgeMs: number;
  readonly retry: RetryOptions;
  readonly logger: BrookLogger;
}

const TRANSPORT_FAILURES: ReadonlySet<ErrorCodeName> = new Set<ErrorCodeName>(['NETWORK_EXCEPTION', 'REQUEST_TIMED_OUT', 'REQUEST_CANCELLED']);

interface Refresh {
  readonly topics: ReadonlySet<string>;
  readonly done: Promise<void>;
}

export class MetadataCache {
  private readonly brokers = new Map<number, BrokerInfo>();
  private readonly topics = new Map<string, TopicInfo>();
  private readonly topicErrors = new Map<string, BrookError>();
  /**
   * Topics whose last answer was an error: how many in a row, and when the next refresh for them
   * may go out. Every send to a missing topic asks again; without this, thousands of sends each
   * retrying on their own jittered schedule sent Metadata requests back to back (KIP-580's
   * exponential backoff, shared by all who ask about the topic).
   */
  private readonly topicBackoff = new Map<string, { failures: number; notBeforeMs: number }>();
  /** Every topic some caller asked about: each refresh asks for all of them. */
  private readonly interest = new Set<string>();
  private inFlight: Refresh | undefined;
  private queued: Promise<void> | undefined;
  private bootstrapTurn = 0;
  /** Metadata RPCs sent, for tests and diagnostics. */
  requestCount = 0;

  constructor(
    private readonly pool: ConnectionPool,
    private readonly options: MetadataCacheOptions,
  ) {}

  /** The topic's metadata, refreshed when missing or stale; retries retriable topic errors. */
  async topic(name: string): Promise<TopicInfo> {
    return withRetry(
      async () => {
        const cached = this.topics.get(name);
        if (cached !== undefined && Date.now() - cached.fetchedAtMs < this.options.maxAgeMs) return cached;
        const waitMs = (this.topicBackoff.get(name)?.notBeforeMs ?? 0) - Date.now();
        if (waitMs > 0) await sleep(waitMs);
        await this.refresh([name]);
        const error = this.topicErrors.get(name);
        if (error !== undefined) throw error;
        const fresh = this.topics.get(name);
        if (fresh === undefined) throw new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${name} is missing from the Metadata response`);
        return fresh;
      },
      this.options.retry,
      { onRetriableError: () => this.invalidate(name) },
    );
  }

  /** Refreshes once (no retries) when any of `topics` is missing or stale. */
  async ensureFresh(topics: readonly string[]): Promise<void> {
    const now = Date.now();
    const stale = topics.filter((name) => {
      const cached = this.topics.get(name);
      return cached === undefined || now - cached.fetchedAtMs >= this.options.maxAgeMs;
    });
    if (stale.length > 0) await this.refresh(stale);
  }

  /** The error the cluster last reported for the topic (e.g. UNKNOWN_TOPIC_OR_PARTITION), if any. */
  topicError(name: string): BrookError | undefined {
    return this.topicErrors.get(name);
  }

  /** The cached topic, without any request (undefined when unknown). */
  cachedTopic(name: string): TopicInfo | undefined {
    return this.topics.get(name);
  }

  /** The cached partition, or undefined. */
  cachedPartition(topic: string, partition: number): PartitionInfo | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }

  /** The leader of a partition with its address, when the cache knows a reachable one. */
  leaderOf(topic: string, partition: number): { broker: BrokerInfo; leaderEpoch: number } | undefined {
    const info = this.cachedPartition(topic, partition);
    if (info === undefined || info.leaderId < 0) return undefined;
    const broker = this.brokers.get(info.leaderId);
    return broker === undefined ? undefined : { broker, leaderEpoch: info.leaderEpoch };
  }

  broker(nodeId: number): BrokerInfo | undefined {
    return this.brokers.get(nodeId);
  }

  /**
   * Forgets the partition's leader after an error that says it moved, so no request goes to the
   * old leader again before a refresh tells where the partition went.
   */
  forgetLeader(topic: string, partition: number, error: BrookError): void {
    const info = this.topics.get(topic);
    const current = info?.partitions[partition];
    if (info === undefined || current === undefined) return;
    const partitions = [...info.partitions];
    partitions[partition] = { ...current, leaderId: -1, error };
    this.topics.set(topic, { ...info, partitions });
  }

  /**
   * Applies a broker's hint of a partition's new leader (LeaderHint, sent with
   * NOT_LEADER_OR_FOLLOWER and FENCED_LEADER_EPOCH: Kafka's KIP-951), so the retry can go there
   * before a full refresh answers. Only a hint with a newer epoch and a broker this cache knows
   * is taken; returns whether it was.
   */
  applyLeaderHint(topic: string, partition: number, hint: { readonly leaderId: number; readonly leaderEpoch: number } | null): boolean {
    const info = this.topics.get(topic);
    const current = info?.partitions[partition];
    if (hint === null || info === undefined || current === undefined) return false;
    if (hint.leaderId < 0 || !this.brokers.has(hint.leaderId) || hint.leaderEpoch <= current.leaderEpoch) return false;
    const partitions = [...info.partitions];
    partitions[partition] = { ...current, leaderId: hint.leaderId, leaderEpoch: hint.leaderEpoch, error: null };
    this.topics.set(topic, { ...info, partitions });
    this.options.logger.info({ topic, partition, from: current.leaderId, to: hint.leaderId }, 'partition leader moved (hint)');
    return true;
  }

  /** Forgets the topic's entry, so its next use asks the cluster again. */
  invalidate(topic: string): void {
    this.topics.delete(topic);
  }

  /**
   * Refreshes the given topics (and every other topic of interest). Joins the request in flight
   * when it covers them; otherwise queues one more request after it, shared by all who ask meanwhile.
   */
  refresh(topics: readonly string[]): Promise<void> {
    for (const topic of topics) this.interest.add(topic);
    const current = this.inFlight;
    if (current === undefined) return this.start();
    if (topics.every((topic) => current.topics.has(topic))) return current.done;
    this.queued ??= current.done
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.inFlight?.done ?? this.start();
      });
    return this.queued;
  }

  /** Sends one Metadata request for `topics` ([] = all topics) to some broker and returns the answer raw. */
  request(topics: readonly string[]): Promise<MetadataResponse__Output> {
    return this.callAnyBroker('Metadata', { topics: [...topics], allowAutoTopicCreation: false });
  }

  /**
   * Calls an RPC any broker answers (Metadata, admin RPCs): known brokers first, then the
   * bootstrap list, moving on when one is unreachable.
   */
  async callAnyBroker<M extends BrookRpcName>(method: M, request: BrookRpcs[M][0]): Promise<BrookRpcs[M][1]> {
    let lastError: unknown;
    for (const address of this.candidateAddresses()) {
      if (method === 'Metadata') this.requestCount++;
      try {
        return await this.pool.call(address, method, request);
      } catch (error) {
        // A broker that cannot answer is not the cluster's answer: try the next one, and only
        // when none answers give up with the last failure. Only transport failures move on; an
        // answer (even an error) is the cluster's.
        lastError = error;
        if (!(error instanceof BrookError) || !TRANSPORT_FAILURES.has(error.code)) throw error;
        this.options.logger.debug({ address, method, code: error.code }, 'broker unreachable, trying another');
      }
    }
    throw lastError ?? new BrookError('NETWORK_EXCEPTION', 'no broker address to call');
  }

  private start(): Promise<void> {
    const topics = new Set(this.interest);
    const done = this.request([...topics])
      .then((response) => this.apply(response))
      .finally(() => {
        if (this.inFlight?.done === done) this.inFlight = undefined;
      });
    this.inFlight = { topics, done };
    return done;
  }

  private apply(response: MetadataResponse__Output): void {
    const now = Date.now();
    if (response.brokers.length > 0) {
      this.brokers.clear();
      for (const node of response.brokers) {
        this.brokers.set(node.nodeId, { nodeId: node.nodeId, host: node.host, port: node.port, rack: node.rack, address: brokerAddress(node.host, node.port) });
      }
    }
    for (const topic of response.topics) {
      const error = errorFromCode(topic.errorCode, topic.errorMessage, `topic ${topic.name}`);
      if (error !== null) {
        this.topics.delete(topic.name);
        this.topicErrors.set(topic.name, error);
        const failures = (this.topicBackoff.get(topic.name)?.failures ?? 0) + 1;
        this.topicBackoff.set(topic.name, { failures, notBeforeMs: now + backoffMs(failures - 1, this.options.retry) });
        continue;
      }
      this.topicErrors.delete(topic.name);
      this.topicBackoff.delete(topic.name);
      const previous = this.topics.get(topic.name);
      const next = topicInfo(topic, now);
      this.logLeaderChanges(previous, next);
      this.topics.set(topic.name, next);
    }
  }

  private logLeaderChanges(previous: TopicInfo | undefined, next: TopicInfo): void {
    if (previous === undefined) return;
    for (const partition of next.partitions) {
      const before = previous.partitions[partition.partition];
      if (before !== undefined && before.leaderId !== partition.leaderId) {
        this.options.logger.info({ topic: next.name, partition: partition.partition, from: before.leaderId, to: partition.leaderId }, 'partition leader moved');
      }
    }
  }

  // Known brokers first (they are the cluster as last seen), then the bootstrap list; the
  // starting point rotates so one dead broker does not take the first attempt every time.
  private candidateAddresses(): string[] {
    const known = [...this.brokers.values()].map((b) => b.address);
    const all = [...new Set([...known, ...this.options.bootstrap])];
    const turn = this.bootstrapTurn++ % Math.max(1, all.length);
    return [...all.slice(turn), ...all.slice(0, turn)];
  }
}

function topicInfo(topic: TopicMetadata__Output, fetchedAtMs: number): TopicInfo {
  const partitions: PartitionInfo[] = [];
  for (const p of [...topic.partitions].sort((a, b) => a.partition - b.partition)) {
    partitions[p.partition] = {
      partition: p.partition,
      leaderId: p.leaderId,
      leaderEpoch: p.leaderEpoch,
      replicas: p.replicas,
      isr: p.isr,
      offlineReplicas: p.offlineReplicas,
      error: errorFromCode(p.errorCode, '', `partition ${topic.name}/${p.partition}`),
    };
  }
  return { name: topic.name, topicId: topic.topicId, isInternal: topic.isInternal, partitions, fetchedAtMs };
}
