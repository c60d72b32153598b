// bench:cluster's producer process (bench-cluster.ts starts it with a WorkerSpec as its argument
// and reads one WorkerResult line from its stdout): throughput runs after a warm-up, or the paced
// latency run with a consumer in the same process.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Brook, type ProducerMessage, type ProducerOptions } from '@brook/client';

export const PARTITIONS = 3;
/** Send calls in flight at most in a throughput run. */
export const SENDS_IN_FLIGHT = 16;


export interface WorkerSpec {
  mode: 'throughput' | 'latency';
  brokers: string[];
  topic: string;
  records: number;
  recordBytes: number;
  /** Records per second for 'latency'. */
  rate: number;
  timeLimitMs: number;
  seed: number;
  /** Throughput mode: records sent and acknowledged before the measured run (JIT, connections, batch sizes settle), as Kafka's producer perf test's --warmup-records. */
  warmupRecords?: number;
  /** Latency mode: how long to send at the same rate, unmeasured, before the measured run. */
  warmupMs?: number;
}

/** What the worker prints on stdout once its warm-up is acknowledged: the measured run starts. */
export const WARMED_UP = 'warmed-up';

export interface WorkerResult {
  records: number;
  bytes: number;
  elapsedMs: number;
  recordsPerSecond: number;
  megabytesPerSecond: number;
  failedSends: number;
  firstError: string | null;
  ackMs: Percentiles | null;
  e2eMs: Percentiles | null;
  e2eRecords: number;
  /** The producer process's CPU time over the run, in ms (user + system). */
  producerCpuMs: number;
  /** The three nodes' CPU time over the run, in ms (from /proc), and its share of the machine. */
  brokersCpuMs?: number;
  machineCpuPercent?: number;
  /** Share of the machine's CPU time the hypervisor gave to other guests over the run (/proc/stat steal). */
  stealPercent?: number;
}

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

function percentiles(values: Float64Array | number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const at = (q: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));
  return { p50: at(0.5), p99: at(0.99), max: at(1) };
}

/** The producer options of every Brook run: acks=all, idempotent (issue 6), bounded in flight. */
export function producerOptions(extra: Partial<ProducerOptions>): ProducerOptions {
  // `idempotent` is the SDK's switch for the idempotent producer (issue 6, item 5; its default is true).
  return { acks: 'all', idempotent: true, maxInFlight: 5, bufferBytesMax: 32 * 1024 * 1024, deliveryTimeoutMs: 60_000, ...extra } as ProducerOptions;
}

