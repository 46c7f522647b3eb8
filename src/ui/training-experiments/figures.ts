import type { Data, Layout, Shape } from 'plotly.js'
import type { Figure, Theme } from '../figures'
import { formatSignificant } from '../panels/numbers'
import { experimentColours as colours, experimentLayout } from '../sections/experiment-figures'

/**
 * The figures of the guided experiments on training, as plain plotly data built from the numbers a
 * run noted: pure functions, so the components only hand them over.
 */

type Numbers = Readonly<Record<string, number>>

/** The layout of an experiment's figure, with 64 pixels at the top for a legend of up to two lines. */
const layout = (theme: Theme, x: string, y: string, extra: Partial<Layout> = {}) =>
  experimentLayout(theme, x, y, extra, 64)

const n3 = (v: number) => formatSignificant(v, 3)
const n4 = (v: number) => formatSignificant(v, 4)

/** A horizontal dashed line across the plot at y, in the colour given. */
function level(y: number, colour: string): Partial<Shape> {
  return { type: 'line', xref: 'paper', x0: 0, x1: 1, y0: y, y1: y, line: { color: colour, width: 1.5, dash: 'dash' } }
}

export interface PlateauPoint {
  u0: number
  steps: number
  formula: number
}

/** The steps to half strength of mode `mode` (from 1) for every start the run swept, in the order swept. */
export function plateauPoints(numbers: Numbers, mode: number): PlateauPoint[] {
  const out: PlateauPoint[] = []
  for (let j = 1; j <= (numbers['starts'] ?? 0); j++) {
    const tag = `start ${j}`
    out.push({
      u0: numbers[`u0, ${tag}`] ?? NaN,
      steps: numbers[`steps, mode ${mode}, ${tag}`] ?? NaN,
      formula: numbers[`formula, mode ${mode}, ${tag}`] ?? NaN,
    })
  }
  return out
}

/**
 * The deep linear plateau: steps to s/2 against the start u0 on a logarithmic axis, measured
 * (markers) and ln(s/u0)/(2 lr s) (a line: straight, since it is linear in ln u0), for each mode.
 */
export function plateauFigure(numbers: Numbers, theme: Theme): Figure {
  const c = colours(theme)
  const data: Data[] = []
  const modes = numbers['modes'] ?? 0
  for (let k = 1; k <= modes; k++) {
    const s = numbers[`strength ${k}`] ?? NaN
    const colour = k === 1 ? c.accent : k === 2 ? c.mark : c.other
    const points = plateauPoints(numbers, k).sort((a, b) => a.u0 - b.u0)
    const which = k === 1 ? 'strong pattern' : k === modes ? 'weak pattern' : `pattern ${k}`
    data.push(
      {
        type: 'scatter',
        mode: 'lines',
        name: `${which} (s = ${s}): ln(s/u0)/(2 lr s)`,
        x: points.map((p) => p.u0),
        y: points.map((p) => p.formula),
        text: points.map((p) => `u0 ${p.u0}: formula ${n4(p.formula)} steps`),
        hoverinfo: 'text',
        line: { color: colour, width: 2, dash: 'dot' },
      },
      {
        type: 'scatter',
        mode: 'markers',
        name: `${which}: measured`,
        x: points.map((p) => p.u0),
        y: points.map((p) => p.steps),
        text: points.map((p) => `u0 ${p.u0}: ${p.steps} steps to s/2 (formula ${n4(p.formula)})`),
        hoverinfo: 'text',
        marker: { size: 11, color: colour },
      },
    )
  }
  const base = layout(theme, 'start strength u0 (log scale)', 'steps until the pattern is half learnt')
  return {
    data,
    layout: {
      ...base,
      xaxis: { ...base.xaxis, type: 'log', dtick: 1, exponentformat: 'power' },
      yaxis: { ...base.yaxis, rangemode: 'tozero' },
    },
  }
}

/**
 * SGD against gradient descent at a saddle: the share of runs that left it (|w1| past the threshold)
 * after the budget, for gradient descent, SGD with B = N (which repeats it) and SGD with small
 * batches; each bar says how far gradient descent got or when SGD left.
 */
