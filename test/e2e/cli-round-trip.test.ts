// The `brook` CLI against a real broker process: create a topic, produce lines with keys and
// headers, consume them back as JSON lines and through a template, and check that the listings'
// JSON parses and describes what was written. Build first (pnpm build): it runs the dist.
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runBrook } from './cli-process.js';
import { startBroker, type BrokerProcess } from '../harness/index.js';

let node: BrokerProcess;
const brook = (args: string[], input?: string) => runBrook(args, { brokers: node.clientAddress, input });

beforeAll(async () => {
  node = await startBroker();
});

describe('brook CLI round trip', () => {
  it('creates, produces and consumes with keys and headers', async () => {
    const created = await brook(['topic', 'create', 'orders', '-p', '3', '--format', 'json']);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name: 'orders', partitions: 3 });

    const lines = Array.from({ length: 50 }, (_, i) => `user-${i % 7}:order ${i}`).join('\n') + '\n';
    const produced = await brook(['produce', 'orders', '--key-separator', ':', '-H', 'source=e2e', '-H', 'v=1', '--print-offsets'], lines);
    expect(produced.code, produced.stderr).toBe(0);
    expect(produced.stderr).toMatch(/^produced 50 records \(\d+ bytes\) to orders in \d+ ms; offsets /);
    const positions = jsonLines<{ partition: number; offset: number }>(produced.stdout);
    expect(positions).toHaveLength(50);

    const consumed = await brook(['consume', 'orders', '--exit-at-end']);
    expect(consumed.code, consumed.stderr).toBe(0);
    const records = jsonLines<{ topic: string; partition: number; offset: number; timestamp: number; key: string; value: string; headers: Array<{ key: string; value: string }> }>(consumed.stdout);
    expect(records).toHaveLength(50);
    const byValue = new Map(records.map((r) => [r.value, r]));
    for (let i = 0; i < 50; i++) {
      const record = byValue.get(`order ${i}`);
      expect(record, `order ${i}`).toBeDefined();
      expect(record?.key).toBe(`user-${i % 7}`);
      expect(record?.headers).toEqual([{ key: 'source', value: 'e2e' }, { key: 'v', value: '1' }]);
      // Each record sits where the producer was told it landed.
      expect({ partition: record?.partition, offset: record?.offset }).toEqual(positions[i]);
      expect(record?.timestamp).toBeGreaterThan(Date.now() - 600_000);
    }
    // The same key always lands on the same partition.
    for (const key of new Set(records.map((r) => r.key))) {
      expect(new Set(records.filter((r) => r.key === key).map((r) => r.partition)).size).toBe(1);
    }
  });

  it('reads one partition from an offset through a template, with a count', async () => {
    await brook(['topic', 'create', 'lines', '-p', '1']);
    const produced = await brook(['produce', 'lines'], 'zero\none\ntwo\nthree\n');
    expect(produced.code, produced.stderr).toBe(0);
    const consumed = await brook(['consume', 'lines', '-p', '0', '-o', '1', '-n', '2', '--format', '%p/%o %k|%v|%h']);
    expect(consumed).toMatchObject({ code: 0, stdout: '0/1 |one|\n0/2 |two|\n' });
    const fromEnd = await brook(['consume', 'lines', '-o', 'end', '--timeout-ms', '500']);
    expect(fromEnd).toMatchObject({ code: 0, stdout: '' });
  });

});

describe('brook CLI listings', () => {
  it('prints listings and the cluster as JSON that parses', async () => {
    const list = await brook(['topic', 'list', '--format', 'json']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual(expect.arrayContaining(['orders', 'lines']));

    const describe = await brook(['topic', 'describe', 'orders', '--format', 'json']);
    expect(describe.code, describe.stderr).toBe(0);
    const topic = JSON.parse(describe.stdout);
    expect(topic.name).toBe('orders');
    expect(topic.partitions).toHaveLength(3);
    let total = 0;
    for (const partition of topic.partitions) {
      expect(partition).toMatchObject({ leaderId: 1, replicas: [1], isr: [1], earliestOffset: 0 });
      expect(partition.leaderEpoch).toBeGreaterThanOrEqual(0);
      total += partition.latestOffset;
    }
    expect(total).toBe(50);

    const text = await brook(['topic', 'describe', 'orders']);
    expect(text.stdout).toMatch(/PARTITION\s+LEADER\s+EPOCH\s+REPLICAS\s+ISR\s+OFFLINE\s+EARLIEST\s+LATEST/);

    const cluster = await brook(['cluster', 'info', '--format', 'json']);
    expect(cluster.code, cluster.stderr).toBe(0);
    const info = JSON.parse(cluster.stdout);
    expect(info.clusterId).toMatch(/\S/);
    expect(info.brokers).toEqual([expect.objectContaining({ nodeId: 1, port: Number(node.clientAddress.split(':').pop()) })]);
  });

  it('deletes a topic', async () => {
    await brook(['topic', 'create', 'doomed', '-p', '1']);
    const deleted = await brook(['topic', 'delete', 'doomed']);
    expect(deleted).toMatchObject({ code: 0, stdout: 'deleted topic doomed\n' });
    const list = await brook(['topic', 'list', '--format', 'json']);
    expect(JSON.parse(list.stdout)).not.toContain('doomed');
  });
});
