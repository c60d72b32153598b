// IncrementalAlterConfigs and DescribeConfigs for topics. A change is checked here (keys, values,
// the topic's existence), committed by the active controller, and answered once this broker's
// image holds it; each broker then applies the new values to its open partitions (retention,
// segments, flush policy, limits, min.insync.replicas). Keys not named keep their values.
// DescribeConfigs answers from this broker's image: every key, its effective value and source.
import { BrookError, REQUEST_TIMEOUT_MS_DEFAULT, errorCodeNumber, truncateErrorMessage } from '@brook/protocol';
import type {
  AlterableConfig__Output, DescribeConfigsRequest__Output, DescribeConfigsResponse, IncrementalAlterConfigsRequest__Output, IncrementalAlterConfigsResponse,
} from '@brook/protocol';
import { unary, type HandlerContext } from '../handler-context.js';
import type { TopicConfigAlteration, TopicConfigChange } from '../../metadata/metadata-view.js';
import { answerInTime } from './answer-in-time.js';
import { toWireConfigs } from './topic-config-wire.js';

export function incrementalAlterConfigsHandler(context: HandlerContext) {
  return unary<IncrementalAlterConfigsRequest__Output, IncrementalAlterConfigsResponse>('IncrementalAlterConfigs', context, async (request) => {
    const timeoutMs = request.timeoutMs > 0 ? request.timeoutMs : REQUEST_TIMEOUT_MS_DEFAULT;
    const names = request.topics.map((topic) => topic.name);
    const parsed = request.topics.map((topic): TopicConfigAlteration | BrookError => {
      const changes: TopicConfigChange[] = [];
      for (const config of topic.configs) {
        const change = changeOf(config);
        if (change instanceof BrookError) return change;
        changes.push(change);
      }
      return { name: topic.name, changes };
    });
    const valid = parsed.filter((entry): entry is TopicConfigAlteration => !(entry instanceof BrookError));
    const answered = valid.length === 0 ? [] : await answerInTime(context.admin.alterConfigs(valid, { validateOnly: request.validateOnly }), timeoutMs, valid.map((topic) => topic.name), 'altered');
    let next = 0;
    return {
      topics: parsed.map((entry, index) => {
        const answer = entry instanceof BrookError ? { error: entry } : answered[next++];
        const error = answer === undefined ? new BrookError('UNKNOWN_SERVER_ERROR', 'not answered') : answer.error;
        return { name: names[index] ?? '', errorCode: error === null ? 0 : errorCodeNumber(error.code), errorMessage: error === null ? '' : truncateErrorMessage(error.message) };
      }),
    };
  });
}

export function describeConfigsHandler(context: HandlerContext) {
  return unary<DescribeConfigsRequest__Output, DescribeConfigsResponse>('DescribeConfigs', context, (request) =>
    Promise.resolve({
      topics: context.admin.describeConfigs(request.topics).map((result) =>
        result.error !== null
          ? { name: result.name, errorCode: errorCodeNumber(result.error.code), errorMessage: truncateErrorMessage(result.error.message), configs: [] }
          : { name: result.name, errorCode: 0, errorMessage: '', configs: toWireConfigs(result.configs) },
      ),
    }),
  );
}

/** Enum values arrive as names; a number is an operation this broker does not know. */
function changeOf(config: AlterableConfig__Output): TopicConfigChange | BrookError {
  const operation: unknown = config.operation;
  if (operation === 'CONFIG_OPERATION_SET') return { key: config.name, op: 'set', value: config.value };
  if (operation === 'CONFIG_OPERATION_DELETE') return { key: config.name, op: 'delete' };
  return new BrookError('INVALID_REQUEST', `config ${config.name}: unknown operation ${String(operation)}`);
}
