import type { CriticalKind } from '../../core/surfaces/types'

/**
 * Where the critical points' labels go on a map, as a pure function of pixels:
 * the live map (ContourView.svelte), the vector figure (export/svg-figure.ts)
 * and the PNG of the map (export/view-images.ts) all place them here, so they
 * show the same labels. Greedy by importance (every minimum, lowest first, then
 * the saddles, lowest first, then degenerate points, then the maxima), each
 * label tried at a few positions around its point; a label that fits nowhere
 * without touching one already kept gives way.
 */

/** A box in pixels, y down. */
export interface Box {
  left: number
  top: number
  width: number
  height: number
}

export interface LabelRequest {
  /** The point the label names, in pixels. */
  x: number
  y: number
  width: number
  height: number
  /** Lower goes first. */
  priority: number
}

export interface PlacedLabel extends Box {
  /** Index into the requests. */
  index: number
}

export interface PlaceOptions {
  /** The area labels must stay inside: [0, width] x [0, height]. */
  width: number
  height: number
  /** Distance in pixels from the point to the nearest edge of its label (the marker's radius and a little). */
  gap?: number
  /** Empty pixels kept between two labels. */
  padding?: number
  /** At most this many labels. */
  limit?: number
  /** Markers (centre and radius in pixels) a label should rather not cover; it does if nothing else fits. */
  markers?: readonly { x: number; y: number; r: number }[]
}

/** Candidate positions, in the order tried: above, below, right, left, then the four diagonals. */
const CANDIDATES: readonly ((x: number, y: number, w: number, h: number, g: number) => [number, number])[] = [
  (x, y, w, h, g) => [x - w / 2, y - g - h],
  (x, y, w, _h, g) => [x - w / 2, y + g],
  (x, y, _w, h, g) => [x + g, y - h / 2],
  (x, y, w, h, g) => [x - g - w, y - h / 2],
  (x, y, _w, h, g) => [x + g * 0.7, y - g * 0.7 - h],
  (x, y, w, h, g) => [x - g * 0.7 - w, y - g * 0.7 - h],
  (x, y, _w, _h, g) => [x + g * 0.7, y + g * 0.7],
  (x, y, w, _h, g) => [x - g * 0.7 - w, y + g * 0.7],
]

export function boxesOverlap(a: Box, b: Box, padding = 0): boolean {
  return (
    a.left < b.left + b.width + padding &&
    b.left < a.left + a.width + padding &&
    a.top < b.top + b.height + padding &&
    b.top < a.top + a.height + padding
  )
}

function coversMarker(box: Box, m: { x: number; y: number; r: number }): boolean {
  const cx = Math.min(Math.max(m.x, box.left), box.left + box.width)
  const cy = Math.min(Math.max(m.y, box.top), box.top + box.height)
  return Math.hypot(cx - m.x, cy - m.y) < m.r
}

/**
 * The labels kept and where, most important first. No two kept boxes come closer than `padding`;
 * every kept box lies inside the area. The same input gives the same output.
 */
export function placeLabels(requests: readonly LabelRequest[], options: PlaceOptions): PlacedLabel[] {
  const gap = options.gap ?? 6
  const padding = options.padding ?? 2
  const limit = options.limit ?? Infinity
  const markers = options.markers ?? []
  const order = requests.map((_, k) => k).sort((a, b) => requests[a].priority - requests[b].priority || a - b)
  const kept: PlacedLabel[] = []
  for (const index of order) {
    if (kept.length >= limit) break
    const r = requests[index]
    if (!(Number.isFinite(r.x) && Number.isFinite(r.y))) continue
    let fallback: Box | null = null
    let chosen: Box | null = null
    for (const candidate of CANDIDATES) {
      const [left, top] = candidate(r.x, r.y, r.width, r.height, gap)
      const box = { left, top, width: r.width, height: r.height }
      if (left < 0 || top < 0 || left + r.width > options.width || top + r.height > options.height) continue
      if (kept.some((k) => boxesOverlap(box, k, padding))) continue
      if (markers.some((m) => (m.x !== r.x || m.y !== r.y) && coversMarker(box, m))) {
        fallback ??= box
        continue
      }
      chosen = box
      break
    }
    const box = chosen ?? fallback
    if (box) kept.push({ index, ...box })
  }
  return kept
}

const KIND_RANK: Record<CriticalKind, number> = { minimum: 0, saddle: 1, degenerate: 2, maximum: 3 }

