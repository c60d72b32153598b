// MetadataDelta: records replayed on top of a base image, then `apply()` builds the next image
// (Kafka's org.apache.kafka.image.MetadataDelta). Maps are copied on first write and topics on
// their first change, so the next image shares every untouched broker, topic and config map
// with the base. Every invariant of the metadata is asserted here, where the state changes
// (ReplicationControlManager.replay validates in the same place); a violation throws
// MetadataInvariantError naming the rule.

import { check } from './errors.js';
import type { BrokerRegistration, MetadataImage, PartitionRegistration, TopicImage } from './image.js';
import { configKey } from './image.js';
import { NO_LEADER } from './records.js';
import type {
  BrokerId,
  BrokerRegistrationChangeRecord,
  ConfigRecord,
  MetadataRecord,
  PartitionChangeRecord,
  PartitionRecord,
  ProducerIdsBlockRecord,
  RegisterBrokerRecord,
  TopicId,
} from './records.js';
import { checkPartition } from './partition-invariants.js';

interface MutableTopic {
  readonly name: string;
  readonly topicId: TopicId;
  readonly partitions: PartitionRegistration[];
}

export class MetadataDelta {
  readonly base: MetadataImage;
  private offset: number;
  private brokers: Map<BrokerId, BrokerRegistration> | undefined;
  private topicsById: Map<TopicId, TopicImage> | undefined;
  private topicIdsByName: Map<string, TopicId> | undefined;
  private configs: Map<string, ReadonlyMap<string, string>> | undefined;
  private nextProducerId: number;
  private readonly touchedTopics = new Map<TopicId, MutableTopic>();
  /** Topics created or changed in this delta (a broker reacts to these). */
  readonly changedTopicIds = new Set<TopicId>();
  /** Topics removed in this delta, with their last state. */
  readonly removedTopics = new Map<TopicId, TopicImage>();

  constructor(base: MetadataImage) {
    this.base = base;
    this.offset = base.offset;
    this.nextProducerId = base.producerIds.nextProducerId;
  }

  // ---- reads through the delta (handlers building several records use these) ----

  broker(id: BrokerId): BrokerRegistration | undefined {
    return (this.brokers ?? this.base.brokers).get(id);
  }

  topic(id: TopicId): TopicImage | undefined {
    return this.touchedTopics.get(id) ?? (this.topicsById ?? this.base.topicsById).get(id);
  }

  topicIdByName(name: string): TopicId | undefined {
    return (this.topicIdsByName ?? this.base.topicIdsByName).get(name);
  }

  /** Replays one record at `offset` (the offset of its batch; see records.ts). */
  replay(record: MetadataRecord, offset: number): void {
    // Invariant: the metadata log is applied in order; offsets never go back.
    check(Number.isSafeInteger(offset) && offset >= this.offset, 'MonotonicOffset', () => `record at ${offset} after ${this.offset}`);
    this.offset = offset;
    switch (record.type) {
      case 'RegisterBroker':
        return this.replayRegister(record, offset);
      case 'UnregisterBroker':
        this.currentBroker(record.brokerId, record.brokerEpoch);
        this.checkLeadsNothing(record.brokerId, true);
        this.writableBrokers().delete(record.brokerId);
        return;
      case 'FenceBroker':
        return this.replayRegistrationChange({ ...record, type: 'BrokerRegistrationChange', fenced: true }, offset);
      case 'UnfenceBroker':
        return this.replayRegistrationChange({ ...record, type: 'BrokerRegistrationChange', fenced: false }, offset);
      case 'BrokerRegistrationChange':
        return this.replayRegistrationChange(record, offset);
      case 'Topic': {
        check(this.topicIdByName(record.name) === undefined, 'UniqueTopicName', () => `topic ${record.name} exists`);
        check(this.topic(record.topicId) === undefined, 'UniqueTopicId', () => `topic id ${record.topicId} exists`);
        const topic: MutableTopic = { name: record.name, topicId: record.topicId, partitions: [] };
        this.touchedTopics.set(record.topicId, topic);
        this.writableTopicIdsByName().set(record.name, record.topicId);
        this.changedTopicIds.add(record.topicId);
        return;
      }
      case 'Partition':
        return this.replayPartition(record);
      case 'PartitionChange':
        return this.replayPartitionChange(record);
      case 'RemoveTopic': {
        const topic = this.topic(record.topicId);
        check(topic !== undefined, 'TopicExists', () => `RemoveTopic of unknown ${record.topicId}`);
        this.touchedTopics.delete(record.topicId);
        this.writableTopics().delete(record.topicId);
        this.writableTopicIdsByName().delete(topic.name);
        this.writableConfigs().delete(configKey('topic', topic.name));
        this.changedTopicIds.delete(record.topicId);
        this.removedTopics.set(record.topicId, topic);
        return;
      }
      case 'Config':
        return this.replayConfig(record);
      case 'ProducerIdsBlock':
        return this.replayProducerIds(record);
    }
  }

