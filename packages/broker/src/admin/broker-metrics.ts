// The broker's Prometheus metrics (prom-client), in a registry of its own so that several
// brokers in one process (tests) never share counters. Records in and out are counted from the
// batch headers' recordCount fields, never by decoding records.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LOG_OVERHEAD_BYTES, RECORD_BATCH_HEADER_BYTES, RECORD_COUNT_OFFSET, batchSizeAt } from '@brook/record-batch';

export interface PartitionSizes {
  all(): Array<{ topic: string; partition: number; sizeBytes: number; logEndOffset: number; highWatermark: number }>;
}

export class BrokerMetrics {
  readonly registry = new Registry();
  private readonly bytesIn: Counter<'topic'>;
  private readonly recordsIn: Counter<'topic'>;
  private readonly bytesOut: Counter<'topic'>;
  private readonly recordsOut: Counter<'topic'>;
  private readonly rpcDuration: Histogram<'method' | 'code'>;
  private readonly logFlushDuration: Histogram;

  constructor(partitions: PartitionSizes) {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.bytesIn = new Counter({ name: 'brook_produce_bytes_total', help: 'Record batch bytes appended by Produce.', labelNames: ['topic'], registers });
    this.recordsIn = new Counter({ name: 'brook_produce_records_total', help: 'Records appended by Produce (from batch headers).', labelNames: ['topic'], registers });
    this.bytesOut = new Counter({ name: 'brook_fetch_bytes_total', help: 'Record batch bytes returned by Fetch.', labelNames: ['topic'], registers });
    this.recordsOut = new Counter({ name: 'brook_fetch_records_total', help: 'Records returned by Fetch (from batch headers; a batch counts whole).', labelNames: ['topic'], registers });
    this.rpcDuration = new Histogram({
      name: 'brook_rpc_duration_seconds',
      help: 'Client RPC latency by method and result code, long-poll waits included.',
      labelNames: ['method', 'code'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.logFlushDuration = new Histogram({
      name: 'brook_log_flush_duration_seconds',
      help: 'Time of each fsync of a partition log (group commit: one covers every append since the last; Kafka LogFlushRateAndTimeMs).',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    new Gauge({
      name: 'brook_partitions',
      help: 'Partitions this broker leads.',
      registers,
      collect() {
        this.set(partitions.all().length);
      },
    });
    new Gauge({
      name: 'brook_log_size_bytes',
      help: 'Bytes on disk of each partition log.',
      labelNames: ['topic', 'partition'],
      registers,
      collect() {
        this.reset();
        for (const p of partitions.all()) this.set({ topic: p.topic, partition: String(p.partition) }, p.sizeBytes);
      },
    });
    new Gauge({
      name: 'brook_log_end_offset',
      help: 'Log end offset of each partition.',
      labelNames: ['topic', 'partition'],
      registers,
      collect() {
        this.reset();
        for (const p of partitions.all()) this.set({ topic: p.topic, partition: String(p.partition) }, p.logEndOffset);
      },
    });
  }

  produced(topic: string, bytes: number, records: number): void {
    this.bytesIn.inc({ topic }, bytes);
    this.recordsIn.inc({ topic }, records);
  }

  fetched(topic: string, batches: Uint8Array): void {
    if (batches.byteLength === 0) return;
    this.bytesOut.inc({ topic }, batches.byteLength);
    this.recordsOut.inc({ topic }, countRecords(batches));
  }

  /** A partition log finished an fsync that took `durationMs`. */
  logFlushed(durationMs: number): void {
    this.logFlushDuration.observe(durationMs / 1000);
  }

  /** Starts timing one RPC; call the result with the outcome's error code name. */
  startRpc(method: string): (code: string) => void {
    const end = this.rpcDuration.startTimer({ method });
    return (code) => {
      end({ code });
    };
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** Sums the recordCount fields of the whole batches in `bytes`, walking headers only. */
export function countRecords(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let records = 0;
  for (let at = 0; at + RECORD_BATCH_HEADER_BYTES <= bytes.byteLength; ) {
    records += view.getInt32(at + RECORD_COUNT_OFFSET);
    const size = batchSizeAt(bytes, at);
    if (size < LOG_OVERHEAD_BYTES) break;
    at += size;
  }
  return records;
}
