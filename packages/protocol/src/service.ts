// The BrookClient service as the broker registers it and the client SDK dials it, with the
// contract's message size limits applied on both ends by default.
import { credentials as grpcCredentials } from '@grpc/grpc-js';
import type { ChannelCredentials, ChannelOptions } from '@grpc/grpc-js';
import type { BrookClientClient, BrookClientDefinition } from './generated/brook/v1/BrookClient.js';
import { rpcMessageSizeOptions } from './limits.js';
import { loadBrookProto } from './loader.js';

/** The service definition a server passes to `server.addService(definition, handlers)`. */
export function brookClientServiceDefinition(): BrookClientDefinition {
  return loadBrookProto().brook.v1.BrookClient.service;
}

/**
 * A BrookClient stub for `address` ("host:port"). Defaults: insecure credentials (Brook has no TLS
 * yet) and the contract's message size limit in both directions. Close it with `client.close()`.
 */
export function createBrookClient(
  address: string,
  credentials: ChannelCredentials = grpcCredentials.createInsecure(),
  options: ChannelOptions = rpcMessageSizeOptions(),
): BrookClientClient {
  const BrookClient = loadBrookProto().brook.v1.BrookClient;
  return new BrookClient(address, credentials, options);
}
