// brook.v1.BrookController (proto/brook/v1/controller.proto) on the controller's internal
// listener: each RPC becomes a command of the pure controller (@brook/controller) run by the
// active controller, and its answer goes back in the contract's shape. A node that is not the
// active controller answers NOT_CONTROLLER with the active one's id in trailing metadata.
import type { handleUnaryCall, ServerUnaryCall } from '@grpc/grpc-js';
import { BrookError, ConfigSource, isBrookError, REQUEST_TIMEOUT_MS_DEFAULT, toServiceError } from '@brook/protocol';
import type {
  BrokerHeartbeatRequest__Output, BrokerHeartbeatResponse, BrookControllerHandlers, DescribeQuorumResponse, CreatableTopicResult, CreatableTopic__Output,
  DeletableTopicResult, ForwardedCreateTopicsRequest__Output, ForwardedCreateTopicsResponse, ForwardedDeleteTopicsRequest__Output,
  ForwardedDeleteTopicsResponse, ForwardedIncrementalAlterConfigsRequest__Output, RegisterBrokerRequest__Output, RegisterBrokerResponse, AlterPartitionRequest__Output, AllocateProducerIdsRequest__Output,
} from '@brook/protocol';
import { brokerHeartbeat, createTopics, deleteTopics, registerBroker } from '@brook/controller';
import type { CreatedTopic, MetadataImage, NewTopic } from '@brook/controller';
import type { Logger } from '../logging/logger.js';
import { brookErrorOf, clusterMismatchCode, errorFields } from './controller-errors.js';
import { fetchMetadata } from './fetch-metadata.js';
import { allocateIds, alterPartitions } from './partition-rpc-handlers.js';
import { alterConfigs } from './config-rpc-handlers.js';
import type { MetadataServer } from './fetch-metadata.js';
import type { CommandOutcome, ControllerCommand } from './quorum-controller-options.js';

/** What the handlers need of the controller (QuorumController). */
export interface ControllerServer extends MetadataServer {
  runCommand<R>(command: ControllerCommand<R>, deadlineMs: number, validateOnly?: boolean): Promise<CommandOutcome<R>>;
  describeQuorum(): DescribeQuorumResponse;
}

export interface ControllerServiceSettings {
  readonly nodeId: number;
  readonly clusterId: string;
  readonly defaultPartitions: number;
  readonly defaultReplicationFactor: number;
}

export function controllerServiceHandlers(server: ControllerServer, settings: ControllerServiceSettings, logger: Logger): BrookControllerHandlers {
  const log = logger.child({ component: 'controller-rpc' });
  return {
    RegisterBroker: unary(log, 'RegisterBroker', (request: RegisterBrokerRequest__Output, deadlineMs) => register(server, settings, request, deadlineMs)),
    BrokerHeartbeat: unary(log, 'BrokerHeartbeat', (request: BrokerHeartbeatRequest__Output, deadlineMs) => heartbeat(server, request, deadlineMs)),
    FetchMetadata: unary(log, 'FetchMetadata', (request, deadlineMs) => fetchMetadata(server, settings.clusterId, settings.nodeId, request, deadlineMs)),
    CreateTopics: unary(log, 'CreateTopics', (request: ForwardedCreateTopicsRequest__Output, deadlineMs) => create(server, settings, request, deadlineMs)),
    DeleteTopics: unary(log, 'DeleteTopics', (request: ForwardedDeleteTopicsRequest__Output, deadlineMs) => remove(server, request, deadlineMs)),
    IncrementalAlterConfigs: unary(log, 'IncrementalAlterConfigs', (request: ForwardedIncrementalAlterConfigsRequest__Output, deadlineMs) => alterConfigs(server, request, deadlineMs)),
    DescribeQuorum: unary(log, 'DescribeQuorum', async (_request, deadlineMs) => {
      await server.untilActive(deadlineMs);
      return server.describeQuorum();
    }),
    AlterPartition: unary(log, 'AlterPartition', (request: AlterPartitionRequest__Output, deadlineMs) => alterPartitions(server, request, deadlineMs)),
    AllocateProducerIds: unary(log, 'AllocateProducerIds', (request: AllocateProducerIdsRequest__Output, deadlineMs) => allocateIds(server, request, deadlineMs)),
  };
}

async function register(server: ControllerServer, settings: ControllerServiceSettings, request: RegisterBrokerRequest__Output, deadlineMs: number): Promise<RegisterBrokerResponse> {
  if (request.clusterId !== settings.clusterId) {
    throw new BrookError(clusterMismatchCode(), `broker ${request.brokerId} belongs to cluster '${request.clusterId}', this controller to '${settings.clusterId}'`);
  }
  const command = {
    brokerId: request.brokerId,
    incarnationId: request.incarnationId,
    listeners: request.listeners.map((l) => ({ name: l.name, host: l.host, port: l.port })),
    rack: request.rack === '' ? null : request.rack,
  };
  const { response, offset } = await server.runCommand((image, context, sessions) => registerBroker(image, command, context, sessions), deadlineMs);
  if (response.error !== null) throw brookErrorOf(response.error);
  // The epoch is the offset of the batch holding the registration (register-broker.ts); an
  // idempotent retry writes nothing and the handler answers the existing epoch.
  return { brokerEpoch: response.brokerEpoch ?? offset };
}

