import { describe, expect, it } from 'vitest'
import { portableMath as pm } from '../portable-math'
import {
  DATASETS,
  MAX_POINTS,
  MAX_USER_POINTS,
  datasetProblem,
  decodeUserPoints,
  encodeUserPoints,
  makeDataset,
  userDataset,
  userPointsProblem,
  type Dataset,
  type UserPoint,
} from './data'

const ids = DATASETS.map((d) => d.id)

function ones(d: Dataset): number {
  let c = 0
  for (let i = 0; i < d.n; i++) if (d.targets[i] === 1) c++
  return c
}

function radius(d: Dataset, i: number, cx = 0, cy = 0): number {
  return Math.hypot(d.inputs[2 * i]! - cx, d.inputs[2 * i + 1]! - cy)
}

describe('makeDataset', () => {
  it('lists each generator once, with a task and a note', () => {
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(['circle', 'xor', 'gauss', 'spiral', 'moons', 'sine'])
    for (const d of DATASETS) expect(d.note.length).toBeGreaterThan(40)
  })

  it('gives the same arrays for the same seed and different ones for another seed', () => {
    for (const id of ids) {
      const a = makeDataset(id, { points: 200, noise: 0.2, seed: 7 })
      const b = makeDataset(id, { points: 200, noise: 0.2, seed: 7 })
      const c = makeDataset(id, { points: 200, noise: 0.2, seed: 8 })
      expect(a.inputs).toEqual(b.inputs)
      expect(a.targets).toEqual(b.targets)
      expect(a.inputs).not.toEqual(c.inputs)
      expect(a.n).toBe(200)
      expect(a.inputs.length).toBe(400)
      expect(a.task).toBe(DATASETS.find((d) => d.id === id)!.task)
      for (const v of a.inputs) expect(Number.isFinite(v)).toBe(true)
    }
  })

  it('stores labels 0 and 1 and balances the classes (the larger half of an odd n is class 1)', () => {
    for (const id of ['circle', 'gauss', 'spiral', 'moons']) {
      for (const n of [1, 101, 500]) {
        const d = makeDataset(id, { points: n, noise: 0, seed: 3 })
        for (const t of d.targets) expect(t === 0 || t === 1).toBe(true)
        expect(ones(d)).toBe(Math.ceil(n / 2))
      }
    }
    // xor labels by quadrant, each point 1 with probability 1/2: a binomial(1000, 1/2) is within 5 sd = 79 of 500
    // but for a chance of 6e-7.
    const x = makeDataset('xor', { points: 1000, noise: 0, seed: 3 })
    expect(Math.abs(ones(x) - 500)).toBeLessThan(5 * Math.sqrt(250))
  })

  it('shuffles: the classes are not in two blocks', () => {
    const d = makeDataset('gauss', { points: 200, noise: 0, seed: 1 })
    let changes = 0
    for (let i = 1; i < d.n; i++) if (d.targets[i] !== d.targets[i - 1]) changes++
    expect(changes).toBeGreaterThan(50)
  })

  it('circle: class 1 within 2.5 of the origin, class 0 from 3.5 to 5, at noise 0; noise flips labels only', () => {
    const d = makeDataset('circle', { points: 1000, noise: 0, seed: 11 })
    for (let i = 0; i < d.n; i++) {
      const r = radius(d, i)
      if (d.targets[i] === 1) expect(r).toBeLessThanOrEqual(2.5)
      else {
        expect(r).toBeGreaterThanOrEqual(3.5 - 1e-12)
        expect(r).toBeLessThanOrEqual(5 + 1e-12)
      }
    }
    const noisy = makeDataset('circle', { points: 1000, noise: 0.5, seed: 11 })
    for (let i = 0; i < noisy.n; i++) {
      const r = radius(noisy, i)
      expect(r <= 2.5 || (r >= 3.5 - 1e-12 && r <= 5 + 1e-12)).toBe(true)
    }
    let flipped = 0
    for (let i = 0; i < noisy.n; i++) if ((radius(noisy, i) < 2.5 ? 1 : 0) !== noisy.targets[i]) flipped++
    expect(flipped).toBeGreaterThan(20)
  })

  it('xor: points at least 0.3 from both axes, class 1 where x y >= 0 at noise 0', () => {
    const d = makeDataset('xor', { points: 1000, noise: 0, seed: 5 })
    for (let i = 0; i < d.n; i++) {
      const x = d.inputs[2 * i]!
      const y = d.inputs[2 * i + 1]!
      expect(Math.abs(x)).toBeGreaterThanOrEqual(0.3)
      expect(Math.abs(y)).toBeGreaterThanOrEqual(0.3)
      expect(Math.max(Math.abs(x), Math.abs(y))).toBeLessThanOrEqual(5.3)
      expect(d.targets[i]).toBe(x * y >= 0 ? 1 : 0)
    }
  })

  it('gauss: means at (2, 2) and (-2, -2), per-coordinate variance 0.5 + 7 noise', () => {
    const d = makeDataset('gauss', { points: 4000, noise: 0.5, seed: 9 })
    const variance = 0.5 + 7 * 0.5
    for (const cls of [0, 1]) {
      const c = cls === 1 ? 2 : -2
      let m = 0
      let s2 = 0
      let count = 0
      for (let i = 0; i < d.n; i++) {
        if (d.targets[i] !== cls) continue
        for (const v of [d.inputs[2 * i]!, d.inputs[2 * i + 1]!]) {
          m += v
          s2 += (v - c) * (v - c)
          count++
        }
      }
      m /= count
      s2 /= count
      // 4000 numbers per class: the mean's sd is 2 / sqrt(4000) = 0.032, the variance's sd 4 sqrt(2 / 4000) = 0.089;
      // 5 sd bounds fail by chance with probability 6e-7 each.
      expect(Math.abs(m - c)).toBeLessThan(5 * Math.sqrt(variance / count))
      expect(Math.abs(s2 - variance)).toBeLessThan(5 * variance * Math.sqrt(2 / count))
    }
  })

  it('spiral: at noise 0 point i of m sits at radius 5 i / m and angle 3.5 pi r / 5 (plus pi for class 0)', () => {
    const d = makeDataset('spiral', { points: 500, noise: 0, seed: 2 })
    const radii: number[] = []
    for (let i = 0; i < d.n; i++) {
      const r = radius(d, i)
      expect(r).toBeLessThan(5)
      if (d.targets[i] === 1) radii.push(r)
      if (r < 1e-9) continue
      // x = r sin t, y = r cos t, so t = atan2(x, y).
      const t = Math.atan2(d.inputs[2 * i]!, d.inputs[2 * i + 1]!)
      const expected = (3.5 * Math.PI * r) / 5 + (d.targets[i] === 1 ? 0 : Math.PI)
      const off = t - expected
      const wrapped = off - 2 * Math.PI * Math.round(off / (2 * Math.PI))
      expect(Math.abs(wrapped)).toBeLessThan(1e-9)
    }
    radii.sort((a, b) => a - b)
    expect(radii.length).toBe(250)
    for (let k = 0; k < 250; k++) expect(radii[k]).toBeCloseTo((5 * k) / 250, 12)
  })

  it('moons: on their two arcs at noise 0', () => {
    const d = makeDataset('moons', { points: 201, noise: 0, seed: 4 })
    for (let i = 0; i < d.n; i++) {
      const x = d.inputs[2 * i]!
      const y = d.inputs[2 * i + 1]!
      if (d.targets[i] === 0) {
        expect(Math.hypot(x, y)).toBeCloseTo(1, 14)
        expect(y).toBeGreaterThanOrEqual(-1e-15)
      } else {
        expect(Math.hypot(x - 1, y - 0.5)).toBeCloseTo(1, 14)
        expect(y).toBeLessThanOrEqual(0.5 + 1e-15)
      }
    }
    // The arcs' ends are points of the data: s = 0 and s = pi on each.
    const has = (x: number, y: number) =>
      Array.from({ length: d.n }, (_, i) => Math.hypot(d.inputs[2 * i]! - x, d.inputs[2 * i + 1]! - y)).some(
        (r) => r < 1e-12,
      )
    for (const [x, y] of [
      [1, 0],
      [-1, 0],
      [0, 0.5],
      [2, 0.5],
    ] as const)
      expect(has(x, y)).toBe(true)
  })

  it('sine: a regression on x alone, sin(x) at noise 0', () => {
    const d = makeDataset('sine', { points: 300, noise: 0, seed: 6 })
    expect(d.task).toBe('regress')
    for (let i = 0; i < d.n; i++) {
      expect(d.targets[i]).toBe(pm.sin(d.inputs[2 * i]!))
      expect(Math.abs(d.inputs[2 * i + 1]!)).toBeLessThanOrEqual(5)
    }
  })

  it('refuses unknown ids, bad counts, noise outside [0, 1] and unsafe seeds with a RangeError', () => {
    expect(() => makeDataset('nope', { points: 10, noise: 0, seed: 1 })).toThrow(RangeError)
    expect(datasetProblem('nope', { points: 10, noise: 0, seed: 1 })).toBe(
      "unknown data set 'nope': one of circle, xor, gauss, spiral, moons, sine",
    )
    expect(datasetProblem('circle', { points: 0, noise: 0, seed: 1 })).toBe(
      `the number of points must be an integer from 1 to ${MAX_POINTS}, not 0`,
    )
    expect(datasetProblem('circle', { points: 5001, noise: 0, seed: 1 })).toMatch(/not 5001/)
    expect(datasetProblem('circle', { points: 2.5, noise: 0, seed: 1 })).toMatch(/integer/)
    expect(datasetProblem('circle', { points: 10, noise: 1.5, seed: 1 })).toBe(
      'the noise level must be in [0, 1], not 1.5',
    )
    expect(datasetProblem('circle', { points: 10, noise: NaN, seed: 1 })).toMatch(/noise/)
    expect(datasetProblem('circle', { points: 10, noise: -0.1, seed: 1 })).toMatch(/noise/)
    expect(datasetProblem('circle', { points: 10, noise: 0, seed: 0.5 })).toMatch(/seed/)
    expect(() => makeDataset('circle', { points: 10, noise: 2, seed: 1 })).toThrow(
      'makeDataset: the noise level must be in [0, 1], not 2',
    )
    expect(datasetProblem('circle', { points: MAX_POINTS, noise: 1, seed: -3 })).toBeNull()
  })
})

