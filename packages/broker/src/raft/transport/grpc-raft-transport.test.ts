// GrpcRaftTransport over real gRPC on 127.0.0.1: one Ready's messages reach the peer grouped in
// one frame; messages to a peer that is down are dropped and counted (not queued), and the
// stream reconnects once the peer listens; frames from another cluster are refused.
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '@brook/raft';
import { GrpcRaftTransport } from './grpc-raft-transport.js';
import { freeLoopbackPort } from '../../testing/free-port.js';


async function waitFor(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const heartbeat = (from: number, to: number, commit: number): Message => ({ type: 'heartbeat', from, to, term: 1, commit });

const open: GrpcRaftTransport[] = [];
afterEach(async () => {
  for (const transport of open.splice(0)) await transport.close();
});

function transport(clusterId: string, nodeId: number, ports: Map<number, number>): GrpcRaftTransport {
  const peers = new Map([...ports].map(([id, port]) => [id, `127.0.0.1:${port}`]));
  const created = new GrpcRaftTransport({ clusterId, nodeId, peers, backoffMsMin: 20, backoffMsMax: 100 });
  open.push(created);
  return created;
}

describe('GrpcRaftTransport', () => {
  it('delivers a Ready\'s messages to each peer as one frame', async () => {
    const ports = new Map([[1, await freeLoopbackPort()], [2, await freeLoopbackPort()]]);
    const one = transport('c', 1, ports);
    const two = transport('c', 2, ports);
    await one.listen('127.0.0.1', ports.get(1) as number);
    await two.listen('127.0.0.1', ports.get(2) as number);
    const batches: Message[][] = [];
    two.setHandler((messages) => batches.push(messages));
    one.send([heartbeat(1, 2, 1), heartbeat(1, 2, 2), heartbeat(1, 2, 3)]);
    await waitFor(() => batches.length === 1);
    expect(batches[0]?.map((m) => (m.type === 'heartbeat' ? m.commit : -1))).toEqual([1, 2, 3]);
    expect(one.peers()[0]).toMatchObject({ id: 2, framesSent: 1, messagesSent: 3 });
  });

  it('drops messages while the peer is down, then reconnects when it listens', async () => {
    const ports = new Map([[1, await freeLoopbackPort()], [2, await freeLoopbackPort()]]);
    const one = transport('c', 1, ports);
    const received: Message[] = [];
    // Nothing listens on node 2's port yet.
    for (let i = 0; i < 20; i++) {
      one.send([heartbeat(1, 2, i)]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(one.peers()[0]?.messagesDropped).toBeGreaterThan(0);
    const two = transport('c', 2, ports);
    two.setHandler((messages) => received.push(...messages));
    await two.listen('127.0.0.1', ports.get(2) as number);
    await waitFor(() => {
      one.send([heartbeat(1, 2, 99)]);
      return received.some((m) => m.type === 'heartbeat' && m.commit === 99);
    });
  });

  it('refuses frames from another cluster', async () => {
    const ports = new Map([[1, await freeLoopbackPort()], [2, await freeLoopbackPort()]]);
    const stranger = transport('other', 1, ports);
    const two = transport('c', 2, ports);
    await two.listen('127.0.0.1', ports.get(2) as number);
    const received: Message[] = [];
    two.setHandler((messages) => received.push(...messages));
    stranger.send([heartbeat(1, 2, 1)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toEqual([]);
  });
});
