// Seeded pseudo-random numbers for the demo collection. Every object gets its own stream,
// derived from (collection seed, object index), so an object's pixels never depend on how
// many objects came before it or on which worker drew it: the same seed gives the same bytes.

/** Mixes 32-bit words into one well-spread seed (the murmur3 finaliser over a running hash). */
export function mixSeed(...words: number[]): number {
  let h = 0x9e3779b9;
  for (const word of words) {
    h = Math.imul(h ^ (word >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for pictures; period 2^32 per stream. */
export class Random {
  private state: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Uniform in log space: for scales that span decades (fluxes, sizes, densities). */
  logUniform(low: number, high: number): number {
    return Math.exp(this.uniform(Math.log(low), Math.log(high)));
  }

  /** Integer in [low, high], both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const keys = Object.keys(weights) as K[];
    let total = 0;
    for (const key of keys) total += weights[key];
    let u = this.next() * total;
    for (const key of keys) {
      u -= weights[key];
      if (u < 0) return key;
    }
    return keys[keys.length - 1];
  }

  /** Standard normal (Box–Muller, keeping the second value of each pair). */
  normal(): number {
    if (this.spareNormal !== null) {
      const value = this.spareNormal;
      this.spareNormal = null;
      return value;
    }
    const u = 1 - this.next(); // (0, 1]: log stays finite
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  gaussian(mean: number, sigma: number): number {
    return mean + sigma * this.normal();
  }

  /** Poisson count; Knuth's method is fine for the small means the scenes use. */
  poisson(mean: number): number {
    if (mean > 30) return Math.max(0, Math.round(this.gaussian(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Fills `out` with standard normals (Marsaglia's polar method: no trigonometry). */
  fillNormal(out: Float32Array): void {
    const n = out.length;
    let i = 0;
    while (i < n) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      out[i++] = u * factor;
      if (i < n) out[i++] = v * factor;
    }
  }
}