describe('user points', () => {
  const pts: UserPoint[] = [
    { x: 1.25, y: -0.5, label: 1 },
    { x: 0, y: 3.1, label: 0 },
    { x: -4.999, y: 0.004, label: 1 },
  ]

  it('makes a classification set in the order given', () => {
    const d = userDataset(pts)
    expect(d.id).toBe('user')
    expect(d.task).toBe('classify')
    expect(Array.from(d.inputs)).toEqual([1.25, -0.5, 0, 3.1, -4.999, 0.004])
    expect(Array.from(d.targets)).toEqual([1, 0, 1])
  })

  it('gives one clear message for bad input', () => {
    expect(userPointsProblem(pts)).toBeNull()
    expect(userPointsProblem([])).toBe('no points: place at least one')
    expect(userPointsProblem([pts[0]!, { x: NaN, y: 0, label: 0 }])).toBe(
      'point 2 is at (NaN, 0): its coordinates must be finite numbers',
    )
    expect(userPointsProblem([{ x: 0, y: Infinity, label: 0 }])).toMatch(/^point 1 .* finite/)
    expect(userPointsProblem([pts[0]!, pts[1]!, { x: 0, y: 0, label: 2 }])).toBe(
      'point 3 has label 2: labels are 0 or 1',
    )
    const many = Array.from({ length: MAX_USER_POINTS + 1 }, () => pts[0]!)
    expect(userPointsProblem(many)).toBe(`${MAX_USER_POINTS + 1} points: at most ${MAX_USER_POINTS}`)
    expect(userPointsProblem(many.slice(1))).toBeNull()
    expect(() => userDataset([])).toThrow(new RangeError('userDataset: no points: place at least one'))
  })

  it('encodes with two decimals and decodes back', () => {
    const text = encodeUserPoints(pts)
    expect(text).toBe('1.25,-0.50,1;0.00,3.10,0;-5.00,0.00,1')
    const back = decodeUserPoints(text)
    expect(back).toEqual({
      points: [
        { x: 1.25, y: -0.5, label: 1 },
        { x: 0, y: 3.1, label: 0 },
        { x: -5, y: 0, label: 1 },
      ],
    })
    if (!('points' in back)) throw new Error('decoding failed')
    expect(encodeUserPoints(back.points)).toBe(text)
    // A coordinate that rounds to zero is written without a sign.
    expect(encodeUserPoints([{ x: -0.001, y: -0, label: 0 }])).toBe('0.00,0.00,0')
  })

  it('names the position of a bad entry', () => {
    expect(decodeUserPoints('')).toEqual({ problem: 'no points: place at least one' })
    expect(decodeUserPoints('1,2,1;3,x,0;4,4,1')).toEqual({ problem: "entry 2 of 3 ('3,x,0'): y is not a number" })
    expect(decodeUserPoints('1,2,1;3,4')).toEqual({
      problem: "entry 2 of 2 ('3,4'): expected x,y,label (three fields), found 2",
    })
    expect(decodeUserPoints('1e3,2,1')).toEqual({ problem: "entry 1 of 1 ('1e3,2,1'): x is not a number" })
    expect(decodeUserPoints('1,2,1;1,2,3')).toEqual({
      problem: "entry 2 of 2 ('1,2,3'): the label must be 0 or 1",
    })
    expect(decodeUserPoints('1,2,1;')).toEqual({
      problem: "entry 2 of 2 (''): expected x,y,label (three fields), found 1",
    })
    const many = Array.from({ length: MAX_USER_POINTS + 1 }, () => '0,0,1').join(';')
    expect(decodeUserPoints(many)).toEqual({ problem: `${MAX_USER_POINTS + 1} points: at most ${MAX_USER_POINTS}` })
    expect(decodeUserPoints(' .5,-2.,0 ')).toEqual({ points: [{ x: 0.5, y: -2, label: 0 }] })
  })
})
