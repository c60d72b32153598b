// CreateTopics: each topic is checked and created on its own (name rules, partition count,
// replication factor, configs), in a cluster by the active controller, here through
// MetadataAdmin. validate_only reports what would be created without creating anything.
import { REQUEST_TIMEOUT_MS_DEFAULT, errorCodeNumber, truncateErrorMessage } from '@brook/protocol';
import { answerInTime } from './answer-in-time.js';
import type { CreatableTopicResult, CreateTopicsRequest__Output, CreateTopicsResponse } from '@brook/protocol';
import { unary, type HandlerContext } from '../handler-context.js';
import { toWireConfigs } from './topic-config-wire.js';

export function createTopicsHandler(context: HandlerContext) {
  return unary<CreateTopicsRequest__Output, CreateTopicsResponse>('CreateTopics', context, async (request) => {
    const creations = request.topics.map((topic) => ({ name: topic.name, numPartitions: topic.numPartitions, replicationFactor: topic.replicationFactor, configs: topic.configs }));
    const timeoutMs = request.timeoutMs > 0 ? request.timeoutMs : REQUEST_TIMEOUT_MS_DEFAULT;
    const results = await answerInTime(context.admin.createTopics(creations, { validateOnly: request.validateOnly }), timeoutMs, request.topics.map((topic) => topic.name), 'created');
    return {
      topics: results.map((result): CreatableTopicResult => {
        if (result.error !== null) {
          return { name: result.name, errorCode: errorCodeNumber(result.error.code), errorMessage: truncateErrorMessage(result.error.message), topicId: '', numPartitions: -1, replicationFactor: -1, configs: [] };
        }
        return {
          name: result.name,
          errorCode: 0,
          errorMessage: '',
          topicId: result.topicId,
          numPartitions: result.numPartitions,
          replicationFactor: result.replicationFactor,
          configs: toWireConfigs(result.configs),
        };
      }),
    };
  });
}
