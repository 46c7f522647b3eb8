import { statusScales } from './scales'
import type { StatusScales } from './scales'
import type { CompiledSurface } from '../surface'
import type { KnownPoint } from '../surfaces/types'
import { basinMap, type BasinMap } from './basins'
import { criticalPoints, type CriticalPoint } from './critical'
import { connectSaddles, type Landscape } from './saddles'
import { nonFiniteGround, type NonFiniteGround } from './ground'

/** The grid the page analyses a surface on: its basin overlay, sampled basins and sweeps share it. */
export const ANALYSIS_GRID = 150

/**
 * Everything known of a surface before any walker moves: its critical points,
 * the minima joined by saddles, the basins of the gradient flow on a grid, and
 * the scales walker statuses are judged on. Plain data: made once per surface
 * and grid (in the page's surface worker) and handed to the workers that run on
 * it, instead of each finding it again.
 */
export interface SurfaceAnalysis {
  grid: number
  points: CriticalPoint[]
  landscape: Landscape
  map: BasinMap
  scales: StatusScales
  /** Where U is undefined or overflows, as shares of the domain (the atlas: none). */
  ground: NonFiniteGround
}

/** `known`: the surface's published critical points, whose names the found ones take (names.ts). */
export function analyseSurface(
  surface: CompiledSurface,
  grid = ANALYSIS_GRID,
  known: readonly KnownPoint[] = [],
): SurfaceAnalysis {
  const points = criticalPoints(surface)
  return {
    grid,
    points,
    landscape: connectSaddles(surface, points, known),
    map: basinMap(surface, points, grid),
    scales: statusScales(surface, points),
    ground: nonFiniteGround(surface, grid),
  }
}
