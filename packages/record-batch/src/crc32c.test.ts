// Checks crc32c() against the CRC-32C test vectors of RFC 3720 (iSCSI) appendix B.4 and the
// customary check value of "123456789". The RFC prints each CRC as the bytes sent on the wire,
// least significant first, so "aa 36 91 8a" is the integer 0x8A9136AA.
import { describe, expect, it } from 'vitest';
import { crc32c, crc32cImplementation, crc32cNative, crc32cPortable } from './crc32c.js';

function ascending(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, index) => index);
}

describe('crc32c', () => {
  it('matches RFC 3720 B.4: 32 bytes of zeros', () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
  });

  it('matches RFC 3720 B.4: 32 bytes of 0xFF', () => {
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
  });

  it('matches RFC 3720 B.4: 32 ascending bytes 0..31', () => {
    expect(crc32c(ascending(32))).toBe(0x46dd794e);
  });

  it('matches RFC 3720 B.4: 32 descending bytes 31..0', () => {
    expect(crc32c(ascending(32).reverse())).toBe(0x113fdb5c);
  });

  it('matches RFC 3720 B.4: the 48-byte iSCSI SCSI Read (10) command PDU', () => {
    const pdu = new Uint8Array(48);
    pdu.set([0x01, 0xc0], 0);
    pdu.set([0x14, 0, 0, 0, 0, 0, 0x04, 0, 0, 0, 0, 0x14, 0, 0, 0, 0x18], 16);
    pdu.set([0x28, 0, 0, 0, 0, 0, 0, 0, 0x02], 32);
    // The RFC prints this CRC as "d9 96 3a 56", in the opposite byte order from its other
    // vectors; the value 0xD9963A56 is the one CRC-32C test suites use (LevelDB's and
    // librdkafka's crc32c tests, for two).
    expect(crc32c(pdu)).toBe(0xd9963a56);
  });

  it('gives the CRC-32C check value for "123456789"', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  it('gives 0 for no bytes and reads only the view it is given', () => {
    expect(crc32c(new Uint8Array(0))).toBe(0);
    const padded = new Uint8Array(40).fill(0x5a);
    padded.set(ascending(32), 4);
    expect(crc32c(padded.subarray(4, 36))).toBe(0x46dd794e);
  });

  it('uses the native addon only where it loaded, else the portable one', () => {
    expect(crc32cImplementation).toBe(crc32cNative === undefined ? 'portable' : 'native');
    expect(crc32c).toBe(crc32cNative ?? crc32cPortable);
  });
});

// The addon splits a buffer into three interleaved 4096-byte blocks per 12 KiB and combines
// their CRCs; lengths around those boundaries, and views at odd offsets, must give exactly the
// portable implementation's values.
describe.skipIf(crc32cNative === undefined)('crc32c native addon', () => {
  const native = crc32cNative!;
  const seed = 0x5eed_c3c2;
  let state = seed;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const random = Uint8Array.from({ length: 64 * 1024 + 64 }, () => next() >>> 24);

  it(`matches @node-rs/crc32 around every block boundary and at odd offsets (seed ${seed})`, () => {
    const lengths = [0, 1, 7, 8, 9, 4095, 4096, 4097, 12_287, 12_288, 12_289, 24_576, 24_583, 36_864 + 5, 65_536];
    for (const length of lengths) {
      for (const offset of [0, 1, 3, 5, 8]) {
        const view = random.subarray(offset, offset + length);
        expect(native(view), `length ${length} offset ${offset}`).toBe(crc32cPortable(view));
      }
    }
    for (let round = 0; round < 200; round++) {
      const offset = next() % 64;
      const view = random.subarray(offset, offset + (next() % (random.length - offset)));
      expect(native(view), `offset ${offset} length ${view.byteLength}`).toBe(crc32cPortable(view));
    }
  });

  it('refuses what is not a Uint8Array with a TypeError', () => {
    expect(() => native(new Uint16Array(4) as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => native('bytes' as unknown as Uint8Array)).toThrow(TypeError);
  });
});
