import { resolveLane } from '../../core/dynamics/resolve'
import type { Scenario } from '../../core/scenario/types'
import type { Domain } from '../../core/surface'
import type { AtlasSurface } from '../../core/surfaces'
import type { CaptionInput } from './caption'

/** The surface a run was built from, as the page checked it (CheckedSurface's parts a caption reads). */
export interface RunSurface {
  domain: Domain
  axes: [string, string]
  /** The atlas entry, null for the user's own formula. */
  entry: AtlasSurface | null
}

/**
 * What a caption says, read from the scenario that made the frames (never from
 * the controls, which may already show the next run's settings): the surface
 * with its parameters, each lane's method with its settings as the engine
 * resolved them (defaults included), walkers and start, the step of the frames
 * drawn, the seed and the version.
 */
export function captionInput(scenario: Scenario, surface: RunSurface, step: number, version: string): CaptionInput {
  const spec = scenario.surface
  const entry = surface.entry
  return {
    surface: {
      title: entry?.title ?? 'A formula of your own',
      formula: spec.kind === 'formula' ? spec.text : (entry?.formula ?? spec.id),
      reference: entry?.reference,
      parameters: spec.parameters,
      domain: surface.domain,
      axes: surface.axes,
    },
    lanes: scenario.lanes.map((lane) => {
      const resolved = resolveLane(lane.method, lane.settings)
      // The page runs only scenarios that passed these checks.
      if (!resolved.ok)
        throw new Error(`lane settings do not resolve: ${resolved.errors.map((e) => e.message).join('; ')}`)
      return {
        method: resolved.lane.method,
        settings: resolved.lane.settings,
        walkers: lane.walkers,
        start: lane.start,
      }
    }),
    step,
    seed: scenario.seed,
    version,
  }
}
