// CreatePartitions (Kafka's ReplicationControlManager.createPartitions): grow a topic to a new
// total. Shrinking or staying equal is INVALID_PARTITIONS (Kafka cannot remove partitions: keys
// would move); new partitions are placed like CreateTopics places them, with the replication
// factor of the topic's partition 0.

import type { ControllerResult } from '../controller-result.js';
import { result } from '../controller-result.js';
import { replayBatch } from '../delta.js';
import { controllerError } from '../errors.js';
import type { ControllerError } from '../errors.js';
import type { MetadataImage } from '../image.js';
import { topicByName, usableBrokers } from '../image.js';
import { assignReplicas } from '../replica-assignment.js';
import type { MetadataRecord } from '../records.js';
import { PARTITIONS_PER_TOPIC_MAX } from './create-topics.js';

export interface CreatePartitionsCommand {
  readonly topics: readonly { readonly name: string; readonly totalCount: number }[];
}

export interface CreatePartitionsResponse {
  readonly topics: readonly { readonly name: string; readonly error: ControllerError | null }[];
}

export function createPartitions(image: MetadataImage, command: CreatePartitionsCommand): ControllerResult<CreatePartitionsResponse> {
  const records: MetadataRecord[] = [];
  const responses: { name: string; error: ControllerError | null }[] = [];
  let staged = image;
  for (const request of command.topics) {
    const topic = topicByName(staged, request.name);
    if (topic === undefined) {
      responses.push({ name: request.name, error: controllerError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${request.name} does not exist`) });
      continue;
    }
    const current = topic.partitions.length;
    if (!Number.isSafeInteger(request.totalCount) || request.totalCount <= current || request.totalCount > PARTITIONS_PER_TOPIC_MAX) {
      const error = controllerError('INVALID_PARTITIONS', `topic ${request.name} has ${current} partitions; the new total ${request.totalCount} must be in (${current}, ${PARTITIONS_PER_TOPIC_MAX}]`);
      responses.push({ name: request.name, error });
      continue;
    }
    const replicationFactor = topic.partitions[0]!.replicas.length;
    const usable = usableBrokers(staged);
    if (replicationFactor > usable.length) {
      responses.push({ name: request.name, error: controllerError('INVALID_REPLICATION_FACTOR', `replication factor ${replicationFactor} exceeds ${usable.length} unfenced brokers`) });
      continue;
    }
    const assignment = assignReplicas(staged, usable, { partitionCount: request.totalCount - current, replicationFactor });
    const topicRecords: MetadataRecord[] = assignment.map((replicas, i) => ({
      type: 'Partition',
      version: 0,
      topicId: topic.topicId,
      partition: current + i,
      replicas,
      isr: replicas,
      leader: replicas[0]!,
      leaderEpoch: 0,
      partitionEpoch: 0,
    }));
    staged = replayBatch(staged, topicRecords, staged.offset);
    records.push(...topicRecords);
    responses.push({ name: request.name, error: null });
  }
  return result(records, { topics: responses });
}
