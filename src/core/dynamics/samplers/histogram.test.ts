import { describe, expect, it } from 'vitest'
import { atlas } from '../optimizers/test-lane'
import { runSampling, temperatureShiftTV } from '../testing/sampling'

/**
 * Each equation-of-motion sampler against the exact Boltzmann histogram: TV must stay
 * under the 99.9th percentile a perfect sampler with the same N_eff reaches. On the
 * double well the walkers start uniform over the domain (its populations are the
 * exact ones by symmetry, so the burn-in only has to relax the wells): a sampler that
 * does not reach the Boltzmann density fails, as the negative controls at the end
 * show. On Müller-Brown they start from the exact density (runSampling's default),
 * since reaching its populations from anywhere else takes many hops out of MA. Each row also predicts the
 * discretization bias of its dt as a temperature shift s (dynamics.md) and requires
 * its TV, temperatureShiftTV(s), to stay under a tenth of the bound, so that a pass
 * is not luck of a loose bound.
 *
 * Shifts, with omega^2 the largest Hessian eigenvalue at the minima (8 on the double
 * well, 4068 at MA on Müller-Brown):
 * - Verlet-based (OBABO, Andersen, Bussi, Nosé-Hoover chain): on-step positions sample
 *   exp(-[p^2/2 + omega^2 (1 - omega^2 dt^2/4) q^2/2]/kT), Verlet's shadow invariant on a
 *   harmonic well, so s = 1/(1 - omega^2 dt^2/4) - 1.
 * - BAOAB: exact on a harmonic well, O(dt^2) otherwise; the Verlet s stands in as a
 *   conservative size of that O(dt^2) term.
 * - Euler-Maruyama (overdamped): s = 1/(1 - h omega^2/2) - 1, h = dt/gamma.
 *
 * Physical choices. Double well at kT = 0.5: barrier 1 = 2 kT; omega = 2.83 in the
 * wells, so dt = 0.05 (omega dt = 0.14); the barrier frequency is 2 (saddle
 * eigenvalue -4), and friction near it mixes fastest: a scan of BAOAB's slowest
 * tau over gamma = 0.1, 0.25, 0.5, 1, 2, 8 gave 406, 287, 248, 228, 329, 535 steps
 * (Kramers turnover), so gamma = 1 (and nu = 1 for Andersen, tau = 1/gamma for Bussi).
 * 30 bins: a bin is 0.13 wide in x, half the wells' standard deviation sqrt(kT/8) = 0.25.
 * Müller-Brown at kT = 20: the stiffest well (MA, omega = 63.8) sets dt = 0.002
 * (omega dt = 0.13); the barrier frequency at S1 and S2 is ~27, MA's soft mode 20, and a
 * gamma scan (1, 3, 10, 25) gave the fastest basin hopping near 10 (slowest tau 2931,
 * 2236, 1855 and 4412 steps). 30 bins: 0.09 x 0.073, about MA's stiff-direction
 * standard deviation sqrt(20/4068) = 0.07. Hops out of MA (barrier 106 = 5.3 kT) take
 * thousands of steps, so N_eff, and with it the bound, is set by them; runs are sized so
 * the recorded series is at least ~7 times the slowest tau (except overdamped dynamics on
 * Müller-Brown: see its row).
 */

interface Row {
  method: string
  settings: Record<string, number>
  walkers: number
  steps: number
  burnin: number
  /** Predicted discretization bias as a relative temperature shift. */
  shift: number
  /** Why these settings. */
  note: string
}

const BINS = 30
const verletShift = (omega2: number, dt: number) => 1 / (1 - (omega2 * dt * dt) / 4) - 1
const eulerShift = (omega2: number, h: number) => 1 / (1 - (h * omega2) / 2) - 1

