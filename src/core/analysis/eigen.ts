/**
 * Eigen-decomposition of the symmetric 2x2 matrix [[a, b], [b, c]].
 * Writes out[0] <= out[1] (the eigenvalues) and out[2], out[3] = (cos t, sin t),
 * the unit eigenvector of out[1]; the eigenvector of out[0] is (-sin t, cos t).
 */
export function symmetricEigen(a: number, b: number, c: number, out: Float64Array): void {
  const mean = 0.5 * (a + c)
  const radius = Math.hypot(0.5 * (a - c), b)
  // m - r loses every digit when the two nearly cancel (a valley floor, a ring of minima):
  // the small eigenvalue comes from the determinant instead.
  const large = mean >= 0 ? mean + radius : mean - radius
  const small = large === 0 ? 0 : (a * c - b * b) / large
  out[0] = Math.min(large, small)
  out[1] = Math.max(large, small)
  const angle = 0.5 * Math.atan2(2 * b, a - c)
  out[2] = Math.cos(angle)
  out[3] = Math.sin(angle)
}
