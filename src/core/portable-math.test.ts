import stdlibExp from '@stdlib/math-base-special-exp'
import { describe, expect, it } from 'vitest'
import { exp } from './portable-math'
import { RandomStream } from './random'

/** The bits of a double, for comparisons where -0 and 0, or two NaNs, must be told apart or matched. */
const bits = (v: number) => {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, v)
  return view.getBigUint64(0)
}

describe('portable exp', () => {
  it(
    "gives stdlib's bits on every argument tried: " +
      'a million across the range, the edges, subnormal results, specials',
    () => {
      const random = new RandomStream(2026, 1)
      const args: number[] = [
        0,
        -0,
        1,
        -1,
        NaN,
        Infinity,
        -Infinity,
        709.78,
        709.782712893383973096,
        709.7827128933841,
        -745.13321910194110842,
        -745.1332191019412,
        -708.4,
        -708.39641853226408,
        2 ** -28,
        -(2 ** -28),
        2 ** -29,
        1e-300,
        -1e-300,
      ]
      for (let k = 0; k < 1_000_000; k++) {
        const u = random.uniform()
        // Uniform over [-746, 711], and as many within |x| < 2 where most runs live, and in the subnormal tail.
        args.push(k % 3 === 0 ? -746 + 1457 * u : k % 3 === 1 ? -2 + 4 * u : -745.2 + 37 * u)
      }
      for (let k = -1100; k <= 1100; k++) args.push(k * Math.LN2, k * Math.LN2 * (1 + 2 ** -52), k / 2)
      const differ = args.filter((x) => bits(exp(x)) !== bits(stdlibExp(x)))
      expect(differ.slice(0, 5)).toEqual([])
    },
  )
})
