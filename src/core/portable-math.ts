import acos from '@stdlib/math-base-special-acos'
import asin from '@stdlib/math-base-special-asin'
import atan from '@stdlib/math-base-special-atan'
import atan2 from '@stdlib/math-base-special-atan2'
import cos from '@stdlib/math-base-special-cos'
import cosh from '@stdlib/math-base-special-cosh'
import exp from '@stdlib/math-base-special-exp'
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
