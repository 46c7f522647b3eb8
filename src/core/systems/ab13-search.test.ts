import { describe, expect, it } from 'vitest'
import { GLOBAL_TOLERANCE } from '../dynamics/system-lane'
import { systemById } from './index'
import { searchMinima } from './search'

const ab13 = systemById('ab-2d-13')!
/** Hsu, Mehra & Grassberger (2003): -3.2941; -3.294078 on local minimisation from the published angles. */
const AB13_GROUND = -3.294078

/**
 * The issue's "AB-13 to its published value in at least 90% of seeds", with the AB chains' own
 * search settings: parallel tempering over 16 rungs from kT 0.05 to 1 (BAOAB at dt 0.005), every
 * walker quenched every budget / 50 steps. Nine of seeds 1-10 reach the ground state, after
 * 16,000 to 312,000 steps (mean 136,000); seed 5 is still in the -3.199 funnel at 400,000. The
 * budget is 400,000 steps and at least 9 of the 10 must arrive. Basin hopping, by contrast,
 * finds it in none of 10 seeds within 1,000 quenches (npm run bench): in turning angles the
 * ground state's basin is far from the deep -3.199 and -2.448 funnels.
 */
describe('AB-13 global search', () => {
  it('parallel tempering reaches the published ground state within 400,000 steps in at least 9 of 10 seeds', () => {
    let found = 0
    for (let seed = 1; seed <= 10; seed++) {
      const r = searchMinima(ab13, { method: 'parallel-tempering', budget: 400_000, seed, stopAtGlobal: true })
      expect(r.walkers).toBe(16)
      if (r.globalAt === null) continue
      found++
      expect(r.best.energy).toBeGreaterThanOrEqual(AB13_GROUND - GLOBAL_TOLERANCE)
      expect(r.best.energy).toBeLessThan(AB13_GROUND + GLOBAL_TOLERANCE)
    }
    expect(found).toBeGreaterThanOrEqual(9)
  }, 300_000)
})
