const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

/**
 * The first `nextDouble()` of `new java.util.Random(seed)`: what AWS's `$random(seed)`
 * returns (`$random(42)` is 0.7275636800328681 on AWS, floci-io/floci issue #2662). The
 * same seed always gives the same number.
 */
export function javaRandomFirstDouble(seed: number): number {
  let state = (BigInt.asIntN(64, BigInt(Math.floor(seed))) ^ MULTIPLIER) & MASK;
  const next = (bits: bigint): bigint => {
    state = (state * MULTIPLIER + ADDEND) & MASK;
    return state >> (48n - bits);
  };
  const high = next(26n);
  const low = next(27n);
  return Number((high << 27n) + low) / 2 ** 53;
}
