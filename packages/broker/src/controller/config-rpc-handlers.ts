// IncrementalAlterConfigs as the active controller runs it: the forwarded request becomes one
// alterTopicConfigs command (@brook/controller), so every topic's changes commit in one batch,
// and validate_only runs the same command without writing it.
import { BrookError } from '@brook/protocol';
import type { AlterConfigsResult, ForwardedIncrementalAlterConfigsRequest__Output, ForwardedIncrementalAlterConfigsResponse } from '@brook/protocol';
import { alterTopicConfigs } from '@brook/controller';
import type { ConfigOperation as ControllerConfigOperation } from '@brook/controller';
import { errorFields } from './controller-errors.js';
import type { ControllerServer } from './controller-service-handlers.js';

export async function alterConfigs(server: ControllerServer, forwarded: ForwardedIncrementalAlterConfigsRequest__Output, deadlineMs: number): Promise<ForwardedIncrementalAlterConfigsResponse> {
  const request = forwarded.request;
  if (request === null) throw new BrookError('INVALID_REQUEST', 'a forwarded IncrementalAlterConfigs carries no request');
  const topics = request.topics.map((topic) => ({ name: topic.name, operations: topic.configs.map(operationOf) }));
  const { response, offset } = await server.runCommand((image) => alterTopicConfigs(image, { topics }), deadlineMs, request.validateOnly);
  const results = response.topics.map((topic): AlterConfigsResult => ({ name: topic.name, ...errorFields(topic.error) }));
  return { response: { topics: results }, metadataOffset: offset };
}

/** One change in the controller's terms; an operation this contract does not know is refused as INVALID_REQUEST. */
function operationOf(config: { name: string; operation: string | number; value: string }): ControllerConfigOperation {
  // Enum values arrive as names; a number is one this contract does not know.
  if (config.operation === 'CONFIG_OPERATION_SET') return { key: config.name, op: 'set', value: config.value };
  if (config.operation === 'CONFIG_OPERATION_DELETE') return { key: config.name, op: 'delete' };
  throw new BrookError('INVALID_REQUEST', `config ${config.name}: unknown operation ${String(config.operation)}`);
}