const DOUBLE_WELL: Row[] = [
  // dt 0.05, gamma 1, 1000 walkers x 5000 steps after 500 burn-in, 30 bins; s = 0.0050 (stand-in), TV 0.0018.
  { method: 'baoab', settings: { dt: 0.05, gamma: 1 }, walkers: 1000, steps: 5000, burnin: 500, shift: verletShift(8, 0.05), note: 'friction at the turnover' },
  // dt 0.05, gamma 1 (c = exp(-gamma dt/2) per O), 1000 x 5000, burn-in 500, 30 bins; s = 0.0050, TV 0.0018.
  { method: 'obabo', settings: { dt: 0.05, gamma: 1 }, walkers: 1000, steps: 5000, burnin: 500, shift: verletShift(8, 0.05), note: 'as BAOAB' },
  // h = dt/gamma = 0.002 (only h matters; gamma 1 makes time = h x steps), 500 x 20000, burn-in 1000, 30 bins;
  // s = 1/(1 - 0.008) - 1 = 0.0081, TV 0.0028. A hop takes ~1.1 exp(2) = 8.2 time units = 4100 steps.
  { method: 'overdamped', settings: { dt: 0.002, gamma: 1 }, walkers: 500, steps: 20000, burnin: 1000, shift: eulerShift(8, 0.002), note: 'h small against 2/omega^2 = 0.25' },
  // dt 0.05, nu 1 (a reset every 20 steps, like gamma = 1), 1000 x 5000, burn-in 500, 30 bins; s = 0.0050, TV 0.0018.
  { method: 'andersen', settings: { dt: 0.05, nu: 1 }, walkers: 1000, steps: 5000, burnin: 500, shift: verletShift(8, 0.05), note: 'collision rate like the friction' },
  // dt 0.05, tau 1 (= 1/gamma), 1000 x 5000, burn-in 500, 30 bins; s = 0.0050, TV 0.0018.
  { method: 'bussi', settings: { dt: 0.05, tau: 1 }, walkers: 1000, steps: 5000, burnin: 500, shift: verletShift(8, 0.05), note: 'tau = 1/gamma' },
  // dt 0.05, tau 0.5: the thermostat's own frequency sqrt(2 N_f kT/Q_1) = sqrt(2)/tau = 2.83 matches the wells'
  // omega; chain 3, 3 substeps, 7 Suzuki-Yoshida terms (OpenMM's defaults); 200 x 5000 (its step costs ~15
  // BAOAB steps), burn-in 500, 30 bins; s = 0.0050, TV 0.0018.
  { method: 'nose-hoover-chain', settings: { dt: 0.05, tau: 0.5 }, walkers: 200, steps: 5000, burnin: 500, shift: verletShift(8, 0.05), note: 'thermostat resonant with the wells' },
]

const MULLER_BROWN: Row[] = [
  // dt 0.002, gamma 10, 200 walkers x 25000 steps after 1000 burn-in, 30 bins; s = 0.0041 (stand-in), TV 0.0024.
  { method: 'baoab', settings: { dt: 0.002, gamma: 10 }, walkers: 200, steps: 25000, burnin: 1000, shift: verletShift(4068, 0.002), note: 'friction near the turnover' },
  // dt 0.002, gamma 10, 200 x 25000, burn-in 1000, 30 bins; s = 0.0041, TV 0.0024.
  { method: 'obabo', settings: { dt: 0.002, gamma: 10 }, walkers: 200, steps: 25000, burnin: 1000, shift: verletShift(4068, 0.002), note: 'as BAOAB' },
  // h = 5e-6 (h omega^2/2 = 0.010; h = 1e-5 would give s = 0.021, TV 0.012), 500 x 10000, burn-in 500, 30 bins;
  // s = 0.0103, TV 0.0061. 10000 steps are 0.05 time units, shorter than the mean time to leave MA (Eyring-Kramers:
  // ~0.8): the basin indicator hardly decorrelates, N_eff is of the order of the number of walkers, and the test
  // mostly checks the shape of each basin and that nothing drifts away from the Boltzmann start.
  { method: 'overdamped', settings: { dt: 5e-6, gamma: 1 }, walkers: 500, steps: 10000, burnin: 500, shift: eulerShift(4068, 5e-6), note: 'h well below 2/omega^2 = 4.9e-4' },
  // dt 0.002, nu 10 (like gamma), 200 x 25000, burn-in 1000, 30 bins; s = 0.0041, TV 0.0024.
  { method: 'andersen', settings: { dt: 0.002, nu: 10 }, walkers: 200, steps: 25000, burnin: 1000, shift: verletShift(4068, 0.002), note: 'collision rate like the friction' },
  // dt 0.002, tau 0.1 (= 1/gamma), 200 x 25000, burn-in 1000, 30 bins; s = 0.0041, TV 0.0024.
  { method: 'bussi', settings: { dt: 0.002, tau: 0.1 }, walkers: 200, steps: 25000, burnin: 1000, shift: verletShift(4068, 0.002), note: 'tau = 1/gamma' },
  // dt 0.002, tau 0.1 (= 1/gamma; a scan over tau = 0.07, 0.1, 0.2, 0.4 gave slowest tau 3433, 1658, 3495, 2099
  // steps: no clear optimum within the estimate's noise); OpenMM chain defaults; 100 x 15000 (its step costs ~15
  // BAOAB steps), burn-in 1000, 30 bins; s = 0.0041, TV 0.0024.
  { method: 'nose-hoover-chain', settings: { dt: 0.002, tau: 0.1 }, walkers: 100, steps: 15000, burnin: 1000, shift: verletShift(4068, 0.002), note: 'tau = 1/gamma' },
]

