import { describe, expect, test } from 'vitest'
import {
  boxesOverlap,
  labelPriorities,
  mapLabels,
  placeLabels,
  shownPoints,
  type LabelRequest,
  type PlacedLabel,
} from './labels'

function noOverlaps(kept: readonly PlacedLabel[], padding = 0): boolean {
  return kept.every((a, i) => kept.every((b, j) => i === j || !boxesOverlap(a, b, padding)))
}

/** A fixed pseudo-random sequence (an LCG), so the crowded cases are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

describe('placeLabels', () => {
  test('a lone label goes above its point, centred', () => {
    const [kept] = placeLabels([{ x: 100, y: 100, width: 40, height: 14, priority: 0 }], {
      width: 200,
      height: 200,
      gap: 6,
    })
    expect(kept).toEqual({ index: 0, left: 80, top: 80, width: 40, height: 14 })
  })

  test('at the top edge it goes below instead, and never leaves the area', () => {
    const [kept] = placeLabels([{ x: 100, y: 5, width: 40, height: 14, priority: 0 }], { width: 200, height: 200 })
    expect(kept.top).toBeGreaterThan(5)
    expect(kept.top + kept.height).toBeLessThanOrEqual(200)
  })

  test('crowded labels never overlap and all stay inside the area', () => {
    const random = lcg(7)
    for (let round = 0; round < 20; round++) {
      const requests: LabelRequest[] = Array.from({ length: 200 }, (_, k) => ({
        x: random() * 400,
        y: random() * 300,
        width: 20 + random() * 60,
        height: 14,
        priority: k,
      }))
      const kept = placeLabels(requests, { width: 400, height: 300, padding: 2 })
      expect(kept.length).toBeGreaterThan(10)
      expect(noOverlaps(kept, 2)).toBe(true)
      for (const k of kept) {
        expect(k.left).toBeGreaterThanOrEqual(0)
        expect(k.top).toBeGreaterThanOrEqual(0)
        expect(k.left + k.width).toBeLessThanOrEqual(400)
        expect(k.top + k.height).toBeLessThanOrEqual(300)
      }
    }
  })

  test('the more important label wins a place both want, whatever the input order', () => {
    // Two points on top of each other: only one label fits in a 60 x 40 area.
    const a = { x: 30, y: 20, width: 56, height: 14, priority: 1 }
    const b = { x: 30, y: 20, width: 56, height: 14, priority: 0 }
    expect(placeLabels([a, b], { width: 60, height: 34 }).map((k) => k.index)).toEqual([1])
    expect(placeLabels([b, a], { width: 60, height: 34 }).map((k) => k.index)).toEqual([0])
  })

  test('the same input gives the same output', () => {
    const random = lcg(3)
    const requests = Array.from({ length: 80 }, (_, k) => ({
      x: random() * 200,
      y: random() * 200,
      width: 40,
      height: 14,
      priority: k % 5,
    }))
    const first = placeLabels(requests, { width: 200, height: 200 })
    expect(placeLabels(requests.slice(), { width: 200, height: 200 })).toEqual(first)
  })

  test('a label avoids another point’s marker when it can, covers it when nothing else fits', () => {
    const markers = [
      { x: 100, y: 100, r: 5 },
      { x: 100, y: 80, r: 5 },
    ]
    const request = { x: 100, y: 100, width: 40, height: 14, priority: 0 }
    const [kept] = placeLabels([request], { width: 200, height: 200, markers })
    // Not above (the marker at y = 80 is there): below.
    expect(kept.top).toBeGreaterThan(100)
    const [forced] = placeLabels([request], {
      width: 200,
      height: 200,
      markers: [...markers, ...[0, 1, 2, 3].map((k) => ({ x: 80 + 40 * (k % 2), y: 80 + 40 * (k >> 1), r: 30 }))],
    })
    expect(forced).toBeDefined()
  })

  test('limit keeps the most important few', () => {
    const requests = [0, 1, 2, 3].map((k) => ({ x: 20 + 100 * k, y: 50, width: 30, height: 14, priority: 3 - k }))
    expect(placeLabels(requests, { width: 400, height: 100, limit: 2 }).map((k) => k.index)).toEqual([3, 2])
  })
})

describe('labelPriorities', () => {
  test('minima by energy, then saddles by energy, then maxima', () => {
    const points = [
      { kind: 'maximum' as const, value: 5, x: 0, y: 0 },
      { kind: 'saddle' as const, value: 3, x: 0, y: 0 },
      { kind: 'minimum' as const, value: 1, x: 0, y: 0 },
      { kind: 'saddle' as const, value: 2, x: 0, y: 0 },
      { kind: 'minimum' as const, value: -1, x: 0, y: 0 },
    ]
    expect(labelPriorities(points)).toEqual([4, 3, 1, 2, 0])
  })
})

describe('mapLabels', () => {
  test('on a crowded map the maxima give way before the saddles, and the saddles before the minima', () => {
    // A 3 x 3 lattice of minima with saddles and maxima between, as on Rastrigin, in a small map.
    const points: { kind: 'minimum' | 'saddle' | 'maximum'; value: number; x: number; y: number; label: string }[] = []
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) {
        const kind = i % 2 === 0 && j % 2 === 0 ? 'minimum' : i % 2 === 1 && j % 2 === 1 ? 'maximum' : 'saddle'
        points.push({ kind, value: i + j, x: i, y: j, label: `${kind.slice(0, 3)} ${i + j}.00` })
      }
    const labels = mapLabels(points, (p) => [30 + 44 * p.x, 250 - 30 - 44 * p.y], 280, 250, 5)
    const rank = { minimum: 0, saddle: 1, maximum: 2 }
    const kinds = labels.map((l) => points.find((p) => p.label === l.text)!.kind)
    expect(kinds.filter((k) => k === 'minimum')).toHaveLength(9)
    // Kept in order of importance: every minimum before any saddle, every saddle before any maximum.
    expect(kinds).toEqual([...kinds].sort((a, b) => rank[a] - rank[b]))
    expect(kinds.length).toBeLessThan(points.length)
    expect(noOverlaps(labels.map((l) => ({ ...l.box, index: 0 })))).toBe(true)
  })
})

describe('shownPoints', () => {
  const maxima = (n: number) => Array.from({ length: n }, () => ({ kind: 'maximum' as const }))
  const points = (n: number) => [{ kind: 'minimum' as const }, ...maxima(n)]
  test('a few maxima show, more hide unless asked', () => {
    expect(shownPoints(points(4), null)).toHaveLength(5)
    expect(shownPoints(points(5), null)).toHaveLength(1)
    expect(shownPoints(points(5), true)).toHaveLength(6)
    expect(shownPoints(points(2), false)).toHaveLength(1)
  })
})
