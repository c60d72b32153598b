// The BrookRaft service loads from proto/brook/v1/raft.proto as one client-streaming method,
// and a frame crosses a real gRPC connection intact (bytes as Buffer, ids as numbers).
import { describe, expect, it } from 'vitest';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { brookRaftServiceDefinition, createBrookRaftClient } from './raft-service.js';
import type { RaftFrame__Output } from './generated/brook/v1/RaftFrame.js';
import type { BrookRaftHandlers } from './generated/brook/v1/BrookRaft.js';

describe('BrookRaft service', () => {
  it('has exactly one client-streaming method, Stream', () => {
    const service = brookRaftServiceDefinition();
    expect(Object.keys(service)).toEqual(['Stream']);
    expect([service.Stream.requestStream, service.Stream.responseStream]).toEqual([true, false]);
    expect(service.Stream.path).toBe('/brook.v1.BrookRaft/Stream');
  });

  it('carries frames over a real connection', async () => {
    const server = new Server();
    const received: RaftFrame__Output[] = [];
    const handlers: BrookRaftHandlers = {
      Stream: (call, callback) => {
        call.on('data', (frame: RaftFrame__Output) => received.push(frame));
        call.on('end', () => callback(null, { frames: received.length }));
      },
    };
    server.addService(brookRaftServiceDefinition(), handlers);
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
    });
    const client = createBrookRaftClient(`127.0.0.1:${port}`);
    try {
      const summary = await new Promise<{ frames: string }>((resolve, reject) => {
        const call = client.Stream((error, response) => (error || !response ? reject(error) : resolve(response)));
        call.write({ clusterId: 'c', fromNodeId: 1, toNodeId: 4294967295, messages: Buffer.from([1, 2, 3]) });
        call.write({ clusterId: 'c', fromNodeId: 2, toNodeId: 3, messages: Buffer.alloc(0) });
        call.end();
      });
      expect(summary.frames).toBe('2');
      expect(received.map((f) => [f.clusterId, f.fromNodeId, f.toNodeId, [...f.messages]])).toEqual([
        ['c', 1, 4294967295, [1, 2, 3]],
        ['c', 2, 3, []],
      ]);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });
});
