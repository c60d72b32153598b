// An in-memory BrookSession for the CLI's unit tests: topics with partitions holding records,
// offsets, and the errors a broker would give (unknown topic, existing topic, oversized record),
// so commands can be run through runCli and their output checked without a process.
import { BrookError } from '@brook/protocol';
import type {
  BrookSession,
  ClusterDescription,
  ConsumedRecord,
  CreatedTopic,
  CreateTopicSpec,
  OffsetQuery,
  OutgoingRecord,
  PartitionStart,
  RecordPosition,
  SessionConsumer,
  SessionProducer,
  TopicDescription,
} from '../session.js';

export interface MemoryTopic {
  topicId: string;
  partitions: ConsumedRecord[][];
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

  session = async (brokers: string[]): Promise<BrookSession> => {
    this.sessionsOpened++;
    this.lastBrokers = brokers;
    return new MemorySession(this);
  };
}

class MemorySession implements BrookSession {
  constructor(private readonly cluster: MemoryCluster) {}

  async describeCluster(): Promise<ClusterDescription> {
    return { clusterId: 'memory-cluster', controllerId: 1, brokers: [{ nodeId: 1, host: '127.0.0.1', port: 9092 }] };
  }

  async listTopics(): Promise<string[]> {
    return [...this.cluster.topics.keys()];
  }

  async describeTopics(names: string[]): Promise<TopicDescription[]> {
    return names.map((name) => {
      const topic = this.cluster.topic(name);
      return {
        name,
        topicId: topic.topicId,
        isInternal: false,
        partitions: topic.partitions.map((log, partition) => ({
          partition, leaderId: 1, leaderEpoch: 0, replicas: [1], isr: [1], offlineReplicas: [], earliestOffset: 0n, latestOffset: BigInt(log.length),
        })),
      };
    });
  }

  async createTopic(spec: CreateTopicSpec): Promise<CreatedTopic> {
    if (this.cluster.topics.has(spec.name)) throw new BrookError('TOPIC_ALREADY_EXISTS', `topic ${spec.name} already exists`);
    const topicId = `id-${spec.name}`;
    this.cluster.topics.set(spec.name, { topicId, partitions: Array.from({ length: spec.partitions }, () => []) });
    const configs = Object.entries(spec.configs).map(([name, value]) => ({ name, value, source: 'CONFIG_SOURCE_TOPIC' }));
    return { name: spec.name, topicId, partitions: spec.partitions, replicationFactor: spec.replicationFactor < 0 ? 1 : spec.replicationFactor, configs };
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

/** A CliContext over a MemoryCluster with captured stdout and stderr and a given stdin. */
export function memoryContext(cluster: MemoryCluster, stdinText = '', env: NodeJS.ProcessEnv = {}) {
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
    nowMs: () => performance.now(),
    wallClockMs: () => Date.now(),
    interrupted: new Promise<void>((resolve) => (interrupt = resolve)),
    exitCode: undefined as number | undefined,
  };
  return { context, output, interrupt: () => interrupt() };
}
