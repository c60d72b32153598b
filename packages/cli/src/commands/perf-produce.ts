// `brook perf produce`: kafka-producer-perf-test for Brook. Progress lines (records/s, MB/s,
// avg and max latency) go to stderr about once a second; the summary (records/s, MB/s, latency
// avg, max, p50, p95, p99, p99.9) goes to stdout as a line or, with --format json, as one JSON
// object for scripts such as the produce benchmark.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { withSession, type CliContext } from '../context.js';
import { renderJson } from '../format/table.js';
import { parseAcks, parseInteger, parseOutputFormat, parseRate } from '../options.js';
import { PerfMeter, formatSummary } from '../perf/perf-meter.js';
import { runProduceLoad, type LoadClock } from '../perf/produce-load.js';
import { checkTopicName } from './topic-create.js';

interface PerfProduceOptions {
  topic: string;
  records: string;
  recordSize: string;
  throughput: string;
  acks: string;
  batchBytes?: string;
  lingerMs?: string;
  timeLimitMs: string;
  chunkRecords: string;
  inFlightBytes: string;
  format: string;
}

export function processClock(context: CliContext): LoadClock {
  let stopped = false;
  void context.interrupted.then(() => (stopped = true));
  return {
    nowMs: () => context.nowMs(),
    sleep: (ms) => sleep(ms),
    yieldToEventLoop: () => new Promise((resolve) => setImmediate(resolve)),
    stopped: () => stopped,
  };
}

export function registerPerfProduce(parent: Command, context: CliContext): void {
  parent
    .command('produce')
    .description('measure produce throughput and latency (like kafka-producer-perf-test)')
    .requiredOption('--topic <name>', 'the topic to produce to (create it first)')
    .requiredOption('--records <n>', 'records to send')
    .requiredOption('--record-size <bytes>', 'value bytes per record')
    .option('--throughput <records/s>', 'target rate; 0 or -1 = as fast as possible', '0')
    .option('--acks <0|1|all>', 'acknowledgement level', '1')
    .option('--batch-bytes <bytes>', "the producer's batch size per partition")
    .option('--linger-ms <ms>', "the producer's linger time")
    .option('--time-limit-ms <ms>', 'stop after this long even if records remain', '300000')
    .option('--chunk-records <n>', 'records per send call; 0 = chosen from the rate', '0')
    .option('--in-flight-bytes <bytes>', 'record bytes sent but not yet acknowledged before the sender waits (like buffer.memory)', String(16 * 1024 * 1024))
    .option('--format <text|json>', 'summary format', 'text')
    .action(async (options: PerfProduceOptions, command: Command) => {
      checkTopicName(options.topic);
      const format = parseOutputFormat(options.format);
      const throughput = options.throughput.trim() === '-1' ? 0 : parseRate('--throughput', options.throughput);
      const load = {
        topic: options.topic,
        records: parseInteger('--records', options.records, 1),
        recordBytes: parseInteger('--record-size', options.recordSize, 0, 64 * 1024 * 1024),
        recordsPerSecond: throughput,
        timeLimitMs: parseInteger('--time-limit-ms', options.timeLimitMs, 1),
        chunkRecords: parseInteger('--chunk-records', options.chunkRecords, 0, 100_000),
        inFlightBytesMax: parseInteger('--in-flight-bytes', options.inFlightBytes, 1),
      };
      const producerOptions = {
        acks: parseAcks(options.acks),
        batchBytes: options.batchBytes === undefined ? undefined : parseInteger('--batch-bytes', options.batchBytes, 1),
        lingerMs: options.lingerMs === undefined ? undefined : parseInteger('--linger-ms', options.lingerMs, 0),
      };
      await withSession(context, command, async (session) => {
        // Fails at once on an unknown topic instead of retrying it for the delivery timeout.
        await session.describeTopics([load.topic]);
        const producer = session.producer(producerOptions);
        const startMs = context.nowMs();
        const meter = new PerfMeter({ verb: 'sent', trackLatency: true, startMs, print: (line) => context.err(line + '\n') });
        const result = await runProduceLoad(producer, load, meter, processClock(context)).finally(() => producer.close().catch(() => undefined));
        const summary = meter.summary(context.nowMs());
        await context.out(format === 'json' ? renderJson({ ...summary, recordBytes: load.recordBytes, acks: options.acks, targetRecordsPerSecond: throughput }) + '\n' : formatSummary(summary, 'sent') + '\n');
        if (result.firstError !== null) throw result.firstError instanceof Error ? result.firstError : new CliError('INTERNAL', String(result.firstError));
      });
    });
}