function histogramTest(surfaceId: string, kT: number, row: Row, seed: number, start: 'boltzmann' | 'uniform'): void {
  const { surface } = atlas(surfaceId)
  const result = runSampling({ surface, method: row.method, settings: { kT, ...row.settings }, walkers: row.walkers, steps: row.steps, burnin: row.burnin, seed, bins: BINS, start: start === 'uniform' ? { kind: 'uniform' } : 'boltzmann' })
  const predicted = temperatureShiftTV(surface, kT, row.shift, BINS)
  console.log(
    `${row.method} on ${surfaceId} (kT ${kT}): tv ${result.tv.toFixed(4)}, bound ${result.bound.toFixed(4)}, ` +
      `nEff ${result.nEff.toFixed(0)}, slowest tau ${result.tau.slowest.toFixed(0)} steps, predicted bias ${predicted.toFixed(4)} (s = ${row.shift.toFixed(4)})`,
  )
  expect(predicted).toBeLessThan(result.bound / 10)
  expect(result.tv).toBeLessThanOrEqual(result.bound)
}

describe('equation-of-motion samplers match the exact Boltzmann histogram', () => {
  describe.each(DOUBLE_WELL)('double well at kT = 0.5: $method ($note)', (row) => {
    it('reaches the exact histogram from a uniform start, within the perfect-sampler bound', () => histogramTest('double-well', 0.5, row, 11, 'uniform'))
  })
  describe.each(MULLER_BROWN)('Müller-Brown at kT = 20: $method ($note)', (row) => {
    it('stays within the perfect-sampler bound', () => histogramTest('muller-brown', 20, row, 12, 'boltzmann'))
  })
})

describe('the histogram test catches a sampler that is wrong (negative controls, same harness as the BAOAB row)', () => {
  const row = DOUBLE_WELL[0]
  const run = (settings: Record<string, number>, referenceKT?: number) =>
    runSampling({ surface: atlas('double-well').surface, method: 'baoab', settings: { ...row.settings, ...settings }, walkers: row.walkers, steps: row.steps, burnin: row.burnin, seed: 11, bins: BINS, start: { kind: 'uniform' }, referenceKT })

  it('one that does not move keeps its uniform start and fails the bound', () => {
    // dt = 1e-6: 5,500 steps move a walker ~1e-5, nothing next to a bin of 0.13; the histogram stays uniform
    // (TV from the exact density about 0.6) while N_eff is only the number of walkers.
    const frozen = run({ kT: 0.5, dt: 1e-6 })
    console.log(`frozen BAOAB: tv ${frozen.tv.toFixed(4)}, bound ${frozen.bound.toFixed(4)}`)
    expect(frozen.tv).toBeGreaterThan(frozen.bound)
  })

  it('one that runs 50% hot (kT 0.75 against the exact density at 0.5) fails the bound', () => {
    // TV between the exact densities at kT 0.75 and 0.5 on these bins is about 0.13 (wider wells, more weight
    // near the barrier), above the ~0.06 a perfect sampler of this size reaches.
    const hot = run({ kT: 0.75 }, 0.5)
    console.log(`BAOAB at kT 0.75 against kT 0.5: tv ${hot.tv.toFixed(4)}, bound ${hot.bound.toFixed(4)}`)
    expect(hot.tv).toBeGreaterThan(hot.bound)
  })
})
