// The connection pool over real gRPC: one stub per address, a deadline on every call
// (REQUEST_TIMED_OUT), cancellation (REQUEST_CANCELLED), an unreachable broker
// (NETWORK_EXCEPTION, retriable), a Brook error from the server arriving as the same BrookError,
// and refusal after close.
import { BrookError, rpcMessageSizeOptions, toServiceError } from '@brook/protocol';
import { startTestBrookServer, type TestBrookServer } from '@brook/protocol/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionPool } from './connection-pool.js';

let server: TestBrookServer;
let pool: ConnectionPool;

beforeEach(async () => {
  server = await startTestBrookServer({
    // Never answers: only the client's deadline or a cancel ends the call.
    Metadata: () => undefined,
    DescribeCluster: (_call, callback) => callback(toServiceError(new BrookError('NOT_CONTROLLER', 'ask another node'))),
    DeleteTopics: (_call, callback) => callback(null, { topics: [] }),
  });
  pool = new ConnectionPool(150, rpcMessageSizeOptions());
});

afterEach(() => {
  pool.close();
  server.close();
});

describe('ConnectionPool', () => {
  it('puts a deadline on every call', async () => {
    const started = Date.now();
    await expect(pool.call(server.address, 'Metadata', {})).rejects.toMatchObject({ code: 'REQUEST_TIMED_OUT', retriable: true });
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(pool.call(server.address, 'Metadata', {}, { timeoutMs: 50 })).rejects.toMatchObject({ code: 'REQUEST_TIMED_OUT' });
  });

  it('cancels a call when its signal aborts', async () => {
    const abort = new AbortController();
    const call = pool.call(server.address, 'Metadata', {}, { timeoutMs: 10_000, signal: abort.signal });
    setTimeout(() => abort.abort(), 20);
    await expect(call).rejects.toMatchObject({ code: 'REQUEST_CANCELLED' });
  });

  it('rebuilds the BrookError a server sent, and classifies an unreachable broker as retriable', async () => {
    await expect(pool.call(server.address, 'DescribeCluster', {})).rejects.toMatchObject({ code: 'NOT_CONTROLLER', message: 'ask another node' });
    await expect(pool.call('127.0.0.1:1', 'DescribeCluster', {})).rejects.toMatchObject({ code: 'NETWORK_EXCEPTION', retriable: true });
  });

  it('keeps one stub per address and refuses calls after close', async () => {
    expect(pool.client(server.address)).toBe(pool.client(server.address));
    await expect(pool.call(server.address, 'DeleteTopics', { names: [] })).resolves.toEqual({ topics: [] });
    pool.close();
    await expect(pool.call(server.address, 'DeleteTopics', { names: [] })).rejects.toBeInstanceOf(BrookError);
  });
});
