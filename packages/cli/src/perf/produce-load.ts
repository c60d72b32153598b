// The load loop of `brook perf produce`: sends `records` records of `recordBytes` each through
// one producer, at most `recordsPerSecond` (0 = as fast as the cluster takes them), and measures
// each record's latency from the send call to its acknowledgement, the way Kafka's
// ProducerPerformance does (so time spent waiting in the producer's batches counts). Records
// are handed over in small chunks; every record of a chunk is charged the chunk's latency.
// The run is bounded three ways: the record count, a time limit, and Ctrl-C.
import { randomBytes } from 'node:crypto';
import type { OutgoingRecord, SessionProducer } from '../session.js';
import type { PerfMeter } from './perf-meter.js';
import { throttleDelayMs } from './throttle.js';

export interface ProduceLoad {
  topic: string;
  records: number;
  recordBytes: number;
  /** 0 = unthrottled. */
  recordsPerSecond: number;
  timeLimitMs: number;
  /** Records per send call; 0 = chosen from the rate. */
  chunkRecords: number;
  /** Bytes sent but not yet acknowledged before the loop waits: keeps memory bounded. */
  inFlightBytesMax: number;
}

export interface LoadClock {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
  /** Lets timers and I/O run between chunks when unthrottled. */
  yieldToEventLoop(): Promise<void>;
  stopped(): boolean;
}

const PAYLOAD_VARIANTS = 16;

/** Printable random payloads (like Kafka's perf tool), reused round robin. */
export function makePayloads(recordBytes: number): Buffer[] {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return Array.from({ length: PAYLOAD_VARIANTS }, () => {
    const random = randomBytes(recordBytes);
    for (let i = 0; i < recordBytes; i++) random[i] = letters.charCodeAt((random[i] as number) % letters.length);
    return random;
  });
}

/** At a fixed rate, chunks of about a millisecond's records, so chunking adds little latency. */
export function chooseChunkRecords(load: Pick<ProduceLoad, 'chunkRecords' | 'recordsPerSecond'>): number {
  if (load.chunkRecords > 0) return load.chunkRecords;
  if (load.recordsPerSecond > 0) return Math.max(1, Math.min(500, Math.floor(load.recordsPerSecond / 1000)));
  return 500;
}

export interface LoadResult {
  sent: number;
  firstError: unknown;
}

export async function runProduceLoad(producer: SessionProducer, load: ProduceLoad, meter: PerfMeter, clock: LoadClock): Promise<LoadResult> {
  const payloads = makePayloads(load.recordBytes);
  const chunkRecords = chooseChunkRecords(load);
  const startMs = clock.nowMs();
  let sent = 0;
  let inFlightBytes = 0;
  let inFlightCalls = 0;
  let firstError: unknown = null;
  let wake: (() => void) | null = null;
  const settled = (): void => {
    const waiter = wake;
    wake = null;
    waiter?.();
  };
  const waitForAcknowledgement = (): Promise<void> => new Promise((resolve) => (wake = resolve));

  while (sent < load.records && firstError === null && !clock.stopped() && clock.nowMs() - startMs < load.timeLimitMs) {
    const count = Math.min(chunkRecords, load.records - sent);
    const chunk: OutgoingRecord[] = new Array(count);
    for (let i = 0; i < count; i++) chunk[i] = { key: null, value: payloads[(sent + i) % PAYLOAD_VARIANTS] as Buffer, headers: [] };
    const bytes = count * load.recordBytes;
    const sentAtMs = clock.nowMs();
    inFlightBytes += bytes;
    inFlightCalls++;
    producer.send(load.topic, chunk).then(
      () => {
        const nowMs = clock.nowMs();
        meter.record(count, bytes, nowMs, nowMs - sentAtMs);
      },
      (error: unknown) => {
        firstError ??= error;
      },
    ).finally(() => {
      inFlightBytes -= bytes;
      inFlightCalls--;
      settled();
    });
    sent += count;
    const delayMs = throttleDelayMs(sent, clock.nowMs() - startMs, load.recordsPerSecond);
    if (delayMs > 0) await clock.sleep(delayMs);
    else await clock.yieldToEventLoop();
    while (inFlightBytes > load.inFlightBytesMax && firstError === null) await waitForAcknowledgement();
  }
  await producer.flush().catch((error: unknown) => (firstError ??= error));
  while (inFlightCalls > 0) await waitForAcknowledgement();
  return { sent, firstError };
}
