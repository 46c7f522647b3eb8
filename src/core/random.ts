import { portableMath as pm } from './portable-math'

/**
 * Counter-based random numbers: Philox4x32-10 (Salmon et al., "Parallel random
 * numbers: as easy as 1, 2, 3", SC'11). The output is a pure function of a
 * 128-bit counter and a 64-bit key, so walker w at step t draws the same numbers
 * however the run is split into calls, and in every JS engine (only integer
 * arithmetic; Math.imul and shifts are exact everywhere).
 */

const M0 = 0xd2511f53
const M1 = 0xcd9e8d57
const W0 = 0x9e3779b9
const W1 = 0xbb67ae85

/** High 32 bits of the 64-bit product of two uint32 values. */
function mulhi(a: number, b: number): number {
  const al = a & 0xffff
  const ah = a >>> 16
  const bl = b & 0xffff
  const bh = b >>> 16
  const lh = al * bh
  const hl = ah * bl
  const mid = ((al * bl) >>> 16) + (lh & 0xffff) + (hl & 0xffff)
  return (ah * bh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0
}

/** Writes the four output words for counter (c0..c3) and key (k0, k1) into out[0..3]. */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
): void {
  c0 >>>= 0
  c1 >>>= 0
  c2 >>>= 0
  c3 >>>= 0
  k0 >>>= 0
  k1 >>>= 0
  for (let round = 0; round < 10; round++) {
    const hi0 = mulhi(M0, c0)
    const lo0 = Math.imul(M0, c0) >>> 0
    const hi1 = mulhi(M1, c2)
    const lo1 = Math.imul(M1, c2) >>> 0
    c0 = (hi1 ^ c1 ^ k0) >>> 0
    c1 = lo1
    c2 = (hi0 ^ c3 ^ k1) >>> 0
    c3 = lo0
    k0 = (k0 + W0) >>> 0
    k1 = (k1 + W1) >>> 0
  }
  out[0] = c0
  out[1] = c1
  out[2] = c2
  out[3] = c3
}

/** A uint32 word to a uniform number in the open interval (0, 1): safe for log(). */
export function uniformOpen(word: number): number {
  return (word + 0.5) * 2.3283064365386963e-10
}

/** The 64-bit key of a seed (any integer up to 2^53, or a negative one) as two words. */
export function seedKey(seed: number): [number, number] {
  if (!Number.isSafeInteger(seed)) throw new Error(`seed ${seed} is not a safe integer`)
  const u = seed < 0 ? -seed : seed
  return [(u % 0x100000000) >>> 0, (Math.floor(u / 0x100000000) | (seed < 0 ? 0x200000 : 0)) >>> 0]
}

/**
 * Box-Muller on four words: four independent standard normals into out[k..k+3].
 * Uniforms have 32-bit resolution, so |z| < 6.7; the tails beyond that carry a
 * probability of 2e-11, far below anything a run here can resolve.
 */
export function normals4(words: Uint32Array, out: Float64Array, k: number): void {
  normalPair(words[0]!, words[1]!, out, k)
  normalPair(words[2]!, words[3]!, out, k + 2)
}

/** Box-Muller: two standard normals from two 32-bit words, into out[k], out[k + 1]. */
export function normalPair(a: number, b: number, out: Float64Array, k: number): void {
  const r = Math.sqrt(-2 * pm.log(uniformOpen(a)))
  const theta = 2 * Math.PI * uniformOpen(b)
  out[k] = r * pm.cos(theta)
  out[k + 1] = r * pm.sin(theta)
}

/**
 * A sequential stream on top of the counter-based generator, for set-up work
 * and analysis (not the per-step hot loop): stream `stream` of seed `seed`.
 */
export class RandomStream {
  private readonly key: [number, number]
  private readonly words = new Uint32Array(4)
  private readonly gauss = new Float64Array(4)
  private counter = 0
  private used = 4
  private usedNormals = 4

  constructor(
    seed: number,
    private readonly stream = 0,
  ) {
    this.key = seedKey(seed)
  }

  /** Uniform in (0, 1). */
  uniform(): number {
    if (this.used === 4) this.refill()
    return uniformOpen(this.words[this.used++]!)
  }

  normal(): number {
    if (this.usedNormals === 4) {
      this.refill()
      normals4(this.words, this.gauss, 0)
      this.used = 4
      this.usedNormals = 0
    }
    return this.gauss[this.usedNormals++]!
  }

  private refill(): void {
    philox4x32(
      this.counter % 0x100000000,
      Math.floor(this.counter / 0x100000000),
      this.stream,
      0x5eed,
      this.key[0],
      this.key[1],
      this.words,
    )
    this.counter++
    this.used = 0
  }
}
