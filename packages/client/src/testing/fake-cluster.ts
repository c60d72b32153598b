// An in-process fake of a Brook cluster for the SDK's tests: N fake brokers, each a real gRPC
// BrookClient server on 127.0.0.1 port 0, sharing topics whose partitions live in memory. The SDK
// is exercised over real gRPC (deadlines, statuses, message sizes) without the broker package.
// Tests steer it: move leaders, inject faults, hold Produce responses, read the calls it got.
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

export class FakeBrookCluster {
  readonly topics = new Map<string, FakeTopic>();
  readonly calls: RecordedCall[] = [];
  readonly faults = new FaultPlan();
  readonly messageBytesMax: number;
  readonly leaderHints: boolean;
  readonly clusterId = 'fake-cluster';
  private readonly servers = new Map<number, TestBrookServer>();
  /** Every broker ever started, stopped ones included: Metadata keeps listing them, as a real
   * cluster does until it fences a broker. */
  private readonly ports = new Map<number, number>();
  private gate: Promise<void> | undefined;
  private topicSerial = 0;

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

  /** Every broker as Metadata lists it. */
  brokerList(): Array<{ nodeId: number; host: string; port: number }> {
    return [...this.ports].map(([nodeId, port]) => ({ nodeId, host: '127.0.0.1', port }));
  }

  /** Creates a topic; partition p is led by leaders[p], else by brokers in turn. */
  createTopic(name: string, partitions: number, leaders?: readonly number[], configs: Record<string, string> = {}): FakeTopic {
    const ids = this.nodeIds;
    const logs = Array.from({ length: partitions }, (_, p) => new FakePartitionLog(leaders?.[p] ?? ids[p % ids.length]!));
    const topic = { name, topicId: `topic-${++this.topicSerial}`, partitions: logs, configs };
    this.topics.set(name, topic);
    return topic;
  }

  partition(topic: string, partition: number): FakePartitionLog {
    const log = this.topics.get(topic)?.partitions[partition];
    if (log === undefined) throw new Error(`no fake partition ${topic}/${partition}`);
    return log;
  }

  /** Moves a partition's leadership (the data moves with it: the fake shares one log). */
  moveLeader(topic: string, partition: number, leaderId: number): void {
    const log = this.partition(topic, partition);
    log.leaderId = leaderId;
    log.leaderEpoch++;
  }

  /** The next `times` calls of `method` (for the partition, if given) fail with `code`. */
  failNext(method: FakeRpc, code: ErrorCodeName, options: { times?: number; topic?: string; partition?: number; level?: 'partition' | 'request' } = {}): void {
    this.faults.add({ method, code, level: options.level ?? 'partition', topic: options.topic, partition: options.partition, remaining: options.times ?? 1 });
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
