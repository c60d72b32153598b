import { connect, type ClientHttp2Session } from 'node:http2';
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from '@grpc/grpc-js';
import { bindRpcServer, canWidenWindows, createRpcServer } from './rpc-server.js';
import { RPC_FLOW_CONTROL_WINDOW_BYTES } from './limits.js';

let server: Server | undefined;
let session: ClientHttp2Session | undefined;

afterEach(() => {
  session?.destroy();
  server?.forceShutdown();
  session = undefined;
  server = undefined;
});

describe('createRpcServer / bindRpcServer', () => {
  it('reaches the grpc-js internals it needs (a grpc-js upgrade that moves them fails here)', () => {
    server = createRpcServer({});
    expect(canWidenWindows(server)).toBe(true);
  });

  it('announces a wide stream window and widens the connection window of each session', async () => {
    server = createRpcServer({});
    const port = await bindRpcServer(server, '127.0.0.1:0');
    const client = connect(`http://127.0.0.1:${port}`);
    session = client;
    const settings = await new Promise<{ initialWindowSize?: number }>((resolve, reject) => {
      client.once('remoteSettings', resolve);
      client.once('error', reject);
    });
    expect(settings.initialWindowSize).toBe(RPC_FLOW_CONTROL_WINDOW_BYTES);
    // The connection window arrives as a WINDOW_UPDATE right after the settings.
    await expect.poll(() => client.state.remoteWindowSize, { timeout: 2000 }).toBe(RPC_FLOW_CONTROL_WINDOW_BYTES);
  });

  it('rejects with the bind error when the address is taken', async () => {
    server = createRpcServer({});
    const port = await bindRpcServer(server, '127.0.0.1:0');
    const second = createRpcServer({});
    try {
      await expect(bindRpcServer(second, `127.0.0.1:${port}`)).rejects.toThrow();
    } finally {
      second.forceShutdown();
    }
  });
});
