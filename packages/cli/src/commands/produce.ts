// `brook produce TOPIC`: one record per stdin line, like kafka-console-producer. Lines are sent
// in chunks through the SDK's producer, which batches them per partition; a bounded number of
// chunks is in flight at once, so a large input streams without being held in memory. When a
// send fails, reading stops, the chunks already in flight are awaited, and the summary on stderr
// says how many records were acknowledged before the one-line error: nothing acknowledged is
// lost, and the user knows where to resume.
import type { Command } from 'commander';
import { BrookError } from '@brook/protocol';
import { CliError } from '../cli-error.js';
import { withSession, type CliContext } from '../context.js';
import { readLines } from '../input/stdin-lines.js';
import { createLineParser } from '../input/record-line.js';
import { collect, parseAcks, parseInteger, parseKeyValue } from '../options.js';
import type { BrookSession, OutgoingRecord, RecordHeaderValue, RecordPosition, SessionProducer } from '../session.js';
import { checkTopicName } from './topic-create.js';

/** Records per send call: large enough to amortise the call, small enough to stream. */
const CHUNK_RECORDS_MAX = 1000;
const CHUNK_BYTES_MAX = 1024 * 1024;
/** Chunks awaiting acknowledgement before reading more stdin. */
const CHUNKS_IN_FLIGHT_MAX = 8;

interface ProduceOptions {
  keySeparator?: string;
  header: string[];
  partition?: string;
  acks: string;
  lingerMs?: string;
  batchBytes?: string;
  printOffsets?: boolean;
}

/** Acknowledged offsets per partition, for the summary. */
class ProduceTally {
  records = 0;
  bytes = 0;
  private readonly ranges = new Map<number, { first: bigint; last: bigint }>();

  add(positions: RecordPosition[], bytes: number): void {
    this.records += positions.length;
    this.bytes += bytes;
    for (const { partition, offset } of positions) {
      if (offset < 0n) continue; // acks=0: the broker does not answer with offsets.
      const range = this.ranges.get(partition);
      if (!range) this.ranges.set(partition, { first: offset, last: offset });
      else {
        if (offset < range.first) range.first = offset;
        if (offset > range.last) range.last = offset;
      }
    }
  }

  summary(topic: string, elapsedMs: number): string {
    const partitions = [...this.ranges.entries()]
      .sort(([a], [b]) => a - b)
      .map(([partition, range]) => `${partition}:${range.first}-${range.last}`)
      .join(' ');
    return `produced ${this.records} records (${this.bytes} bytes) to ${topic} in ${elapsedMs.toFixed(0)} ms${partitions ? `; offsets ${partitions}` : ''}\n`;
  }
}

/**
 * Asks for the topic before sending. The producer treats an unknown topic as retriable (it may be
 * being created) and would wait out its delivery timeout; a person at a terminal who mistyped a
 * name wants UNKNOWN_TOPIC_OR_PARTITION at once, as does a bad --partition.
 */
async function checkTopicPartition(session: BrookSession, topic: string, partitionFlag: string | undefined): Promise<void> {
  const [description] = await session.describeTopics([topic]);
  if (partitionFlag === undefined || !description) return;
  const partition = parseInteger('--partition', partitionFlag, 0, 2 ** 31 - 1);
  if (!description.partitions.some((p) => p.partition === partition)) {
    throw new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `${topic} has no partition ${partition} (it has ${description.partitions.length})`);
  }
}

function parseHeaders(entries: string[]): RecordHeaderValue[] {
  return entries.map((entry) => {
    const [key, value] = parseKeyValue('--header', entry);
    return { key, value: Buffer.from(value) };
  });
}

interface Chunk {
  records: OutgoingRecord[];
  bytes: number;
}

