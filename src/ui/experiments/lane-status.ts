import type { Landscape } from '../../core/analysis/saddles'
import { methodById } from '../../core/dynamics/methods'
import { resolveSettings } from '../../core/dynamics/params'
import type { LaneSpec } from '../../core/scenario'
import type { Domain } from '../../core/surface'
import type { LaneFrame } from '../../engine/frame'
import { globalMinimumCount, statusLine, statusSentence } from '../panels/status-line'

/** A lane's status line as one sentence, from its frame, as the lane's panel words it. */
export function laneStatus(
  frame: LaneFrame,
  spec: LaneSpec,
  landscape: Landscape | null,
  domain: Domain,
  basins: readonly { sampled: number; exact: number }[] | null = frame.sampling?.summary.basins ?? null,
  basinsStep: number | null = frame.sampling ? frame.step : null,
  consistent: boolean | null = frame.sampling?.summary.check.consistent ?? null,
): string {
  const method = methodById(spec.method)
  const resolved = method && resolveSettings(method.params, spec.settings, method.name)
  const line = statusLine({
    lead: frame.lead,
    statusCounts: frame.statusCounts,
    family: frame.family,
    landscape,
    settings: resolved && resolved.ok ? resolved.settings : spec.settings,
    method: frame.method,
    step: frame.step,
    domain,
    atGlobalMinimum: frame.family === 'optimizer' && frame.walkers > 1 ? globalMinimumCount(frame.statuses, frame.energies, landscape) : null,
    basins,
    basinsStep,
    consistent,
  })
  return statusSentence(line)
}
