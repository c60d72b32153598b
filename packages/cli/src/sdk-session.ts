// The CLI's one BrookSession: the interface of session.ts over @brook/client. Everything the
// commands know about the SDK's spelling is in this file.
import { Brook } from '@brook/client';
import { BrookError } from '@brook/protocol';
import type {
  BrookSession,
  ClusterDescription,
  ConsumedRecord,
  ConsumerOptions,
  CreatedTopic,
  CreateTopicSpec,
  OffsetQuery,
  PartitionStart,
  ProducerOptions,
  SessionConsumer,
  SessionProducer,
  TopicDescription,
} from './session.js';

const CLIENT_ID = 'brook-cli';

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

class SdkSession implements BrookSession {
  private readonly brook: Brook;
  private readonly admin;

  constructor(brokers: string[]) {
    this.brook = new Brook({ brokers, clientId: CLIENT_ID });
    this.admin = this.brook.admin();
  }

  async describeCluster(): Promise<ClusterDescription> {
    const cluster = await this.admin.describeCluster();
    return {
      clusterId: cluster.clusterId,
      controllerId: cluster.controllerId,
      brokers: cluster.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack === '' ? undefined : b.rack })),
      answeringNode: cluster.node === null ? undefined : { nodeId: cluster.node.nodeId, roles: [...cluster.node.roles], softwareVersion: cluster.node.softwareVersion, uptimeMs: Number(cluster.node.uptimeMs) },
    };
  }

  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  async describeTopics(names: string[]): Promise<TopicDescription[]> {
    const topics = await this.admin.describeTopics(names).catch(unwrapSingleFailure);
    const queries = topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.topic, partition: p.partition })));
    const [earliest, latest] = await Promise.all([
      this.admin.listOffsets(queries.map((q) => ({ ...q, timestamp: 'earliest' as const }))).catch(unwrapSingleFailure),
      this.admin.listOffsets(queries.map((q) => ({ ...q, timestamp: 'latest' as const }))).catch(unwrapSingleFailure),
    ]);
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
      configs: created.configs.map((c) => ({ name: c.name, value: c.value, source: String(c.source).replace(/^CONFIG_SOURCE_/, '').toLowerCase() })),
    };
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

export function openSdkSession(brokers: string[]): BrookSession {
  return new SdkSession(brokers);
}