  /** Builds the next image; the delta must not be used afterwards. */
  apply(): MetadataImage {
    let topicsById = this.topicsById;
    if (this.touchedTopics.size > 0) {
      topicsById ??= new Map(this.base.topicsById);
      for (const [id, topic] of this.touchedTopics) topicsById.set(id, freezeTopic(topic));
    }
    return {
      offset: this.offset,
      brokers: this.brokers ?? this.base.brokers,
      topicsById: topicsById ?? this.base.topicsById,
      topicIdsByName: this.topicIdsByName ?? this.base.topicIdsByName,
      configs: this.configs ?? this.base.configs,
      producerIds:
        this.nextProducerId === this.base.producerIds.nextProducerId
          ? this.base.producerIds
          : { nextProducerId: this.nextProducerId },
    };
  }

  // ---- brokers ----

  private replayRegister(record: RegisterBrokerRecord, offset: number): void {
    const previous = this.broker(record.brokerId);
    if (previous !== undefined) {
      // Invariant: broker epochs only grow (KIP-631; the epoch is a log offset).
      check(offset > previous.epoch, 'MonotonicBrokerEpoch', () => `broker ${record.brokerId} epoch ${offset} <= ${previous.epoch}`);
    }
    // A new registration starts fenced (KIP-631); it replaces the old one, which must already
    // have handed off every leadership (the handler emits those changes first).
    this.writableBrokers().set(record.brokerId, {
      brokerId: record.brokerId,
      incarnationId: record.incarnationId,
      epoch: offset,
      listeners: record.listeners,
      rack: record.rack,
      fenced: true,
      inControlledShutdown: false,
      controlledShutdownOffset: -1,
    });
    this.checkLeadsNothing(record.brokerId, false);
  }

  private replayRegistrationChange(record: BrokerRegistrationChangeRecord, offset: number): void {
    const current = this.currentBroker(record.brokerId, record.brokerEpoch);
    const fenced = record.fenced ?? current.fenced;
    // A fenced broker is not shutting down any more: it has stopped serving (KIP-841).
    const inControlledShutdown = fenced ? false : (record.inControlledShutdown ?? current.inControlledShutdown);
    const controlledShutdownOffset = !inControlledShutdown
      ? -1
      : current.inControlledShutdown
        ? current.controlledShutdownOffset
        : offset;
    this.writableBrokers().set(record.brokerId, { ...current, fenced, inControlledShutdown, controlledShutdownOffset });
    if (fenced) this.checkLeadsNothing(record.brokerId, false);
  }

  private currentBroker(id: BrokerId, epoch: number): BrokerRegistration {
    const broker = this.broker(id);
    check(broker !== undefined, 'BrokerRegistered', () => `broker ${id} is not registered`);
    check(broker.epoch === epoch, 'CurrentBrokerEpoch', () => `broker ${id} epoch ${epoch} != ${broker.epoch}`);
    return broker;
  }

  /**
   * Invariant (PROTOCOL-NOTES 5): a fenced broker leads nothing, and sits in an ISR only as its
   * last member of a leaderless partition (KIP-841: the partition waits for it rather than
   * electing a stale replica). `unregistering` also forbids that last-member case.
   */
  private checkLeadsNothing(id: BrokerId, unregistering: boolean): void {
    for (const topicId of this.allTopicIds()) {
      const topic = this.topic(topicId);
      if (topic === undefined) continue;
      topic.partitions.forEach((p, index) => {
        check(p.leader !== id, 'FencedBrokerLeadsNothing', () => `broker ${id} leads ${topic.name}-${index}`);
        if (!p.isr.includes(id)) return;
        check(
          !unregistering && p.isr.length === 1 && p.leader === NO_LEADER,
          'FencedBrokerOutOfIsr',
          () => `broker ${id} in ISR [${p.isr.join(',')}] of ${topic.name}-${index}`,
        );
      });
    }
  }

  private allTopicIds(): Set<TopicId> {
    const ids = new Set((this.topicsById ?? this.base.topicsById).keys());
    for (const id of this.touchedTopics.keys()) ids.add(id);
    return ids;
  }

  // ---- partitions ----

