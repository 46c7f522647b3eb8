import { describe, expect, it } from 'vitest'
import { moleculeSetup, startChoices, TYPED_AB, type MoleculeForm } from './setup'
import { lj7TwoD } from '../../core/systems/lj7-2d'

const form: MoleculeForm = {
  system: 'lj7-2d',
  sequence: '',
  method: 'baoab',
  walkers: 20,
  kT: 0.1,
  seed: 1,
  start: 0,
}

describe('the molecule section form', () => {
  it('makes the setup the worker runs', () => {
    const r = moleculeSetup(form)
    expect(r.ok && r.setup).toEqual({
      system: 'lj7-2d',
      method: 'baoab',
      settings: { kT: 0.1, dt: 0.005, gamma: 1 },
      walkers: 20,
      seed: 1,
      start: { kind: 'minimum', index: 0 },
      cvs: [0, 1],
    })
  })

  it('takes a typed AB sequence, or gives its one message', () => {
    const ok = moleculeSetup({ ...form, system: TYPED_AB, sequence: 'abbaab', start: 'random' })
    expect(ok.ok && ok.setup.system).toBe('ab-2d-abbaab')
    const bad = moleculeSetup({ ...form, system: TYPED_AB, sequence: 'ABXA', start: 'random' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.problem.field).toBe('sequence')
      expect(bad.problem.message).toMatch(/X/)
    }
  })

  it('names the control of a bad number', () => {
    const walkers = moleculeSetup({ ...form, walkers: 101 })
    expect(!walkers.ok && walkers.problem.field).toBe('walkers')
    const kT = moleculeSetup({ ...form, kT: 0 })
    expect(!kT.ok && kT.problem.field).toBe('kT')
    const start = moleculeSetup({ ...form, system: 'ab-2d-21', start: 0 })
    expect(!start.ok && start.problem.field).toBe('start')
  })

  it('offers random states and each known minimum with a geometry', () => {
    expect(startChoices(lj7TwoD).map((c) => c.value)).toEqual(['random', '0', '1', '2', '3'])
  })
})
