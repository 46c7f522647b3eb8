/**
 * Random starting states: atoms placed one by one, uniformly in a disc or ball, each at least
 * `minDistance` from those already placed (random sequential addition), so that no start sits
 * on the r^-12 wall of an overlapping pair. Deterministic given the uniform draws.
 */

/**
 * Tries per atom before the last try is kept (reached only when the ball is too small to hold
 * the atoms apart).
 */
const TRIES = 1000

/**
 * Writes n atoms of s coordinates, uniform in the ball of `radius` around the origin and
 * `minDistance` apart, into out.
 */
export function randomCluster(
  n: number,
  s: 2 | 3,
  radius: number,
  minDistance: number,
  uniform: () => number,
  out: Float64Array,
): void {
  const min2 = minDistance * minDistance
  for (let i = 0; i < n; i++) {
    for (let attempt = 0; attempt < TRIES; attempt++) {
      let r2 = Infinity
      while (r2 > 1) {
        r2 = 0
        for (let k = 0; k < s; k++) {
          const c = 2 * uniform() - 1
          out[s * i + k] = c
          r2 += c * c
        }
      }
      for (let k = 0; k < s; k++) out[s * i + k] = radius * out[s * i + k]!
      if (clearOf(out, i, s, min2)) break
    }
  }
}

/** Whether atom i is at least sqrt(min2) from atoms 0..i-1. */
function clearOf(q: Float64Array, i: number, s: number, min2: number): boolean {
  for (let j = 0; j < i; j++) {
    let d2 = 0
    for (let k = 0; k < s; k++) {
      const d = q[s * i + k]! - q[s * j + k]!
      d2 += d * d
    }
    if (d2 < min2) return false
  }
  return true
}
