import { describe, expect, it } from 'vitest'
import { methodById } from '../dynamics/methods'
import { resolveLane } from '../dynamics/resolve'
import { lj38 } from './lj38'
import { lj7TwoD } from './lj7-2d'
import { systemRunSettings } from './run-settings'

describe('settings of a method on a system', () => {
  it("gives Langevin the system's time step, friction and kT", () => {
    expect(systemRunSettings(methodById('baoab')!, lj7TwoD, 0.1, 10)).toEqual({ kT: 0.1, dt: 0.005, gamma: 1 })
    expect(systemRunSettings(methodById('gd')!, lj38, 0.1, 10)).toEqual({})
  })

  it('gives parallel tempering a rung count that divides the walkers, so that the settings resolve', () => {
    for (const walkers of [100, 30, 12, 7, 2]) {
      const s = systemRunSettings(methodById('parallel-tempering')!, lj7TwoD, 0.1, walkers)
      expect(walkers % (s['replicas'] as number)).toBe(0)
      const r = resolveLane('parallel-tempering', s, walkers, lj7TwoD.dim)
      expect(r.ok).toBe(true)
    }
  })
})
