// IncrementalAlterConfigs for topics (Kafka's ConfigurationControlManager.incrementalAlterConfigs):
// each operation sets or deletes one key of one topic; a topic's operations fail together when
// any is invalid (UNKNOWN_TOPIC_OR_PARTITION, INVALID_CONFIG). Records: one Config record per
// operation that changes something.
//
// Turning unclean.leader.election.enable on also elects, in the same batch, a leader for every
// leaderless partition of the topic that has a live replica (Kafka does this since KIP-966's
// "unclean recovery" follow-up; without it the switch would only act at the next broker event).

import type { ControllerResult } from '../controller-result.js';
import { result } from '../controller-result.js';
import { acceptableLeader } from '../broker-moves.js';
import { replayBatch } from '../delta.js';
import { controllerError } from '../errors.js';
import type { ControllerError } from '../errors.js';
import type { MetadataImage } from '../image.js';
import { topicByName, topicConfig } from '../image.js';
import { buildPartitionChange } from '../partition-change.js';
import { NO_LEADER } from '../records.js';
import type { MetadataRecord } from '../records.js';
import { topicConfigProblem } from '../topic-config.js';

export interface ConfigOperation {
  readonly key: string;
  readonly op: 'set' | 'delete';
  readonly value?: string;
}

export interface AlterTopicConfigsCommand {
  readonly topics: readonly { readonly name: string; readonly operations: readonly ConfigOperation[] }[];
}

export interface AlterTopicConfigsResponse {
  readonly topics: readonly { readonly name: string; readonly error: ControllerError | null }[];
}

export function alterTopicConfigs(image: MetadataImage, command: AlterTopicConfigsCommand): ControllerResult<AlterTopicConfigsResponse> {
  const records: MetadataRecord[] = [];
  const responses: { name: string; error: ControllerError | null }[] = [];
  let staged = image;
  for (const { name, operations } of command.topics) {
    const error = validateOperations(staged, name, operations);
    if (error !== null) {
      responses.push({ name, error });
      continue;
    }
    const current = topicConfig(staged, name);
    const topicRecords: MetadataRecord[] = [];
    for (const op of operations) {
      const value = op.op === 'set' ? op.value! : null;
      if ((current.get(op.key) ?? null) === value) continue;
      topicRecords.push({ type: 'Config', version: 0, resource: { kind: 'topic', name }, key: op.key, value });
    }
    staged = replayBatch(staged, topicRecords, staged.offset);
    const elections = uncleanElections(staged, name);
    staged = replayBatch(staged, elections, staged.offset);
    records.push(...topicRecords, ...elections);
    responses.push({ name, error: null });
  }
  return result(records, { topics: responses });
}

function validateOperations(image: MetadataImage, name: string, operations: readonly ConfigOperation[]): ControllerError | null {
  if (topicByName(image, name) === undefined) return controllerError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${name} does not exist`);
  for (const op of operations) {
    if (op.op === 'delete') {
      const problem = topicConfigProblem(op.key, '0');
      if (problem !== null && problem.startsWith('unknown')) return controllerError('INVALID_CONFIG', problem);
      continue;
    }
    if (op.value === undefined) return controllerError('INVALID_CONFIG', `set of ${op.key} has no value`);
    const problem = topicConfigProblem(op.key, op.value);
    if (problem !== null) return controllerError('INVALID_CONFIG', problem);
  }
  return null;
}

function uncleanElections(image: MetadataImage, name: string): MetadataRecord[] {
  if (topicConfig(image, name).get('unclean.leader.election.enable') !== 'true') return [];
  const topic = topicByName(image, name)!;
  const acceptable = acceptableLeader(image, new Set());
  const changes: MetadataRecord[] = [];
  topic.partitions.forEach((p, index) => {
    if (p.leader !== NO_LEADER) return;
    const change = buildPartitionChange(topic.topicId, index, p, { uncleanAllowed: true, acceptable });
    if (change !== null) changes.push(change);
  });
  return changes;
}
