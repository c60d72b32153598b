// Checks the broker as a whole, in process: topics and data survive a stop and restart on the
// same directory; the ready file appears while serving and goes on stop; a second broker on the
// same directory is refused; the health service, reflection, /metrics, /healthz and /readyz
// answer; and a request past maxRequestBytes is refused with RPC_MESSAGE_TOO_LARGE.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BrookError } from '@brook/protocol';
import { encodeRecordBatch } from '@brook/record-batch';
import { checkHealth, listServicesByReflection, startTestServer, unaryCall } from '../testing/index.js';
import { READY_FILE } from './ready-file.js';

const records = (value: string) => Buffer.from(encodeRecordBatch({ records: [{ key: null, value: Buffer.from(value), headers: [], timestamp: 1n }] }));

describe('broker lifecycle', () => {
  it('keeps topics and data across a restart, with a ready file only while serving', async () => {
    const first = await startTestServer();
    const ready = JSON.parse(readFileSync(join(first.dataDir, READY_FILE), 'utf8')) as { pid: number; clientAddress: string; adminAddress: string };
    expect(ready).toMatchObject({ pid: process.pid, clientAddress: first.handle.clientAddress, adminAddress: first.handle.adminAddress });
    await expect(startTestServer({ dataDir: first.dataDir })).rejects.toThrow(/in use by process/);
    await unaryCall(first.client, 'CreateTopics', { topics: [{ name: 'durable', numPartitions: 2 }] });
    await unaryCall(first.client, 'Produce', { acks: -1, topics: [{ name: 'durable', partitions: [{ partition: 1, records: records('kept') }] }] });
    const clusterId = first.handle.clusterId;
    await first.close({ keepDataDir: true });
    expect(existsSync(join(first.dataDir, READY_FILE))).toBe(false);

    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      expect(second.handle.clusterId).toBe(clusterId);
      const fetched = await unaryCall(second.client, 'Fetch', { topics: [{ name: 'durable', partitions: [{ partition: 1, fetchOffset: 0 }] }] });
      expect(fetched.topics[0]?.partitions[0]?.highWatermark).toBe('1');
      expect(fetched.topics[0]?.partitions[0]?.records.includes(Buffer.from('kept'))).toBe(true);
      const produced = await unaryCall(second.client, 'Produce', { acks: 1, topics: [{ name: 'durable', partitions: [{ partition: 1, records: records('next') }] }] });
      expect(produced.topics[0]?.partitions[0]?.baseOffset).toBe('1');
    } finally {
      await second.close();
    }
  });

});

describe('broker endpoints and limits', () => {
  it('serves health, reflection and the admin endpoints', async () => {
    const broker = await startTestServer();
    try {
      expect(await checkHealth(broker.handle.clientAddress)).toBe('SERVING');
      expect(await checkHealth(broker.handle.clientAddress, 'brook.v1.BrookClient')).toBe('SERVING');
      const services = await listServicesByReflection(broker.handle.clientAddress);
      expect(services).toEqual(['brook.v1.BrookClient', 'grpc.health.v1.Health']);
      await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'metered' }] });
      await unaryCall(broker.client, 'Produce', { acks: 1, topics: [{ name: 'metered', partitions: [{ partition: 0, records: records('m') }] }] });
      const admin = `http://${broker.handle.adminAddress}`;
      expect((await fetch(`${admin}/healthz`)).status).toBe(200);
      expect((await fetch(`${admin}/readyz`)).status).toBe(200);
      expect((await fetch(`${admin}/nowhere`)).status).toBe(404);
      const metrics = await (await fetch(`${admin}/metrics`)).text();
      expect(metrics).toMatch(/brook_produce_records_total\{topic="metered"\} 1/);
      expect(metrics).toMatch(/brook_partitions 1/);
      expect(metrics).toMatch(/brook_rpc_duration_seconds_count\{method="Produce",code="NONE"\} 1/);
      expect(metrics).toMatch(/brook_log_size_bytes\{topic="metered",partition="0"\} \d+/);
      expect(metrics).toMatch(/process_cpu_user_seconds_total/);
      // The group commit's fsync of that append (acks=1 does not wait for it).
      const flushes = async () => Number(/brook_log_flush_duration_seconds_count (\d+)/.exec(await (await fetch(`${admin}/metrics`)).text())?.[1] ?? 0);
      await expect.poll(flushes, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
      const status = (await (await fetch(`${admin}/v1/status`)).json()) as { partitions: Array<{ topic: string; logEndOffset: number }> };
      expect(status.partitions).toContainEqual(expect.objectContaining({ topic: 'metered', logEndOffset: 1 }));
    } finally {
      await broker.close();
    }
  });

  it('names the listener whose port is taken, and releases what it had started', async () => {
    const running = await startTestServer();
    try {
      await expect(startTestServer({ config: { listen: running.handle.clientAddress } })).rejects.toThrow(`cannot listen on ${running.handle.clientAddress} (listen)`);
      await expect(startTestServer({ config: { adminListen: running.handle.adminAddress } })).rejects.toThrow(`cannot listen on ${running.handle.adminAddress} (adminListen)`);
    } finally {
      await running.close();
    }
  });

  it('refuses a request larger than maxRequestBytes with RPC_MESSAGE_TOO_LARGE', async () => {
    const broker = await startTestServer({ config: { maxRequestBytes: 64 * 1024, fetchMaxBytes: 16 * 1024, maxMessageBytes: 16 * 1024 } });
    try {
      await unaryCall(broker.client, 'CreateTopics', { topics: [{ name: 'big' }] });
      const huge = Buffer.from(encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(100 * 1024, 1), headers: [], timestamp: 1n }] }));
      const error = await unaryCall(broker.client, 'Produce', { acks: 1, topics: [{ name: 'big', partitions: [{ partition: 0, records: huge }] }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BrookError);
      expect((error as BrookError).code).toBe('RPC_MESSAGE_TOO_LARGE');
    } finally {
      await broker.close();
    }
  });
});
