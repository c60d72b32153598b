// The client listener: one grpc-js server carrying the BrookClient service, the standard health
// service (grpc.health.v1) and server reflection, so that generic tools (grpcurl, grpc-health-
// probe, load balancers) can inspect and probe the broker. Message sizes are limited in both
// directions by maxRequestBytes; a larger request is refused by grpc-js with
// RESOURCE_EXHAUSTED before it is buffered whole, which clients read as RPC_MESSAGE_TOO_LARGE.
import type { Server } from '@grpc/grpc-js';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { BROOK_CLIENT_SERVICE_NAME, brookClientServiceDefinition, loadBrookPackageDefinition, bindRpcServer, createRpcServer, rpcMessageSizeOptions, type BrookClientHandlers } from '@brook/protocol';
import type { HandlerContext } from './handler-context.js';
import { produceHandler } from './handlers/produce.js';
import { fetchHandler, fetchStreamHandler } from './handlers/fetch.js';
import { listOffsetsHandler } from './handlers/list-offsets.js';
import { metadataHandler } from './handlers/metadata.js';
import { createTopicsHandler } from './handlers/create-topics.js';
import { deleteTopicsHandler } from './handlers/delete-topics.js';
import { describeConfigsHandler, incrementalAlterConfigsHandler } from './handlers/topic-configs.js';
import { describeClusterHandler } from './handlers/describe-cluster.js';
import { describeQuorumHandler } from './handlers/describe-quorum.js';
import { initProducerIdHandler } from './handlers/init-producer-id.js';
import { produceStreamHandler } from './handlers/produce-stream.js';
import { formatAddress, parseAddress } from '../config/address.js';
import { shutDownGrpcServer } from './grpc-shutdown.js';

export interface ClientListener {
  server: Server;
  health: HealthImplementation;
  /** The bound address, with the real port when the configured one was 0. */
  address: string;
}

export function brookClientHandlers(context: HandlerContext): BrookClientHandlers {
  return {
    Produce: produceHandler(context),
    ProduceStream: produceStreamHandler(context),
    Fetch: fetchHandler(context),
    FetchStream: fetchStreamHandler(context),
    ListOffsets: listOffsetsHandler(context),
    Metadata: metadataHandler(context),
    CreateTopics: createTopicsHandler(context),
    DeleteTopics: deleteTopicsHandler(context),
    IncrementalAlterConfigs: incrementalAlterConfigsHandler(context),
    DescribeConfigs: describeConfigsHandler(context),
    DescribeCluster: describeClusterHandler(context),
    DescribeQuorum: describeQuorumHandler(context),
    InitProducerId: initProducerIdHandler(context),
  };
}

/** Builds and binds the client listener; the health status starts NOT_SERVING until markServing. */
export async function startClientListener(context: HandlerContext): Promise<ClientListener> {
  const server = createRpcServer(rpcMessageSizeOptions(context.config.maxRequestBytes));
  server.addService(brookClientServiceDefinition(), brookClientHandlers(context));
  const health = new HealthImplementation({ '': 'NOT_SERVING', [BROOK_CLIENT_SERVICE_NAME]: 'NOT_SERVING' });
  health.addToServer(server);
  reflectionService().addToServer(server);
  const { host, port } = parseAddress(context.config.listen);
  // grpc-js reports a taken port as "No address added out of total 1 resolved": say which.
  const boundPort = await bindRpcServer(server, formatAddress({ host, port })).catch((error: Error) => {
    throw new Error(`cannot listen on ${context.config.listen} (listen): ${error.message}`, { cause: error });
  });
  return { server, health, address: formatAddress({ host, port: boundPort }) };
}

export function markServing(listener: ClientListener, serving: boolean): void {
  const status = serving ? 'SERVING' : 'NOT_SERVING';
  listener.health.setStatus('', status);
  listener.health.setStatus(BROOK_CLIENT_SERVICE_NAME, status);
}

/**
 * Stops accepting calls and lets in-flight ones finish for up to `graceMs`, then cancels the
 * rest (grpc-js tryShutdown, then forceShutdown).
 */
export function stopClientListener(listener: ClientListener, graceMs: number): Promise<void> {
  return shutDownGrpcServer(listener.server, graceMs);
}

/**
 * What reflection describes: exactly the services this listener serves (BrookClient and
 * Health). The Brook package definition also holds services of other listeners (the internal
 * Raft service), which a client here could not call, so reflection gets a whitelist.
 */
function reflectionService(): ReflectionService {
  const definition: PackageDefinition = { ...loadBrookPackageDefinition(), ...loadSync(healthProtoPath) };
  return new ReflectionService(definition, { services: [BROOK_CLIENT_SERVICE_NAME, 'grpc.health.v1.Health'] });
}
