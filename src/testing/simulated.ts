import type { Landscape } from '../core/landscape/saddles'
import { methodById } from '../core/dynamics/methods'
import { resolveSettings, type Settings } from '../core/dynamics/params'
import { resolveSurface } from '../core/scenario/surface'
import type { LaneSpec, SurfaceSpec } from '../core/scenario/types'
import type { Domain } from '../core/surface'
import type { LaneFrame } from '../core/run/frame'
import { Simulation } from '../core/run/simulation'

/** Real frames for the panels' tests: the page's own engine, run in Node. */
export interface SimulatedRun {
  frames: LaneFrame[]
  landscape: Landscape
  domain: Domain
  settings: Settings[]
  /** Per lane, the walkers the engine itself labels as at the global minimum. */
  atGlobalMinimum: number[]
}

export const atlas = (id: string): SurfaceSpec => ({ kind: 'atlas', id, parameters: {} })

export function simulate(surface: SurfaceSpec, lanes: LaneSpec[], steps: number, seed = 1): SimulatedRun {
  const r = resolveSurface(surface)
  if (!r.ok) throw new Error(r.message)
  const { program, parameters, domain } = r.surface
  const sim = new Simulation({ program, parameters: [...parameters], domain, seed, lanes })
  sim.advance(steps)
  const atGlobalMinimum = sim.runs.map(
    ({ lane }) => Array.from({ length: lane.walkers.n }, (_, i) => lane.label(i)).filter((l) => l === 'global').length,
  )
  return { frames: sim.frames(true), landscape: sim.landscape, domain, settings: lanes.map(resolved), atGlobalMinimum }
}

export function resolved(spec: LaneSpec): Settings {
  const method = methodById(spec.method)
  if (!method) throw new Error(`unknown method ${spec.method}`)
  const r = resolveSettings(method.params, spec.settings, method.name)
  if (!r.ok) throw new Error(r.errors[0].message)
  return r.settings
}

/** One walker of gradient descent from (x, y). */
export const gd = (lr: number, x: number, y: number, walkers = 1): LaneSpec => ({
  method: 'gd',
  settings: { lr },
  walkers,
  start: { kind: 'point', x, y },
})
