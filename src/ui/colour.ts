import type { ColourScale } from '../core/surfaces/types'

/**
 * How U becomes the number that is coloured (and drawn as height in 3D).
 * The plots colour mapped values; their colour bars and hover labels speak U.
 */
export interface ColourMap {
  /** U -> mapped value. */
  map(u: number): number
  /** The mapped range the colours span. */
  min: number
  max: number
  /** Colour-bar ticks in mapped units with their labels in U; absent when the mapping is linear. */
  ticks?: { values: number[]; labels: string[] }
  title: string
}

/**
 * 'linear' colours U itself; 'clip' cuts U at clipAt so a few high walls do not
 * wash out the wells; 'log' colours log10(U - Umin + eps), which spreads out
 * values that run over many decades (Beale, Goldstein-Price). eps, one
 * millionth of the range, keeps the minimum finite.
 */
export function colourMap(scale: ColourScale, min: number, max: number, clipAt?: number): ColourMap {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return { map: (u) => u, min: 0, max: 1, title: 'U' }
  if (scale === 'clip' && clipAt !== undefined && clipAt > min && clipAt < max) {
    return { map: (u) => Math.min(u, clipAt), min, max: clipAt, title: `U (cut at ${formatTick(clipAt)})` }
  }
  if (scale === 'log' && max > min) return logMap(min, max)
  return { map: (u) => u, min, max, title: 'U' }
}

function logMap(min: number, max: number): ColourMap {
  const eps = (max - min) * 1e-6
  const map = (u: number) => Math.log10(Math.max(u - min, 0) + eps)
  // One tick at Umin and one at each decade above it, each labelled with the
  // rounded U it stands for and placed where that U is coloured.
  const values = [map(min)]
  const labels = [formatTick(min)]
  for (let k = Math.ceil(Math.log10(eps)); k <= Math.floor(Math.log10(max - min)); k++) {
    const u = Number((min + 10 ** k).toPrecision(2))
    const at = map(u)
    if (at - values[values.length - 1] > 0.5) {
      values.push(at)
      labels.push(formatTick(u))
    }
  }
  return { map, min: map(min), max: map(max), ticks: { values, labels }, title: 'U (log scale)' }
}

function formatTick(u: number): string {
  const abs = Math.abs(u)
  const text = abs >= 1e4 || (abs > 0 && abs < 1e-2) ? u.toExponential(0) : String(Number(u.toPrecision(3)))
  return text.replace(/^-/, '\u2212')
}

/**
 * Where 'clip' cuts a surface that names no cut of its own: at the 80th
 * percentile of its sampled values, so the lowest four fifths of the map get the
 * whole colour range and the few high walls share its top colour.
 */
export function defaultClip(values: ArrayLike<number>): number | undefined {
  const finite = Array.from(values)
    .filter(Number.isFinite)
    .sort((a, b) => a - b)
  if (finite.length === 0) return undefined
  return finite[Math.floor(0.8 * (finite.length - 1))]
}
