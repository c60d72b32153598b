// The broker as a process, black box (TESTING.md, layer 3): started from the built bin through
// the harness on port 0 with a temporary data directory, spoken to with the raw gRPC stub and
// batches built by @brook/record-batch. Checks: produce then fetch back; the health service,
// reflection, /healthz, /readyz and /metrics; SIGTERM exits 0 and everything survives a restart;
// kill -9 during acks=all produce loses no acknowledged record; a second process on the same
// data directory is refused; a bad flag exits non-zero with a message naming it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBrookClient, errorCodeByNumber, type BrookClientClient } from '@brook/protocol';
import { decodeRecordBatch, encodeRecordBatch, splitBatches } from '@brook/record-batch';
import { checkHealth, listServicesByReflection, unaryCall } from '@brook/broker/testing';
import { startBroker, type BrokerProcess } from '../harness/index.js';

const clients: BrookClientClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

function clientFor(broker: BrokerProcess): BrookClientClient {
  const client = createBrookClient(broker.clientAddress);
  clients.push(client);
  return client;
}

function batchOf(values: string[]): Buffer {
  return Buffer.from(encodeRecordBatch({ records: values.map((value) => ({ key: Buffer.from(`k-${value}`), value: Buffer.from(value), headers: [{ key: 'h', value: Buffer.from('1') }], timestamp: BigInt(Date.now()) })) }));
}

async function readAll(client: BrookClientClient, topic: string, partition: number): Promise<Map<number, string>> {
  const byOffset = new Map<number, string>();
  for (let offset = 0; ; ) {
    const response = await unaryCall(client, 'Fetch', { maxWaitMs: 0, topics: [{ name: topic, partitions: [{ partition, fetchOffset: offset }] }] });
    const result = response.topics[0]?.partitions[0];
    expect(errorCodeByNumber(result?.errorCode ?? -1)).toBe('NONE');
    if (result === undefined || result.records.length === 0) return byOffset;
    for (const view of splitBatches(result.records)) {
      const batch = decodeRecordBatch(view.bytes);
      for (const record of batch.records) {
        const at = Number(batch.header.baseOffset) + record.offsetDelta;
        byOffset.set(at, Buffer.from(record.value ?? []).toString());
        offset = at + 1;
      }
    }
  }
}

/** The gRPC health service and reflection, /healthz and /readyz, as generic tools would probe them. */
async function expectProbesAnswer(broker: BrokerProcess): Promise<void> {
  expect(await checkHealth(broker.clientAddress)).toBe('SERVING');
  expect(await listServicesByReflection(broker.clientAddress)).toEqual(['brook.v1.BrookClient', 'grpc.health.v1.Health']);
  expect(await (await fetch(`http://${broker.adminAddress}/healthz`)).text()).toBe('ok\n');
  expect((await fetch(`http://${broker.adminAddress}/readyz`)).status).toBe(200);
}

describe('brook-server process', () => {
  it('produces and fetches, answers probes, stops on SIGTERM with exit 0 and keeps everything', async () => {
    const broker = await startBroker();
    let client = clientFor(broker);
    const created = await unaryCall(client, 'CreateTopics', { topics: [{ name: 'e2e', numPartitions: 2 }] });
    expect(created.topics[0]?.errorCode).toBe(0);
    const produced = await unaryCall(client, 'Produce', {
      acks: -1,
      topics: [{ name: 'e2e', partitions: [{ partition: 0, records: batchOf(['a', 'b']) }, { partition: 1, records: batchOf(['c']) }] }],
    });
    expect(produced.topics[0]?.partitions.map((p) => [p.errorCode, p.baseOffset])).toEqual([[0, '0'], [0, '0']]);
    expect([...(await readAll(client, 'e2e', 0)).values()]).toEqual(['a', 'b']);

    await expectProbesAnswer(broker);
    const metrics = await (await fetch(`http://${broker.adminAddress}/metrics`)).text();
    expect(metrics).toMatch(/brook_produce_records_total\{topic="e2e"\} 3/);

    expect(await broker.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(existsSync(join(broker.dataDir, 'broker.ready.json'))).toBe(false);
    expect(broker.log()).toMatch(/"msg":"stopped"/);

    await broker.restart();
    client = clientFor(broker);
    expect([...(await readAll(client, 'e2e', 0)).values()]).toEqual(['a', 'b']);
    expect([...(await readAll(client, 'e2e', 1)).values()]).toEqual(['c']);
    const next = await unaryCall(client, 'Produce', { acks: 1, topics: [{ name: 'e2e', partitions: [{ partition: 0, records: batchOf(['d']) }] }] });
    expect(next.topics[0]?.partitions[0]?.baseOffset).toBe('2');
    expect(await broker.stop('SIGINT')).toEqual({ code: 0, signal: null });
  });

  it('loses no acks=all record to a kill -9 during produce, and restarts cleanly', async () => {
    const broker = await startBroker();
    const client = clientFor(broker);
    await unaryCall(client, 'CreateTopics', { topics: [{ name: 'crash' }] });
    const acknowledged = new Map<number, string>();
    let sent = 0;
    // Four producers in parallel, each sending until the broker dies (bounded by count).
    const producer = async (id: number) => {
      for (let i = 0; i < 400; i++) {
        const value = `p${id}-${i}`;
        sent += 1;
        try {
          const response = await unaryCall(client, 'Produce', { acks: -1, timeoutMs: 5_000, topics: [{ name: 'crash', partitions: [{ partition: 0, records: batchOf([value]) }] }] });
          const result = response.topics[0]?.partitions[0];
          if (result?.errorCode === 0) acknowledged.set(Number(result.baseOffset), value);
        } catch {
          return;
        }
      }
    };
    const producing = Promise.all([0, 1, 2, 3].map(producer));
    await expect.poll(() => acknowledged.size, { timeout: 20_000 }).toBeGreaterThan(20);
    expect(await broker.kill9()).toEqual({ code: null, signal: 'SIGKILL' });
    await producing;
    expect(sent).toBeGreaterThan(acknowledged.size);

    await broker.restart();
    const recovered = await readAll(clientFor(broker), 'crash', 0);
    for (const [offset, value] of acknowledged) expect(recovered.get(offset)).toBe(value);
    expect(await broker.stop()).toEqual({ code: 0, signal: null });
  });

});

describe('brook-server refusals', () => {
  it('refuses a second process on the same data directory, and the first keeps serving', async () => {
    const first = await startBroker();
    const second = await startBroker({ dataDir: first.dataDir }).catch((error: unknown) => error as Error);
    expect((second as Error).message).toMatch(new RegExp(`in use by process ${first.pid}`));
    expect(await checkHealth(first.clientAddress)).toBe('SERVING');
    expect(await first.stop()).toEqual({ code: 0, signal: null });
  });

  it('refuses a bad flag with a message naming it', async () => {
    const failure = await startBroker({ extraArgs: ['--segment-byte', '10'] }).catch((error: unknown) => error as Error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/unknown flag --segment-byte/);
  });
});
