// An in-memory BrookSession for the CLI's unit tests: topics with partitions holding records and
// their placement (leader, replicas, ISR) and configs (own values over cluster defaults), offsets,
// brokers (fenced or not), the metadata quorum, nodes that answer or not, and the errors a broker
// would give (unknown topic, existing topic, oversized record, unknown config key or bad value), so commands can be run through runCli and their output checked without a
// process.
import { BrookError } from '@brook/protocol';
import type {
  BrokerAddress,
  BrookSession,
  ClusterDescription,
  ConsumedRecord,
  CreatedTopic,
  CreateTopicSpec,
  NodeProbe,
  OffsetQuery,
  OutgoingRecord,
  PartitionStart,
  QuorumState,
  RecordPosition,
  SessionConsumer,
  SessionOptions,
  SessionProducer,
  TopicConfigChangeSpec,
  TopicConfigs,
  TopicDescription,
} from '../session.js';

/** Where a partition lives: its leader (-1 = none), leader epoch, replicas and ISR. */
export interface MemoryPlacement {
  leaderId: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
}

export interface MemoryTopic {
  topicId: string;
  partitions: ConsumedRecord[][];
  placement: MemoryPlacement[];
  /** The topic's own config values (overrides of configDefaults). */
  configs: Record<string, string>;
  /** An altered config set not visible yet, and how many more reads still show the old one. */
  pendingConfigs?: { configs: Record<string, string>; readsLeft: number } | undefined;
}

export class MemoryCluster {
  readonly topics = new Map<string, MemoryTopic>();
  /** Values longer than this are refused with MESSAGE_TOO_LARGE, like the broker's limit. */
  recordBytesMax = 1024;
  /** Wall-clock timestamp stamped on appended records. */
  timestampMs = 1_700_000_000_000n;
  sessionsOpened = 0;
  sessionsClosed = 0;
  /** Brokers the last session was opened with. */
  lastBrokers: string[] = [];
  /** Options the last session was opened with. */
  lastSessionOptions: SessionOptions | undefined;
  /** Every broker, fenced ones included (describeCluster lists those only when asked). */
  brokers: BrokerAddress[] = [{ nodeId: 1, host: '127.0.0.1', port: 9092, fenced: false }];
  controllerId = 1;
  quorum: QuorumState = { leaderId: 1, leaderEpoch: 1, highWatermark: 0n, voters: [{ nodeId: 1, logEndOffset: 0n, lag: 0n, lastContactMsAgo: 0 }], observers: [] };
  /** Every config key the cluster knows, with its default; other keys are INVALID_CONFIG. */
  configDefaults: Record<string, string> = { 'cleanup.policy': 'delete', 'min.insync.replicas': '1', 'retention.ms': '604800000', 'segment.bytes': '1073741824' };
  /**
   * How many describeTopicConfigs reads after an alter still show the old configs, as a broker
   * that has not applied the controller's record yet would. Default 0: visible at once.
   */
  configReadsBeforeVisible = 0;
  /** Addresses whose nodes do not answer probes. */
  readonly silentNodes = new Set<string>();
  /** While set, every cluster request fails with NETWORK_EXCEPTION (nothing answers). */
  unreachable = false;

