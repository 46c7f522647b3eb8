import { laneLetter } from '../lanes/lane-colours'
import type { MethodDescriptor } from '../../core/dynamics/method'
import type { Settings } from '../../core/dynamics/params'
import type { ScenarioStart } from '../../core/scenario/types'
import type { Domain } from '../../core/surface'

/**
 * The caption of a figure, generated from the state that made it, so the two
 * cannot disagree: the surface (with its source, parameters and domain), every
 * lane's method with the settings that matter (the main ones always, any other
 * only when it differs from its default, which the version fixes), its walkers
 * and start, the step, the seed and the app version. Every change of a setting
 * restarts the run, so one set of settings holds for every step shown.
 */
export interface CaptionSurface {
  title: string
  formula: string
  reference?: string
  parameters: Record<string, number>
  domain: Domain
  axes: [string, string]
}

export interface CaptionLane {
  method: MethodDescriptor
  settings: Settings
  walkers: number
  start: ScenarioStart
}

export interface CaptionInput {
  surface: CaptionSurface
  lanes: CaptionLane[]
  step: number
  seed: number
  version: string
}

/** Settings named in every caption when a method has them. */
const MAIN = ['kT', 'lr', 'dt', 'gamma']

/** A setting as written in a caption: exact (the shortest text that reads back as the same number). */
export function formatValue(v: number | string): string {
  if (typeof v === 'string') return v
  const a = Math.abs(v)
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential().replace('e+', 'e') : String(v)
}

function startText(start: ScenarioStart, axes: [string, string]): string {
  if (start.kind === 'uniform') return 'spread uniformly over the domain'
  if (start.kind === 'gaussian')
    return `scattered around (${formatValue(start.x)}, ${formatValue(start.y)}) with σ = ${formatValue(start.sigma)}`
  return `from (${axes[0]}, ${axes[1]}) = (${formatValue(start.x)}, ${formatValue(start.y)})`
}

function settingsText(lane: CaptionLane): string {
  const parts: string[] = []
  for (const p of lane.method.params) {
    const v = lane.settings[p.name]
    if (v === undefined) continue
    if (MAIN.includes(p.name) || v !== p.default) parts.push(`${p.name === 'gamma' ? 'γ' : p.name} = ${formatValue(v)}`)
  }
  return parts.join(', ')
}

export function figureCaption(input: CaptionInput): string {
  const { surface: s } = input
  const d = s.domain
  const params = Object.entries(s.parameters)
  const surfaceText = [
    `${s.title}, U(${s.axes[0]}, ${s.axes[1]}) = ${s.formula}`,
    params.length > 0 ? ` with ${params.map(([k, v]) => `${k} = ${formatValue(v)}`).join(', ')}` : '',
    s.reference ? ` (${s.reference})` : '',
    `, on ${s.axes[0]} ∈ [${formatValue(d.xmin)}, ${formatValue(d.xmax)}], ` +
      `${s.axes[1]} ∈ [${formatValue(d.ymin)}, ${formatValue(d.ymax)}]${d.periodic ? ', periodic' : ''}.`,
  ].join('')
  const lanes = input.lanes.map((lane, k) => {
    const settings = settingsText(lane)
    const walkers = `${lane.walkers.toLocaleString('en-US')} walker${lane.walkers === 1 ? '' : 's'}`
    return (
      `${laneLetter(k)}: ${lane.method.name}${settings ? ` (${settings})` : ''}, ` +
      `${walkers} ${startText(lane.start, s.axes)}.`
    )
  })
  const run =
    `After ${input.step.toLocaleString('en-US')} steps; seed ${input.seed}; ` + `landscape playground ${input.version}.`
  return [surfaceText, ...lanes, run].join(' ')
}
