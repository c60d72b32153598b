// Test helpers for packages that speak the contract (exported as @brook/protocol/testing): an
// in-process BrookClient server on an ephemeral port, with whichever handlers a test supplies.
// The client SDK tests its retry and metadata logic against it without starting a broker.
import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { ChannelOptions, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { BrookClientClient, BrookClientHandlers } from '../generated/brook/v1/BrookClient.js';
import { rpcMessageSizeOptions } from '../limits.js';
import { brookClientServiceDefinition, createBrookClient } from '../service.js';

export interface TestBrookServer {
  /** "127.0.0.1:<port>", ready to dial. */
  readonly address: string;
  readonly port: number;
  readonly server: Server;
  /** A client stub for this server with the default options; closed by close(). */
  readonly client: BrookClientClient;
  /** Closes the client and stops the server at once, failing calls still in flight. */
  close(): void;
}

/**
 * Starts a BrookClient server on 127.0.0.1, port 0. Methods missing from `handlers` answer
 * UNIMPLEMENTED, as grpc-js does for any unregistered handler.
 */
export async function startTestBrookServer(
  handlers: Partial<BrookClientHandlers>,
  options: ChannelOptions = rpcMessageSizeOptions(),
): Promise<TestBrookServer> {
  const server = new Server(options);
  // grpc-js wants no undefined entries; a missing method gets its UNIMPLEMENTED default handler.
  const implementation: UntypedServiceImplementation = {};
  for (const [method, handler] of Object.entries(handlers)) {
    if (handler !== undefined) implementation[method] = handler;
  }
  server.addService(brookClientServiceDefinition(), implementation);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, boundPort) => {
      if (error) reject(error);
      else resolve(boundPort);
    });
  });
  const address = `127.0.0.1:${port}`;
  const client = createBrookClient(address);
  return {
    address,
    port,
    server,
    client,
    close() {
      client.close();
      server.forceShutdown();
    },
  };
}