export function saddleEscapeFigure(numbers: Numbers, theme: Theme): Figure {
  const c = colours(theme)
  const v = (name: string) => numbers[name] ?? NaN
  const threshold = v('escape threshold')
  const gd = v('gd |w1| at the end')
  const gdLeft = gd > threshold ? 1 : 0
  const same = v('full-batch sgd follows gd bit for bit') === 1
  const walkers = v('sgd walkers')
  const escaped = v('sgd walkers escaped')
  const steps = v('steps')
  // Short lines, so that three bars and their words fit side by side on a phone.
  const rows: [string, number, string, string][] = [
    ['gradient<br>descent', gdLeft, `${gdLeft} of 1<br>|w1| = ${n3(gd)}`, c.other],
    [
      `SGD,<br>B = N = ${v('examples')}`,
      same ? gdLeft : NaN,
      same ? 'the same,<br>bit for bit' : 'not the same<br>as descent',
      c.other,
    ],
    [
      `SGD,<br>B = ${v('batch')}`,
      escaped / walkers,
      `${escaped} of ${walkers}` + (escaped > 0 ? `<br>median step ${v('sgd median escape step')}` : ''),
      c.accent,
    ],
  ]
  return {
    data: [
      {
        type: 'bar',
        name: `runs past |w1| = ${threshold} after ${steps} steps`,
        x: rows.map((r) => r[0]),
        y: rows.map((r) => r[1]),
        text: rows.map((r) => r[2]),
        textposition: 'outside',
        // Outside a bar plotly would shrink the words to the bar's width: they keep their size, and the axis
        // leaves room above the tallest bar for them.
        constraintext: 'none',
        textfont: { size: 11 },
        cliponaxis: false,
        hoverinfo: 'text',
        marker: { color: rows.map((r) => r[3]) },
      },
    ],
    layout: layout(theme, '', `share of runs that left the saddle after ${steps} steps`, {
      showlegend: false,
      margin: { l: 64, r: 16, t: 32, b: 52 },
      yaxis: {
        title: { text: `share that left the saddle after ${steps} steps` },
        range: [0, 1.25],
        // The room above 100% is for the words on the bars: no share is ticked there.
        tickvals: [0, 0.2, 0.4, 0.6, 0.8, 1],
        tickformat: '.0%',
        gridcolor: c.grid,
        zeroline: false,
        color: c.text,
      },
    }),
  }
}

/** The standard error behind a z-score: |difference / z|, NaN when z does not tell. */
export function standardError(difference: number, z: number): number {
  return Number.isFinite(z) && z !== 0 ? Math.abs(difference / z) : NaN
}

/**
 * Langevin standing in for SGD: the spread (time-averaged w^2) in each direction for SGD, Langevin at
 * the batch noise's temperature and Langevin at the with-replacement temperature, side by side with
 * the exact value (a bar across each group); error bars are one standard error over the walkers,
 * read back from the z-scores the run noted.
 */
export function langevinFigure(numbers: Numbers, theme: Theme): Figure {
  const c = colours(theme)
  const v = (name: string) => numbers[name] ?? NaN
  const directions = [1, 2]
  const label = (j: number) => `${j === 1 ? 'stiff' : 'soft'} direction, k = ${v(`curvature, direction ${j}`)}`
  const x = directions.map(label)
  const exact = directions.map((j) => v(`exact variance, direction ${j}`))
  const sgd = directions.map((j) => v(`sgd variance, direction ${j}`))
  const sgdSe = directions.map((j, i) => standardError(sgd[i]! - exact[i]!, v(`z sgd vs exact, direction ${j}`)))
  const langevin = directions.map((j) => v(`langevin variance, direction ${j}`))
  const langevinSe = directions.map((j, i) =>
    standardError(langevin[i]! - exact[i]!, v(`z langevin vs exact, direction ${j}`)),
  )
  const wrong = directions.map((j) => v(`wrong-temperature variance, direction ${j}`))
  // z = (sgd - wrong) / hypot(se_sgd, se_wrong): se_wrong^2 = ((sgd - wrong)/z)^2 - se_sgd^2.
  const wrongSe = directions.map((j, i) => {
    const both = standardError(sgd[i]! - wrong[i]!, v(`z sgd vs wrong temperature, direction ${j}`))
    return Math.sqrt(Math.max(0, both * both - sgdSe[i]! ** 2))
  })
  const bar = (name: string, y: number[], se: number[] | null, colour: string): Data => ({
    type: 'bar',
    name,
    x,
    y,
    ...(se && {
      error_y: { type: 'data', array: se.map((e) => (Number.isNaN(e) ? 0 : e)), visible: true, color: c.text },
    }),
    text: y.map((value, i) => (se ? `${name}: ${n4(value)} \u00b1 ${n3(se[i]!)}` : `${name}: ${n4(value)}`)),
    hoverinfo: 'text',
    textposition: 'none',
    // The exact value is an outline: the bar the measured ones are held to.
    marker: se ? { color: colour } : { color: 'rgba(0,0,0,0)', line: { color: colour, width: 2 } },
  })
  return {
    data: [
      bar('exact lr c_B / (k (2 - lr k))', exact, null, c.text),
      bar(`SGD, B = ${v('batch')} of ${v('examples')}`, sgd, sgdSe, c.accent),
      bar(`Langevin, kT = ${n3(v('kT for U = N L'))}`, langevin, langevinSe, c.mark),
      bar(`Langevin, kT = ${n3(v('wrong kT (with replacement)'))} (with replacement)`, wrong, wrongSe, c.other),
    ],
    layout: layout(theme, '', 'variance around the minimum', {
      barmode: 'group',
      bargap: 0.25,
      margin: { l: 64, r: 16, t: 84, b: 52 },
    }),
  }
}

/** Ticks of a logarithmic axis at 1, 2 and 5 times the powers of ten, written plainly, within [lo, hi]. */
export function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = []
  if (!(lo > 0) || !(hi >= lo)) return ticks
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
    for (const m of [1, 2, 5]) {
      const t = Number((m * 10 ** e).toPrecision(1))
      if (t >= lo && t <= hi) ticks.push(t)
    }
  return ticks
}

