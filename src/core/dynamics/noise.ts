import { normalPair, normals4, philox4x32, seedKey, uniformOpen } from '../random'

/**
 * Per-walker, per-step random numbers from the counter-based generator: the
 * words for walker i at step t and stream s are philox(counter = (i, t mod 2^32,
 * t div 2^32, s), key = seed). A run therefore draws the same numbers whether it
 * is advanced one step per call or a thousand, and a walker's numbers do not
 * depend on how many walkers run beside it.
 */

/** Distinct uses of randomness within one step (and at set-up). */
export const STREAM = {
  /** The main stochastic kick of a step (O step, Langevin noise, proposal). */
  kick: 0,
  /** A second, independent kick in the same step (OBABO's second O, HMC momenta...). */
  kick2: 1,
  /** Accept/reject and collision coins. */
  coin: 2,
  /** Perturbations of optimizers (perturbed GD, SGLD). */
  perturb: 3,
  /** Start positions, drawn once (t = 0). */
  start: 16,
  /** Initial Maxwell-Boltzmann velocities, drawn once (t = 0). */
  velocity: 17,
  /** Replica swaps of parallel tempering (walker index = pair index). */
  swap: 18,
} as const

const TWO32 = 0x100000000
/** The stream stride between successive draws of one walker's many normals at one step (see normals()). */
export const BLOCK = 256

export class Noise {
  readonly words = new Uint32Array(4)
  private readonly k0: number
  private readonly k1: number

  constructor(readonly seed: number) {
    ;[this.k0, this.k1] = seedKey(seed)
  }

  /** Fills `words` for walker i, step t, stream s. */
  draw(i: number, t: number, s: number): Uint32Array {
    philox4x32(i, t % TWO32, Math.floor(t / TWO32), s, this.k0, this.k1, this.words)
    return this.words
  }

  /**
   * Two standard normals (Box-Muller on words 0 and 1) into out[k], out[k + 1];
   * words 2 and 3 stay available as uniforms for the same draw.
   */
  normal2(i: number, t: number, s: number, out: Float64Array, k = 0): void {
    const w = this.draw(i, t, s)
    normalPair(w[0]!, w[1]!, out, k)
  }

  /** Four standard normals into out[k..k+3]. */
  normal4(i: number, t: number, s: number, out: Float64Array, k = 0): void {
    normals4(this.draw(i, t, s), out, k)
  }

  /**
   * `count` standard normals into out[k .. k + count), for a state of many coordinates:
   * four per draw, draw b at stream s + BLOCK b (draw 0 is normal4's), so a walker's
   * normals at one step do not depend on how many other walkers or coordinates there are
   * beyond its own.
   */
  normals(i: number, t: number, s: number, out: Float64Array, k: number, count: number): void {
    const whole = count - (count % 4)
    let b = 0
    for (let c = 0; c < whole; c += 4, b++) normals4(this.draw(i, t, s + BLOCK * b), out, k + c)
    if (whole === count) return
    normals4(this.draw(i, t, s + BLOCK * b), this.spare, 0)
    for (let c = whole; c < count; c++) out[k + c] = this.spare[c - whole]!
  }

  private readonly spare = new Float64Array(4)

  /** One uniform in (0, 1). */
  uniform(i: number, t: number, s: number): number {
    return uniformOpen(this.draw(i, t, s)[0]!)
  }
}

export { uniformOpen }
