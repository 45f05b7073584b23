const MULTIPLIER = 0x5deece66dn;
const MASK = (1n << 48n) - 1n;

/**
 * The first `nextInt(bound)` of Java's `new java.util.Random(seed)`: a seeded
 * States.MathRandom must give the same number on every run, and AWS runs on Java.
 */
export function seededRandomInt(seed: number, bound: number): number {
  let state = (BigInt(seed) ^ MULTIPLIER) & MASK;
  const next31 = (): number => {
    state = (state * MULTIPLIER + 0xbn) & MASK;
    return Number(state >> 17n);
  };
  // Beyond int range Java's nextInt is undefined; scale one draw instead.
  if (bound > 0x7fffffff) return Math.floor((next31() / 2 ** 31) * bound);
  if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(next31())) >> 31n);
  for (;;) {
    const bits = next31();
    const value = bits % bound;
    // Java rejects draws from the incomplete last block (this int sum overflows).
    if (((bits - value + (bound - 1)) | 0) >= 0) return value;
  }
}
