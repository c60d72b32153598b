// `brook debug dump-log` over the files a real broker wrote: records produced through the CLI
// (small segments, so a partition spans several), the broker stopped with SIGTERM, then each
// partition directory dumped offline. The batches' offsets and record counts must be exactly the
// acknowledged ones, and the decoded records the lines that were sent.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { jsonLines, runBrook } from './cli-process.js';
import { startBroker } from '../harness/index.js';

interface Ack {
  partition: number;
  offset: number;
}

interface DumpedBatch {
  segment: number;
  baseOffset: number;
  lastOffset: number;
  recordCount: number;
  crc: string;
  records: Array<{ offset: number; key: string | null; value: string }>;
}

interface DumpSummary {
  summary: true;
  segments: number;
  batches: number;
  records: number;
  firstOffset: number | null;
  lastOffset: number | null;
  crcErrors: number;
  tornTails: unknown[];
}

it('dumps what the broker acknowledged: every offset once, in order, with its record', async () => {
  const broker = await startBroker({ extraArgs: ['--segment-bytes', '4096'] });
  const brokers = broker.clientAddress;
  expect((await runBrook(['topic', 'create', 'dumped', '-p', '2'], { brokers })).code).toBe(0);
  const lines = Array.from({ length: 600 }, (_, i) => `k${i % 7}:value-${i}-${'x'.repeat(i % 50)}`);
  // Several produce runs, so the log holds many batches rather than one per partition.
  const acks: Ack[] = [];
  for (let run = 0; run < 3; run++) {
    const input = lines.slice(run * 200, (run + 1) * 200).join('\n') + '\n';
    const produced = await runBrook(['produce', 'dumped', '--key-separator', ':', '--print-offsets', '--batch-bytes', '2048'], { brokers, input });
    expect(produced.code, produced.stderr).toBe(0);
    acks.push(...jsonLines<Ack>(produced.stdout));
  }
  expect(acks).toHaveLength(lines.length);
  expect(await broker.stop()).toEqual({ code: 0, signal: null });

  for (const partition of [0, 1]) {
    const acknowledged = acks.map((ack, index) => ({ ...ack, line: lines[index] as string })).filter((ack) => ack.partition === partition);
    expect(acknowledged.length).toBeGreaterThan(0);
    const directory = join(broker.dataDir, 'partitions', `dumped-${partition}`);
    const dumped = await runBrook(['debug', 'dump-log', '--format', 'json', '--records', '--verify', directory], { brokers });
    expect(dumped.code, dumped.stderr).toBe(0);
    const objects = jsonLines(dumped.stdout);
    const summary = objects.pop() as unknown as DumpSummary;
    const batches = objects as unknown as DumpedBatch[];

    // Contiguous offsets from 0, batch after batch, with good CRCs, across several segments.
    let next = 0;
    for (const batch of batches) {
      expect(batch).toMatchObject({ baseOffset: next, crc: 'ok' });
      expect(batch.lastOffset - batch.baseOffset + 1).toBe(batch.recordCount);
      next = batch.lastOffset + 1;
    }
    expect(new Set(batches.map((batch) => batch.segment)).size).toBeGreaterThan(1);
    const maxAck = Math.max(...acknowledged.map((ack) => ack.offset));
    expect(summary).toEqual({
      summary: true, segments: expect.any(Number), batches: batches.length, records: acknowledged.length,
      firstOffset: 0, lastOffset: maxAck, crcErrors: 0, decodeErrors: 0, tornTails: [],
    });
    expect(maxAck).toBe(acknowledged.length - 1);

    // Each acknowledged offset holds the line that was acknowledged there.
    const records = new Map(batches.flatMap((batch) => batch.records).map((record) => [record.offset, `${record.key}:${record.value}`]));
    expect(records.size).toBe(acknowledged.length);
    for (const ack of acknowledged) expect(records.get(ack.offset)).toBe(ack.line);

    // The text dump of the same files is the same on a second run (what replica diffs rely on).
    const textA = await runBrook(['debug', 'dump-log', directory], { brokers });
    const textB = await runBrook(['debug', 'dump-log', directory], { brokers });
    expect(textA.code).toBe(0);
    expect(textA.stdout).toBe(textB.stdout);
    expect(textA.stdout).toContain(`summary: segments: ${summary.segments} batches: ${batches.length} records: ${acknowledged.length} offsets: 0-${maxAck} crcErrors: 0`);
  }
});
