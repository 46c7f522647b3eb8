import { describe, expect, it } from 'vitest'
import { MASS } from '../method'
import { atlas, testLane } from '../../../testing/test-lane'

/**
 * Velocity Verlet is symplectic and time-reversible: the energy error is O(dt^2) and
 * bounded, with no drift (Hairer, Lubich & Wanner 2003). One walker on the double well, started at
 * (0.2, 0.3) with the Maxwell-Boltzmann velocity of seed 1 at kT = 0.5: E0 = 1.12,
 * above the barrier (1), so it swings through both wells and over the saddle.
 * Same physical time (2000) at dt = 0.02 (10^5 steps) and dt = 0.01 (2 x 10^5 steps).
 */
function energyError(dt: number, steps: number): { max: number; drift: number } {
  const lane = testLane({
    surface: atlas('double-well').surface,
    method: 'nve',
    settings: { kT: 0.5, dt },
    start: { kind: 'point', x: 0.2, y: 0.3 },
    seed: 1,
  })
  const w = lane.walkers
  const energy = () => w.u[0] + 0.5 * MASS * (w.vx[0] * w.vx[0] + w.vy[0] * w.vy[0])
  const e0 = energy()
  const tenth = steps / 10
  let max = 0
  let first = 0
  let last = 0
  for (let t = 0; t < steps; t++) {
    lane.advance(1)
    const error = energy() - e0
    max = Math.max(max, Math.abs(error))
    if (t < tenth) first += error / tenth
    if (t >= steps - tenth) last += error / tenth
  }
  console.log(
    `nve dt ${dt}: E0 ${e0.toFixed(4)}, max|E - E0| ${max.toExponential(3)}, ` +
      `drift (mean of last tenth - first tenth) ${(last - first).toExponential(3)}`,
  )
  return { max, drift: last - first }
}

describe('NVE (velocity Verlet)', () => {
  it('conserves energy to O(dt^2) without drift', () => {
    const coarse = energyError(0.02, 100_000)
    const fine = energyError(0.01, 200_000)
    const ratio = coarse.max / fine.max
    console.log(`nve: max|E - E0| ratio for dt 0.02 -> 0.01: ${ratio.toFixed(3)}`)
    expect(ratio).toBeGreaterThan(3)
    expect(ratio).toBeLessThan(5)
    for (const run of [coarse, fine]) expect(Math.abs(run.drift)).toBeLessThan(0.01 * run.max)
  })
})
