import { describe, expect, it } from 'vitest'
import { attractionMap, OUTCOME, OUTCOMES, type AttractionMap } from '../../core/studies/attraction'
import { criticalPoints } from '../../core/landscape/critical'
import { methodById } from '../../core/dynamics/methods'
import { statusScales } from '../../core/landscape/scales'
import { compileResolved, resolveSurface } from '../../core/scenario/surface'
import { LANE_COLOURS } from '../lanes/lane-colours'
import { localMinimumCounts, outcomeCounts } from './attraction-summary'
import { OUTCOME_COLOUR_LIST, OUTCOME_COLOURS } from './outcome-colours'
import { resolved } from '../../testing/simulated'

function map(outcome: number[], minimum: number[]): AttractionMap {
  const n = outcome.length
  return {
    nx: n,
    ny: 1,
    xs: new Float64Array(n),
    ys: new Float64Array(1),
    outcome: Uint8Array.from(outcome),
    minimum: Int32Array.from(minimum),
    steps: 100,
    cancelled: false,
  }
}

describe('attraction summary', () => {
  it('counts every outcome, in OUTCOMES order, with fractions', () => {
    const m = map(
      [OUTCOME['global minimum'], OUTCOME['local minimum'], OUTCOME['local minimum'], OUTCOME.diverged],
      [0, 2, 1, -1],
    )
    const counts = outcomeCounts(m)
    expect(counts.map((c) => c.outcome)).toEqual([...OUTCOMES])
    expect(counts.filter((c) => c.count > 0)).toEqual([
      { outcome: 'global minimum', count: 1, fraction: 0.25 },
      { outcome: 'local minimum', count: 2, fraction: 0.5 },
      { outcome: 'diverged', count: 1, fraction: 0.25 },
    ])
    expect(localMinimumCounts(m)).toEqual([
      { minimum: 1, count: 1 },
      { minimum: 2, count: 1 },
    ])
  })

  it(
    'on a real map of gradient descent on Müller-Brown, ' +
      'every start is counted once and local minima are MB and MC',
    () => {
      const r = resolveSurface({ kind: 'atlas', id: 'muller-brown', parameters: {} })
      if (!r.ok) throw new Error(r.message)
      const surface = compileResolved(r.surface)
      const points = criticalPoints(surface)
      const minima = points.filter((p) => p.kind === 'minimum').sort((a, b) => a.value - b.value)
      const settings = resolved({ method: 'gd', settings: { lr: 1e-4 }, walkers: 1, start: { kind: 'uniform' } })
      const m = attractionMap({
        surface,
        method: methodById('gd')!,
        settings,
        scales: statusScales(surface, points),
        minima,
        n: 20,
        maxSteps: 5000,
        seed: 1,
      })
      const counts = outcomeCounts(m)
      expect(counts.reduce((a, c) => a + c.count, 0)).toBe(400)
      expect(counts.find((c) => c.outcome === 'global minimum')!.count).toBeGreaterThan(0)
      const locals = localMinimumCounts(m)
      expect(locals.map((l) => l.minimum).sort()).toEqual([1, 2])
      expect(locals.reduce((a, l) => a + l.count, 0)).toBe(counts.find((c) => c.outcome === 'local minimum')!.count)
    },
  )
})

/** CIELAB (D65) of a #RRGGBB colour, for the distance between two colours as the eye sees it. */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((k) => {
    const c = parseInt(hex.slice(k, k + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  const xyz = [
    (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
  ]
  const [fx, fy, fz] = xyz.map((t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116))
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)]
}
const deltaE = (a: string, b: string) => Math.hypot(...lab(a).map((v, k) => v - lab(b)[k]))

describe('outcome colours', () => {
  it('one per outcome, in OUTCOMES order for drawing by code', () => {
    expect(OUTCOME_COLOUR_LIST).toHaveLength(OUTCOMES.length)
    OUTCOMES.forEach((o, k) => expect(OUTCOME_COLOUR_LIST[k]).toBe(OUTCOME_COLOURS[o]))
  })

  it('clearly apart from each other and from every lane colour (CIE76 distance over 20)', () => {
    for (const a of OUTCOME_COLOUR_LIST) {
      for (const lane of LANE_COLOURS) expect(deltaE(a, lane), `${a} against lane ${lane}`).toBeGreaterThan(20)
      for (const b of OUTCOME_COLOUR_LIST) if (a !== b) expect(deltaE(a, b), `${a} against ${b}`).toBeGreaterThan(20)
    }
  })
})
