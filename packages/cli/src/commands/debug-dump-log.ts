// `brook debug dump-log DIR`: prints a partition directory's batches from its segment files,
// offline (no server), as Kafka's kafka-dump-log does. Replication tests compare replicas by
// diffing two dumps, so the output depends only on the bytes of the segments: no file paths, no
// times, segments in name order and fields in a fixed order. `--digest` prints one stable line
// per batch that leaves out where the batch sits in the files (replicas may roll segments at other
// offsets), and `--compare DIR2 [DIR3...]` compares replicas' digests itself (debug/log-digest.ts).
import type { Command } from 'commander';
import { decodeAttributes, decodeRecordBatch, recordOffset, recordTimestamp, type RecordHeader } from '@brook/record-batch';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { listSegments, readSegment, DEFAULT_MAX_BATCH_BYTES, type SegmentBatch, type SegmentFile, type SegmentTail } from '../debug/segment-reader.js';
import { compareDigests, digestLine, readLogDigest, type LogDigest, type ReplicaComparison } from '../debug/log-digest.js';
import { renderJson } from '../format/table.js';
import { parseInteger, parseOutputFormat, type OutputFormat } from '../options.js';

interface DumpOptions {
  format: string;
  records?: boolean;
  verify?: boolean;
  maxBatchBytes: string;
  digest?: boolean;
  compare?: string[];
}

interface DumpSummary {
  segments: number;
  batches: number;
  records: number;
  firstOffset: bigint | null;
  lastOffset: bigint | null;
  crcErrors: number;
  /** Batches with a good CRC whose records do not decode (only counted with --records). */
  decodeErrors: number;
  tornTails: Array<SegmentTail & { segment: string }>;
}

const hex = (crc: number): string => `0x${crc.toString(16).padStart(8, '0')}`;

/** Valid UTF-8 with no control characters but tab, newline and carriage return. */
function printableText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  return /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) ? null : text;
}