  private replayPartition(record: PartitionRecord): void {
    const topic = this.mutableTopic(record.topicId);
    // Invariant: partitions are dense from 0 and created once.
    check(record.partition === topic.partitions.length, 'DensePartitions', () => `${topic.name}-${record.partition} after ${topic.partitions.length}`);
    const next: PartitionRegistration = {
      replicas: [...record.replicas],
      isr: [...record.isr],
      leader: record.leader,
      leaderEpoch: record.leaderEpoch,
      partitionEpoch: record.partitionEpoch,
    };
    checkPartition(next, (id) => this.broker(id), `${topic.name}-${record.partition}`);
    topic.partitions.push(next);
  }

  private replayPartitionChange(record: PartitionChangeRecord): void {
    const topic = this.mutableTopic(record.topicId);
    const current = topic.partitions[record.partition];
    check(current !== undefined, 'PartitionExists', () => `change of unknown ${topic.name}-${record.partition}`);
    const leaderChanged = record.leader !== undefined && record.leader !== current.leader;
    // PartitionChangeBuilder: the leader epoch grows on a leader change; the partition epoch on
    // every change (KIP-497's partition epoch guards AlterPartition).
    const next: PartitionRegistration = {
      replicas: record.replicas !== undefined ? [...record.replicas] : current.replicas,
      isr: record.isr !== undefined ? [...record.isr] : current.isr,
      leader: record.leader ?? current.leader,
      leaderEpoch: leaderChanged ? current.leaderEpoch + 1 : current.leaderEpoch,
      partitionEpoch: current.partitionEpoch + 1,
    };
    checkPartition(next, (id) => this.broker(id), `${topic.name}-${record.partition}`);
    topic.partitions[record.partition] = next;
  }

  private mutableTopic(id: TopicId): MutableTopic {
    const touched = this.touchedTopics.get(id);
    this.changedTopicIds.add(id);
    if (touched !== undefined) return touched;
    const topic = (this.topicsById ?? this.base.topicsById).get(id);
    check(topic !== undefined, 'TopicExists', () => `unknown topic id ${id}`);
    const copy: MutableTopic = { name: topic.name, topicId: topic.topicId, partitions: [...topic.partitions] };
    this.touchedTopics.set(id, copy);
    return copy;
  }

  // ---- configs and producer ids ----

  private replayConfig(record: ConfigRecord): void {
    const key = configKey(record.resource.kind, record.resource.name);
    if (record.resource.kind === 'topic') {
      check(this.topicIdByName(record.resource.name) !== undefined, 'TopicExists', () => `config of unknown topic ${record.resource.name}`);
    }
    const configs = this.writableConfigs();
    const entries = new Map(configs.get(key) ?? []);
    if (record.value === null) entries.delete(record.key);
    else entries.set(record.key, record.value);
    if (entries.size === 0) configs.delete(key);
    else configs.set(key, entries);
  }

  private replayProducerIds(record: ProducerIdsBlockRecord): void {
    this.currentBroker(record.brokerId, record.brokerEpoch);
    // Invariant: producer id blocks are handed out in order and never overlap (KIP-730).
    check(record.firstProducerId === this.nextProducerId, 'ContiguousProducerIds', () => `block at ${record.firstProducerId}, expected ${this.nextProducerId}`);
    check(record.size > 0 && Number.isSafeInteger(record.firstProducerId + record.size), 'ProducerIdRange', () => `size ${record.size}`);
    this.nextProducerId = record.firstProducerId + record.size;
  }

  // ---- copy on first write ----

  private writableBrokers(): Map<BrokerId, BrokerRegistration> {
    this.brokers ??= new Map(this.base.brokers);
    return this.brokers;
  }

  private writableTopics(): Map<TopicId, TopicImage> {
    this.topicsById ??= new Map(this.base.topicsById);
    return this.topicsById;
  }

  private writableTopicIdsByName(): Map<string, TopicId> {
    this.topicIdsByName ??= new Map(this.base.topicIdsByName);
    return this.topicIdsByName;
  }

  private writableConfigs(): Map<string, ReadonlyMap<string, string>> {
    this.configs ??= new Map(this.base.configs);
    return this.configs;
  }
}

function freezeTopic(topic: MutableTopic): TopicImage {
  return { name: topic.name, topicId: topic.topicId, partitions: [...topic.partitions] };
}

/** Replays one batch of records (one Raft entry) at `offset` and returns the next image. */
export function replayBatch(image: MetadataImage, records: readonly MetadataRecord[], offset: number): MetadataImage {
  const delta = new MetadataDelta(image);
  for (const record of records) delta.replay(record, offset);
  return delta.apply();
}

/** Replays a single record at `offset`. */
export function replay(image: MetadataImage, record: MetadataRecord, offset: number): MetadataImage {
  return replayBatch(image, [record], offset);
}
