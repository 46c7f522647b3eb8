import type { Landscape } from '../../core/landscape/saddles'
import type { LaneFrame, SamplingFrame } from '../../core/run/frame'
import { laneLetter } from '../lanes/lane-colours'

/**
 * The data behind a figure, as CSV and JSON, each with a header that records
 * the state it came from (the link that reopens it, the caption, the version):
 * trajectories (the whole paths, or last steps, of the first walkers, with their
 * steps), every walker's current position, histograms against the exact density, and traces.
 */
export interface DataHeader {
  version: string
  /** The page's link to this exact state. */
  link: string
  caption: string
  step: number
  /** The predictions made before guided experiments ran in this session, with their outcomes. */
  predictions?: readonly PredictionRow[]
}

/** A prediction asked before a guided experiment ran; outcome null: its run has not reached its check. */
export interface PredictionRow {
  experiment: string
  question: string
  prediction: string
  outcome: string | null
}

function header(h: DataHeader, what: string): string {
  const caption = h.caption.replace(/\s+/g, ' ')
  return [
    `# landscape playground ${h.version}: ${what}`,
    `# step ${h.step}`,
    `# link ${h.link}`,
    `# ${caption}`,
    ...predictionLines(h.predictions ?? []),
  ].join('\n')
}

/** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

/**
 * The session's predictions as a block of the header: a title, then CSV rows after '# ' (experiment, question,
 * prediction, outcome), so a reader that skips '#' lines still reads the table below unchanged.
 */
export function predictionLines(rows: readonly PredictionRow[]): string[] {
  if (rows.length === 0) return []
  return [
    '# predictions made before guided experiments ran (outcome empty: not run to its check yet):',
    '# experiment,question,prediction,outcome',
    ...rows.map((r) => `# ${[r.experiment, r.question, r.prediction, r.outcome ?? ''].map(field).join(',')}`),
  ]
}

const lane = laneLetter

export function trajectoriesCSV(h: DataHeader, frames: readonly LaneFrame[]): string {
  const rows = ['lane,walker,step,x,y']
  const kept: string[] = []
  for (const f of frames) {
    if (f.trailWalkers > 0) kept.push(`${lane(f.lane)}: ${trailWords(f)}`)
    for (let w = 0; w < f.trailWalkers; w++) {
      for (let k = 0; k < f.trailLength; k++) {
        const step = f.trailSteps[k]
        const x = f.trails[(w * f.trailLength + k) * 2]
        const y = f.trails[(w * f.trailLength + k) * 2 + 1]
        if (Number.isFinite(step) && Number.isFinite(x) && Number.isFinite(y))
          rows.push(`${lane(f.lane)},${w},${step},${x},${y}`)
      }
    }
  }
  const what =
    `paths of the first walkers of each lane, oldest first (${kept.join('; ') || 'no lane keeps trails'}); ` +
    'every walker of every lane is in the positions CSV'
  return `${header(h, what)}\n${rows.join('\n')}\n`
}

/** What a lane's trail rows are: its whole path (every step, or every k-th past a size), or its last steps. */
function trailWords(f: LaneFrame): string {
  if (f.trailMode === 'recent') return `its last ${f.trailLength} steps`
  const finite = [...f.trailSteps].filter(Number.isFinite)
  const first = finite[0] ?? 0
  const stride = finite.length > 2 ? (finite[1] ?? 0) - first : 1
  return stride <= 1
    ? `its whole path, every step from ${first}`
    : `its whole path from step ${first}, every ${stride}th step (kept to ${f.trailLength - 1} points), and its latest`
}

export function positionsCSV(h: DataHeader, frames: readonly LaneFrame[]): string {
  const rows = ['lane,walker,x,y,U,status']
  for (const f of frames) {
    for (let i = 0; i < f.walkers; i++)
      rows.push(
        `${lane(f.lane)},${i},${f.positions[2 * i]},${f.positions[2 * i + 1]},${f.energies[i]},${f.statuses[i]}`,
      )
  }
  const what =
    'positions of every walker ' +
    '(status codes: 0 running, 1 minimum, 2 saddle, 3 maximum, 4 plateau, 5 oscillating, 6 diverged)'
  return `${header(h, what)}\n${rows.join('\n')}\n`
}

