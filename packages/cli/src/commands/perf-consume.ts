// `brook perf consume`: kafka-consumer-perf-test for Brook. Reads --records records from the
// start of every partition of a topic and reports records/s and MB/s (keys and values) every
// second on stderr and in a summary on stdout. Bounded by the count, --time-limit-ms and
// --timeout-ms (no record for that long); stopping short of the count prints the summary and
// then fails with TIMED_OUT, as Kafka's tool warns.
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { withSession, type CliContext } from '../context.js';
import { interruptionOf } from '../interruption.js';
import { renderJson } from '../format/table.js';
import { parseInteger, parseOutputFormat } from '../options.js';
import { PerfMeter, formatSummary } from '../perf/perf-meter.js';
import type { BrookSession, ConsumerOptions } from '../session.js';
import { checkTopicName } from './topic-create.js';

interface PerfConsumeOptions {
  topic: string;
  records: string;
  timeLimitMs: string;
  timeoutMs: string;
  fetchMaxBytes?: string;
  partitionFetchMaxBytes?: string;
  format: string;
}

interface ConsumeBounds {
  records: number;
  timeLimitMs: number;
  idleMs: number;
}

/** Reads until a bound is hit; returns why it stopped. */
async function readLoad(context: CliContext, session: BrookSession, topic: string, bounds: ConsumeBounds, meter: PerfMeter, fetch: ConsumerOptions): Promise<'count' | 'idle' | 'time' | 'interrupted'> {
  const [description] = await session.describeTopics([topic]);
  const partitions = (description?.partitions ?? []).map((p) => p.partition);
  const earliest = await session.listOffsets(topic, partitions, { kind: 'earliest' });
  const consumer = session.consumer(partitions.map((partition) => ({ topic, partition, offset: earliest.get(partition) ?? 0n })), fetch);
  const startMs = context.nowMs();
  const interruption = interruptionOf(context.interrupted);
  try {
    const iterator = consumer.batches()[Symbol.asyncIterator]();
    for (;;) {
      const remainingMs = bounds.timeLimitMs - (context.nowMs() - startMs);
      if (remainingMs <= 0) return 'time';
      // If the idle timer or Ctrl-C wins, the pending fetch may fail as the consumer closes: not an error.
      const next = await interruption.race(iterator.next(), Math.min(bounds.idleMs, remainingMs));
      if (next.kind === 'interrupted' || interruption.requested) return 'interrupted';
      if (next.kind === 'timeout') return context.nowMs() - startMs >= bounds.timeLimitMs ? 'time' : 'idle';
      if (next.value.done === true) return 'idle';
      let bytes = 0;
      let count = 0;
      for (const record of next.value.value) {
        if (meter.recordCount + count >= bounds.records) break;
        bytes += (record.key?.byteLength ?? 0) + (record.value?.byteLength ?? 0);
        count++;
      }
      meter.record(count, bytes, context.nowMs());
      if (meter.recordCount >= bounds.records) return 'count';
    }
  } finally {
    await consumer.close();
  }
}

export function registerPerfConsume(parent: Command, context: CliContext): void {
  parent
    .command('consume')
    .description('measure consume throughput (like kafka-consumer-perf-test)')
    .requiredOption('--topic <name>', 'the topic to read from its start')
    .requiredOption('--records <n>', 'records to read')
    .option('--time-limit-ms <ms>', 'stop after this long', '300000')
    .option('--timeout-ms <ms>', 'stop when no record arrives for this long', '10000')
    .option('--fetch-max-bytes <bytes>', "bytes per fetch response (the SDK's default)")
    .option('--partition-fetch-max-bytes <bytes>', "bytes per partition per fetch (the SDK's default)")
    .option('--format <text|json>', 'summary format', 'text')
    .action(async (options: PerfConsumeOptions, command: Command) => {
      checkTopicName(options.topic);
      const format = parseOutputFormat(options.format);
      const bounds = {
        records: parseInteger('--records', options.records, 1),
        timeLimitMs: parseInteger('--time-limit-ms', options.timeLimitMs, 1),
        idleMs: parseInteger('--timeout-ms', options.timeoutMs, 1),
      };
      const fetch: ConsumerOptions = {
        fetchMaxBytes: options.fetchMaxBytes === undefined ? undefined : parseInteger('--fetch-max-bytes', options.fetchMaxBytes, 1),
        partitionFetchMaxBytes: options.partitionFetchMaxBytes === undefined ? undefined : parseInteger('--partition-fetch-max-bytes', options.partitionFetchMaxBytes, 1),
      };
      await withSession(context, command, async (session) => {
        const meter = new PerfMeter({ verb: 'read', trackLatency: false, startMs: context.nowMs(), print: (line) => context.err(line + '\n') });
        const stoppedBy = await readLoad(context, session, options.topic, bounds, meter, fetch);
        const summary = meter.summary(context.nowMs());
        await context.out(format === 'json' ? renderJson({ ...summary, stoppedBy }) + '\n' : formatSummary(summary, 'read') + '\n');
        if (stoppedBy === 'idle' || stoppedBy === 'time') {
          throw new CliError('TIMED_OUT', `read ${summary.records} of ${bounds.records} records before the ${stoppedBy === 'idle' ? 'idle timeout' : 'time limit'}`);
        }
      });
    });
}
