// An in-process fake of a Brook cluster for the SDK's tests: N fake brokers, each a real gRPC
// BrookClient server on 127.0.0.1 port 0, sharing topics whose partitions live in memory. The SDK
// is exercised over real gRPC (deadlines, statuses, message sizes) without the broker package.
// Topic configs are the topic's own values over a small table of cluster defaults.
// Tests steer it: move leaders, fence brokers, set racks and the quorum's state, inject faults,
// hold Produce responses, read the calls it got.
import type { DescribeQuorumResponse } from '@brook/protocol';
import { BrookError, ERROR_CODES, MESSAGE_BYTES_MAX_DEFAULT, toServiceError, type ErrorCodeName } from '@brook/protocol';
import { startTestBrookServer, type TestBrookServer } from '@brook/protocol/testing';
import { FaultPlan, type FakeRpc } from './fake-faults.js';
import { FakePartitionLog } from './fake-partition-log.js';
import { fakeHandlers } from './fake-handlers.js';

export interface FakeTopic {
  readonly name: string;
  readonly topicId: string;
  readonly partitions: FakePartitionLog[];
  readonly configs: Record<string, string>;
}

export interface RecordedCall {
  readonly nodeId: number;
  readonly method: FakeRpc;
  readonly request: unknown;
}

export interface FakeClusterOptions {
  /** Number of brokers, node ids 1..N. Default 1. */
  readonly brokers?: number;
  /** The largest batch a partition accepts, in bytes. Default MESSAGE_BYTES_MAX_DEFAULT. */
  readonly messageBytesMax?: number;
  /** Send the new leader with NOT_LEADER_OR_FOLLOWER (KIP-951 LeaderHint). Default false. */
  readonly leaderHints?: boolean;
}

/** One broker as DescribeCluster lists it. */
export interface FakeBroker {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
  readonly rack: string;
  readonly fenced: boolean;
}

export class FakeBrookCluster {
  readonly topics = new Map<string, FakeTopic>();
  readonly calls: RecordedCall[] = [];
  readonly faults = new FaultPlan();
  readonly messageBytesMax: number;
  readonly leaderHints: boolean;
  readonly clusterId = 'fake-cluster';
  /** The active controller DescribeCluster and Metadata report; -1 = none. */
  controllerId = 1;
  /**
   * The cluster default of every topic config key the fake knows; DescribeConfigs lists these,
   * IncrementalAlterConfigs refuses other keys (INVALID_CONFIG).
   */
  readonly configDefaults: Record<string, string> = { 'cleanup.policy': 'delete', 'min.insync.replicas': '1', 'retention.ms': '604800000', 'segment.bytes': '1073741824' };
  /** What DescribeQuorum answers; undefined = every broker a caught-up voter, led by controllerId. */
  quorum: DescribeQuorumResponse | undefined;
  private readonly fenced = new Set<number>();
  private readonly racks = new Map<number, string>();
  private readonly servers = new Map<number, TestBrookServer>();
  /** Every broker ever started, stopped ones included: Metadata keeps listing them, as a real
   * cluster does until it fences a broker. */
  private readonly ports = new Map<number, number>();
  private gate: Promise<void> | undefined;
  private topicSerial = 0;
  /** Produce calls still to be answered with a failure after their batches were appended. */
  private lostProduceResponses: Array<{ code: ErrorCodeName; remaining: number }> = [];
  /** The last producer id InitProducerId handed out. */
  lastProducerId = 999n;

  private constructor(options: FakeClusterOptions) {
    this.messageBytesMax = options.messageBytesMax ?? MESSAGE_BYTES_MAX_DEFAULT;
    this.leaderHints = options.leaderHints ?? false;
  }

  static async start(options: FakeClusterOptions = {}): Promise<FakeBrookCluster> {
    const cluster = new FakeBrookCluster(options);
    const count = options.brokers ?? 1;
    for (let nodeId = 1; nodeId <= count; nodeId++) {
      const server = await startTestBrookServer(fakeHandlers(cluster, nodeId));
      cluster.servers.set(nodeId, server);
      cluster.ports.set(nodeId, server.port);
    }
    return cluster;
  }

  /** "127.0.0.1:port" of every broker, in node id order: the bootstrap list. */
  get addresses(): string[] {
    return [...this.servers.values()].map((s) => s.address);
  }

  get nodeIds(): number[] {
    return [...this.ports.keys()];
  }

  /** Every broker as Metadata lists it: the unfenced ones, as a real cluster does. */
  brokerList(): Array<{ nodeId: number; host: string; port: number }> {
    return this.describeBrokers(false).map(({ nodeId, host, port }) => ({ nodeId, host, port }));
  }

  /** Every broker with its rack and fencing, as DescribeCluster lists them. */
  describeBrokers(includeFenced: boolean): FakeBroker[] {
    return [...this.ports]
      .map(([nodeId, port]) => ({ nodeId, host: '127.0.0.1', port, rack: this.racks.get(nodeId) ?? '', fenced: this.fenced.has(nodeId) }))
      .filter((broker) => includeFenced || !broker.fenced);
  }

  setRack(nodeId: number, rack: string): void {
    this.racks.set(nodeId, rack);
  }