/** JSON: printable bytes as a string, others as {base64}, so the two can never be confused. */
function jsonBytes(bytes: Uint8Array | null): string | { base64: string } | null {
  if (bytes === null) return null;
  const text = printableText(bytes);
  return text ?? { base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
}

/** Text: printable bytes as a quoted JSON string (newlines escaped), others as base64:..., or null. */
function textBytes(bytes: Uint8Array | null): string {
  const value = jsonBytes(bytes);
  if (value === null) return 'null';
  return typeof value === 'string' ? JSON.stringify(value) : `base64:${value.base64}`;
}

function batchFields(segment: SegmentFile, batch: SegmentBatch): Record<string, unknown> {
  const { header } = batch;
  const attributes = decodeAttributes(header.attributes);
  const crcOk = batch.computedCrc === header.crc;
  return {
    segment: segment.baseOffset,
    baseOffset: header.baseOffset,
    lastOffset: header.baseOffset + BigInt(header.lastOffsetDelta),
    partitionLeaderEpoch: header.partitionLeaderEpoch,
    producerId: header.producerId,
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    recordCount: header.recordCount,
    compression: attributes.compression ?? `unknown(${header.attributes & 0x07})`,
    timestampType: attributes.timestampType,
    transactional: attributes.transactional,
    control: attributes.control,
    maxTimestamp: header.maxTimestamp,
    size: batch.bytes.byteLength,
    position: batch.position,
    crc: crcOk ? 'ok' : 'mismatch',
    ...(crcOk ? {} : { storedCrc: hex(header.crc), computedCrc: hex(batch.computedCrc) }),
  };
}

function textLine(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join(' ');
}

interface DumpedRecord {
  offset: bigint;
  timestamp: bigint;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: RecordHeader[];
}

type DecodedRecords = { records: DumpedRecord[] } | { error: string };

function decodeRecords(batch: SegmentBatch, maxBatchBytes: number): DecodedRecords {
  try {
    const { header, records } = decodeRecordBatch(batch.bytes, { maxBatchBytes });
    return {
      records: records.map((record) => ({
        offset: recordOffset(header, record),
        timestamp: recordTimestamp(header, record),
        key: record.key,
        value: record.value,
        headers: record.headers,
      })),
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function renderRecordsJson(decoded: DecodedRecords): Record<string, unknown> {
  if ('error' in decoded) return { recordsError: decoded.error };
  return {
    records: decoded.records.map((record) => ({
      offset: record.offset,
      timestamp: record.timestamp,
      key: jsonBytes(record.key),
      value: jsonBytes(record.value),
      headers: record.headers.map((h) => ({ key: h.key, value: jsonBytes(h.value) })),
    })),
  };
}

function renderRecordsText(decoded: DecodedRecords): string {
  if ('error' in decoded) return `| records not decoded: ${decoded.error}\n`;
  return decoded.records
    .map((record) => {
      const headers = record.headers.map((h) => `${JSON.stringify(h.key)}=${textBytes(h.value)}`).join(',');
      return `| offset: ${record.offset} timestamp: ${record.timestamp} key: ${textBytes(record.key)} value: ${textBytes(record.value)} headers: [${headers}]\n`;
    })
    .join('');
}

function summaryText(summary: DumpSummary): string {
  const tails = summary.tornTails.map((tail) => `tail: segment ${tail.segment} ${tail.kind} at position ${tail.position}: ${tail.reason}\n`);
  const range = summary.firstOffset === null ? 'none' : `${summary.firstOffset}-${String(summary.lastOffset)}`;
  return (
    tails.join('') +
    `summary: segments: ${summary.segments} batches: ${summary.batches} records: ${summary.records} offsets: ${range} ` +
    `crcErrors: ${summary.crcErrors} decodeErrors: ${summary.decodeErrors} tornTails: ${summary.tornTails.length}\n`
  );
}

/** Runs `read` over a partition directory, turning a missing one into a usage error. */
async function inPartitionDirectory<T>(directory: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError('INVALID_ARGUMENT', `${directory} is not a partition directory (${code})`);
    throw error;
  }
}

/** `--digest`: one stable line (or JSON object) per batch, nothing else, so two dumps diff clean. */
async function printDigest(context: CliContext, digest: LogDigest, format: OutputFormat): Promise<void> {
  for (const batch of digest.batches) await context.out((format === 'json' ? renderJson(batch) : digestLine(batch)) + '\n');
  if (digest.tornTails > 0 && format === 'text') await context.out(`tornTails: ${digest.tornTails}\n`);
}

function comparisonText(comparison: ReplicaComparison): string {
  const head = `replica: ${comparison.directory} batches: ${comparison.batches} tornTails: ${comparison.tornTails} ${comparison.verdict}`;
  const where = comparison.divergence;
  return where === null ? `${head}\n` : `${head} at batch ${where.index}\n  expected: ${where.expected}\n  actual:   ${where.actual}\n`;
}

/** `--compare`: every other directory against the first, batch by batch; throws when any differs. */
async function compareLogs(context: CliContext, directories: string[], format: OutputFormat, maxBatchBytes: number): Promise<void> {
  const digests = await Promise.all(directories.map((directory) => inPartitionDirectory(directory, () => readLogDigest(directory, maxBatchBytes))));
  const [reference, ...others] = digests as [LogDigest, ...LogDigest[]];
  const comparisons = compareDigests(reference, others.map((digest, index) => ({ directory: directories[index + 1]!, digest })));
  const identical = comparisons.every((c) => c.verdict === 'identical');
  const referenceLine = { directory: directories[0]!, batches: reference.batches.length, tornTails: reference.tornTails };
  if (format === 'json') {
    await context.out(renderJson({ reference: referenceLine, replicas: comparisons, identical }) + '\n');
  } else {
    await context.out(`reference: ${referenceLine.directory} batches: ${referenceLine.batches} tornTails: ${referenceLine.tornTails}\n`);
    for (const comparison of comparisons) await context.out(comparisonText(comparison));
    await context.out(`compare: ${identical ? 'identical' : 'differ'}\n`);
  }
  const differing = comparisons.filter((c) => c.verdict !== 'identical').map((c) => `${c.directory} ${c.verdict}${c.divergence === null ? '' : ` at batch ${c.divergence.index}`}`);
  if (differing.length > 0) throw new CliError('CORRUPT_LOG', `replica logs differ from ${directories[0]!}: ${differing.join(', ')}`);
}

async function dumpLog(context: CliContext, directory: string, format: OutputFormat, options: { records: boolean; maxBatchBytes: number }): Promise<DumpSummary> {
  const segments: SegmentFile[] = await inPartitionDirectory(directory, () => listSegments(directory));
  const summary: DumpSummary = { segments: segments.length, batches: 0, records: 0, firstOffset: null, lastOffset: null, crcErrors: 0, decodeErrors: 0, tornTails: [] };
  for (const segment of segments) {
    if (format === 'text') await context.out(`segment: ${segment.name}\n`);
    const batches = readSegment(segment.path, { maxBatchBytes: options.maxBatchBytes });
    for (;;) {
      const next = await batches.next();
      if (next.done === true) {
        if (next.value.tail !== null) summary.tornTails.push({ segment: segment.name, ...next.value.tail });
        break;
      }
      const batch = next.value;
      const fields = batchFields(segment, batch);
      summary.batches++;
      summary.records += batch.header.recordCount;
      summary.firstOffset ??= fields['baseOffset'] as bigint;
      summary.lastOffset = fields['lastOffset'] as bigint;
      if (fields['crc'] !== 'ok') summary.crcErrors++;
      // A CRC mismatch already says why the records cannot be trusted; decoding would only repeat it.
      const decoded = options.records && fields['crc'] === 'ok' ? decodeRecords(batch, options.maxBatchBytes) : null;
      if (decoded !== null && 'error' in decoded) summary.decodeErrors++;
      if (format === 'json') {
        await context.out(renderJson({ ...fields, ...(decoded === null ? {} : renderRecordsJson(decoded)) }) + '\n');
      } else {
        const { segment: _segment, ...lineFields } = fields; // the segment has its own line in text
        await context.out(textLine(lineFields) + '\n' + (decoded === null ? '' : renderRecordsText(decoded)));
      }
    }
  }
  if (format === 'json') await context.out(renderJson({ summary: true, ...summary }) + '\n');
  else await context.out(summaryText(summary));
  return summary;
}

export function registerDebugDumpLog(parent: Command, context: CliContext): void {
  parent
    .command('dump-log')
    .description("print a partition directory's record batches from its segment files (offline)")
    .argument('<dir>', 'a partition directory, e.g. <data-dir>/partitions/orders-0')
    .option('--format <text|json>', 'output format (json: one line per batch, then a summary line)', 'text')
    .option('--records', "also decode and print each batch's records")
    .option('--verify', 'exit 1 if any batch has a bad CRC or does not decode, or a segment has a torn or corrupt tail')
    .option('--max-batch-bytes <n>', 'largest batch to read; a longer one is reported as a corrupt tail', String(DEFAULT_MAX_BATCH_BYTES))
    .option('--digest', 'print only one stable line per batch (offsets, leader epoch, producer, records, CRC), to diff replicas')
    .option('--compare <dirs...>', "compare other replicas' directories with DIR batch by batch; exit 1 if any differs")
    .action(async (directory: string, options: DumpOptions) => {
      const format = parseOutputFormat(options.format);
      const maxBatchBytes = parseInteger('--max-batch-bytes', options.maxBatchBytes, 61, 2 ** 31 - 1);
      if (options.compare !== undefined) return compareLogs(context, [directory, ...options.compare], format, maxBatchBytes);
      if (options.digest === true) return printDigest(context, await inPartitionDirectory(directory, () => readLogDigest(directory, maxBatchBytes)), format);
      const summary = await dumpLog(context, directory, format, { records: options.records === true, maxBatchBytes });
      const problems = [
        summary.crcErrors > 0 ? `${summary.crcErrors} CRC mismatch(es)` : '',
        summary.decodeErrors > 0 ? `${summary.decodeErrors} batch(es) whose records do not decode` : '',
        summary.tornTails.length > 0 ? `${summary.tornTails.length} torn or corrupt segment tail(s)` : '',
      ].filter((problem) => problem !== '');
      if (options.verify === true && problems.length > 0) {
        throw new CliError('CORRUPT_LOG', `${directory}: ${problems.join(', ')}`);
      }
    });
}
