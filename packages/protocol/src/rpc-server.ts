// gRPC servers with wide HTTP/2 receive windows and TCP_NODELAY. grpc-js opens a server's HTTP/2 streams and
// connections with the protocol's 64 KiB window and offers no server option to change it (the
// client side has 'grpc-node.flow_control_window'). A 512 KiB Produce or a 1 MiB replica fetch
// then crawls in 64 KiB steps, each waiting for the receiving event loop to read and send a
// WINDOW_UPDATE; on a busy loop that is milliseconds per step. So the server's SETTINGS announce a
// wide stream window, and every new session widens its connection window at once.
//
// grpc-js keeps both the http2 server options and its http2 servers private; this module is the
// one place that reaches them, and rpc-server.test.ts fails if a grpc-js upgrade moves them (the
// server would still work, with the narrow default windows).
import { Server, ServerCredentials, type ServerOptions } from '@grpc/grpc-js';
import type { Http2Server, ServerHttp2Session, Settings } from 'node:http2';
import { installFramedResponses } from './framed-messages.js';
import { RPC_FLOW_CONTROL_WINDOW_BYTES } from './limits.js';


interface GrpcServerInternals {
  commonServerOptions?: { settings?: Settings; noDelay?: boolean };
  http2Servers?: Map<Http2Server, unknown>;
}

const widened = new WeakSet<Http2Server>();

/** A grpc-js Server whose HTTP/2 streams open with `windowBytes` of receive window. */
export function createRpcServer(options: ServerOptions, windowBytes: number = RPC_FLOW_CONTROL_WINDOW_BYTES): Server {
  // Framed answers (framed-messages.ts) go out without grpc-js's copy.
  installFramedResponses();
  const server = new Server(options);
  const internals = server as unknown as GrpcServerInternals;
  if (internals.commonServerOptions !== undefined) {
    internals.commonServerOptions.settings = { ...internals.commonServerOptions.settings, initialWindowSize: windowBytes };
    // TCP_NODELAY on accepted sockets (net.Server's default is off; grpc-js sets it only on its
    // client sockets): with Nagle on, a small answer written while an earlier one is unacknowledged
    // waits for the peer's delayed ACK, up to 40 ms on Linux.
    internals.commonServerOptions.noDelay = true;
  }
  return server;
}

/**
 * Binds `server` (insecure, as every Brook listener is) and widens the connection window of each
 * session it accepts from then on. Resolves with the bound port; rejects with grpc-js's error.
 */
export function bindRpcServer(server: Server, address: string, windowBytes: number = RPC_FLOW_CONTROL_WINDOW_BYTES): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => {
      if (error !== null) {
        reject(error);
        return;
      }
      widenSessionWindows(server, windowBytes);
      resolve(port);
    });
  });
}

/** True when grpc-js exposes what the widening needs (the test checks it stays so). */
export function canWidenWindows(server: Server): boolean {
  const internals = server as unknown as GrpcServerInternals;
  return internals.commonServerOptions !== undefined && internals.http2Servers instanceof Map;
}

function widenSessionWindows(server: Server, windowBytes: number): void {
  const servers = (server as unknown as GrpcServerInternals).http2Servers;
  if (!(servers instanceof Map)) return;
  for (const http2Server of servers.keys()) {
    if (widened.has(http2Server)) continue;
    widened.add(http2Server);
    http2Server.on('session', (session: ServerHttp2Session) => widenSession(session, windowBytes));
  }
}

function widenSession(session: ServerHttp2Session, windowBytes: number): void {
  try {
    session.setLocalWindowSize(windowBytes);
  } catch {
    // A session torn down as it arrived: nothing to widen.
  }
}
