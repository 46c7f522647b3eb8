import FFT from 'fft.js'

/**
 * Integrated autocorrelation time of a stationary series observed in several
 * independent chains (one per walker): tau_int = 1/2 + sum_{t>=1} rho(t), so that
 * N_eff = N / (2 tau_int) for N samples (Sokal, "Monte Carlo methods in
 * statistical mechanics", 1997). rho comes from an FFT per chain, averaged over
 * chains with the mean taken over all of them; the sum stops at Sokal's automatic
 * window, the first W with W >= c tau_int(W), c = 5. Returns tau_int in steps of
 * the series (>= 1/2), or NaN for a series with no variance.
 */
export function integratedTime(chains: readonly Float64Array[], c = 5): number {
  const length = Math.min(...chains.map((s) => s.length))
  if (chains.length === 0 || length < 4) return NaN
  let mean = 0
  for (const s of chains) for (let t = 0; t < length; t++) mean += s[t]!
  mean /= chains.length * length
  const size = nextPowerOfTwo(2 * length)
  const fft = new FFT(size)
  const input = new Float64Array(size)
  const spectrum = fft.createComplexArray() as number[]
  const back = fft.createComplexArray() as number[]
  const acf = new Float64Array(length)
  for (const s of chains) {
    input.fill(0)
    for (let t = 0; t < length; t++) input[t] = s[t]! - mean
    fft.realTransform(spectrum, input)
    fft.completeSpectrum(spectrum)
    for (let k = 0; k < size; k++) {
      spectrum[2 * k] = spectrum[2 * k]! ** 2 + spectrum[2 * k + 1]! ** 2
      spectrum[2 * k + 1] = 0
    }
    fft.inverseTransform(back, spectrum)
    // Zero padding to 2 * length makes this the linear (not circular) autocovariance.
    for (let t = 0; t < length; t++) acf[t]! += back[2 * t]! / (length - t)
  }
  if (!(acf[0]! > 0)) return NaN
  let tau = 0.5
  for (let w = 1; w < length; w++) {
    tau += acf[w]! / acf[0]!
    if (w >= c * tau) return Math.max(0.5, tau)
  }
  return Math.max(0.5, tau)
}

function nextPowerOfTwo(n: number): number {
  let p = 4
  while (p < n) p *= 2
  return p
}

/**
 * The effective number of independent samples in `samples` draws whose slowest
 * observable has integrated time `tau` (in the same steps): N / (2 tau).
 */
export function effectiveSampleSize(samples: number, tau: number): number {
  return Number.isFinite(tau) && tau > 0 ? samples / (2 * tau) : samples
}
