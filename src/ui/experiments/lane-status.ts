import type { Landscape } from '../../core/landscape/saddles'
import { resolveLane } from '../../core/dynamics/resolve'
import type { LaneSpec } from '../../core/scenario'
import type { Domain } from '../../core/surface'
import type { LaneFrame } from '../../core/run/frame'
import type { KeptSampling } from '../run/latest-sampling'
import {
  globalMinimumCount,
  statusLine,
  statusSentence,
  type StatusInput,
  type StatusLine,
} from '../panels/status-line'

/** The last comparison with the exact density a lane has had, and the step it was made at. */
type Kept = Pick<KeptSampling, 'sampling' | 'sampledAt'>

/**
 * What a lane's status line is made from: its frame (with the live values it ran
 * with), its resolved settings, and the last comparison with the exact density. The
 * lane's panel and the page's status strip both build it here.
 */
export function statusInput(
  frame: LaneFrame,
  spec: LaneSpec,
  landscape: Landscape | null,
  domain: Domain,
  kept: Kept | null,
): StatusInput {
  const resolved = resolveLane(spec.method, spec.settings)
  const summary = kept?.sampling?.summary ?? null
  return {
    lead: frame.lead,
    statusCounts: frame.statusCounts,
    family: frame.family,
    landscape,
    settings: resolved.ok ? resolved.lane.settings : spec.settings,
    method: frame.method,
    step: frame.step,
    live: frame.live,
    domain,
    atGlobalMinimum:
      frame.family === 'optimizer' && frame.walkers > 1
        ? globalMinimumCount(frame.statuses, frame.energies, landscape)
        : null,
    basins: summary?.basins ?? null,
    basinsStep: kept?.sampledAt ?? null,
    consistent: summary?.check.consistent ?? null,
  }
}

/** A lane's status line, and as one sentence (what the status strip shows). */
export function laneStatusLine(
  frame: LaneFrame,
  spec: LaneSpec,
  landscape: Landscape | null,
  domain: Domain,
  kept: Kept | null,
): StatusLine {
  return statusLine(statusInput(frame, spec, landscape, domain, kept))
}

export function laneStatus(
  frame: LaneFrame,
  spec: LaneSpec,
  landscape: Landscape | null,
  domain: Domain,
  kept: Kept | null = frame.sampling ? { sampling: frame.sampling, sampledAt: frame.step } : null,
): string {
  return statusSentence(laneStatusLine(frame, spec, landscape, domain, kept))
}
