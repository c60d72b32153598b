// The CLI's one BrookSession: the interface of session.ts over @brook/client. Everything the
// commands know about the SDK's spelling is in this file.
import { Brook, BrookAdminError, type OffsetAnswer, type OffsetQuery as SdkOffsetQuery, type QuorumReplicaDescription, type TopicConfigEntry as SdkTopicConfigEntry } from '@brook/client';
import { BrookError } from '@brook/protocol';
import { describeFailure } from './cli-error.js';
import type {
  BrookSession,
  ClusterDescription,
  ConsumedRecord,
  ConsumerOptions,
  CreatedTopic,
  CreateTopicSpec,
  DescribeTopicsOptions,
  NodeProbe,
  OffsetQuery,
  PartitionStart,
  ProducerOptions,
  QuorumReplicaState,
  QuorumState,
  SessionConsumer,
  SessionOptions,
  SessionProducer,
  TopicConfigChangeSpec,
  TopicConfigEntry,
  TopicConfigs,
  TopicDescription,
} from './session.js';

const CLIENT_ID = 'brook-cli';
/** Polling callers (health checks) retry by polling again; one short retry covers a blip. */
const QUICK_RETRY = { retries: 1, initialBackoffMs: 100, maxBackoffMs: 200, totalTimeoutMs: 2_000 };
const QUICK_REQUEST_TIMEOUT_MS = 3_000;

/**
 * The admin reports a failed item as one error listing every failure ("describeTopics: 1 of 1
 * failed: t: UNKNOWN_TOPIC_OR_PARTITION (...)"). The CLI asks about one item at a time where it
 * matters, so the single failure itself makes the clearer one-line message.
 */
function unwrapSingleFailure(error: unknown): never {
  const failures = (error as { failures?: ReadonlyMap<string, unknown> } | null)?.failures;
  if (failures instanceof Map && failures.size === 1) {
    const [only] = failures.values();
    if (only instanceof BrookError) throw only;
  }
  throw error;
}

function timestampOf(query: OffsetQuery): 'earliest' | 'latest' | bigint {
  return query.kind === 'timestamp' ? query.timestampMs : query.kind;
}

function quorumReplica(replica: QuorumReplicaDescription): QuorumReplicaState {
  return { nodeId: replica.nodeId, logEndOffset: replica.logEndOffset, lag: replica.lag, lastContactMsAgo: replica.lastContactMsAgo };
}

/** A config as the commands print it: the source without its enum prefix, lower case (cluster_default). */
function configEntry(config: SdkTopicConfigEntry): TopicConfigEntry {
  return { name: config.name, value: config.value, source: String(config.source).replace(/^CONFIG_SOURCE_/, '').toLowerCase() };
}

/**
 * Offsets for a description are extras: partitions whose leader is down must not hide the
 * leaders, replicas and ISR, which matter most then. The answers that came back are kept.
 */
function partialOffsets(error: unknown): OffsetAnswer[] {
  if (error instanceof BrookAdminError) return [...(error.succeeded as OffsetAnswer[])];
  return [];
}

class SdkSession implements BrookSession {
  private readonly brook: Brook;
  private readonly admin;

  constructor(brokers: string[], options: SessionOptions = {}) {
    const quick = options.quick === true ? { retry: QUICK_RETRY, requestTimeoutMs: QUICK_REQUEST_TIMEOUT_MS } : {};
    this.brook = new Brook({ brokers, clientId: CLIENT_ID, ...quick });
    this.admin = this.brook.admin();
  }

