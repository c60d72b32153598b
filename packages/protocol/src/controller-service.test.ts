// The BrookController service loads from proto/brook/v1/controller.proto, and a NOT_CONTROLLER
// answer carries the active controller's id to the caller through a real gRPC call.
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { afterAll, describe, expect, it } from 'vitest';
import { brookControllerServiceDefinition, controllerIdHint, createBrookControllerClient, notControllerError } from './controller-service.js';
import { fromServiceError } from './service-error.js';
import type { BrookControllerHandlers } from './generated/brook/v1/BrookController.js';

describe('BrookController service', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) server.forceShutdown();
  });

  it('has the nine unary methods of the contract', () => {
    const service = brookControllerServiceDefinition();
    expect(Object.keys(service).sort()).toEqual(['AllocateProducerIds', 'AlterPartition', 'BrokerHeartbeat', 'CreateTopics', 'DeleteTopics', 'DescribeQuorum', 'FetchMetadata', 'IncrementalAlterConfigs', 'RegisterBroker']);
    expect(service.FetchMetadata.path).toBe('/brook.v1.BrookController/FetchMetadata');
    expect(service.FetchMetadata.requestStream).toBe(false);
  });

  it('carries the active controller id on NOT_CONTROLLER', async () => {
    const unimplemented = (): never => {
      throw new Error('not called');
    };
    const handlers: BrookControllerHandlers = {
      RegisterBroker: (_call, callback) => callback(notControllerError(3)),
      BrokerHeartbeat: (_call, callback) => callback(notControllerError(-1)),
      FetchMetadata: unimplemented,
      CreateTopics: unimplemented,
      DeleteTopics: unimplemented,
      IncrementalAlterConfigs: unimplemented,
      DescribeQuorum: unimplemented,
      AlterPartition: unimplemented,
      AllocateProducerIds: unimplemented,
    };
    const server = new Server();
    servers.push(server);
    server.addService(brookControllerServiceDefinition(), handlers);
    const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
    const client = createBrookControllerClient(`127.0.0.1:${port}`);
    try {
      const call = (method: 'RegisterBroker' | 'BrokerHeartbeat'): Promise<unknown> =>
        new Promise((resolve) => {
          if (method === 'RegisterBroker') client.RegisterBroker({ brokerId: 1 }, (error) => resolve(error));
          else client.BrokerHeartbeat({ brokerId: 1 }, (error) => resolve(error));
        });
      const redirected = await call('RegisterBroker');
      expect(fromServiceError(redirected).code).toBe('NOT_CONTROLLER');
      expect(controllerIdHint(redirected)).toBe(3);
      expect(controllerIdHint(fromServiceError(redirected))).toBe(3);
      expect(controllerIdHint(await call('BrokerHeartbeat'))).toBe(-1);
      expect(controllerIdHint(new Error('plain'))).toBe(-1);
    } finally {
      client.close();
    }
  });
});
