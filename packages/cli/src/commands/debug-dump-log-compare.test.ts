// `brook debug dump-log --digest` and `--compare` over replica directories built in a temp dir: the
// same batches laid out in different segments digest the same; a missing tail batch, a batch of
// another leader epoch and a flipped byte are each found, with the first differing batch named.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeRecordBatch, stampBatch } from '@brook/record-batch';
import { concatBatches, corruptByte } from '@brook/record-batch/testing';
import { runCli } from '../program.js';
import { MemoryCluster, memoryContext } from '../testing/memory-session.js';

const utf8 = new TextEncoder();
let root: string;

async function brook(argv: string[]) {
  const { context, output } = memoryContext(new MemoryCluster());
  const code = await runCli(argv, context);
  return { code, ...output };
}

/** An idempotent producer's batch as a leader of `epoch` stamps it at `baseOffset`. */
function batch(baseOffset: bigint, epoch: number, count: number, baseSequence: number): Uint8Array {
  const records = Array.from({ length: count }, (_, index) => ({ key: null, value: utf8.encode(`v${baseOffset + BigInt(index)}`), headers: [], timestamp: 1_700_000_000_000n + BigInt(index) }));
  const bytes = encodeRecordBatch({ records, producerId: 1000n, producerEpoch: 0, baseSequence });
  stampBatch(bytes, 0, baseOffset, epoch);
  return bytes;
}

const b0 = batch(0n, 1, 3, 0);
const b1 = batch(3n, 1, 2, 3);
const b2 = batch(5n, 2, 1, 5);

/** A replica directory with the given segments (name: base offset). */
function replica(name: string, segments: Record<string, Uint8Array[]>): string {
  const directory = join(root, name, 'orders-0');
  mkdirSync(directory, { recursive: true });
  for (const [base, batches] of Object.entries(segments)) writeFileSync(join(directory, `${base.padStart(20, '0')}.log`), concatBatches(batches));
  return directory;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'brook-dump-compare-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('brook debug dump-log --digest', () => {
  it('prints one line per batch with offsets, epoch, producer, records and CRC, the same whatever the segments', async () => {
    const one = replica('one', { '0': [b0, b1, b2] });
    const two = replica('two', { '0': [b0], '3': [b1, b2] });
    const first = await brook(['debug', 'dump-log', '--digest', one]);
    expect(first.code).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^batch: 0-2 epoch: 1 producer: 1000\/0\/0 records: 3 crc: 0x[0-9a-f]{8} ok$/);
    expect(lines[2]).toMatch(/^batch: 5-5 epoch: 2 producer: 1000\/0\/5 records: 1 crc: 0x[0-9a-f]{8} ok$/);
    expect((await brook(['debug', 'dump-log', '--digest', two])).stdout).toBe(first.stdout);
    const json = (await brook(['debug', 'dump-log', '--digest', '--format', 'json', one])).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(json[1]).toMatchObject({ baseOffset: 3, lastOffset: 4, partitionLeaderEpoch: 1, producerId: 1000, producerEpoch: 0, baseSequence: 3, recordCount: 2, crcOk: true });
  });
});

describe('brook debug dump-log --compare', () => {
  it('reports identical replicas (segments rolled differently) and exits 0', async () => {
    const one = replica('one', { '0': [b0, b1, b2] });
    const two = replica('two', { '0': [b0], '3': [b1, b2] });
    const three = replica('three', { '0': [b0, b1], '5': [b2] });
    const result = await brook(['debug', 'dump-log', one, '--compare', two, three]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`reference: ${one} batches: 3 tornTails: 0\nreplica: ${two} batches: 3 tornTails: 0 identical\nreplica: ${three} batches: 3 tornTails: 0 identical\ncompare: identical\n`);
  });

  it('names a shorter replica and the first diverging batch, and exits 1', async () => {
    const one = replica('one', { '0': [b0, b1, b2] });
    const short = replica('short', { '0': [b0, b1] });
    const otherEpoch = replica('epoch', { '0': [b0, b1, batch(5n, 3, 1, 5)] });
    const flipped = replica('flipped', { '0': [b0, corruptByte(b1, 70), b2] });
    const result = await brook(['debug', 'dump-log', one, '--compare', short, otherEpoch, flipped]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`replica: ${short} batches: 2 tornTails: 0 prefix\n`);
    expect(result.stdout).toMatch(new RegExp(`replica: ${otherEpoch} batches: 3 tornTails: 0 diverged at batch 2\\n  expected: batch: 5-5 epoch: 2 .*\\n  actual:   batch: 5-5 epoch: 3 `));
    expect(result.stdout).toMatch(/diverged at batch 1\n {2}expected: batch: 3-4 .* ok\n {2}actual: {3}batch: 3-4 .* mismatch\n/);
    expect(result.stdout).toMatch(/compare: differ\n$/);
    expect(result.stderr).toBe(`brook: CORRUPT_LOG: replica logs differ from ${one}: ${short} prefix, ${otherEpoch} diverged at batch 2, ${flipped} diverged at batch 1\n`);
    const json = JSON.parse((await brook(['debug', 'dump-log', one, '--compare', short, '--format', 'json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ reference: { directory: one, batches: 3, tornTails: 0 }, replicas: [{ directory: short, batches: 2, verdict: 'prefix', divergence: null }], identical: false });
  });

  it('refuses a directory that does not exist', async () => {
    const one = replica('one', { '0': [b0] });
    const result = await brook(['debug', 'dump-log', one, '--compare', join(root, 'nope')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/INVALID_ARGUMENT: .*nope is not a partition directory/);
  });
});
