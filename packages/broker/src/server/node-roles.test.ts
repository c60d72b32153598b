// Roles in process: a combined node (broker + the one controller) and a broker-only node that
// follows the metadata log as an observer over FetchMetadata. The observer registers, is
// unfenced, forwards a CreateTopics to the active controller and sees its own write at once,
// and DescribeQuorum lists it as an observer; a controller-only node serves no client listener.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBrookClient } from '@brook/protocol';
import type { BrookClientClient } from '@brook/protocol';
import { defaultServerConfig, type ServerConfig } from '../config/config-schema.js';
import { silentLogger } from '../logging/logger.js';
import { freeLoopbackPort } from '../testing/free-port.js';
import { unaryCall } from '../testing/unary-call.js';
import { startServer, type ServerHandle } from './start-server.js';

const CLUSTER_ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const started: Array<{ handle: ServerHandle; client?: BrookClientClient }> = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const { handle, client } of started.reverse()) {
    client?.close();
    await handle.close();
  }
  started.length = 0;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function startNode(overrides: Partial<ServerConfig>): Promise<{ handle: ServerHandle; client?: BrookClientClient }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'brook-roles-'));
  dirs.push(dataDir);
  const config: ServerConfig = {
    ...defaultServerConfig(), dataDir, listen: '127.0.0.1:0', adminListen: '127.0.0.1:0', internalListen: '127.0.0.1:0',
    shutdownTimeoutMs: 2_000, clusterId: CLUSTER_ID, electionTimeoutMs: 200, brokerHeartbeatIntervalMs: 100, brokerSessionTimeoutMs: 2_000, ...overrides,
  };
  const handle = await startServer(config, { logger: silentLogger() });
  const node = { handle, ...(handle.clientAddress === '' ? {} : { client: createBrookClient(handle.clientAddress) }) };
  started.push(node);
  return node;
}

describe('node roles', () => {
  it('a broker-only node follows the quorum as an observer and forwards admin requests', async () => {
    const port = await freeLoopbackPort();
    const controllers = `1@127.0.0.1:${port}`;
    const combined = await startNode({ nodeId: 1, controllers, internalListen: `127.0.0.1:${port}` });
    const observer = await startNode({ nodeId: 2, roles: 'broker', controllers });
    const created = await unaryCall(observer.client!, 'CreateTopics', { topics: [{ name: 'seen-everywhere', numPartitions: 4, replicationFactor: 2 }] });
    expect(created.topics[0]?.errorCode).toBe(0);
    // Read-your-writes on the forwarding broker, and the controller's own broker sees it too.
    for (const node of [observer, combined]) {
      const metadata = await unaryCall(node.client!, 'Metadata', { topics: ['seen-everywhere'] });
      expect(metadata.topics[0]?.partitions.map((p) => [...p.replicas].sort())).toEqual(Array.from({ length: 4 }, () => [1, 2]));
      expect(metadata.controllerId).toBe(1);
    }
    const cluster = await unaryCall(observer.client!, 'DescribeCluster', { includeFencedBrokers: true });
    expect(cluster.brokers.map((b) => [b.nodeId, b.fenced])).toEqual([[1, false], [2, false]]);
    expect(cluster.node?.roles).toEqual(['broker']);
    const quorum = await unaryCall(observer.client!, 'DescribeQuorum', {});
    expect(quorum.leaderId).toBe(1);
    expect(quorum.voters.map((v) => v.nodeId)).toEqual([1]);
    expect(quorum.observers.map((o) => o.nodeId)).toEqual([2]);
  });

  it('a controller-only node has no client listener', async () => {
    const port = await freeLoopbackPort();
    const controller = await startNode({ nodeId: 1, roles: 'controller', controllers: `1@127.0.0.1:${port}`, internalListen: `127.0.0.1:${port}` });
    expect(controller.handle.clientAddress).toBe('');
    expect(controller.handle.internalAddress).toBe(`127.0.0.1:${port}`);
    const broker = await startNode({ nodeId: 2, roles: 'broker', controllers: `1@127.0.0.1:${port}` });
    const cluster = await unaryCall(broker.client!, 'DescribeCluster', {});
    expect(cluster.brokers.map((b) => b.nodeId)).toEqual([2]);
    expect(cluster.controllerId).toBe(1);
  });
});
