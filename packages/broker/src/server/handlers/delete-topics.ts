// DeleteTopics: each named topic is deleted on its own with all its data; an unknown one is
// UNKNOWN_TOPIC_OR_PARTITION.
import { REQUEST_TIMEOUT_MS_DEFAULT, errorCodeNumber, truncateErrorMessage } from '@brook/protocol';
import { answerInTime } from './answer-in-time.js';
import type { DeleteTopicsRequest__Output, DeleteTopicsResponse } from '@brook/protocol';
import { unary, type HandlerContext } from '../handler-context.js';

export function deleteTopicsHandler(context: HandlerContext) {
  return unary<DeleteTopicsRequest__Output, DeleteTopicsResponse>('DeleteTopics', context, async (request) => {
    const timeoutMs = request.timeoutMs > 0 ? request.timeoutMs : REQUEST_TIMEOUT_MS_DEFAULT;
    const results = await answerInTime(context.admin.deleteTopics(request.names), timeoutMs, request.names, 'deleted');
    return {
      topics: results.map((result) =>
        result.error !== null
          ? { name: result.name, topicId: '', errorCode: errorCodeNumber(result.error.code), errorMessage: truncateErrorMessage(result.error.message) }
          : { name: result.name, topicId: result.topicId, errorCode: 0, errorMessage: '' },
      ),
    };
  });
}
