// `brook debug dump-log` over a partition directory built in a temp dir: two segments of batches
// stamped as a leader stamps them, one with a flipped byte (CRC mismatch) in the middle of the
// log and a torn batch at the end. Checks the text and JSON output, --records, and exit codes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CRC_OFFSET, RECORD_COUNT_OFFSET, computeBatchCrc, encodeRecordBatch, stampBatch, type RecordBatchInput } from '@brook/record-batch';
import { concatBatches, corruptByte } from '@brook/record-batch/testing';
import { runCli } from '../program.js';
import { MemoryCluster, memoryContext } from '../testing/memory-session.js';

const utf8 = new TextEncoder();
let root: string;
let partition: string;

async function brook(argv: string[]) {
  const { context, output } = memoryContext(new MemoryCluster());
  const code = await runCli(argv, context);
  return { code, ...output };
}

function batch(baseOffset: bigint, epoch: number, values: Array<string | Uint8Array>, extra: Partial<RecordBatchInput> = {}): Uint8Array {
  const bytes = encodeRecordBatch({
    ...extra,
    records: values.map((value, index) => ({
      key: index === 0 ? null : utf8.encode(`k${index}`),
      value: typeof value === 'string' ? utf8.encode(value) : value,
      headers: index === 0 ? [{ key: 'trace', value: utf8.encode('t-1') }] : [],
      timestamp: 1_700_000_000_000n + baseOffset + BigInt(index),
    })),
  });
  stampBatch(bytes, 0, baseOffset, epoch); // what the leader's log does on append
  return bytes;
}

const first = batch(0n, 1, ['a', 'b', 'c']);
const flipped = corruptByte(batch(3n, 1, ['d', 'e']), 70);
const gzip = batch(5n, 2, ['f'], { compression: 'gzip' });
const producer = batch(6n, 2, ['line\nbreak', Uint8Array.from([0xff, 0x00])], { producerId: 7n, producerEpoch: 1, baseSequence: 4, transactional: true });
const torn = batch(8n, 2, ['g', 'h']).subarray(0, 30);

