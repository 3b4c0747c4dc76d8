// A small seeded pseudo-random generator (xoshiro128**, seeded through splitmix32), so that
// every stochastic step in discovery (tree building, sampling, synthetic data) is repeatable
// from one integer. Math.random cannot be seeded, and results that change from run to run
// make rankings impossible to compare or test.

/** Expands any 32-bit seed into well-mixed state words; consecutive seeds give unrelated streams. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed = 0) {
    const mix = splitmix32(seed);
    this.s0 = mix();
    this.s1 = mix();
    this.s2 = mix();
    this.s3 = mix();
    // xoshiro must never hold the all-zero state; splitmix practically never yields it, but be sure.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Uniform integer in [0, 2^32). */
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

  /** Uniform double in [0, 1) with the full 53 bits of resolution. */
  nextFloat(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / TWO_POW_53;
  }

  /** Uniform integer in [0, bound), without modulo bias. `bound` must be in [1, 2^32]. */
  nextInt(bound: number): number {
    if (!(bound >= 1 && bound <= TWO_POW_32)) throw new RangeError(`nextInt bound out of range: ${bound}`);
    const limit = TWO_POW_32 - (TWO_POW_32 % bound);
    let x: number;
    do x = this.nextUint32();
    while (x >= limit);
    return x % bound;
  }

  /** Standard normal deviate (Box–Muller; the spare value is discarded to keep the state simple). */
  nextGaussian(): number {
    let u = 0;
    while (u === 0) u = this.nextFloat();
    const v = this.nextFloat();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A seed for an independent child generator, e.g. one per tree so trees can be built in any order. */
  nextSeed(): number {
    return this.nextUint32();
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T extends { length: number; [i: number]: number }>(values: T): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
    return values;
  }

  /**
   * `size` distinct integers from [0, population), in random order. Floyd's algorithm keeps the
   * cost proportional to `size`, so drawing 256 rows from a million does not touch a million slots.
   */
  sampleWithoutReplacement(population: number, size: number): Int32Array {
    if (size > population || size < 0) throw new RangeError(`cannot draw ${size} distinct values from ${population}`);
    const out = new Int32Array(size);
    if (size * 4 > population) {
      const all = new Int32Array(population);
      for (let i = 0; i < population; i++) all[i] = i;
      for (let i = 0; i < size; i++) {
        const j = i + this.nextInt(population - i);
        const tmp = all[i];
        all[i] = all[j];
        all[j] = tmp;
        out[i] = all[i];
      }
      return out;
    }
    const chosen = new Set<number>();
    let filled = 0;
    for (let j = population - size; j < population; j++) {
      const t = this.nextInt(j + 1);
      const pick = chosen.has(t) ? j : t;
      chosen.add(pick);
      out[filled++] = pick;
    }
    return this.shuffle(out);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
