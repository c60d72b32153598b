// A log-linear latency histogram (HdrHistogram's layout, much reduced): values are recorded in
// whole microseconds; below 256 µs every value has its own bucket, above it each power of two is
// split into 128 buckets, so a reported percentile is within 1/128 (< 0.8%) of the true value.
// Fixed memory (about 32 KiB) however many records a perf run sends; Kafka's perf tool samples
// instead, which loses the tail this is meant to show.

const SUB_BUCKET_BITS = 7;
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS; // 128
const EXACT_LIMIT = SUB_BUCKETS * 2; // values below 256 µs are exact
/** 2^36 µs is 19 hours: longer latencies are clamped, a perf run never sees them. */
const VALUE_BITS_MAX = 36;
const BUCKET_COUNT = EXACT_LIMIT + (VALUE_BITS_MAX - SUB_BUCKET_BITS) * SUB_BUCKETS;
const VALUE_MAX_MICROS = 2 ** VALUE_BITS_MAX - 1;

function bucketIndex(micros: number): number {
  if (micros < EXACT_LIMIT) return micros;
  // floor(log2(micros)) - SUB_BUCKET_BITS, without floating-point log2.
  const shift = 31 - Math.clz32(Math.floor(micros / SUB_BUCKETS));
  return EXACT_LIMIT + (shift - 1) * SUB_BUCKETS + (Math.floor(micros / 2 ** shift) - SUB_BUCKETS);
}

/** The midpoint of a bucket's value range, in microseconds. */
function bucketValue(index: number): number {
  if (index < EXACT_LIMIT) return index;
  const shift = Math.floor((index - EXACT_LIMIT) / SUB_BUCKETS) + 1;
  const mantissa = ((index - EXACT_LIMIT) % SUB_BUCKETS) + SUB_BUCKETS;
  return mantissa * 2 ** shift + 2 ** (shift - 1);
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKET_COUNT);
  private total = 0;
  private sumMicros = 0;
  private maxMicros = 0;

  /** Records `count` samples of `latencyMs` (a batch of records acknowledged together). */
  record(latencyMs: number, count = 1): void {
    if (count <= 0) return;
    const micros = Math.min(VALUE_MAX_MICROS, Math.max(0, Math.round(latencyMs * 1000)));
    const index = bucketIndex(micros);
    this.counts[index] = (this.counts[index] ?? 0) + count;
    this.total += count;
    this.sumMicros += micros * count;
    if (micros > this.maxMicros) this.maxMicros = micros;
  }

  get count(): number {
    return this.total;
  }

  get meanMs(): number {
    return this.total === 0 ? 0 : this.sumMicros / this.total / 1000;
  }

  get maxMs(): number {
    return this.maxMicros / 1000;
  }

  /** The latency at quantile `q` (0.5, 0.99, 0.999), in milliseconds; 0 when empty. */
  percentileMs(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let index = 0; index < BUCKET_COUNT; index++) {
      seen += this.counts[index] ?? 0;
      // The top bucket's midpoint can exceed the largest value recorded; never report past it.
      if (seen >= rank) return Math.min(bucketValue(index), this.maxMicros) / 1000;
    }
    return this.maxMs;
  }
}