async function worker(spec: WorkerSpec): Promise<WorkerResult> {
  const brook = new Brook({ brokers: spec.brokers, clientId: `bench-cluster-${spec.mode}`, requestTimeoutMs: 10_000 });
  const throughput = spec.mode === 'throughput';
  // Throughput: 1 MiB batches, the OpenMessaging Benchmark's Kafka driver setting (batch.size
  // 1048576; 512 KiB measured 42-53 vs 58 MB/s here, fewer messages per byte). Latency: the
  // default linger (5 ms) with 256 KiB batches, so that linger, not batch.size, closes a batch:
  // with 16 KiB batches of 1 KiB records and 5 requests in flight per broker, the producer
  // cannot carry 5k records/s at acks=all here, and the figure becomes a queueing time.
  const producer = brook.producer(producerOptions(throughput ? { batchBytes: 1024 * 1024, lingerMs: 5 } : { batchBytes: 256 * 1024, lingerMs: Number(process.env['BENCH_LATENCY_LINGER_MS'] ?? '5') }));
  const acks = new Float64Array(spec.records);
  let ackCount = 0;
  const e2e = new Float64Array(spec.records);
  let e2eCount = 0;
  let failedSends = 0;
  let firstError: string | null = null;
  let consumerDone: Promise<void> = Promise.resolve();
  let consumer: ReturnType<Brook['consumer']> | undefined;
  /** Records sent before this time (the warm-up's) are not measured end to end. */
  let measuredFrom = Number.POSITIVE_INFINITY;
  if (!throughput) {
    consumer = brook.consumer({ maxWaitMs: 100 });
    consumer.assign(Array.from({ length: PARTITIONS }, (_, partition) => ({ topic: spec.topic, partition, offset: 'latest' as const })));
    const reader = consumer;
    consumerDone = (async () => {
      for await (const batch of reader.batches()) {
        const now = performance.now();
        for (const message of batch.messages) {
          const value = message.value;
          if (value === null || value.byteLength < 8 || e2eCount >= e2e.length) continue;
          const sentAt = Buffer.from(value.buffer, value.byteOffset, 8).readDoubleLE(0);
          if (sentAt >= measuredFrom) e2e[e2eCount++] = now - sentAt;
        }
        if (e2eCount >= spec.records) break;
      }
    })().catch(() => undefined);
    await sleep(500); // the consumer positions itself at the end first
  }

  const shared = Buffer.alloc(spec.recordBytes, 0x41);
  const chunk = throughput ? Math.max(1, Math.floor(256 * 1024 / Math.max(1, spec.recordBytes))) : 0;
  const inFlight = new Set<Promise<void>>();
  let measuring = false;
  let stop = false;
  const submit = (messages: ProducerMessage[]): void => {
    const at = performance.now();
    const count = messages.length;
    const measured = measuring;
    const send = producer.send({ topic: spec.topic, messages }).then(
      () => {
        if (!measured) return;
        const latency = performance.now() - at;
        for (let i = 0; i < count && ackCount < acks.length; i++) acks[ackCount++] = latency;
      },
      (error: unknown) => {
        failedSends++;
        firstError ??= error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
        if (failedSends > 100) stop = true;
      },
    );
    const tracked = send.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  // Paced: each record is its own message with the send time in its first 8 bytes; sends what is
  // due `rate` per second since `phaseStart`, up to `total`, then sleeps a millisecond.
  const pacedTick = async (phaseStart: number, sentSoFar: number, total: number): Promise<number> => {
    const due = Math.min(total, Math.floor(((performance.now() - phaseStart) / 1000) * spec.rate));
    const messages: ProducerMessage[] = [];
    for (; sentSoFar < due; sentSoFar++) {
      const value = Buffer.alloc(spec.recordBytes, 0x42);
      value.writeDoubleLE(performance.now(), 0);
      messages.push({ value });
    }
    if (messages.length > 0) submit(messages);
    if (inFlight.size >= SENDS_IN_FLIGHT * 64) await Promise.race(inFlight);
    await sleep(1);
    return sentSoFar;
  };
  if (throughput && (spec.warmupRecords ?? 0) > 0) {
    const warmupStarted = performance.now();
    for (let warm = 0; warm < spec.warmupRecords! && !stop && performance.now() - warmupStarted < spec.timeLimitMs; ) {
      const n = Math.min(chunk, spec.warmupRecords! - warm);
      submit(Array.from({ length: n }, () => ({ value: shared })));
      warm += n;
      if (inFlight.size >= SENDS_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.race([Promise.all(inFlight), sleep(20_000)]);
  }
  if (!throughput && (spec.warmupMs ?? 0) > 0) {
    const warmupStarted = performance.now();
    for (let warm = 0; performance.now() - warmupStarted < spec.warmupMs! && !stop; ) warm = await pacedTick(warmupStarted, warm, Number.POSITIVE_INFINITY);
    await Promise.race([Promise.all(inFlight), sleep(20_000)]);
  }
  process.stdout.write(`${WARMED_UP}\n`);
  measuring = true;
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  measuredFrom = started;
  let sent = 0;
  while (sent < spec.records && !stop && performance.now() - started < spec.timeLimitMs) {
    if (throughput) {
      const n = Math.min(chunk, spec.records - sent);
      submit(Array.from({ length: n }, () => ({ value: shared })));
      sent += n;
      if (inFlight.size >= SENDS_IN_FLIGHT) await Promise.race(inFlight);
    } else {
      sent = await pacedTick(started, sent, spec.records);
    }
  }
  await Promise.race([Promise.all(inFlight), sleep(20_000)]);
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  if (!throughput) await Promise.race([consumerDone, sleep(3000)]);
  await consumer?.close().catch(() => undefined);
  await Promise.race([brook.close().catch(() => undefined), sleep(5000)]);
  const bytes = ackCount * spec.recordBytes;
  return {
    records: ackCount,
    bytes,
    elapsedMs: Math.round(elapsedMs),
    recordsPerSecond: Math.round(ackCount / (elapsedMs / 1000)),
    megabytesPerSecond: Number((bytes / 1e6 / (elapsedMs / 1000)).toFixed(1)),
    failedSends,
    firstError,
    ackMs: percentiles(acks.subarray(0, ackCount)),
    e2eMs: percentiles(e2e.subarray(0, e2eCount)),
    e2eRecords: e2eCount,
    producerCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const spec = JSON.parse(process.argv[2] ?? '{}') as WorkerSpec;
  const hard = setTimeout(() => process.exit(3), spec.timeLimitMs + 60_000);
  worker(spec).then(
    (result) => {
      clearTimeout(hard);
      process.stdout.write(JSON.stringify(result) + '\n');
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`bench:cluster worker: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
