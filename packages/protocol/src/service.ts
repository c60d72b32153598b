// The BrookClient service as the broker registers it and the client SDK dials it, with the
// contract's message size limits applied on both ends by default.
import { credentials as grpcCredentials, makeClientConstructor } from '@grpc/grpc-js';
import type { ChannelCredentials, ChannelOptions, ServiceClientConstructor, ServiceDefinition } from '@grpc/grpc-js';
import { installFramedRequests } from './framed-messages.js';
import { contractSerializer } from './framed-serializer.js';
import type { FetchRequest } from './generated/brook/v1/FetchRequest.js';
import type { FetchResponse } from './generated/brook/v1/FetchResponse.js';
import type { FetchStreamRequest } from './generated/brook/v1/FetchStreamRequest.js';
import type { FetchStreamResponse } from './generated/brook/v1/FetchStreamResponse.js';
import type { ProduceRequest } from './generated/brook/v1/ProduceRequest.js';
import type { ProduceResponse } from './generated/brook/v1/ProduceResponse.js';
import type { ProduceStreamRequest } from './generated/brook/v1/ProduceStreamRequest.js';
import type { ProduceStreamResponse } from './generated/brook/v1/ProduceStreamResponse.js';
import type { BrookClientClient, BrookClientDefinition } from './generated/brook/v1/BrookClient.js';
import { rpcMessageSizeOptions } from './limits.js';
import { loadBrookProto } from './loader.js';

/** The hot paths' messages, serialized into framed buffers (framed-serializer.ts). */
export const serializeProduceRequest = contractSerializer<ProduceRequest>('brook.v1.ProduceRequest');
export const serializeProduceStreamRequest = contractSerializer<ProduceStreamRequest>('brook.v1.ProduceStreamRequest');
export const serializeProduceResponse = contractSerializer<ProduceResponse>('brook.v1.ProduceResponse');
export const serializeProduceStreamResponse = contractSerializer<ProduceStreamResponse>('brook.v1.ProduceStreamResponse');
export const serializeFetchRequest = contractSerializer<FetchRequest>('brook.v1.FetchRequest');
export const serializeFetchStreamRequest = contractSerializer<FetchStreamRequest>('brook.v1.FetchStreamRequest');
export const serializeFetchResponse = contractSerializer<FetchResponse>('brook.v1.FetchResponse');
export const serializeFetchStreamResponse = contractSerializer<FetchStreamResponse>('brook.v1.FetchStreamResponse');

let serviceDefinition: BrookClientDefinition | undefined;

/**
 * The service definition a server passes to `server.addService(definition, handlers)`: the
 * proto's, with Produce and Fetch answers serialized into framed buffers.
 */
export function brookClientServiceDefinition(): BrookClientDefinition {
  if (serviceDefinition === undefined) {
    const service = loadBrookProto().brook.v1.BrookClient.service;
    serviceDefinition = {
      ...service,
      Produce: { ...service.Produce, responseSerialize: serializeProduceResponse },
      ProduceStream: { ...service.ProduceStream, responseSerialize: serializeProduceStreamResponse },
      Fetch: { ...service.Fetch, responseSerialize: serializeFetchResponse },
      FetchStream: { ...service.FetchStream, responseSerialize: serializeFetchStreamResponse },
    };
  }
  return serviceDefinition;
}

let clientConstructor: ServiceClientConstructor | undefined;

/** The client stub's constructor: the proto's, with Produce and Fetch requests serialized into framed buffers. */
function brookClientConstructor(): ServiceClientConstructor {
  if (clientConstructor === undefined) {
    installFramedRequests();
    const service = brookClientServiceDefinition();
    const definition = {
      ...service,
      Produce: { ...service.Produce, requestSerialize: serializeProduceRequest },
      ProduceStream: { ...service.ProduceStream, requestSerialize: serializeProduceStreamRequest },
      Fetch: { ...service.Fetch, requestSerialize: serializeFetchRequest },
      FetchStream: { ...service.FetchStream, requestSerialize: serializeFetchStreamRequest },
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
