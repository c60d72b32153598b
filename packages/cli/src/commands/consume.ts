// `brook consume TOPIC`: reads records and prints them, JSON lines by default or through a
// --format template (format/record-format.ts). It reads every partition, or one with -p, from
// the position -o names, and stops after -n records, when it has caught up with the end offsets
// it saw at start (--exit-at-end), when no record has arrived for --timeout-ms, or on Ctrl-C.
// An absolute -o outside a partition's log [earliest, latest] is OFFSET_OUT_OF_RANGE: reading
// from somewhere else than asked would print records the user did not ask for.
import type { Command } from 'commander';
import { BrookError } from '@brook/protocol';
import { withSession, type CliContext } from '../context.js';
import { interruptionOf } from '../interruption.js';
import { compileRecordTemplate, parseBytesEncoding, recordToJson } from '../format/record-format.js';
import { parseOffsetSpec, type OffsetSpec } from '../input/offset-spec.js';
import { parseInteger } from '../options.js';
import type { BrookSession, ConsumedRecord, PartitionStart } from '../session.js';
import { checkTopicName } from './topic-create.js';

interface ConsumeOptions {
  partition?: string;
  offset: string;
  count?: string;
  format?: string;
  encoding: string;
  exitAtEnd?: boolean;
  timeoutMs?: string;
}

interface ConsumePlan {
  starts: PartitionStart[];
  /** The high watermark of each partition when the command started. */
  ends: Map<number, bigint>;
}

async function resolveStarts(session: BrookSession, topic: string, partitions: number[], spec: OffsetSpec, ends: Map<number, bigint>): Promise<Map<number, bigint>> {
  switch (spec.kind) {
    case 'latest':
      return ends;
    case 'earliest':
      return session.listOffsets(topic, partitions, { kind: 'earliest' });
    case 'timestamp': {
      const found = await session.listOffsets(topic, partitions, spec);
      // No record at or after the time: start at the end, as Kafka's offsetsForTimes users do.
      return new Map(partitions.map((p) => [p, (found.get(p) ?? -1n) < 0n ? (ends.get(p) ?? 0n) : (found.get(p) as bigint)]));
    }
    case 'offset': {
      const earliest = await session.listOffsets(topic, partitions, { kind: 'earliest' });
      for (const p of partitions) {
        const low = earliest.get(p) ?? 0n;
        const high = ends.get(p) ?? 0n;
        if (spec.offset < low || spec.offset > high) {
          throw new BrookError('OFFSET_OUT_OF_RANGE', `offset ${spec.offset} is outside ${topic}-${p}'s log [${low}, ${high}]`);
        }
      }
      return new Map(partitions.map((p) => [p, spec.offset]));
    }
  }
}

async function planConsume(session: BrookSession, topic: string, options: ConsumeOptions): Promise<ConsumePlan> {
  const [description] = await session.describeTopics([topic]);
  const all = (description?.partitions ?? []).map((p) => p.partition);
  let partitions = all;
  if (options.partition !== undefined) {
    const chosen = parseInteger('--partition', options.partition, 0, 2 ** 31 - 1);
    if (!all.includes(chosen)) throw new BrookError('UNKNOWN_TOPIC_OR_PARTITION', `${topic} has no partition ${chosen} (it has ${all.length})`);
    partitions = [chosen];
  }
  const spec = parseOffsetSpec(options.offset);
  const ends = await session.listOffsets(topic, partitions, { kind: 'latest' });
  const starts = await resolveStarts(session, topic, partitions, spec, ends);
  return { starts: partitions.map((partition) => ({ topic, partition, offset: starts.get(partition) ?? 0n })), ends };
}

async function consumeRecords(context: CliContext, session: BrookSession, plan: ConsumePlan, options: ConsumeOptions): Promise<number> {
  const limit = options.count === undefined ? Infinity : parseInteger('--count', options.count, 0);
  const timeoutMs = options.timeoutMs === undefined ? undefined : parseInteger('--timeout-ms', options.timeoutMs, 1);
  const encoding = parseBytesEncoding(options.encoding);
  const render = options.format === undefined ? (r: ConsumedRecord) => recordToJson(r, encoding) + '\n' : compileRecordTemplate(options.format, encoding);
  const positions = new Map(plan.starts.map((s) => [s.partition, s.offset]));
  const caughtUp = (): boolean => options.exitAtEnd === true && [...positions].every(([p, at]) => at >= (plan.ends.get(p) ?? 0n));
  let printed = 0;
  if (printed >= limit || caughtUp()) return printed;
  const consumer = session.consumer(plan.starts);
  try {
    const iterator = consumer.batches()[Symbol.asyncIterator]();
    const interruption = interruptionOf(context.interrupted);
    for (;;) {
      // The next batch, the idle timeout or Ctrl-C, whichever comes first.
      const wake = await interruption.race(iterator.next(), timeoutMs);
      if (wake.kind !== 'value' || wake.value.done === true) break;
      let text = '';
      for (const record of wake.value.value) {
        // With --exit-at-end, records past the starting end offsets are not this run's.
        if (options.exitAtEnd && record.offset >= (plan.ends.get(record.partition) ?? 0n)) continue;
        text += render(record);
        positions.set(record.partition, record.offset + 1n);
        if (++printed >= limit) break;
      }
      if (text) await context.out(text);
      if (printed >= limit || caughtUp()) break;
    }
  } finally {
    await consumer.close();
  }
  return printed;
}

/** Parses every flag once before connecting, so a typo fails without a round trip. */
function checkOptions(options: ConsumeOptions): void {
  parseOffsetSpec(options.offset);
  if (options.partition !== undefined) parseInteger('--partition', options.partition, 0, 2 ** 31 - 1);
  if (options.count !== undefined) parseInteger('--count', options.count, 0);
  if (options.timeoutMs !== undefined) parseInteger('--timeout-ms', options.timeoutMs, 1);
  const encoding = parseBytesEncoding(options.encoding);
  if (options.format !== undefined) compileRecordTemplate(options.format, encoding);
}

export function registerConsume(program: Command, context: CliContext): void {
  program
    .command('consume')
    .description('print records of a topic (JSON lines by default)')
    .argument('<topic>', 'the topic to read')
    .option('-p, --partition <n>', 'read only this partition (default: all)')
    .option('-o, --offset <start|end|N|@timestamp_ms>', 'where to start in each partition', 'start')
    .option('-n, --count <n>', 'exit after this many records')
    .option('--format <template>', 'print each record as TEMPLATE: %k %v %p %o %t %h %T (topic) %K %V %%')
    .option('--encoding <utf8|base64|hex>', 'how keys, values and header values are printed', 'utf8')
    .option('-e, --exit-at-end', 'exit once caught up with the end offsets seen at start')
    .option('--timeout-ms <ms>', 'exit when no record has arrived for this long')
    .action(async (topic: string, options: ConsumeOptions, command: Command) => {
      checkTopicName(topic);
      checkOptions(options);
      await withSession(context, command, async (session) => {
        const plan = await planConsume(session, topic, options);
        await consumeRecords(context, session, plan, options);
      });
    });
}
