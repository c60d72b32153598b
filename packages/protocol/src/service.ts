// The BrookClient service as the broker registers it and the client SDK dials it, with the
// contract's message size limits applied on both ends by default.
import { credentials as grpcCredentials, makeClientConstructor } from '@grpc/grpc-js';
import type { ChannelCredentials, ChannelOptions, ServiceClientConstructor, ServiceDefinition } from '@grpc/grpc-js';
import { installFramedRequests } from './framed-messages.js';
import { framedSerializer, PRODUCE_REQUEST, PRODUCE_STREAM_REQUEST } from './framed-serializer.js';
import type { ProduceRequest } from './generated/brook/v1/ProduceRequest.js';
import type { ProduceStreamRequest } from './generated/brook/v1/ProduceStreamRequest.js';
import type { BrookClientClient, BrookClientDefinition } from './generated/brook/v1/BrookClient.js';
import { rpcMessageSizeOptions } from './limits.js';
import { loadBrookProto } from './loader.js';

/** The service definition a server passes to `server.addService(definition, handlers)`. */
export function brookClientServiceDefinition(): BrookClientDefinition {
  return loadBrookProto().brook.v1.BrookClient.service;
}

/** Produce requests, serialized into framed buffers (framed-serializer.ts). */
export const serializeProduceRequest = framedSerializer<ProduceRequest>(PRODUCE_REQUEST);
export const serializeProduceStreamRequest = framedSerializer<ProduceStreamRequest>(PRODUCE_STREAM_REQUEST);

let clientConstructor: ServiceClientConstructor | undefined;

/** The client stub's constructor: the proto's, with Produce requests serialized into framed buffers. */
function brookClientConstructor(): ServiceClientConstructor {
  if (clientConstructor === undefined) {
    installFramedRequests();
    const service = brookClientServiceDefinition();
    const definition = {
      ...service,
      Produce: { ...service.Produce, requestSerialize: serializeProduceRequest },
      ProduceStream: { ...service.ProduceStream, requestSerialize: serializeProduceStreamRequest },
    };
    clientConstructor = makeClientConstructor(definition as unknown as ServiceDefinition, 'BrookClient');
  }
  return clientConstructor;
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
  const BrookClient = brookClientConstructor();
  return new BrookClient(address, credentials, options) as unknown as BrookClientClient;
}
