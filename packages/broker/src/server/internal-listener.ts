// The internal listener (default 9093): Raft between controllers, broker-to-controller RPCs
// (BrookController) and, later, replica fetch between brokers. It is bound before the roles
// start, because a quorum of one learns its own voter address from the bound port; services are
// added once their owners exist (grpc-js looks handlers up per call, so adding after binding
// is fine). Clients never see it: the client listener's reflection lists only BrookClient.
import type { Server, ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { bindRpcServer, createRpcServer, rpcMessageSizeOptions } from '@brook/protocol';
import { formatAddress, parseAddress, type HostPort } from '../config/address.js';
import { shutDownGrpcServer } from './grpc-shutdown.js';

export interface InternalListener {
  readonly server: Server;
  /** The bound address, with the real port when the configured one was 0. */
  readonly address: string;
  /** What other nodes dial: the advertised internal address, or the bound one (a wildcard bind advertises loopback). */
  readonly advertised: HostPort;
}

export async function startInternalListener(listen: string, advertisedAddress: string | null, maxRequestBytes: number): Promise<InternalListener> {
  const server = createRpcServer(rpcMessageSizeOptions(maxRequestBytes));
  const { host, port } = parseAddress(listen);
  const boundPort = await bindRpcServer(server, formatAddress({ host, port })).catch((error: Error) => {
    throw new Error(`cannot listen on ${listen} (internalListen): ${error.message}`, { cause: error });
  });
  const address = formatAddress({ host, port: boundPort });
  const advertised = advertisedAddress === null ? loopbackFor({ host, port: boundPort }) : parseAddress(advertisedAddress, 1);
  return { server, address, advertised };
}

export function addInternalService<Implementation extends UntypedServiceImplementation>(
  listener: InternalListener,
  definition: ServiceDefinition<Implementation>,
  implementation: Implementation,
): void {
  listener.server.addService(definition, implementation);
}

/** Stops accepting calls; in-flight ones (long polls, Raft streams) get `graceMs`, then are cancelled. */
export function stopInternalListener(listener: InternalListener, graceMs: number): Promise<void> {
  return shutDownGrpcServer(listener.server, graceMs);
}

function loopbackFor(bound: HostPort): HostPort {
  return { host: bound.host === '0.0.0.0' || bound.host === '::' ? '127.0.0.1' : bound.host, port: bound.port };
}
