// InitProducerId on a one-node cluster: fresh ids at epoch 0 from the broker's block, never the
// same twice (also across a restart, since blocks are recorded in the metadata log), and typed
// refusals of what needs transactions.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, unaryCall, type TestServer } from '../../testing/index.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('InitProducerId', () => {
  it('hands out distinct producer ids at epoch 0, also after a restart', async () => {
    server = await startTestServer();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const response = await unaryCall(server.client, 'InitProducerId', { producerId: -1, producerEpoch: -1 });
      expect(response.producerEpoch).toBe(0);
      ids.add(response.producerId);
    }
    expect(ids.size).toBe(5);
    const dataDir = server.dataDir;
    await server.close({ keepDataDir: true });
    server = await startTestServer({ dataDir });
    const after = await unaryCall(server.client, 'InitProducerId', { producerId: -1, producerEpoch: -1 });
    expect(ids.has(after.producerId)).toBe(false);
  });

  it('refuses transactional ids and epoch bumps with INVALID_REQUEST', async () => {
    server = await startTestServer();
    await expect(unaryCall(server.client, 'InitProducerId', { transactionalId: 'tx', producerId: -1, producerEpoch: -1 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(unaryCall(server.client, 'InitProducerId', { producerId: 7, producerEpoch: 0 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });
});