  topic(name: string): MemoryTopic {
    const topic = this.topics.get(name);
    if (!topic) throw new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${name} does not exist`);
    return topic;
  }

  append(topicName: string, records: OutgoingRecord[]): RecordPosition[] {
    const topic = this.topic(topicName);
    for (const record of records) {
      if ((record.value?.byteLength ?? 0) > this.recordBytesMax) throw new BrookError('MESSAGE_TOO_LARGE', `record of ${record.value?.byteLength} bytes is past the limit`);
    }
    return records.map((record, index) => {
      const partition = record.partition ?? (record.key === null ? index % topic.partitions.length : (record.key[0] ?? 0) % topic.partitions.length);
      const log = topic.partitions[partition];
      if (!log) throw new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `no partition ${partition}`);
      const offset = BigInt(log.length);
      log.push({ topic: topicName, partition, offset, timestampMs: this.timestampMs++, key: record.key, value: record.value, headers: record.headers });
      return { partition, offset };
    });
  }

  /** Fails like an SDK call to a cluster where nothing answers, when `unreachable` is set. */
  reach(): void {
    if (this.unreachable) throw new BrookError('NETWORK_EXCEPTION', 'no broker answered (memory cluster unreachable)');
  }

  /**
   * A topic's configs after `spec`, or the broker's error: an unknown key, or a value that is not
   * an integer where the default is one, is INVALID_CONFIG and changes nothing.
   */
  alteredConfigs(spec: TopicConfigChangeSpec): Record<string, string> {
    const next = { ...this.topic(spec.name).configs };
    for (const [key, value] of Object.entries(spec.set)) {
      const fallback = this.configDefaults[key];
      if (fallback === undefined) throw new BrookError('INVALID_CONFIG', `topic ${spec.name}: unknown topic config "${key}"`);
      if (/^-?\d+$/.test(fallback) && !/^-?\d+$/.test(value)) throw new BrookError('INVALID_CONFIG', `topic ${spec.name}: ${key}=${value} is not an integer`);
      next[key] = value;
    }
    for (const key of spec.delete) {
      if (this.configDefaults[key] === undefined) throw new BrookError('INVALID_CONFIG', `topic ${spec.name}: unknown topic config "${key}"`);
      delete next[key];
    }
    return next;
  }

  /** Partition p led by the brokers in turn, replicated on the next ones in list order. */
  place(partitions: number, replicationFactor: number): MemoryPlacement[] {
    const ids = this.brokers.map((b) => b.nodeId);
    return Array.from({ length: partitions }, (_, p) => {
      const replicas = Array.from({ length: Math.min(replicationFactor, ids.length) }, (_, k) => ids[(p + k) % ids.length]!);
      return { leaderId: replicas[0] ?? -1, leaderEpoch: 0, replicas, isr: [...replicas] };
    });
  }

  session = async (brokers: string[], options?: SessionOptions): Promise<BrookSession> => {
    this.sessionsOpened++;
    this.lastBrokers = brokers;
    this.lastSessionOptions = options;
    return new MemorySession(this);
  };
}

class MemorySession implements BrookSession {
  constructor(private readonly cluster: MemoryCluster) {}

  async describeCluster(options: { includeFenced?: boolean | undefined } = {}): Promise<ClusterDescription> {
    this.cluster.reach();
    const brokers = this.cluster.brokers.filter((b) => options.includeFenced === true || b.fenced !== true).map((b) => ({ ...b }));
    return { clusterId: 'memory-cluster', controllerId: this.cluster.controllerId, brokers };
  }

  async describeQuorum(): Promise<QuorumState> {
    this.cluster.reach();
    return structuredClone(this.cluster.quorum);
  }

  async probeNode(address: string): Promise<NodeProbe> {
    const broker = this.cluster.brokers.find((b) => `${b.host}:${b.port}` === address);
    if (broker === undefined || this.cluster.unreachable || this.cluster.silentNodes.has(address)) return { answered: false, error: `${address}: connection refused` };
    return { answered: true, nodeId: broker.nodeId, roles: ['broker', 'controller'] };
  }

  async listTopics(): Promise<string[]> {
    this.cluster.reach();
    return [...this.cluster.topics.keys()];
  }

  async describeTopics(names: string[]): Promise<TopicDescription[]> {
    this.cluster.reach();
    const fenced = new Set(this.cluster.brokers.filter((b) => b.fenced === true).map((b) => b.nodeId));
    return names.map((name) => {
      const topic = this.cluster.topic(name);
      return {
        name,
        topicId: topic.topicId,
        isInternal: false,
        partitions: topic.partitions.map((log, partition) => {
          const { leaderId, leaderEpoch, replicas, isr } = topic.placement[partition]!;
          const led = leaderId >= 0;
          const offsets = { earliestOffset: led ? 0n : undefined, latestOffset: led ? BigInt(log.length) : undefined };
          return { partition, leaderId, leaderEpoch, replicas: [...replicas], isr: [...isr], offlineReplicas: replicas.filter((id) => fenced.has(id)), ...offsets };
        }),
      };
    });
  }

  async createTopic(spec: CreateTopicSpec): Promise<CreatedTopic> {
    if (this.cluster.topics.has(spec.name)) throw new BrookError('TOPIC_ALREADY_EXISTS', `topic ${spec.name} already exists`);
    const topicId = `id-${spec.name}`;
    const placement = this.cluster.place(spec.partitions, spec.replicationFactor < 0 ? 1 : spec.replicationFactor);
    this.cluster.topics.set(spec.name, { topicId, partitions: Array.from({ length: spec.partitions }, () => []), placement, configs: { ...spec.configs } });
    const configs = Object.entries(spec.configs).map(([name, value]) => ({ name, value, source: 'topic' }));
    return { name: spec.name, topicId, partitions: spec.partitions, replicationFactor: spec.replicationFactor < 0 ? 1 : spec.replicationFactor, configs };
  }

  async describeTopicConfigs(names: string[]): Promise<TopicConfigs[]> {
    this.cluster.reach();
    return names.map((name) => {
      const topic = this.cluster.topic(name);
      if (topic.pendingConfigs !== undefined && topic.pendingConfigs.readsLeft-- <= 0) {
        topic.configs = topic.pendingConfigs.configs;
        topic.pendingConfigs = undefined;
      }
      const own = topic.configs;
      const keys = [...new Set([...Object.keys(this.cluster.configDefaults), ...Object.keys(own)])].sort();
      const configs = keys.map((key) => {
        const value = own[key];
        return value === undefined ? { name: key, value: this.cluster.configDefaults[key] ?? '', source: 'cluster_default' } : { name: key, value, source: 'topic' };
      });
      return { name, configs };
    });
  }

  async alterTopicConfigs(spec: TopicConfigChangeSpec): Promise<void> {
    this.cluster.reach();
    const next = this.cluster.alteredConfigs(spec);
    if (spec.validateOnly) return;
    const topic = this.cluster.topic(spec.name);
    if (this.cluster.configReadsBeforeVisible > 0) topic.pendingConfigs = { configs: next, readsLeft: this.cluster.configReadsBeforeVisible };
    else topic.configs = next;
  }

  async deleteTopic(name: string): Promise<void> {
    this.cluster.topic(name);
    this.cluster.topics.delete(name);
  }

  async listOffsets(topicName: string, partitions: number[], query: OffsetQuery): Promise<Map<number, bigint>> {
    const topic = this.cluster.topic(topicName);
    return new Map(
      partitions.map((p) => {
        const log = topic.partitions[p] ?? [];
        if (query.kind === 'earliest') return [p, 0n];
        if (query.kind === 'latest') return [p, BigInt(log.length)];
        return [p, log.find((r) => r.timestampMs >= query.timestampMs)?.offset ?? -1n];
      }),
    );
  }

  producer(): SessionProducer {
    return {
      send: async (topic, records) => this.cluster.append(topic, records),
      flush: async () => undefined,
      close: async () => undefined,
    };
  }

  consumer(starts: PartitionStart[]): SessionConsumer {
    const cluster = this.cluster;
    let closed = false;
    let wakeClosed: () => void = () => undefined;
    const closedSignal = new Promise<void>((resolve) => (wakeClosed = resolve));
    const positions = starts.map((s) => ({ ...s }));
    return {
      async *batches() {
        while (!closed) {
          const batch: ConsumedRecord[] = [];
          for (const position of positions) {
            const log = cluster.topic(position.topic).partitions[position.partition] ?? [];
            if (position.offset > BigInt(log.length)) throw new BrookError('OFFSET_OUT_OF_RANGE', `offset ${position.offset} is past the end`);
            const records = log.slice(Number(position.offset), Number(position.offset) + 3);
            position.offset += BigInt(records.length);
            batch.push(...records);
          }
          if (batch.length > 0) yield batch;
          // Nothing new: wait like a long poll, ending early when closed.
          else await Promise.race([new Promise((resolve) => setTimeout(resolve, 20)), closedSignal]);
        }
      },
      close: async () => {
        closed = true;
        wakeClosed();
      },
    };
  }

  async close(): Promise<void> {
    this.cluster.sessionsClosed++;
  }
}

/**
 * A CliContext over a MemoryCluster with captured stdout and stderr and a given stdin. The
 * working directory defaults to one that does not exist, so no ./data/cluster.json of the
 * machine running the tests is read.
 */
export function memoryContext(cluster: MemoryCluster, stdinText = '', env: NodeJS.ProcessEnv = {}, cwd = '/nonexistent/brook-cli-test') {
  const output = { stdout: '', stderr: '' };
  let interrupt: () => void = () => undefined;
  const context = {
    openSession: cluster.session,
    stdin: (async function* () {
      if (stdinText) yield Buffer.from(stdinText);
    })(),
    out: (text: string) => void (output.stdout += text),
    err: (text: string) => void (output.stderr += text),
    env,
    cwd,
    nowMs: () => performance.now(),
    wallClockMs: () => Date.now(),
    interrupted: new Promise<void>((resolve) => (interrupt = resolve)),
    exitCode: undefined as number | undefined,
  };
  return { context, output, interrupt: () => interrupt() };
}
