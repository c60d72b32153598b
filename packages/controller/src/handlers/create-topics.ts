// CreateTopics (Kafka's ReplicationControlManager.createTopics, KIP-631 records).
//
// Per topic: the name rule (INVALID_TOPIC_EXCEPTION), not already existing nor named twice in
// one request (TOPIC_ALREADY_EXISTS / INVALID_REQUEST), partitions in [1, PARTITIONS_PER_TOPIC_MAX]
// (INVALID_PARTITIONS), 1 <= replicationFactor <= usable brokers (INVALID_REPLICATION_FACTOR),
// every config valid (INVALID_CONFIG). A valid topic becomes a Topic record, its Config records
// (sorted by key) and one Partition record per partition: replicas from replica-assignment.ts,
// ISR = the replicas (all unfenced: only usable brokers are assigned), leader = the first
// replica (the preferred leader), both epochs 0. Topics fail or succeed one by one, as in Kafka.

import type { ControllerContext, ControllerResult } from '../controller-result.js';
import { result } from '../controller-result.js';
import { replayBatch } from '../delta.js';
import { controllerError } from '../errors.js';
import type { ControllerError } from '../errors.js';
import type { MetadataImage } from '../image.js';
import { usableBrokers } from '../image.js';
import { assignReplicas } from '../replica-assignment.js';
import type { MetadataRecord, TopicId } from '../records.js';
import { topicConfigProblem, topicNameProblem } from '../topic-config.js';

export const PARTITIONS_PER_TOPIC_MAX = 10_000;
export const TOPICS_PER_REQUEST_MAX = 1_000;

export interface NewTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly configs?: Readonly<Record<string, string>>;
}

export interface CreateTopicsCommand {
  readonly topics: readonly NewTopic[];
}

export interface CreatedTopic {
  readonly name: string;
  readonly topicId: TopicId | null;
  readonly error: ControllerError | null;
}

export interface CreateTopicsResponse {
  readonly topics: readonly CreatedTopic[];
}

export function createTopics(image: MetadataImage, command: CreateTopicsCommand, context: ControllerContext): ControllerResult<CreateTopicsResponse> {
  if (command.topics.length > TOPICS_PER_REQUEST_MAX) {
    const error = controllerError('INVALID_REQUEST', `more than ${TOPICS_PER_REQUEST_MAX} topics in one request`);
    return result([], { topics: command.topics.map((t) => ({ name: t.name, topicId: null, error })) });
  }
  const nameCounts = new Map<string, number>();
  for (const t of command.topics) nameCounts.set(t.name, (nameCounts.get(t.name) ?? 0) + 1);
  const records: MetadataRecord[] = [];
  const responses: CreatedTopic[] = [];
  // Later topics are placed on the load left by earlier ones: stage each on a scratch image.
  let staged = image;
  for (const topic of command.topics) {
    const error = (nameCounts.get(topic.name) ?? 0) > 1 ? controllerError('INVALID_REQUEST', `topic ${topic.name} is named twice`) : validateNewTopic(staged, topic);
    if (error !== null) {
      responses.push({ name: topic.name, topicId: null, error });
      continue;
    }
    const topicId = freshTopicId(staged, context);
    const topicRecords = newTopicRecords(staged, topic, topicId);
    staged = replayBatch(staged, topicRecords, staged.offset);
    records.push(...topicRecords);
    responses.push({ name: topic.name, topicId, error: null });
  }
  return result(records, { topics: responses });
}

function validateNewTopic(image: MetadataImage, topic: NewTopic): ControllerError | null {
  const nameProblem = topicNameProblem(topic.name);
  if (nameProblem !== null) return controllerError('INVALID_TOPIC_EXCEPTION', nameProblem);
  if (image.topicIdsByName.has(topic.name)) return controllerError('TOPIC_ALREADY_EXISTS', `topic ${topic.name} already exists`);
  if (!Number.isSafeInteger(topic.partitions) || topic.partitions < 1 || topic.partitions > PARTITIONS_PER_TOPIC_MAX) {
    return controllerError('INVALID_PARTITIONS', `partitions ${topic.partitions} is outside [1, ${PARTITIONS_PER_TOPIC_MAX}]`);
  }
  const usable = usableBrokers(image).length;
  if (!Number.isSafeInteger(topic.replicationFactor) || topic.replicationFactor < 1 || topic.replicationFactor > usable) {
    return controllerError('INVALID_REPLICATION_FACTOR', `replication factor ${topic.replicationFactor} is outside [1, ${usable}] (unfenced brokers)`);
  }
  for (const [key, value] of Object.entries(topic.configs ?? {})) {
    const problem = topicConfigProblem(key, value);
    if (problem !== null) return controllerError('INVALID_CONFIG', problem);
  }
  return null;
}

/** A topic id unused in the image (a 128-bit collision is astronomically rare, but cheap to rule out). */
export function freshTopicId(image: MetadataImage, context: ControllerContext): TopicId {
  for (;;) {
    const id = context.ids.nextTopicId();
    if (!image.topicsById.has(id)) return id;
  }
}

function newTopicRecords(image: MetadataImage, topic: NewTopic, topicId: TopicId): MetadataRecord[] {
  const records: MetadataRecord[] = [{ type: 'Topic', version: 0, name: topic.name, topicId }];
  for (const key of Object.keys(topic.configs ?? {}).sort()) {
    records.push({ type: 'Config', version: 0, resource: { kind: 'topic', name: topic.name }, key, value: topic.configs![key]! });
  }
  const assignment = assignReplicas(image, usableBrokers(image), { partitionCount: topic.partitions, replicationFactor: topic.replicationFactor });
  assignment.forEach((replicas, partition) => {
    records.push({ type: 'Partition', version: 0, topicId, partition, replicas, isr: replicas, leader: replicas[0]!, leaderEpoch: 0, partitionEpoch: 0 });
  });
  return records;
}
