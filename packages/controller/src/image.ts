// The MetadataImage: an immutable view of the cluster's metadata at one log offset (Kafka's
// org.apache.kafka.image.MetadataImage). Every controller and every broker builds the same
// image by replaying the same records in the same order; nothing else changes it. Unchanged
// parts are shared between successive images (see delta.ts), so holding an old image is cheap.

import type { BrokerId, Listener, TopicId } from './records.js';

export interface BrokerRegistration {
  readonly brokerId: BrokerId;
  readonly incarnationId: string;
  /** The offset of the registration record (KIP-631). */
  readonly epoch: number;
  readonly listeners: readonly Listener[];
  readonly rack: string | null;
  readonly fenced: boolean;
  /** KIP-841: set while the broker moves its leaderships away before stopping. */
  readonly inControlledShutdown: boolean;
  /** Offset of the record that started controlled shutdown, or -1. */
  readonly controlledShutdownOffset: number;
}

export interface PartitionRegistration {
  readonly replicas: readonly BrokerId[];
  readonly isr: readonly BrokerId[];
  readonly leader: BrokerId;
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
}

export interface TopicImage {
  readonly name: string;
  readonly topicId: TopicId;
  /** Indexed by partition number; partitions are dense from 0. */
  readonly partitions: readonly PartitionRegistration[];
}

export interface ProducerIdsImage {
  /** The first producer id of the next block to hand out. */
  readonly nextProducerId: number;
}

export interface MetadataImage {
  /** Offset of the last applied record batch; -1 for the empty image. */
  readonly offset: number;
  readonly brokers: ReadonlyMap<BrokerId, BrokerRegistration>;
  readonly topicsById: ReadonlyMap<TopicId, TopicImage>;
  readonly topicIdsByName: ReadonlyMap<string, TopicId>;
  /** Key: `${kind}:${name}`; value: the set keys of that resource. */
  readonly configs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly producerIds: ProducerIdsImage;
}

export const EMPTY_IMAGE: MetadataImage = {
  offset: -1,
  brokers: new Map(),
  topicsById: new Map(),
  topicIdsByName: new Map(),
  configs: new Map(),
  producerIds: { nextProducerId: 0 },
};

export function configKey(kind: 'topic' | 'broker', name: string): string {
  return `${kind}:${name}`;
}

export function topicByName(image: MetadataImage, name: string): TopicImage | undefined {
  const id = image.topicIdsByName.get(name);
  return id === undefined ? undefined : image.topicsById.get(id);
}

export function topicConfig(image: MetadataImage, name: string): ReadonlyMap<string, string> {
  return image.configs.get(configKey('topic', name)) ?? new Map();
}

export function isUnfenced(image: MetadataImage, brokerId: BrokerId): boolean {
  const broker = image.brokers.get(brokerId);
  return broker !== undefined && !broker.fenced;
}

/** Brokers that may take new replicas and leaderships: unfenced and not shutting down. */
export function usableBrokers(image: MetadataImage): BrokerRegistration[] {
  return [...image.brokers.values()]
    .filter((b) => !b.fenced && !b.inControlledShutdown)
    .sort((a, b) => a.brokerId - b.brokerId);
}
