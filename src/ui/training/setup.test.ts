import { describe, expect, it } from 'vitest'
import { MAX_USER_POINTS } from '../../core/training/data'
import { DEFAULT_FORM, parameterWords, parseLayers, trainingSetup, USER_DATA } from './setup'
import { loadUserPoints, saveUserPoints, USER_POINTS_KEY, withPoint } from './user-points'

function memoryStore() {
  const map = new Map<string, string>()
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  }
}

describe('the training form', () => {
  it('makes the default setup', () => {
    const r = trainingSetup(DEFAULT_FORM)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.setup.layers).toEqual([2, 8, 8, 1])
    expect(r.setup.userPoints).toBeUndefined()
    expect(parameterWords('2-8-8-1')).toBe('105 parameters')
  })

  it('reads layer sizes joined by dashes, commas or spaces, and names what is wrong', () => {
    expect(parseLayers(' 2-16, 16 1 ')).toEqual([2, 16, 16, 1])
    expect(parseLayers('2-8-x-1')).toMatch(/^layers: 'x' is not a whole number; .*2-8-8-1/)
    const bad = (layers: string) => {
      const r = trainingSetup({ ...DEFAULT_FORM, layers })
      return r.ok ? null : r.problem
    }
    expect(bad('')).toEqual({ field: 'layers', message: expect.stringMatching(/none given/) })
    expect(bad('2-8-3')?.message).toBe('layers: the last layer is the 1 output, not 3')
    expect(bad('3-8-1')?.message).toBe('layers: the first layer is the 2 inputs, not 3')
    expect(bad('2-100-1')?.message).toBe('layers: layer 2 has 100 neurons: sizes are integers from 1 to 64')
    expect(bad('2-0-1')?.message).toBe('layers: layer 2 has 0 neurons: sizes are integers from 1 to 64')
    expect(bad('2-8-8-8-8-8-8-1')?.field).toBe('layers')
    expect(bad('2-64-64-64-1')?.message).toMatch(/parameters: at most 5000/)
  })

  it('checks the batch against the points, the learning rate, the walkers and the loss', () => {
    const problem = (form: Partial<typeof DEFAULT_FORM>) => {
      const r = trainingSetup({ ...DEFAULT_FORM, ...form })
      return r.ok ? null : r.problem
    }
    expect(problem({ method: 'sgd', batch: 500, points: 200 })).toEqual({
      field: 'batch',
      message: 'a batch of 500 is larger than the 200 training points: at most 200',
    })
    expect(problem({ method: 'adam', batch: 500 })).toBeNull()
    expect(problem({ lr: 0 })?.field).toBe('lr')
    expect(problem({ method: 'baoab', lr: NaN })?.message).toBe('the time step dt must be a positive number')
    expect(problem({ walkers: 9 })?.field).toBe('walkers')
    expect(problem({ data: 'sine' })?.field).toBe('loss')
    expect(problem({ data: 'sine', loss: 'mse' })).toBeNull()
    expect(problem({ points: 0 })?.field).toBe('points')
    expect(problem({ noise: 2 })?.field).toBe('noise')
    expect(problem({ method: 'sgld', kT: -1 })?.field).toBe('kT')
  })

  it('takes clicked points, and says when there are none', () => {
    const none = trainingSetup({ ...DEFAULT_FORM, data: USER_DATA }, [])
    expect(none).toEqual({
      ok: false,
      problem: { field: 'data', message: 'no points yet: click on the data plane to add some' },
    })
    const pts = [
      { x: 1, y: 2, label: 1 },
      { x: -1, y: 0.5, label: 0 },
    ]
    const r = trainingSetup({ ...DEFAULT_FORM, data: USER_DATA, method: 'sgd', batch: 2 }, pts)
    expect(r.ok && r.setup.userPoints).toEqual(pts)
    const big = trainingSetup({ ...DEFAULT_FORM, data: USER_DATA, method: 'sgd', batch: 3 }, pts)
    expect(big.ok ? null : big.problem.field).toBe('batch')
  })
})

describe('clicked points in storage', () => {
  it('survive a reload, rounded to two decimals, and stop at the stated limit', () => {
    const store = memoryStore()
    expect(loadUserPoints(store)).toEqual([])
    const one = withPoint([], 1.23456, -2.5, 1)
    expect(one).toEqual({ points: [{ x: 1.23, y: -2.5, label: 1 }] })
    if (!('points' in one)) return
    expect(saveUserPoints(store, one.points)).toBe(true)
    expect(store.map.get(USER_POINTS_KEY)).toBe('1.23,-2.50,1')
    expect(loadUserPoints(store)).toEqual(one.points)
    const full = Array.from({ length: MAX_USER_POINTS }, (_, i) => ({ x: i / 100, y: 0, label: i % 2 }))
    expect(withPoint(full, 0, 0, 0)).toEqual({ problem: expect.stringMatching(`at most ${MAX_USER_POINTS}`) })
    saveUserPoints(store, [])
    expect(store.map.has(USER_POINTS_KEY)).toBe(false)
    store.setItem(USER_POINTS_KEY, 'garbage')
    expect(loadUserPoints(store)).toEqual([])
    expect(loadUserPoints(null)).toEqual([])
  })
})