  async describeCluster(options: { includeFenced?: boolean | undefined } = {}): Promise<ClusterDescription> {
    const cluster = await this.admin.describeCluster({ includeFenced: options.includeFenced ?? false });
    return {
      clusterId: cluster.clusterId,
      controllerId: cluster.controllerId,
      brokers: cluster.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack === '' ? undefined : b.rack, fenced: b.fenced })),
      answeringNode: cluster.node === null ? undefined : { nodeId: cluster.node.nodeId, roles: [...cluster.node.roles], softwareVersion: cluster.node.softwareVersion, uptimeMs: Number(cluster.node.uptimeMs) },
    };
  }

  async describeQuorum(): Promise<QuorumState> {
    const quorum = await this.admin.describeQuorum();
    return {
      leaderId: quorum.leaderId,
      leaderEpoch: quorum.leaderEpoch,
      highWatermark: quorum.highWatermark,
      voters: quorum.voters.map(quorumReplica),
      observers: quorum.observers.map(quorumReplica),
    };
  }

  async probeNode(address: string, timeoutMs: number): Promise<NodeProbe> {
    // A client of its own with one address and no retries: the shared one would move on to
    // another broker, which is the opposite of asking this node.
    const direct = new Brook({ brokers: [address], clientId: CLIENT_ID, requestTimeoutMs: timeoutMs, retry: { retries: 0 } });
    try {
      const { node } = await direct.admin().describeCluster();
      return { answered: true, nodeId: node?.nodeId ?? -1, roles: [...(node?.roles ?? [])] };
    } catch (error) {
      const failure = describeFailure(error);
      return { answered: false, error: `${failure.code}: ${failure.message}` };
    } finally {
      await direct.close();
    }
  }

  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  async describeTopics(names: string[], options: DescribeTopicsOptions = {}): Promise<TopicDescription[]> {
    const topics = await this.admin.describeTopics(names).catch(unwrapSingleFailure);
    const queries: Array<Omit<SdkOffsetQuery, 'timestamp'>> =
      options.offsets === false ? [] : topics.flatMap((t) => t.partitions.filter((p) => p.leader >= 0).map((p) => ({ topic: t.topic, partition: p.partition })));
    const ask = (timestamp: 'earliest' | 'latest'): Promise<OffsetAnswer[]> =>
      queries.length === 0 ? Promise.resolve([]) : this.admin.listOffsets(queries.map((q) => ({ ...q, timestamp }))).catch(partialOffsets);
    const [earliest, latest] = await Promise.all([ask('earliest'), ask('latest')]);
    const offsetOf = (answers: typeof earliest, topic: string, partition: number) => answers.find((a) => a.topic === topic && a.partition === partition)?.offset;
    return topics.map((t) => ({
      name: t.topic,
      topicId: t.topicId,
      isInternal: t.isInternal,
      partitions: t.partitions.map((p) => ({
        partition: p.partition,
        leaderId: p.leader,
        leaderEpoch: p.leaderEpoch,
        replicas: [...p.replicas],
        isr: [...p.isr],
        offlineReplicas: [...p.offlineReplicas],
        earliestOffset: offsetOf(earliest, t.topic, p.partition),
        latestOffset: offsetOf(latest, t.topic, p.partition),
      })),
    }));
  }

  async createTopic(spec: CreateTopicSpec): Promise<CreatedTopic> {
    const [created] = await this.admin
      .createTopics([{ topic: spec.name, numPartitions: spec.partitions, replicationFactor: spec.replicationFactor, configs: spec.configs }])
      .catch(unwrapSingleFailure);
    if (!created) throw new BrookError('UNKNOWN_SERVER_ERROR', `the cluster did not answer for topic ${spec.name}`);
    return {
      name: created.topic,
      topicId: created.topicId,
      partitions: created.numPartitions,
      replicationFactor: created.replicationFactor,
      configs: created.configs.map(configEntry),
    };
  }

  async describeTopicConfigs(names: string[]): Promise<TopicConfigs[]> {
    const described = await this.admin.describeConfigs(names).catch(unwrapSingleFailure);
    const byName = new Map(described.map((t) => [t.topic, t.configs.map(configEntry)]));
    return names.map((name) => {
      const configs = byName.get(name);
      if (configs === undefined) throw new BrookError('UNKNOWN_SERVER_ERROR', `the cluster did not answer for topic ${name}`);
      return { name, configs };
    });
  }

  async alterTopicConfigs(spec: TopicConfigChangeSpec): Promise<void> {
    await this.admin.alterConfigs([{ topic: spec.name, set: spec.set, delete: spec.delete }], { validateOnly: spec.validateOnly }).catch(unwrapSingleFailure);
  }

  async deleteTopic(name: string): Promise<void> {
    await this.admin.deleteTopics([name]).catch(unwrapSingleFailure);
  }

  async listOffsets(topic: string, partitions: number[], query: OffsetQuery): Promise<Map<number, bigint>> {
    const answers = await this.admin.listOffsets(partitions.map((partition) => ({ topic, partition, timestamp: timestampOf(query) }))).catch(unwrapSingleFailure);
    return new Map(answers.map((a) => [a.partition, a.offset]));
  }

  producer(options: ProducerOptions): SessionProducer {
    const producer = this.brook.producer({ acks: options.acks, lingerMs: options.lingerMs, batchBytes: options.batchBytes });
    return {
      async send(topic, records) {
        const results = await producer.send({
          topic,
          messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers, partition: r.partition })),
        });
        return results.map((r) => ({ partition: r.partition, offset: r.offset }));
      },
      flush: () => producer.flush(),
      close: () => producer.close(),
    };
  }

  consumer(starts: PartitionStart[], options: ConsumerOptions = {}): SessionConsumer {
    // resetPolicy 'none': the commands check their start offsets first, so an out-of-range
    // answer later (retention ran meanwhile) is reported, never silently skipped past.
    const consumer = this.brook.consumer({ maxBytes: options.fetchMaxBytes, partitionMaxBytes: options.partitionFetchMaxBytes, resetPolicy: 'none' });
    consumer.assign(starts.map((s) => ({ topic: s.topic, partition: s.partition, offset: s.offset })));
    return {
      async *batches() {
        for await (const batch of consumer.batches()) {
          yield batch.messages.map(
            (m): ConsumedRecord => ({ topic: batch.topic, partition: batch.partition, offset: m.offset, timestampMs: m.timestamp, key: m.key, value: m.value, headers: [...m.headers] }),
          );
        }
      },
      close: () => consumer.close(),
    };
  }

  close(): Promise<void> {
    return this.brook.close();
  }
}

export function openSdkSession(brokers: string[], options: SessionOptions = {}): BrookSession {
  return new SdkSession(brokers, options);
}