/**
 * Each point's priority (0 first): minima by energy, then saddles by energy, then degenerate points, then
 * maxima; ties by x, then y.
 */
export function labelPriorities(
  points: readonly { kind: CriticalKind; value: number; x: number; y: number }[],
): number[] {
  const order = points
    .map((_, k) => k)
    .sort((a, b) => {
      const p = points[a]
      const q = points[b]
      return KIND_RANK[p.kind] - KIND_RANK[q.kind] || p.value - q.value || p.x - q.x || p.y - q.y || a - b
    })
  const priority = new Array<number>(points.length)
  order.forEach((k, rank) => (priority[k] = rank))
  return priority
}

/** The labels' font size in pixels; a label's box is LABEL_HEIGHT high, its baseline LABEL_BASELINE below its top. */
export const LABEL_FONT_SIZE = 11
export const LABEL_HEIGHT = 15
export const LABEL_BASELINE = 11
export const LABEL_FONT = 'Helvetica, Arial, sans-serif'

/**
 * A label's width in pixels at LABEL_FONT_SIZE in bold LABEL_FONT, where it cannot be measured (the
 * exported SVG, read with whatever fonts the reader has): generous per-character advances, wide enough
 * for DejaVu Sans Bold, the usual fallback for Helvetica and Arial on Linux, plus room for the halo.
 */
export function labelWidth(text: string): number {
  let em = 0
  for (const c of text) {
    if (c === ' ' || c === '.' || c === ',' || c === ':' || c === 'i' || c === 'l' || c === 'j') em += 0.4
    else if (c === 'M' || c === 'W' || c === 'm' || c === 'w') em += 1.05
    else if (c === '\u2212') em += 0.85
    else if (c >= 'A' && c <= 'Z') em += 0.8
    else em += 0.71
  }
  return Math.ceil(em * LABEL_FONT_SIZE + 4)
}

/** Above this many maxima, the map shows none unless asked. */
export const MAX_MAXIMA_SHOWN = 4

/** The points a map shows: every one, but the maxima only if there are few of them or the reader asked. */
export function shownPoints<P extends { kind: CriticalKind }>(points: readonly P[], showMaxima: boolean | null): P[] {
  const maxima = points.filter((p) => p.kind === 'maximum').length
  const show = showMaxima ?? maxima <= MAX_MAXIMA_SHOWN
  return show ? [...points] : points.filter((p) => p.kind !== 'maximum')
}

/** The colours of a label: dark text in a light halo, or light text in a dark halo for the dark theme. */
export function labelColours(dark: boolean): { fill: string; halo: string } {
  return dark ? { fill: '#f4f4f8', halo: '#111318' } : { fill: '#111318', halo: '#ffffff' }
}

export interface MapLabel {
  text: string
  kind: CriticalKind
  /** Where the text starts and its baseline, in pixels. */
  x: number
  y: number
  box: Box
}

/** At most one label per this many square pixels of map, so that a lattice of points (Rastrigin) leaves a map. */
const PIXELS_PER_LABEL = 6000

/** The point labels of a map of width x height pixels: `at` maps a point to pixels. */
export function mapLabels<P extends { kind: CriticalKind; value: number; x: number; y: number; label: string }>(
  points: readonly P[],
  at: (p: P) => [number, number],
  width: number,
  height: number,
  markerRadius: number,
  /** A label's width in pixels, halo included: measured where the page can, else labelWidth. */
  measure: (text: string) => number = labelWidth,
): MapLabel[] {
  const limit = Math.max(6, Math.floor((width * height) / PIXELS_PER_LABEL))
  const pixels = points.map(at)
  const priority = labelPriorities(points)
  const requests = points.map((p, k) => ({
    x: pixels[k][0],
    y: pixels[k][1],
    width: measure(p.label),
    height: LABEL_HEIGHT,
    priority: priority[k],
  }))
  const markers = pixels.map(([x, y]) => ({ x, y, r: markerRadius }))
  return placeLabels(requests, { width, height, gap: markerRadius + 2, limit, markers }).map((placed) => ({
    text: points[placed.index].label,
    kind: points[placed.index].kind,
    x: placed.left + 2,
    y: placed.top + LABEL_BASELINE,
    box: { left: placed.left, top: placed.top, width: placed.width, height: placed.height },
  }))
}
