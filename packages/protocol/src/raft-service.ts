// The internal BrookRaft service (proto/brook/v1/raft.proto) as a controller registers it on its
// internal listener and dials its peers, with the contract's message size limits on both ends.
// The loader loads raft.proto with the rest of the contract; this file only gives that part of
// the object tree its generated type.
import { credentials as grpcCredentials, loadPackageDefinition } from '@grpc/grpc-js';
import type { ChannelCredentials, ChannelOptions } from '@grpc/grpc-js';
import type { BrookRaftClient, BrookRaftDefinition } from './generated/brook/v1/BrookRaft.js';
import type { ProtoGrpcType as RaftProtoGrpcType } from './generated/raft.js';
import { rpcMessageSizeOptions } from './limits.js';
import { loadBrookPackageDefinition } from './loader.js';

/** The fully qualified name of the Raft service. */
export const BROOK_RAFT_SERVICE_NAME = 'brook.v1.BrookRaft';

let cachedRaftObject: RaftProtoGrpcType | undefined;

function loadRaftProto(): RaftProtoGrpcType {
  // The package definition covers every file of BROOK_PROTO_FILES, raft.proto included; the
  // generated RaftProtoGrpcType describes the raft.proto part of that tree.
  cachedRaftObject ??= loadPackageDefinition(loadBrookPackageDefinition()) as unknown as RaftProtoGrpcType;
  return cachedRaftObject;
}

/** The service definition a controller passes to `server.addService(definition, handlers)`. */
export function brookRaftServiceDefinition(): BrookRaftDefinition {
  return loadRaftProto().brook.v1.BrookRaft.service;
}

/** A BrookRaft stub for a peer's internal listener ("host:port"). Close it with `client.close()`. */
export function createBrookRaftClient(
  address: string,
  credentials: ChannelCredentials = grpcCredentials.createInsecure(),
  options: ChannelOptions = rpcMessageSizeOptions(),
): BrookRaftClient {
  const BrookRaft = loadRaftProto().brook.v1.BrookRaft;
  return new BrookRaft(address, credentials, options);
}
