import acos from '@stdlib/math-base-special-acos'
import asin from '@stdlib/math-base-special-asin'
import atan from '@stdlib/math-base-special-atan'
import atan2 from '@stdlib/math-base-special-atan2'
import cos from '@stdlib/math-base-special-cos'
import cosh from '@stdlib/math-base-special-cosh'
import log from '@stdlib/math-base-special-ln'
import pow from '@stdlib/math-base-special-pow'
import sin from '@stdlib/math-base-special-sin'
import sinh from '@stdlib/math-base-special-sinh'
import tan from '@stdlib/math-base-special-tan'
import tanh from '@stdlib/math-base-special-tanh'

/**
 * Elementary functions that give the same bits in every JavaScript engine.
 * Math.exp, Math.log, Math.sin and most of their kin are not: V8 changed its
 * implementations between the one in Node 20 and the one in Chromium 156, and
 * they disagree in the last bit on 1 to 10% of arguments, which is enough for
 * two runs of the same seed to part ways after a few hundred steps. stdlib's
 * functions are fdlibm's algorithms (FreeBSD msun) written in plain IEEE-754
 * arithmetic, which every engine rounds alike; sqrt, abs, min and max are exact
 * operations and stay native. Everything that moves walkers uses these.
 */
/** 2^k for k = -1022..1023, built from their bit patterns (exact), at POW2[k + 1022]. */
const POW2 = (() => {
  const table = new Float64Array(2046)
  const view = new DataView(new ArrayBuffer(8))
  for (let k = -1022; k <= 1023; k++) {
    view.setUint32(0, (k + 1023) << 20)
    view.setUint32(4, 0)
    table[k + 1022] = view.getFloat64(0)
  }
  return table
})()
const TWO60 = 1152921504606846976
const TWO_M60 = 1 / TWO60

/** y 2^k, rounded once (a product by a power of two is exact unless the result is subnormal). */
function scale(y: number, k: number): number {
  if (k > 1023) return y * POW2[1023 + 1022]! * POW2[k - 1023 + 1022]!
  if (k < -1022) {
    // stdlib's ldexp returns 0 when the result's exponent is below the smallest subnormal's, 2^-1074 (it does not round
    // up to it).
    if (k + (y < 1 ? -1 : 0) < -1074) return 0
    return y * POW2[k + 60 + 1022]! * TWO_M60
  }
  return y * POW2[k + 1022]!
}

/**
 * e^x: stdlib's exp (fdlibm's e_exp.c: x = k ln 2 + r, e^r by a rational
 * approximation) with the same constants and operations in the same order, so
 * the same bits, but with its final ldexp (which goes through the number's
 * words in typed arrays) replaced by products with exact powers of two. It is
 * the hottest function of every run; this form is several times faster, and a
 * test checks it bit for bit against stdlib's over the whole range.
 */
export function exp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x
  if (x === -Infinity) return 0
  if (x > 7.09782712893383973096e2) return Infinity
  if (x < -7.4513321910194110842e2) return 0
  if (x > -3.725290298461914e-9 && x < 3.725290298461914e-9) return 1 + x
  const k = Math.trunc(x < 0 ? 1.442695040888963387 * x - 0.5 : 1.442695040888963387 * x + 0.5)
  const hi = x - k * 6.9314718036912381649e-1
  const lo = k * 1.90821492927058770002e-10
  const r = hi - lo
  const t = r * r
  const c =
    r -
    t *
      (0.16666666666666602 +
        t *
          (-0.0027777777777015593 +
            t * (0.00006613756321437934 + t * (-0.0000016533902205465252 + t * 4.1381367970572385e-8))))
  const y = 1.0 - (lo - (r * c) / (2.0 - c) - hi)
  return k === 0 ? y : scale(y, k)
}

export interface MathTable {
  exp(x: number): number
  log(x: number): number
  sqrt(x: number): number
  sin(x: number): number
  cos(x: number): number
  tan(x: number): number
  asin(x: number): number
  acos(x: number): number
  atan(x: number): number
  atan2(y: number, x: number): number
  sinh(x: number): number
  cosh(x: number): number
  tanh(x: number): number
  abs(x: number): number
  sign(x: number): number
  min(a: number, b: number): number
  max(a: number, b: number): number
  pow(a: number, b: number): number
}

export const portableMath: MathTable = {
  exp,
  log,
  sqrt: Math.sqrt,
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  atan2,
  sinh,
  cosh,
  tanh,
  abs: Math.abs,
  sign: Math.sign,
  min: (a, b) => Math.min(a, b),
  max: (a, b) => Math.max(a, b),
  pow,
}

/** The engine's own functions: faster, for what only draws or analyses (plots, critical points). */
export const nativeMath: MathTable = Math