/**
 * Random against Hessian directions: the loss's curvature per unit length along the top and second
 * Hessian eigenvectors and along each random direction, on a logarithmic axis (the random ones are
 * a hundredth of the top one), with lambda_max / 10 (the claim's bound) and tr(H)/P marked.
 */
export function directionsFigure(numbers: Numbers, theme: Theme): Figure {
  const c = colours(theme)
  const v = (name: string) => numbers[name] ?? NaN
  const lmax = v('lambda_max, dense')
  const rows: [string, number, string][] = [
    ['top eigenvector', v('slice curvature along the top eigenvector'), c.mark],
    ['2nd eigenvector', v('slice curvature along the second eigenvector'), c.mark],
  ]
  for (let s = 1; s <= v('random directions'); s++)
    rows.push([`random ${s}`, v(`random direction ${s} curvature`), c.accent])
  const mean = v('mean curvature tr(H)/P')
  const sizes = rows.map((r) => Math.abs(r[1])).filter((x) => x > 0)
  // The range in log10 units, a little beyond the smallest and the largest bar (and the marked levels).
  const lo = Math.min(...sizes, mean, lmax / 10) / 1.6
  const hi = Math.max(...sizes, lmax) * 1.4
  const ticks = logTicks(lo, hi)
  const c0 = theme.dark ? 'rgba(30,32,40,0.85)' : 'rgba(255,255,255,0.85)'
  const note = (y: number, text: string, colour: string) => ({
    xref: 'paper' as const,
    x: 1,
    xanchor: 'right' as const,
    y: Math.log10(y),
    yanchor: 'bottom' as const,
    text,
    showarrow: false,
    bgcolor: c0,
    font: { color: colour, size: 11 },
  })
  return {
    data: [
      {
        type: 'bar',
        name: 'curvature along the direction',
        x: rows.map((r) => r[0]),
        // A logarithmic axis draws sizes: a negative curvature is drawn by its size, in grey, and says so.
        y: rows.map((r) => Math.abs(r[1])),
        text: rows.map((r) => `${r[0]}: curvature ${n4(r[1])} (${n3(r[1] / lmax)} of lambda_max)`),
        hoverinfo: 'text',
        textposition: 'none',
        marker: { color: rows.map((r) => (r[1] < 0 ? c.other : r[2])) },
      },
    ],
    layout: layout(theme, '', 'curvature per unit length (log scale)', {
      showlegend: false,
      margin: { l: 64, r: 16, t: 32, b: 72 },
      yaxis: {
        title: { text: 'curvature per unit length (log scale)' },
        type: 'log',
        range: [Math.log10(lo), Math.log10(hi)],
        tickvals: ticks,
        ticktext: ticks.map(String),
        gridcolor: c.grid,
        zeroline: false,
        color: c.text,
      },
      xaxis: { tickangle: -45, color: c.text, automargin: true },
      shapes: [level(lmax / 10, c.text), level(mean, c.other)],
      annotations: [
        note(lmax / 10, `lambda_max / 10 = ${n3(lmax / 10)}`, c.text),
        note(mean, `mean curvature tr(H)/P = ${n3(mean)}`, c.other),
      ],
    }),
  }
}

export interface TrainingFigure {
  title: string
  figure: Figure
}

/** What each experiment's card shows, in one sentence (the page writes it under the title). */
export const SHOWS: Readonly<Record<string, string>> = {
  'deep-linear-plateau':
    'It shows how many steps gradient descent waits before each pattern is half learnt, measured against the ' +
    'exact formula, from starts of strength 0.01, 0.001 and 0.0001.',
  'sgd-escapes-saddle':
    'It shows how many runs of gradient descent and of small-batch SGD have left a saddle after 400 steps, ' +
    'from the same start a billionth off its ridge line.',
  'langevin-for-sgd':
    'It shows how widely SGD and Langevin dynamics spread around a minimum, side by side with the exact spread, ' +
    'in a stiff and a soft direction.',
  'random-vs-hessian-directions':
    "It shows how curved a trained network's loss is along its top Hessian eigenvectors and along eight random " +
    'directions.',
}

/** The figure of experiment `id` from its run's numbers; null for an experiment without one. */
export function trainingFigure(id: string, numbers: Numbers, theme: Theme): TrainingFigure | null {
  switch (id) {
    case 'deep-linear-plateau':
      return { title: 'Steps to half strength: measured and ln(s/u0)/(2 lr s)', figure: plateauFigure(numbers, theme) }
    case 'sgd-escapes-saddle':
      return { title: 'Runs that left the saddle', figure: saddleEscapeFigure(numbers, theme) }
    case 'langevin-for-sgd':
      return { title: 'Spread around the minimum, against the exact value', figure: langevinFigure(numbers, theme) }
    case 'random-vs-hessian-directions':
      return { title: 'Curvature along Hessian and random directions', figure: directionsFigure(numbers, theme) }
    default:
      return null
  }
}