export function histogramsCSV(
  h: DataHeader,
  frames: readonly LaneFrame[],
  domain: { xmin: number; xmax: number; ymin: number; ymax: number },
): string {
  const rows = ['lane,i,j,x0,x1,y0,y1,count,exact_probability']
  for (const f of frames) {
    const s = f.sampling
    if (!s) continue
    const dx = (domain.xmax - domain.xmin) / s.nx
    const dy = (domain.ymax - domain.ymin) / s.ny
    for (let i = 0; i < s.nx; i++) {
      for (let j = 0; j < s.ny; j++) {
        const k = i * s.ny + j
        rows.push(
          `${lane(f.lane)},${i},${j},${domain.xmin + i * dx},${domain.xmin + (i + 1) * dx},` +
            `${domain.ymin + j * dy},${domain.ymin + (j + 1) * dy},${s.counts[k]},${s.exact[k]}`,
        )
      }
    }
  }
  const what = 'histograms of visited positions (every walker at every step) and the exact Boltzmann bin probabilities'
  return `${header(h, what)}\n${rows.join('\n')}\n`
}

/**
 * Each sampler lane's basin populations from its newest comparison with the
 * exact density: the basin by its minimum's name on the map (Landscape.names),
 * the minimum, the share of samples with its standard error from the run's
 * batches, the exact Boltzmann share, and the free energies -kT ln p.
 */
export function basinsCSV(h: DataHeader, frames: readonly LaneFrame[], landscape: Landscape | null): string {
  const rows = [
    'lane,basin,minimum_x,minimum_y,minimum_U,sampled,sampled_error,exact,' +
      'free_energy,free_energy_error,exact_free_energy',
  ]
  for (const f of frames) {
    for (const b of f.sampling?.summary.basins ?? []) {
      const m = landscape?.minima[b.minimum]
      rows.push(
        [
          lane(f.lane),
          field(landscape?.names[b.minimum] ?? String(b.minimum)),
          m?.x ?? '',
          m?.y ?? '',
          m?.value ?? '',
          b.sampled,
          b.sampledError,
          b.exact,
          b.freeEnergy,
          b.freeEnergyError,
          b.exactFreeEnergy,
        ].join(','),
      )
    }
  }
  const what = 'basin populations of the sampler lanes (sampled with its standard error, and exact Boltzmann)'
  return `${header(h, what)}\n${rows.join('\n')}\n`
}

export function tracesCSV(h: DataHeader, frames: readonly LaneFrame[]): string {
  const names = [...new Set(frames.flatMap((f) => Object.keys(f.traces.series)))]
  const rows = [['lane', 'step', ...names].join(',')]
  for (const f of frames) {
    const { step, series } = f.traces
    for (let k = 0; k < step.length; k++)
      rows.push([lane(f.lane), step[k], ...names.map((n) => (series[n] ? series[n][k] : ''))].join(','))
  }
  const what = 'traces (optimizers: U and |grad U| of walker 0; samplers: means over walkers)'
  return `${header(h, what)}\n${rows.join('\n')}\n`
}

/**
 * The frames of the newest comparison with the exact density: frames carry one
 * about once a second, so it is usually a little older than the latest frame,
 * and it is written with its own step.
 */
export interface SampledFrames {
  step: number
  frames: readonly LaneFrame[]
}

function samplingJSON(s: SamplingFrame, step: number) {
  return {
    step,
    kT: s.kT,
    nx: s.nx,
    ny: s.ny,
    counts: Array.from(s.counts),
    exact: Array.from(s.exact),
    summary: s.summary,
    transitions: s.transitions,
    kinetic: s.kinetic,
  }
}

/** Everything at once, as one JSON document; each lane's histogram is the newest, with the step it was taken at. */
export function dataJSON(h: DataHeader, frames: readonly LaneFrame[], sampled: SampledFrames | null = null): string {
  const doc = {
    version: h.version,
    link: h.link,
    caption: h.caption,
    step: h.step,
    predictions: h.predictions ?? [],
    lanes: frames.map((f) => ({
      lane: lane(f.lane),
      method: f.method,
      walkers: f.walkers,
      positions: Array.from({ length: f.walkers }, (_, i) => [f.positions[2 * i], f.positions[2 * i + 1]]),
      statusCounts: f.statusCounts,
      lead: f.lead,
      traces: {
        step: Array.from(f.traces.step),
        ...Object.fromEntries(Object.entries(f.traces.series).map(([k, v]) => [k, Array.from(v)])),
      },
      report: f.report,
      sampling: samplingOf(f, h.step, sampled),
      extras: f.extras,
    })),
  }
  return JSON.stringify(doc, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1)
}

function samplingOf(f: LaneFrame, step: number, sampled: SampledFrames | null) {
  if (f.sampling) return samplingJSON(f.sampling, step)
  const older = sampled?.frames.find((g) => g.lane === f.lane)?.sampling
  return older && sampled ? samplingJSON(older, sampled.step) : null
}
