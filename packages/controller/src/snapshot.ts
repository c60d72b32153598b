// Snapshots of the metadata image (KIP-630): a restarting controller or a late broker loads the
// latest snapshot and replays only the log after it. The image is written directly rather than
// as records (unlike Kafka's record-based snapshots) because broker epochs are the offsets of
// registration records, which replaying at the snapshot's offset would change.
//
// Layout: byte 0 is the snapshot format version (1); the rest is canonical UTF-8 JSON (sorted
// keys, see record-codec.ts) of { offset, brokers (by id), topics (by topic id), configs (by
// resource key, entries by key), nextProducerId }. The same image always encodes to the same
// bytes. Decoding checks the structure and re-asserts every partition invariant (TigerStyle:
// check again after reading back).

import { check } from './errors.js';
import type { BrokerRegistration, MetadataImage, PartitionRegistration, TopicImage } from './image.js';
import { canonicalJson, RecordDecodeError } from './record-codec.js';
import { checkPartition } from './partition-invariants.js';
import type { BrokerId, TopicId } from './records.js';

export const SNAPSHOT_FORMAT_VERSION = 1;

interface SnapshotBody {
  offset: number;
  brokers: BrokerRegistration[];
  topics: TopicImage[];
  configs: [string, [string, string][]][];
  nextProducerId: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeSnapshot(image: MetadataImage): Uint8Array {
  const body: SnapshotBody = {
    offset: image.offset,
    brokers: [...image.brokers.values()].sort((a, b) => a.brokerId - b.brokerId),
    topics: [...image.topicsById.values()].sort((a, b) => (a.topicId < b.topicId ? -1 : 1)),
    configs: [...image.configs.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, entries]) => [key, [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : 1))]),
    nextProducerId: image.producerIds.nextProducerId,
  };
  const json = encoder.encode(canonicalJson(body));
  const out = new Uint8Array(json.length + 1);
  out[0] = SNAPSHOT_FORMAT_VERSION;
  out.set(json, 1);
  return out;
}

export function decodeSnapshot(bytes: Uint8Array): MetadataImage {
  if (bytes.length < 2 || bytes[0] !== SNAPSHOT_FORMAT_VERSION) throw new RecordDecodeError(`not a version ${SNAPSHOT_FORMAT_VERSION} snapshot`);
  let body: SnapshotBody;
  try {
    body = JSON.parse(decoder.decode(bytes.subarray(1))) as SnapshotBody;
  } catch (cause) {
    throw new RecordDecodeError(`snapshot is not UTF-8 JSON (${(cause as Error).message})`);
  }
  if (!Number.isSafeInteger(body.offset) || !Array.isArray(body.brokers) || !Array.isArray(body.topics) || !Array.isArray(body.configs) || !Number.isSafeInteger(body.nextProducerId)) {
    throw new RecordDecodeError('snapshot lacks offset, brokers, topics, configs or nextProducerId');
  }
  body.brokers.forEach(checkBrokerShape);
  body.topics.forEach(checkTopicShape);
  const brokers = new Map<BrokerId, BrokerRegistration>(body.brokers.map((b) => [b.brokerId, b]));
  check(brokers.size === body.brokers.length, 'UniqueBrokers', () => 'snapshot repeats a broker');
  const topicsById = new Map<TopicId, TopicImage>();
  const topicIdsByName = new Map<string, TopicId>();
  for (const topic of body.topics) {
    topicsById.set(topic.topicId, topic);
    topicIdsByName.set(topic.name, topic.topicId);
    topic.partitions.forEach((p: PartitionRegistration, i) => checkPartition(p, (id) => brokers.get(id), `${topic.name}-${i}`));
  }
  check(topicsById.size === body.topics.length && topicIdsByName.size === body.topics.length, 'UniqueTopics', () => 'snapshot repeats a topic');
  const configs = new Map(body.configs.map(([key, entries]) => [key, new Map(entries)] as const));
  return { offset: body.offset, brokers, topicsById, topicIdsByName, configs, producerIds: { nextProducerId: body.nextProducerId } };
}

const isInt = (v: unknown): boolean => Number.isSafeInteger(v);
const isInts = (v: unknown): boolean => Array.isArray(v) && v.every(isInt);

function checkBrokerShape(b: BrokerRegistration): void {
  const ok =
    typeof b === 'object' && b !== null && isInt(b.brokerId) && isInt(b.epoch) && typeof b.incarnationId === 'string' &&
    typeof b.fenced === 'boolean' && typeof b.inControlledShutdown === 'boolean' && isInt(b.controlledShutdownOffset) &&
    Array.isArray(b.listeners) && (b.rack === null || typeof b.rack === 'string');
  if (!ok) throw new RecordDecodeError(`snapshot broker ${JSON.stringify(b)} is malformed`);
}

function checkTopicShape(t: TopicImage): void {
  const ok =
    typeof t === 'object' && t !== null && typeof t.name === 'string' && typeof t.topicId === 'string' && /^[0-9a-f]{32}$/.test(t.topicId) &&
    Array.isArray(t.partitions) &&
    t.partitions.every((p) => typeof p === 'object' && p !== null && isInts(p.replicas) && isInts(p.isr) && isInt(p.leader) && isInt(p.leaderEpoch) && isInt(p.partitionEpoch));
  if (!ok) throw new RecordDecodeError(`snapshot topic ${String((t as { name?: unknown } | null)?.name)} is malformed`);
}

/**
 * When to snapshot: after every `recordsBetweenSnapshots` applied records (PROTOCOL-NOTES 4,
 * Kafka's metadata.log.max.record.bytes.between.snapshots counted in records here). The driver
 * calls `applied(n)` per applied batch and, when it returns true, encodes the image, hands it to
 * RaftNode.compact() and calls `taken()`.
 */
export class SnapshotSchedule {
  readonly recordsBetweenSnapshots: number;
  private recordsSinceSnapshot = 0;

  constructor(recordsBetweenSnapshots: number) {
    if (!Number.isSafeInteger(recordsBetweenSnapshots) || recordsBetweenSnapshots < 1) throw new RangeError(`recordsBetweenSnapshots must be a positive integer, got ${recordsBetweenSnapshots}`);
    this.recordsBetweenSnapshots = recordsBetweenSnapshots;
  }

  /** Counts `recordCount` newly applied records; true when a snapshot is due. */
  applied(recordCount: number): boolean {
    this.recordsSinceSnapshot += recordCount;
    return this.recordsSinceSnapshot >= this.recordsBetweenSnapshots;
  }

  taken(): void {
    this.recordsSinceSnapshot = 0;
  }
}
