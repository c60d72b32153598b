// The internal BrookReplication service (proto/brook/v1/replication.proto): what a leader broker
// registers on its internal listener and what follower brokers dial for ReplicaFetch, with the
// contract's message size limits on both ends.
import { credentials as grpcCredentials, loadPackageDefinition, makeClientConstructor } from '@grpc/grpc-js';
import type { ChannelCredentials, ChannelOptions, ServiceClientConstructor, ServiceDefinition } from '@grpc/grpc-js';
import type { BrookReplicationClient, BrookReplicationDefinition } from './generated/brook/v1/BrookReplication.js';
import type { ProtoGrpcType as ReplicationProtoGrpcType } from './generated/replication.js';
import { rpcMessageSizeOptions } from './limits.js';
import { loadBrookPackageDefinition } from './loader.js';
import { installFramedRequests } from './framed-messages.js';
import { contractSerializer } from './framed-serializer.js';
import type { ReplicaFetchRequest } from './generated/brook/v1/ReplicaFetchRequest.js';
import type { ReplicaFetchResponse } from './generated/brook/v1/ReplicaFetchResponse.js';

/** ReplicaFetch requests and answers, serialized into framed buffers (framed-serializer.ts). */
export const serializeReplicaFetchResponse = contractSerializer<ReplicaFetchResponse>('brook.v1.ReplicaFetchResponse');
export const serializeReplicaFetchRequest = contractSerializer<ReplicaFetchRequest>('brook.v1.ReplicaFetchRequest');

/** The fully qualified name of the replication service. */
export const BROOK_REPLICATION_SERVICE_NAME = 'brook.v1.BrookReplication';

let cachedReplicationObject: ReplicationProtoGrpcType | undefined;

function loadReplicationProto(): ReplicationProtoGrpcType {
  cachedReplicationObject ??= loadPackageDefinition(loadBrookPackageDefinition()) as unknown as ReplicationProtoGrpcType;
  return cachedReplicationObject;
}

/**
 * The service definition a broker passes to `server.addService(definition, handlers)`. Its
 * ReplicaFetch answers are serialized into framed buffers (framed-serializer.ts),
 * the same bytes protobufjs would write.
 */
export function brookReplicationServiceDefinition(): BrookReplicationDefinition {
  const service = loadReplicationProto().brook.v1.BrookReplication.service;
  return { ...service, ReplicaFetch: { ...service.ReplicaFetch, responseSerialize: serializeReplicaFetchResponse } };
}

/** A BrookReplication stub for a leader broker's internal listener ("host:port"). Close it with `client.close()`. */
export function createBrookReplicationClient(
  address: string,
  credentials: ChannelCredentials = grpcCredentials.createInsecure(),
  options: ChannelOptions = rpcMessageSizeOptions(),
): BrookReplicationClient {
  return new (replicationClientConstructor())(address, credentials, options) as unknown as BrookReplicationClient;
}

let clientConstructor: ServiceClientConstructor | undefined;

/** The stub's constructor: the proto's, with ReplicaFetch requests serialized into framed buffers. */
function replicationClientConstructor(): ServiceClientConstructor {
  if (clientConstructor === undefined) {
    installFramedRequests();
    const service = loadReplicationProto().brook.v1.BrookReplication.service;
    const definition = { ...service, ReplicaFetch: { ...service.ReplicaFetch, requestSerialize: serializeReplicaFetchRequest } };
    clientConstructor = makeClientConstructor(definition as unknown as ServiceDefinition, 'BrookReplication');
  }
  return clientConstructor;
}
