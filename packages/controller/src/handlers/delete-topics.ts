// DeleteTopics (Kafka's ReplicationControlManager.deleteTopics): one RemoveTopic record per
// existing topic; replay drops its partitions and configs, and brokers delete the logs when they
// see the topic gone from their image. Unknown names are UNKNOWN_TOPIC_OR_PARTITION.

import type { ControllerResult } from '../controller-result.js';
import { result } from '../controller-result.js';
import { controllerError } from '../errors.js';
import type { ControllerError } from '../errors.js';
import type { MetadataImage } from '../image.js';
import type { MetadataRecord } from '../records.js';

export interface DeleteTopicsCommand {
  readonly names: readonly string[];
}

export interface DeleteTopicsResponse {
  readonly topics: readonly { readonly name: string; readonly error: ControllerError | null }[];
}

export function deleteTopics(image: MetadataImage, command: DeleteTopicsCommand): ControllerResult<DeleteTopicsResponse> {
  const records: MetadataRecord[] = [];
  const seen = new Set<string>();
  const topics = command.names.map((name) => {
    const topicId = image.topicIdsByName.get(name);
    if (topicId === undefined) return { name, error: controllerError('UNKNOWN_TOPIC_OR_PARTITION', `topic ${name} does not exist`) };
    if (!seen.has(name)) records.push({ type: 'RemoveTopic', version: 0, topicId });
    seen.add(name);
    return { name, error: null };
  });
  return result(records, { topics });
}
