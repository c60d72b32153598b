// The perf commands' measurements: a window that is printed and reset about once a second (like
// Kafka's perf tools, which print every 5 s), and totals for the final summary. Time is passed
// in by the caller, so tests drive it without a clock.
import { LatencyHistogram } from './latency-histogram.js';

const MIB = 1024 * 1024;

export interface PerfSummary {
  records: number;
  bytes: number;
  elapsedMs: number;
  recordsPerSecond: number;
  megabytesPerSecond: number;
  /** Present when the meter tracks latency (produce). */
  latencyMs?: { avg: number; max: number; p50: number; p95: number; p99: number; p999: number } | undefined;
}

export interface PerfMeterOptions {
  /** 'sent' for produce, 'read' for consume: the verb in every line. */
  verb: string;
  trackLatency: boolean;
  windowMs?: number;
  startMs: number;
  print: (line: string) => void;
}

function rate(amount: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (amount * 1000) / elapsedMs : 0;
}

export class PerfMeter {
  private readonly histogram = new LatencyHistogram();
  private readonly windowMs: number;
  private records = 0;
  private bytes = 0;
  private windowStartMs: number;
  private windowRecords = 0;
  private windowBytes = 0;
  private windowLatencySumMs = 0;
  private windowLatencyMaxMs = 0;

  constructor(private readonly options: PerfMeterOptions) {
    this.windowMs = options.windowMs ?? 1000;
    this.windowStartMs = options.startMs;
  }

  get recordCount(): number {
    return this.records;
  }

  /** `count` records of `bytes` in total completed at `nowMs`, each after `latencyMs`. */
  record(count: number, bytes: number, nowMs: number, latencyMs = 0): void {
    this.records += count;
    this.bytes += bytes;
    this.windowRecords += count;
    this.windowBytes += bytes;
    if (this.options.trackLatency) {
      this.histogram.record(latencyMs, count);
      this.windowLatencySumMs += latencyMs * count;
      if (latencyMs > this.windowLatencyMaxMs) this.windowLatencyMaxMs = latencyMs;
    }
    if (nowMs - this.windowStartMs >= this.windowMs) this.printWindow(nowMs);
  }

  /**
   * Prints the window so far (when it has anything) and starts a new one at `nowMs`. Called when
   * a window's time is up, never for the last partial window: acknowledgements arrive in bursts,
   * and a burst over a few microseconds would print an absurd rate. The summary covers the end.
   */
  printWindow(nowMs: number): void {
    const elapsedMs = nowMs - this.windowStartMs;
    if (this.windowRecords > 0) {
      let line =
        `${this.windowRecords} records ${this.options.verb}, ${rate(this.windowRecords, elapsedMs).toFixed(1)} records/s ` +
        `(${(rate(this.windowBytes, elapsedMs) / MIB).toFixed(2)} MB/s)`;
      if (this.options.trackLatency) {
        const avg = this.windowLatencySumMs / this.windowRecords;
        line += `, ${avg.toFixed(2)} ms avg latency, ${this.windowLatencyMaxMs.toFixed(2)} ms max latency`;
      }
      this.options.print(`${line}.`);
    }
    this.windowStartMs = nowMs;
    this.windowRecords = 0;
    this.windowBytes = 0;
    this.windowLatencySumMs = 0;
    this.windowLatencyMaxMs = 0;
  }

  summary(nowMs: number): PerfSummary {
    const elapsedMs = nowMs - this.options.startMs;
    const summary: PerfSummary = {
      records: this.records,
      bytes: this.bytes,
      elapsedMs,
      recordsPerSecond: rate(this.records, elapsedMs),
      megabytesPerSecond: rate(this.bytes, elapsedMs) / MIB,
    };
    if (this.options.trackLatency) {
      const h = this.histogram;
      summary.latencyMs = {
        avg: h.meanMs,
        max: h.maxMs,
        p50: h.percentileMs(0.5),
        p95: h.percentileMs(0.95),
        p99: h.percentileMs(0.99),
        p999: h.percentileMs(0.999),
      };
    }
    return summary;
  }
}

/** The final line, in the shape of kafka-producer-perf-test's. */
export function formatSummary(summary: PerfSummary, verb: string): string {
  let line =
    `${summary.records} records ${verb}, ${summary.recordsPerSecond.toFixed(1)} records/s ` +
    `(${summary.megabytesPerSecond.toFixed(2)} MB/s) in ${(summary.elapsedMs / 1000).toFixed(2)} s`;
  const latency = summary.latencyMs;
  if (latency) {
    line +=
      `, ${latency.avg.toFixed(2)} ms avg latency, ${latency.max.toFixed(2)} ms max latency, ` +
      `${latency.p50.toFixed(2)} ms p50, ${latency.p95.toFixed(2)} ms p95, ${latency.p99.toFixed(2)} ms p99, ${latency.p999.toFixed(2)} ms p99.9`;
  }
  return `${line}.`;
}
