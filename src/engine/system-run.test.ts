import { describe, expect, it } from 'vitest'
import { MoleculeRun, SAMPLE_EVERY } from './system-run'
import { WALKER_KIND } from './system-protocol'

/** A clock that moves 1 ms each time it is read: frames and quenches happen on a schedule the test knows. */
function fakeClock(): () => number {
  let t = 0
  return () => t++
}

describe('a molecule run as the system worker runs it', () => {
  it('samples LJ7-2D into a free-energy surface, quenches walkers into the catalogue, and reproduces', () => {
    const setup = {
      system: 'lj7-2d',
      method: 'baoab',
      settings: { kT: 0.1, dt: 0.005, gamma: 1 },
      walkers: 8,
      seed: 3,
      start: { kind: 'minimum', index: 0 } as const,
      cvs: [0, 1] as [number, number],
    }
    const run = new MoleculeRun(setup, 1, fakeClock())
    expect(run.loaded().cvs.map((c) => c.id)).toEqual(['mu2', 'mu3', 'rg', 'energy'])
    expect(run.loaded().thermal).toBe(true)
    const f = run.frame({ advance: 200, budgetMs: 1e9, chosen: 2, cvs: [0, 1] })
    expect(f.step).toBe(200)
    expect(f.chosen).toBe(2)
    expect(f.q).toHaveLength(14)
    expect(Array.from(f.kinds).every((k) => k === WALKER_KIND.running)).toBe(true)
    // The start's samples and one per SAMPLE_EVERY steps, for each of the 8 walkers.
    expect(f.surface!.samples).toBe(8 * (1 + 200 / SAMPLE_EVERY))
    const filled = Array.from(f.surface!.F).filter((v) => !Number.isNaN(v))
    expect(Math.min(...filled)).toBe(0)
    // The first frame quenched one walker: from near the hexagon, the hexagon.
    expect(f.catalogue!.rows[0]!.energy).toBeCloseTo(-12.534867, 5)
    const again = new MoleculeRun(setup, 2, fakeClock()).frame({ advance: 200, budgetMs: 1e9, chosen: 2, cvs: [0, 1] })
    expect(Array.from(again.energies)).toEqual(Array.from(f.energies))
    // Other variables start the surface afresh.
    const g = run.frame({ advance: 10, budgetMs: 1e9, chosen: 0, cvs: [2, 3] })
    expect(g.step).toBe(210)
    expect(g.surface!.samples).toBe(16)
  })

  it('says why a setting is wrong, naming it', () => {
    const bad = () =>
      new MoleculeRun(
        {
          system: 'lj13',
          method: 'parallel-tempering',
          settings: { replicas: 4 },
          walkers: 7,
          seed: 1,
          start: { kind: 'random' },
          cvs: [0, 1],
        },
        1,
      )
    expect(bad).toThrow(/7 walkers cannot form ensembles of 4 replicas/)
  })
})
