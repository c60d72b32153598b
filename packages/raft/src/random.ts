// Randomness enters the pure core only through this interface, so that a seed fixes every
// election timeout and a simulation can be replayed exactly (STYLE.md "Pure cores").

export interface Random {
  /** An integer in [0, bound). `bound` is a positive integer below 2^32. */
  nextInt(bound: number): number;
}

/**
 * xoshiro128** (Blackman and Vigna), seeded through splitmix32 so that nearby seeds give
 * unrelated streams. Fast, small state, good enough statistics for timeouts and fault schedules.
 */
export class SeededRandom implements Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const next = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 0x1_0000_0000) {
      throw new RangeError(`nextInt bound must be an integer in [1, 2^32], got ${bound}`);
    }
    // Multiply-shift maps 32 random bits onto [0, bound) with negligible bias for small bounds.
    return Math.floor((this.nextUint32() / 0x1_0000_0000) * bound);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.nextUint32() / 0x1_0000_0000 < p;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
