// Checks murmur2 and partitionForKey against values Kafka's Java client produces: the vectors of
// Kafka's UtilsTest.testMurmur2, hashes printed by Java's Utils.murmur2 (as kafkajs's
// Java-compatible partitioner tests record them), and partitions Kafka's partitioner chose for
// 1000 partitions (as kafka-python's Java-compatibility test records them). A wrong seed, byte
// order, sign handling or tail case changes these numbers.
import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey, toPositive } from './murmur2.js';

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

describe('murmur2', () => {
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('matches Kafka UtilsTest.testMurmur2 for %j', (key, expected) => {
    expect(murmur2(utf8(key))).toBe(expected);
  });

  it.each([
    ['0', 971027396],
    ['1', -1993445489],
    ['12', 126087238],
    ['123', -267702483],
    ['1234', -1614185708],
    ['12345', -1188365604],
  ])('matches Java Utils.murmur2 for %j (every tail length)', (key, expected) => {
    expect(murmur2(utf8(key))).toBe(expected);
  });

  it('agrees with a BigInt transcription of the Java code on bytes with the high bit set', () => {
    // Bytes >= 0x80 are where a signed-byte mistake (Java masks with & 0xff) would show; the
    // oracle does Java's int arithmetic with BigInt.asIntN, independent of Math.imul and >>>.
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + 0x80) & 0xff);
      expect(murmur2(bytes)).toBe(javaMurmur2(bytes));
    }
  });
});

describe('partitionForKey', () => {
  it.each([
    ['', 681],
    ['a', 524],
    ['ab', 434],
    ['abc', 107],
    ['123456789', 566],
    ['\u0000 ', 742],
  ])('places %j where Kafka does with 1000 partitions', (key, expected) => {
    expect(partitionForKey(key, 1000)).toBe(expected);
  });

  it('agrees for strings and their UTF-8 bytes, including non-ASCII keys', () => {
    for (const key of ['order-17', 'clé', '键', '']) {
      expect(partitionForKey(key, 12)).toBe(partitionForKey(utf8(key), 12));
    }
  });

  it('uses toPositive, not Math.abs, for negative hashes', () => {
    // "21" hashes to -973932308; Math.abs would give 973932308 % 7 = 5, Kafka gives
    // (-973932308 & 0x7fffffff) % 7 = 1173551340 % 7.
    expect(partitionForKey('21', 7)).toBe(1173551340 % 7);
    expect(toPositive(-2147483648)).toBe(0);
  });

  it('refuses a partition count below 1', () => {
    expect(() => partitionForKey('k', 0)).toThrow(RangeError);
  });
});

function javaMurmur2(data: Uint8Array): number {
  const int = (value: bigint): bigint => BigInt.asIntN(32, value);
  const ushr = (value: bigint, bits: bigint): bigint => BigInt.asUintN(32, value) >> bits;
  const m = 0x5bd1e995n;
  let h = int(BigInt(0x9747b28c) ^ BigInt(data.length));
  const blocks = Math.floor(data.length / 4);
  for (let i = 0; i < blocks; i++) {
    let k = 0n;
    for (let b = 0; b < 4; b++) k += BigInt(data[i * 4 + b]! & 0xff) << BigInt(8 * b);
    k = int(k);
    k = int(k * m);
    k = int(k ^ ushr(k, 24n));
    k = int(k * m);
    h = int(h * m);
    h = int(h ^ k);
  }
  const tail = blocks * 4;
  const rest = data.length % 4;
  if (rest === 3) h = int(h ^ (BigInt(data[tail + 2]!) << 16n));
  if (rest >= 2) h = int(h ^ (BigInt(data[tail + 1]!) << 8n));
  if (rest >= 1) h = int(int(h ^ BigInt(data[tail]!)) * m);
  h = int(h ^ ushr(h, 13n));
  h = int(h * m);
  h = int(h ^ ushr(h, 15n));
  return Number(h);
}
