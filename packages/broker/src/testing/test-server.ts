// An in-process broker on 127.0.0.1 port 0 with a temporary data directory and a BrookClient
// stub, for unit tests of the handlers. close() stops the broker and deletes the directory
// unless `keepDataDir` (a restart test reopens the same directory).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBrookClient, type BrookClientClient } from '@brook/protocol';
import { defaultServerConfig, type ServerConfig } from '../config/config-schema.js';
import { startServer, type ServerHandle } from '../server/start-server.js';
import { silentLogger, type Logger } from '../logging/logger.js';

export interface TestServerOptions {
  /** Reuse a data directory (a restart); default: a new temporary one. */
  dataDir?: string;
  config?: Partial<ServerConfig>;
  logger?: Logger;
}

export interface TestServer {
  handle: ServerHandle;
  client: BrookClientClient;
  dataDir: string;
  /** Stops the broker and closes the client; deletes the data directory unless keepDataDir. */
  close(options?: { keepDataDir?: boolean }): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'brook-broker-test-')));
  const config: ServerConfig = { ...defaultServerConfig(), dataDir, listen: '127.0.0.1:0', adminListen: '127.0.0.1:0', internalListen: '127.0.0.1:0', shutdownTimeoutMs: 2_000, ...options.config };
  let handle: ServerHandle;
  try {
    handle = await startServer(config, { logger: options.logger ?? silentLogger() });
  } catch (error) {
    if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const client = createBrookClient(handle.clientAddress);
  return {
    handle,
    client,
    dataDir,
    async close({ keepDataDir = false } = {}) {
      client.close();
      await handle.close();
      if (!keepDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