async function heartbeat(server: ControllerServer, request: BrokerHeartbeatRequest__Output, deadlineMs: number): Promise<BrokerHeartbeatResponse> {
  const command = {
    brokerId: request.brokerId,
    brokerEpoch: Number(request.brokerEpoch),
    currentMetadataOffset: Number(request.currentMetadataOffset),
    wantFence: request.wantFence,
    wantShutdown: request.wantShutdown,
  };
  const { response } = await server.runCommand((image, context, sessions) => brokerHeartbeat(image, command, context, sessions), deadlineMs);
  if (response.error !== null) throw brookErrorOf(response.error);
  return { isCaughtUp: response.isCaughtUp, isFenced: response.isFenced, shouldShutdown: response.shouldShutdown };
}

async function create(server: ControllerServer, settings: ControllerServiceSettings, forwarded: ForwardedCreateTopicsRequest__Output, deadlineMs: number): Promise<ForwardedCreateTopicsResponse> {
  const request = forwarded.request;
  if (request === null) throw new BrookError('INVALID_REQUEST', 'a forwarded CreateTopics carries no request');
  const topics = request.topics.map((t) => newTopic(t, settings));
  const { response, offset } = await server.runCommand((image, context) => createTopics(image, { topics }, context), deadlineMs, request.validateOnly);
  return {
    response: { topics: response.topics.map((created, i) => createdTopicResult(created, topics[i]!, request.validateOnly)) },
    metadataOffset: offset,
  };
}

function newTopic(topic: CreatableTopic__Output, settings: ControllerServiceSettings): NewTopic {
  return {
    name: topic.name,
    partitions: topic.numPartitions <= 0 ? settings.defaultPartitions : topic.numPartitions,
    replicationFactor: topic.replicationFactor <= 0 ? settings.defaultReplicationFactor : topic.replicationFactor,
    configs: { ...topic.configs },
  };
}

function createdTopicResult(created: CreatedTopic, requested: NewTopic, validateOnly: boolean): CreatableTopicResult {
  if (created.error !== null) {
    return { name: created.name, ...errorFields(created.error), topicId: '', numPartitions: -1, replicationFactor: -1, configs: [] };
  }
  // Only the topic's own overrides (the forwarding broker adds the defaults), sorted by name.
  const configs = Object.entries(requested.configs ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ({ name, value, source: ConfigSource.CONFIG_SOURCE_TOPIC, readOnly: false }));
  return {
    name: created.name,
    errorCode: 0,
    errorMessage: '',
    topicId: validateOnly ? '' : (created.topicId ?? ''),
    numPartitions: requested.partitions,
    replicationFactor: requested.replicationFactor,
    configs,
  };
}

async function remove(server: ControllerServer, forwarded: ForwardedDeleteTopicsRequest__Output, deadlineMs: number): Promise<ForwardedDeleteTopicsResponse> {
  const request = forwarded.request;
  if (request === null) throw new BrookError('INVALID_REQUEST', 'a forwarded DeleteTopics carries no request');
  const names = request.names;
  const { response, offset } = await server.runCommand((image) => {
    const result = deleteTopics(image, { names });
    // Topic ids from the image the command ran on: after the batch they are gone.
    return { records: result.records, response: { deleted: result.response.topics, ids: topicIds(image, names) } };
  }, deadlineMs);
  const topics = response.deleted.map((d, i): DeletableTopicResult => ({
    name: d.name, topicId: d.error === null ? (response.ids[i] ?? '') : '', ...errorFields(d.error),
  }));
  return { response: { topics }, metadataOffset: offset };
}

function topicIds(image: MetadataImage, names: readonly string[]): string[] {
  return names.map((name) => image.topicIdsByName.get(name) ?? '');
}

/**
 * A grpc-js unary handler around an async one: the request's deadline in epoch milliseconds
 * (REQUEST_TIMEOUT_MS_DEFAULT from now when the caller set none), and a thrown error turned into
 * a status. A status already built (NOT_CONTROLLER with its hint) goes out as it is.
 */
function unary<Request, Response>(
  log: Logger,
  method: string,
  handle: (request: Request, deadlineMs: number) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call: ServerUnaryCall<Request, Response>, callback) => {
    handle(call.request, deadlineOf(call)).then(
      (response) => callback(null, response),
      (error: unknown) => {
        if (isServiceError(error)) {
          log.debug({ method, details: error.details }, 'request refused');
          callback(error);
          return;
        }
        if (!isBrookError(error) || error.code === 'UNKNOWN_SERVER_ERROR') log.error({ err: error, method }, 'request failed');
        else log.debug({ err: error, method }, 'request refused');
        callback(toServiceError(error));
      },
    );
  };
}

function deadlineOf(call: ServerUnaryCall<unknown, unknown>): number {
  const deadline = call.getDeadline();
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) ? ms : Date.now() + REQUEST_TIMEOUT_MS_DEFAULT;
}

function isServiceError(error: unknown): error is ReturnType<typeof toServiceError> {
  return error instanceof Error && error.name === 'BrookServiceError';
}
