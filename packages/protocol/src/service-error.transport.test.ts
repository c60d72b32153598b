// Checks the error mapping over a real gRPC connection on 127.0.0.1: what a BrookClient handler
// sends with toServiceError arrives at the client with its exact code and message, and the
// failures grpc-js itself raises (deadline, refused connection, oversized message, unknown
// method) become the Brook errors ERRORS.md promises.
import { Server, ServerCredentials, status as GrpcStatus } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { BrookError } from './brook-error.js';
import type { BrookClientClient } from './generated/brook/v1/BrookClient.js';
import type { MetadataResponse__Output } from './generated/brook/v1/MetadataResponse.js';
import { createBrookClient } from './service.js';
import { fromServiceError, toServiceError } from './service-error.js';
import { startTestBrookServer, type TestBrookServer } from './testing/index.js';

const running: { close(): void }[] = [];
afterEach(() => {
  for (const resource of running.splice(0)) resource.close();
});

async function serve(handlers: Parameters<typeof startTestBrookServer>[0]): Promise<TestBrookServer> {
  const server = await startTestBrookServer(handlers);
  running.push(server);
  return server;
}

function callMetadata(client: BrookClientClient, deadlineMs = 5_000): Promise<MetadataResponse__Output> {
  return new Promise((resolve, reject) => {
    client.Metadata({}, { deadline: Date.now() + deadlineMs }, (error: ServiceError | null, response) => {
      if (error) reject(error);
      else if (response === undefined) reject(new Error('no response'));
      else resolve(response);
    });
  });
}

async function failureOf(promise: Promise<unknown>): Promise<BrookError> {
  try {
    await promise;
  } catch (error) {
    return fromServiceError(error);
  }
  throw new Error('the call succeeded');
}

describe('server errors over a real gRPC connection', () => {
  it('delivers a handler\'s BrookError with its exact code and message', async () => {
    const { client } = await serve({
      Metadata: (_call, callback) => callback(toServiceError(new BrookError('NOT_LEADER_OR_FOLLOWER', 'orders-3 moved to node 2'))),
    });
    const error = await failureOf(callMetadata(client));
    expect(error.code).toBe('NOT_LEADER_OR_FOLLOWER');
    expect(error.message).toBe('orders-3 moved to node 2');
    expect(error.retriable).toBe(true);
    expect((error.cause as ServiceError).code).toBe(GrpcStatus.UNAVAILABLE);
  });

  it('delivers an unclassified server failure as UNKNOWN_SERVER_ERROR with its message', async () => {
    const { client } = await serve({
      Metadata: (_call, callback) => callback(toServiceError(new RangeError('index 7 out of bounds'))),
    });
    const error = await failureOf(callMetadata(client));
    expect(error.code).toBe('UNKNOWN_SERVER_ERROR');
    expect(error.message).toBe('index 7 out of bounds');
    expect(error.retriable).toBe(false);
  });

  it('answers a successful call with decoded defaults', async () => {
    const { client } = await serve({
      Metadata: (_call, callback) =>
        callback(null, { clusterId: 'c1', controllerId: 1, brokers: [{ nodeId: 1, host: 'localhost', port: 9092 }] }),
    });
    const response = await callMetadata(client);
    expect(response.clusterId).toBe('c1');
    expect(response.brokers).toEqual([{ nodeId: 1, host: 'localhost', port: 9092, rack: '', fenced: false }]);
    expect(response.topics).toEqual([]);
  });
});

describe('transport failures over a real gRPC connection', () => {
  it('turns a passed deadline into a retriable REQUEST_TIMED_OUT', async () => {
    // The handler never answers; the client's 100 ms deadline ends the call.
    const { client } = await serve({ Metadata: () => undefined });
    const error = await failureOf(callMetadata(client, 100));
    expect(error.code).toBe('REQUEST_TIMED_OUT');
    expect(error.retriable).toBe(true);
  });

  it('turns a refused connection into a retriable NETWORK_EXCEPTION', async () => {
    // Bind a port, then free it, so nothing listens there.
    const server = await serve({});
    const { address } = server;
    server.close();
    const client = createBrookClient(address);
    running.push(client);
    const error = await failureOf(callMetadata(client));
    expect(error.code).toBe('NETWORK_EXCEPTION');
    expect(error.retriable).toBe(true);
  });

  it('turns a response over the client\'s size limit into RPC_MESSAGE_TOO_LARGE', async () => {
    const server = await serve({
      Metadata: (_call, callback) => callback(null, { clusterId: 'x'.repeat(8_192) }),
    });
    const client = createBrookClient(server.address, undefined, { 'grpc.max_receive_message_length': 1_024 });
    running.push(client);
    const error = await failureOf(callMetadata(client));
    expect(error.code).toBe('RPC_MESSAGE_TOO_LARGE');
    expect(error.retriable).toBe(false);
  });

  it('turns a method the server lacks into UNSUPPORTED_VERSION', async () => {
    // A server with no services at all stands in for an older broker without the method.
    const server = new Server();
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
    });
    running.push({ close: () => server.forceShutdown() });
    const client = createBrookClient(`127.0.0.1:${port}`);
    running.push(client);
    const error = await failureOf(callMetadata(client));
    expect(error.code).toBe('UNSUPPORTED_VERSION');
  });
});
