// FetchSession against a real ReplicaFetchService on a real gRPC server: many requests share one
// stream, a request refused as a whole ends the stream and the next request opens a new one, and
// an unanswered request drops the session at its timeout.
import { afterEach, describe, expect, it } from 'vitest';
import type { Server, ServerDuplexStream } from '@grpc/grpc-js';
import { bindRpcServer, brookReplicationServiceDefinition, createBrookReplicationClient, createRpcServer, isBrookError, type BrookReplicationClient, type ReplicaFetchRequest, type ReplicaFetchRequest__Output, type ReplicaFetchResponse } from '@brook/protocol';
import { silentLogger } from '../logging/logger.js';
import { ReplicaFetchService } from './replica-fetch-service.js';
import { FetchSession } from './fetch-session.js';

const CLUSTER = 'session-test';
const cleanup: Array<() => void> = [];

afterEach(() => {
  for (const step of cleanup.splice(0).reverse()) step();
});

type Session = ServerDuplexStream<ReplicaFetchRequest__Output, ReplicaFetchResponse>;

/** A leader with no partitions; `hold` makes it swallow requests instead of answering. */
async function startLeader(options: { hold?: boolean; shutdown?: AbortSignal } = {}): Promise<{ client: BrookReplicationClient; server: Server; sessions: () => number }> {
  const shutdown = options.shutdown ?? new AbortController().signal;
  const service = new ReplicaFetchService({ clusterId: CLUSTER, partitions: { get: () => undefined }, maxWaitMs: 50, maxBytes: 1 << 20, shutdown, logger: silentLogger() });
  let sessions = 0;
  const server: Server = createRpcServer({});
  server.addService(brookReplicationServiceDefinition(), {
    ReplicaFetch: (call: Session) => {
      sessions++;
      if (options.hold === true) call.on('data', () => undefined);
      else service.implementation().ReplicaFetch(call);
    },
  });
  const port = await bindRpcServer(server, '127.0.0.1:0');
  const client = createBrookReplicationClient(`127.0.0.1:${port}`);
  cleanup.push(() => server.forceShutdown());
  cleanup.push(() => client.close());
  return { client, server, sessions: () => sessions };
}

function request(clusterId = CLUSTER): ReplicaFetchRequest {
  return { clusterId, replicaId: 2, replicaEpoch: 1, maxWaitMs: 10, minBytes: 1, maxBytes: 1 << 20, partitions: [{ topic: 't', topicId: 'x', partition: 0, currentLeaderEpoch: 0, fetchOffset: 0, lastFetchedEpoch: -1, partitionMaxBytes: 1 << 20 }] };
}

describe('FetchSession', () => {
  it('carries many requests on one stream, each answered in turn', async () => {
    const leader = await startLeader();
    const session = new FetchSession(leader.client);
    cleanup.push(() => session.close());
    for (let i = 0; i < 5; i++) {
      const response = await session.request(request(), 5000);
      expect(response.partitions[0]?.errorCode).not.toBe(0); // the leader has no such partition
    }
    expect(leader.sessions()).toBe(1);
  });

  it('a request refused as a whole ends the stream; the next request opens a new one', async () => {
    const leader = await startLeader();
    const session = new FetchSession(leader.client);
    cleanup.push(() => session.close());
    const refused = await session.request(request('another-cluster'), 5000).catch((error: unknown) => error);
    expect(isBrookError(refused) && refused.code).toBe('INCONSISTENT_CLUSTER_ID');
    await session.request(request(), 5000);
    expect(leader.sessions()).toBe(2);
  });

  it('drops the session when an answer does not come within the timeout', async () => {
    const leader = await startLeader({ hold: true });
    const session = new FetchSession(leader.client);
    cleanup.push(() => session.close());
    const timedOut = await session.request(request(), 100).catch((error: unknown) => error);
    expect(isBrookError(timedOut) && timedOut.code).toBe('REQUEST_TIMED_OUT');
    await session.request(request(), 100).catch(() => undefined);
    expect(leader.sessions()).toBe(2);
  });

  it('a leader shutting down ends its sessions, so its graceful server stop does not wait for them', async () => {
    const shutdown = new AbortController();
    const leader = await startLeader({ shutdown: shutdown.signal });
    const session = new FetchSession(leader.client);
    cleanup.push(() => session.close());
    await session.request(request(), 5000);
    shutdown.abort();
    const startedMs = Date.now();
    await new Promise<void>((resolve) => leader.server.tryShutdown(() => resolve()));
    expect(Date.now() - startedMs).toBeLessThan(2000);
    await expect(session.request(request(), 5000)).rejects.toThrow();
  });

  it('close rejects the request in flight', async () => {
    const leader = await startLeader({ hold: true });
    const session = new FetchSession(leader.client);
    const inFlight = session.request(request(), 5000);
    session.close();
    await expect(inFlight).rejects.toThrow(/closed/);
  });
});