  /**
   * Fences a broker as the controller does after its session timeout: it leaves every ISR, and
   * each partition it led gets the next in-sync replica as leader (-1 when none is left).
   */
  fenceBroker(nodeId: number): void {
    this.fenced.add(nodeId);
    for (const topic of this.topics.values()) {
      for (const log of topic.partitions) {
        log.isr = log.isr.filter((id) => id !== nodeId);
        if (log.leaderId !== nodeId) continue;
        log.leaderId = log.isr[0] ?? -1;
        log.leaderEpoch++;
      }
    }
  }

  /** Unfences a broker; it rejoins the ISR of its replicas (the fake has nothing to catch up). */
  unfenceBroker(nodeId: number): void {
    this.fenced.delete(nodeId);
    for (const topic of this.topics.values()) {
      for (const log of topic.partitions) {
        if (log.replicas.includes(nodeId) && !log.isr.includes(nodeId)) log.isr = log.replicas.filter((id) => log.isr.includes(id) || id === nodeId);
      }
    }
  }

  isFenced(nodeId: number): boolean {
    return this.fenced.has(nodeId);
  }

  /** The DescribeQuorum answer: the one a test set, else every broker a caught-up voter. */
  quorumState(): DescribeQuorumResponse {
    if (this.quorum !== undefined) return this.quorum;
    const voters = this.nodeIds.map((nodeId) => ({ nodeId, logEndOffset: 10, lag: 0, lastContactMsAgo: nodeId === this.controllerId ? 0 : 5 }));
    return { leaderId: this.controllerId, leaderEpoch: 1, highWatermark: 10, voters, observers: [] };
  }

  /**
   * Creates a topic; partition p is led by leaders[p], else by brokers in turn, and replicated
   * on the leader and the next replicationFactor - 1 brokers in node id order.
   */
  createTopic(name: string, partitions: number, leaders?: readonly number[], configs: Record<string, string> = {}, replicationFactor = 1): FakeTopic {
    const ids = this.nodeIds;
    const logs = Array.from({ length: partitions }, (_, p) => {
      const leaderId = leaders?.[p] ?? ids[p % ids.length]!;
      const first = Math.max(0, ids.indexOf(leaderId));
      const replicas = [leaderId, ...Array.from({ length: replicationFactor - 1 }, (_, k) => ids[(first + k + 1) % ids.length]!)];
      return new FakePartitionLog(leaderId, 0, replicas);
    });
    const topic = { name, topicId: `topic-${++this.topicSerial}`, partitions: logs, configs };
    this.topics.set(name, topic);
    return topic;
  }

  partition(topic: string, partition: number): FakePartitionLog {
    const log = this.topics.get(topic)?.partitions[partition];
    if (log === undefined) throw new Error(`no fake partition ${topic}/${partition}`);
    return log;
  }

  /** Moves a partition's leadership (the data moves with it: the fake shares one log); a
   * leader that was no replica becomes one, in sync. */
  moveLeader(topic: string, partition: number, leaderId: number): void {
    const log = this.partition(topic, partition);
    log.leaderId = leaderId;
    log.leaderEpoch++;
    if (!log.replicas.includes(leaderId)) log.replicas = [...log.replicas, leaderId];
    if (!log.isr.includes(leaderId)) log.isr = [...log.isr, leaderId];
  }

  /** The next `times` calls of `method` (for the partition, if given) fail with `code`. */
  failNext(method: FakeRpc, code: ErrorCodeName, options: { times?: number; topic?: string; partition?: number; level?: 'partition' | 'request' } = {}): void {
    this.faults.add({ method, code, level: options.level ?? 'partition', topic: options.topic, partition: options.partition, remaining: options.times ?? 1 });
  }

  /**
   * The next `times` Produce calls are carried out (their batches appended) and then answered with
   * `code` as the call's status, as when a response is lost on the way back: the client retries a
   * batch the log already holds.
   */
  loseProduceResponses(times = 1, code: ErrorCodeName = 'REQUEST_TIMED_OUT'): void {
    this.lostProduceResponses.push({ code, remaining: times });
  }

  /** The failure to answer an executed Produce call with, if one is due. */
  takeLostProduceResponse(): ErrorCodeName | undefined {
    const rule = this.lostProduceResponses.find((r) => r.remaining > 0);
    if (rule === undefined) return undefined;
    rule.remaining--;
    return rule.code;
  }

  /** Holds every Produce call until the returned function is called. */
  holdProduce(): () => void {
    let release = (): void => undefined;
    this.gate = new Promise((resolve) => {
      release = () => {
        this.gate = undefined;
        resolve();
      };
    });
    return release;
  }

  /** Resolves when Produce may proceed (at once unless held). */
  produceGate(): Promise<void> {
    return this.gate ?? Promise.resolve();
  }

  callsOf(method: FakeRpc): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Stops every fake broker, failing calls in flight. */
  close(): void {
    for (const server of this.servers.values()) server.close();
    this.servers.clear();
  }

  /** Stops one broker (its port refuses connections from now on). */
  stopBroker(nodeId: number): void {
    this.servers.get(nodeId)?.close();
    this.servers.delete(nodeId);
  }
}

/** The status a request-level fault or failure carries. */
export function requestFailure(code: ErrorCodeName, message?: string): ReturnType<typeof toServiceError> {
  return toServiceError(new BrookError(code, message ?? ERROR_CODES[code].description));
}