async function streamChunks(context: CliContext, options: ProduceOptions, onChunk: (chunk: Chunk) => Promise<void>): Promise<void> {
  const parser = createLineParser(options.keySeparator);
  const headers = parseHeaders(options.header);
  const partition = options.partition === undefined ? undefined : parseInteger('--partition', options.partition, 0, 2 ** 31 - 1);
  let chunk: Chunk = { records: [], bytes: 0 };
  let lineNumber = 0;
  for await (const line of readLines(context.stdin)) {
    const { key, value } = parser.parse(line, ++lineNumber);
    chunk.records.push({ key, value, headers, partition });
    chunk.bytes += value.length + (key?.length ?? 0);
    if (chunk.records.length >= CHUNK_RECORDS_MAX || chunk.bytes >= CHUNK_BYTES_MAX) {
      await onChunk(chunk);
      chunk = { records: [], bytes: 0 };
    }
  }
  if (chunk.records.length > 0) await onChunk(chunk);
}

async function produceFromStdin(context: CliContext, producer: SessionProducer, topic: string, options: ProduceOptions, tally: ProduceTally): Promise<void> {
  const inFlight: Array<Promise<{ positions: RecordPosition[]; bytes: number }>> = [];
  // Settles the oldest chunk: chunks finish in order, so printed offsets follow input order.
  const settleOldest = async (): Promise<void> => {
    const result = await (inFlight.shift() as Promise<{ positions: RecordPosition[]; bytes: number }>);
    tally.add(result.positions, result.bytes);
    if (options.printOffsets) {
      await context.out(result.positions.map((p) => `${JSON.stringify({ partition: p.partition, offset: Number(p.offset) })}\n`).join(''));
    }
  };
  try {
    await streamChunks(context, options, async (chunk) => {
      const sent = producer.send(topic, chunk.records).then((positions) => ({ positions, bytes: chunk.bytes }));
      // A rejection is handled when its turn comes in settleOldest; until then, keep Node quiet.
      sent.catch(() => undefined);
      inFlight.push(sent);
      while (inFlight.length >= CHUNKS_IN_FLIGHT_MAX) await settleOldest();
    });
    while (inFlight.length > 0) await settleOldest();
  } catch (error) {
    // Count what was acknowledged before the failure; later chunks' failures add nothing.
    while (inFlight.length > 0) await settleOldest().catch(() => undefined);
    throw error;
  }
}

export function registerProduce(program: Command, context: CliContext): void {
  program
    .command('produce')
    .description('send one record per stdin line; a summary goes to stderr')
    .argument('<topic>', 'the topic to produce to')
    .option('--key-separator <sep>', "split each line at the first SEP into key and value (default: no key)")
    .option('-H, --header <key=value>', 'a header on every record; repeatable', collect, [])
    .option('--partition <n>', 'send every record to this partition (default: by key, sticky without)')
    .option('--acks <0|1|all>', 'acknowledgement: 0 none, 1 leader append, all the high watermark', 'all')
    .option('--linger-ms <ms>', "how long the producer waits to fill a batch (the SDK's default)")
    .option('--batch-bytes <bytes>', "batch size per partition (the SDK's default)")
    .option('--print-offsets', 'print {"partition","offset"} per acknowledged record on stdout')
    .action(async (topic: string, options: ProduceOptions, command: Command) => {
      checkTopicName(topic);
      const acks = parseAcks(options.acks);
      const lingerMs = options.lingerMs === undefined ? undefined : parseInteger('--linger-ms', options.lingerMs, 0, 60_000);
      const batchBytes = options.batchBytes === undefined ? undefined : parseInteger('--batch-bytes', options.batchBytes, 1, 64 * 1024 * 1024);
      // Checked here too (streamChunks uses them), so a bad flag fails before connecting.
      createLineParser(options.keySeparator);
      parseHeaders(options.header);
      if (options.partition !== undefined) parseInteger('--partition', options.partition, 0, 2 ** 31 - 1);
      const startMs = context.nowMs();
      const tally = new ProduceTally();
      await withSession(context, command, async (session) => {
        await checkTopicPartition(session, topic, options.partition);
        const producer = session.producer({ acks, lingerMs, batchBytes });
        try {
          await produceFromStdin(context, producer, topic, options, tally);
          await producer.flush();
        } catch (error) {
          context.err(tally.summary(topic, context.nowMs() - startMs));
          throw error instanceof Error ? error : new CliError('INTERNAL', String(error));
        } finally {
          await producer.close().catch(() => undefined);
        }
      });
      context.err(tally.summary(topic, context.nowMs() - startMs));
    });
}