function writePartition(segments: Record<string, Uint8Array>): void {
  for (const [name, bytes] of Object.entries(segments)) writeFileSync(join(partition, name), bytes);
  writeFileSync(join(partition, '00000000000000000000.index'), new Uint8Array(8));
  writeFileSync(join(partition, 'leader-epoch-checkpoint'), '0\n1\n1 0\n');
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'brook-dump-log-'));
  partition = join(root, 'orders-0');
  mkdirSync(partition);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function jsonLines(text: string): Array<Record<string, unknown>> {
  return text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('brook debug dump-log', () => {
  it('prints every batch of every segment as text, flags the CRC mismatch and the torn tail', async () => {
    writePartition({ '00000000000000000000.log': concatBatches([first, flipped, gzip]), '00000000000000000006.log': concatBatches([producer, torn]) });
    const result = await brook(['debug', 'dump-log', partition]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toBe('segment: 00000000000000000000');
    expect(lines[1]).toBe(
      'baseOffset: 0 lastOffset: 2 partitionLeaderEpoch: 1 producerId: -1 producerEpoch: -1 baseSequence: -1 recordCount: 3 ' +
        `compression: none timestampType: create-time transactional: false control: false maxTimestamp: 1700000000002 size: ${first.byteLength} position: 0 crc: ok`,
    );
    expect(lines[2]).toMatch(new RegExp(`^baseOffset: 3 lastOffset: 4 .* position: ${first.byteLength} crc: mismatch storedCrc: 0x[0-9a-f]{8} computedCrc: 0x[0-9a-f]{8}$`));
    expect(lines[3]).toMatch(/^baseOffset: 5 lastOffset: 5 partitionLeaderEpoch: 2 .* compression: gzip .* crc: ok$/);
    expect(lines[4]).toBe('segment: 00000000000000000006');
    expect(lines[5]).toMatch(/^baseOffset: 6 lastOffset: 7 partitionLeaderEpoch: 2 producerId: 7 producerEpoch: 1 baseSequence: 4 recordCount: 2 .* transactional: true .* position: 0 crc: ok$/);
    expect(lines[6]).toBe(`tail: segment 00000000000000000006 partial at position ${producer.byteLength}: partial batch: 30 of its ${batch(8n, 2, ['g', 'h']).byteLength} bytes present, ${batch(8n, 2, ['g', 'h']).byteLength - 30} missing`);
    expect(lines[7]).toBe('summary: segments: 2 batches: 4 records: 8 offsets: 0-7 crcErrors: 1 decodeErrors: 0 tornTails: 1');
    expect(result.stdout).not.toContain(root); // no paths: two replicas' dumps must diff clean
  });

  it('prints JSON lines, one per batch, then the summary', async () => {
    writePartition({ '00000000000000000000.log': concatBatches([first, flipped, gzip]), '00000000000000000006.log': concatBatches([producer, torn]) });
    const result = await brook(['debug', 'dump-log', '--format', 'json', partition]);
    expect(result.code).toBe(0);
    const objects = jsonLines(result.stdout);
    expect(objects).toHaveLength(5);
    expect(objects[0]).toEqual({
      segment: 0, baseOffset: 0, lastOffset: 2, partitionLeaderEpoch: 1, producerId: -1, producerEpoch: -1, baseSequence: -1, recordCount: 3,
      compression: 'none', timestampType: 'create-time', transactional: false, control: false, maxTimestamp: 1700000000002,
      size: first.byteLength, position: 0, crc: 'ok',
    });
    expect(objects[1]).toMatchObject({ baseOffset: 3, crc: 'mismatch', storedCrc: expect.stringMatching(/^0x/), computedCrc: expect.stringMatching(/^0x/) });
    expect(objects[1]!['storedCrc']).not.toBe(objects[1]!['computedCrc']);
    expect(objects[3]).toMatchObject({ segment: 6, baseOffset: 6, producerId: 7, transactional: true, position: 0 });
    expect(objects[4]).toEqual({
      summary: true, segments: 2, batches: 4, records: 8, firstOffset: 0, lastOffset: 7, crcErrors: 1, decodeErrors: 0,
      tornTails: [{ segment: '00000000000000000006', position: producer.byteLength, kind: 'partial', reason: expect.stringMatching(/^partial batch: 30 of/) }],
    });
  });

  it('decodes records with --records: UTF-8 when printable, base64 otherwise', async () => {
    writePartition({ '00000000000000000000.log': concatBatches([first, flipped]), '00000000000000000006.log': producer });
    const json = jsonLines((await brook(['debug', 'dump-log', '--records', '--format', 'json', partition])).stdout);
    expect(json[0]!['records']).toEqual([
      { offset: 0, timestamp: 1700000000000, key: null, value: 'a', headers: [{ key: 'trace', value: 't-1' }] },
      { offset: 1, timestamp: 1700000000001, key: 'k1', value: 'b', headers: [] },
      { offset: 2, timestamp: 1700000000002, key: 'k2', value: 'c', headers: [] },
    ]);
    expect(json[1]).not.toHaveProperty('records'); // a CRC mismatch is not decoded
    expect(json[2]!['records']).toEqual([
      { offset: 6, timestamp: 1700000000006, key: null, value: 'line\nbreak', headers: [{ key: 'trace', value: 't-1' }] },
      { offset: 7, timestamp: 1700000000007, key: 'k1', value: { base64: '/wA=' }, headers: [] },
    ]);
    const text = (await brook(['debug', 'dump-log', '--records', partition])).stdout.split('\n');
    expect(text).toContain('| offset: 6 timestamp: 1700000000006 key: null value: "line\\nbreak" headers: ["trace"="t-1"]');
    expect(text).toContain('| offset: 7 timestamp: 1700000000007 key: "k1" value: base64:/wA= headers: []');
  });

  it('exits 1 with --verify on a CRC mismatch or a torn tail, 0 on a clean log', async () => {
    writePartition({ '00000000000000000000.log': concatBatches([first, flipped, gzip]) });
    const crc = await brook(['debug', 'dump-log', '--verify', partition]);
    expect(crc.code).toBe(1);
    expect(crc.stderr).toBe(`brook: CORRUPT_LOG: ${partition}: 1 CRC mismatch(es)\n`);
    expect(crc.stdout).toContain('crcErrors: 1');

    writePartition({ '00000000000000000000.log': concatBatches([first, torn]) });
    const tail = await brook(['debug', 'dump-log', '--verify', '--format', 'json', partition]);
    expect(tail.code).toBe(1);
    expect(tail.stderr).toMatch(/^brook: CORRUPT_LOG: .*1 torn or corrupt segment tail\(s\)\n$/);

    // A batch whose CRC matches but whose record count its records cannot hold (an encoder bug, not
    // a flipped bit): only --records finds it, and --verify then fails on it.
    const miscounted = first.slice();
    const view = new DataView(miscounted.buffer);
    view.setInt32(RECORD_COUNT_OFFSET, 4);
    view.setUint32(CRC_OFFSET, computeBatchCrc(miscounted, 0, miscounted.byteLength));
    writePartition({ '00000000000000000000.log': miscounted });
    expect((await brook(['debug', 'dump-log', '--verify', partition])).code).toBe(0);
    const undecodable = await brook(['debug', 'dump-log', '--verify', '--records', partition]);
    expect(undecodable.code).toBe(1);
    expect(undecodable.stdout).toContain('| records not decoded: record batch declares 4 records but its records section ends after 3\n');
    expect(undecodable.stderr).toMatch(/1 batch\(es\) whose records do not decode\n$/);

    writePartition({ '00000000000000000000.log': concatBatches([first, gzip]) });
    const clean = await brook(['debug', 'dump-log', '--verify', partition]);
    expect(clean).toMatchObject({ code: 0, stderr: '' });
    expect(clean.stdout).toMatch(/summary: segments: 1 batches: 2 records: 4 offsets: 0-5 crcErrors: 0 decodeErrors: 0 tornTails: 0\n$/);
  });

  it('fails clearly on a missing directory and bad flags', async () => {
    const missing = await brook(['debug', 'dump-log', join(root, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^brook: INVALID_ARGUMENT: .*nope is not a partition directory \(ENOENT\)\n$/);
    expect((await brook(['debug', 'dump-log', '--format', 'yaml', partition])).code).toBe(2);
    const empty = await brook(['debug', 'dump-log', '--format', 'json', partition]);
    expect(jsonLines(empty.stdout)).toEqual([{ summary: true, segments: 0, batches: 0, records: 0, firstOffset: null, lastOffset: null, crcErrors: 0, decodeErrors: 0, tornTails: [] }]);
  });
});
