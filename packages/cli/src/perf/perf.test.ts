// Checks the perf measurements: histogram percentiles against exactly sorted samples (within the
// documented 1/128 relative error), window lines and the summary with a driven clock, and the
// throttle's schedule.
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency-histogram.js';
import { PerfMeter, formatSummary } from './perf-meter.js';
import { throttleDelayMs } from './throttle.js';
import { chooseChunkRecords } from './produce-load.js';

function exactPercentile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
}

describe('LatencyHistogram', () => {
  it('is exact below 256 µs', () => {
    const h = new LatencyHistogram();
    for (let micros = 1; micros <= 200; micros++) h.record(micros / 1000);
    expect(h.percentileMs(0.5)).toBe(0.1);
    expect(h.percentileMs(1)).toBe(0.2);
    expect(h.count).toBe(200);
  });
  it('stays within 1/128 of the true percentile over a wide spread', () => {
    const h = new LatencyHistogram();
    const samples: number[] = [];
    let seed = 12345;
    for (let i = 0; i < 20000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      // Log-uniform from 0.3 ms to 3 s, like a latency tail.
      const ms = 0.3 * 10 ** ((seed / 2 ** 31) * 4);
      samples.push(Math.round(ms * 1000) / 1000);
      h.record(ms);
    }
    samples.sort((a, b) => a - b);
    for (const q of [0.5, 0.95, 0.99, 0.999]) {
      const exact = exactPercentile(samples, q);
      expect(Math.abs(h.percentileMs(q) - exact) / exact).toBeLessThan(1 / 128);
    }
    expect(h.maxMs).toBeCloseTo(samples[samples.length - 1] as number, 3);
    expect(h.meanMs).toBeCloseTo(samples.reduce((a, b) => a + b, 0) / samples.length, 2);
  });
  it('counts batches and answers 0 when empty', () => {
    const h = new LatencyHistogram();
    expect(h.percentileMs(0.99)).toBe(0);
    h.record(5, 99);
    h.record(50, 1);
    expect(h.count).toBe(100);
    expect(h.percentileMs(0.99)).toBeCloseTo(5, 1);
    expect(h.percentileMs(1)).toBeCloseTo(50, 0);
  });
});

describe('PerfMeter', () => {
  it('prints a window per elapsed second and a summary over the whole run', () => {
    const lines: string[] = [];
    const meter = new PerfMeter({ verb: 'sent', trackLatency: true, startMs: 0, print: (l) => lines.push(l) });
    meter.record(1000, 1024 * 1000, 500, 2);
    expect(lines).toHaveLength(0);
    meter.record(1000, 1024 * 1000, 1000, 4);
    expect(lines).toEqual(['2000 records sent, 2000.0 records/s (1.95 MB/s), 3.00 ms avg latency, 4.00 ms max latency.']);
    meter.record(500, 1024 * 500, 1500, 10);
    meter.printWindow(2000);
    expect(lines[1]).toBe('500 records sent, 500.0 records/s (0.49 MB/s), 10.00 ms avg latency, 10.00 ms max latency.');
    const summary = meter.summary(2000);
    expect(summary.records).toBe(2500);
    expect(summary.recordsPerSecond).toBe(1250);
    expect(summary.latencyMs?.p50).toBeCloseTo(4, 1);
    expect(summary.latencyMs?.p99).toBeCloseTo(10, 1);
    expect(formatSummary(summary, 'sent')).toMatch(/^2500 records sent, 1250.0 records\/s \(1.22 MB\/s\) in 2.00 s, 4.40 ms avg latency, 10.00 ms max latency, 4\.0\d ms p50, 10.00 ms p95, 10.00 ms p99, 10.00 ms p99.9\.$/);
  });
  it('prints nothing for an empty window and no latency when not tracked', () => {
    const lines: string[] = [];
    const meter = new PerfMeter({ verb: 'read', trackLatency: false, startMs: 0, print: (l) => lines.push(l) });
    meter.printWindow(1000);
    expect(lines).toEqual([]);
    meter.record(10, 10 * 1024 * 1024, 2000);
    expect(lines).toEqual(['10 records read, 10.0 records/s (10.00 MB/s).']);
    expect(meter.summary(2000).latencyMs).toBeUndefined();
  });
});

describe('throttle', () => {
  it('waits until the schedule catches up and never when behind or unthrottled', () => {
    expect(throttleDelayMs(5000, 500, 5000)).toBe(500);
    expect(throttleDelayMs(5000, 1200, 5000)).toBe(0);
    expect(throttleDelayMs(5000, 0, 0)).toBe(0);
  });
  it('chooses about a millisecond of records per send at a fixed rate', () => {
    expect(chooseChunkRecords({ chunkRecords: 0, recordsPerSecond: 5000 })).toBe(5);
    expect(chooseChunkRecords({ chunkRecords: 0, recordsPerSecond: 100 })).toBe(1);
    expect(chooseChunkRecords({ chunkRecords: 0, recordsPerSecond: 0 })).toBe(500);
    expect(chooseChunkRecords({ chunkRecords: 7, recordsPerSecond: 0 })).toBe(7);
  });
});
