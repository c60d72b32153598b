// Kafka's key partitioner, so Brook places a keyed record on exactly the partition a Kafka client
// would (PROTOCOL-NOTES.md section 8). The hash is Kafka's Utils.murmur2: MurmurHash2, 32-bit,
// with Kafka's seed 0x9747b28c, reading the key in little-endian 4-byte blocks. Math.imul gives
// Java's wrapping int multiplication and `>>>` its unsigned shift, so every intermediate value is
// the int Java would hold.

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/** Kafka's `Utils.murmur2(bytes)`: a signed 32-bit hash, equal to Java's for the same bytes. */
export function murmur2(data: Uint8Array): number {
  const length = data.byteLength;
  let h = SEED ^ length;
  const blocks = length >>> 2;
  for (let i = 0; i < blocks; i++) {
    const i4 = i * 4;
    let k = (data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24)) | 0;
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  // The tail: Java's switch falls through from 3 to 1, so each case mixes in its byte and the
  // ones below it.
  const tail = length & ~3;
  const remaining = length % 4;
  if (remaining === 3) h ^= data[tail + 2]! << 16;
  if (remaining >= 2) h ^= data[tail + 1]! << 8;
  if (remaining >= 1) {
    h ^= data[tail]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not Math.abs, which overflows on MIN_VALUE). */
export function toPositive(value: number): number {
  return value & 0x7fffffff;
}

/**
 * The partition Kafka's default partitioner chooses for a key:
 * `toPositive(murmur2(keyBytes)) % numPartitions`. Strings are hashed as their UTF-8 bytes, as
 * Kafka's StringSerializer writes them.
 */
export function partitionForKey(key: string | Uint8Array, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions < 1) {
    throw new RangeError(`numPartitions must be a positive integer, got ${numPartitions}`);
  }
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  return toPositive(murmur2(bytes)) % numPartitions;
}
