import type { Data, Shape } from 'plotly.js'
import type { Figure, Theme } from '../figures'
import { formatValue } from '../format'
import { experimentColours as colours, experimentLayout as layout } from '../sections/experiment-figures'
import type { EnergyHistogram } from '../../core/systems/descent'

/**
 * The figures of the molecules' guided experiments and of the descent histogram, as plain plotly
 * data built from the numbers a run noted: pure functions, so the components only hand them over.
 */

export interface ArrheniusPoint {
  kT: number
  rate: number
}

/** The rates the run noted ('rate at kT 0.16', ...), in increasing kT; rates of zero are left out (no logarithm). */
export function arrheniusPoints(numbers: Readonly<Record<string, number>>): ArrheniusPoint[] {
  const points: ArrheniusPoint[] = []
  for (const [name, rate] of Object.entries(numbers)) {
    const m = /^rate at kT (.+)$/.exec(name)
    if (m && rate > 0) points.push({ kT: Number(m[1]), rate })
  }
  return points.sort((a, b) => a.kT - b.kT)
}

/**
 * ln k = ln A - barrier / kT through the points' centroid in (1/kT, ln k): for the fitted barrier
 * it is the least-squares line itself (which passes through the centroid); for the graph's barrier,
 * the same centroid makes the two slopes easy to compare. The line's ends are at the points' 1/kT range.
 */
export function arrheniusLine(points: readonly ArrheniusPoint[], barrier: number): { x: number[]; y: number[] } {
  if (points.length === 0 || !Number.isFinite(barrier)) return { x: [], y: [] }
  const xs = points.map((p) => 1 / p.kT)
  const ys = points.map((p) => Math.log(p.rate))
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length
  const my = ys.reduce((a, b) => a + b, 0) / ys.length
  const x = [Math.min(...xs), Math.max(...xs)]
  return { x, y: x.map((v) => my - barrier * (v - mx)) }
}

export function arrheniusFigure(numbers: Readonly<Record<string, number>>, theme: Theme): Figure {
  const c = colours(theme)
  const points = arrheniusPoints(numbers)
  const fitted = numbers['fitted barrier'] ?? NaN
  const graph = numbers['graph barrier out of the hexagon'] ?? NaN
  const fit = arrheniusLine(points, fitted)
  const pass = arrheniusLine(points, graph)
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'markers',
      name: 'rate out of the hexagon',
      x: points.map((p) => 1 / p.kT),
      y: points.map((p) => Math.log(p.rate)),
      text: points.map((p) => `kT ${p.kT}: rate ${p.rate.toPrecision(3)}`),
      hoverinfo: 'text',
      marker: { size: 10, color: c.accent },
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: `Arrhenius fit: barrier ${formatValue(fitted, 3)}`,
      ...fit,
      line: { color: c.accent, width: 2 },
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: `slope of the graph's barrier ${formatValue(graph, 3)}`,
      ...pass,
      line: { color: c.mark, width: 2, dash: 'dash' },
    },
  ]
  return { data, layout: layout(theme, '1 / kT', 'ln(rate)') }
}

/** A horizontal line across the plot at energy y, labelled at its right end. */
function level(
  y: number,
  label: string,
  colour: string,
  dash: 'dash' | 'dot',
): { shape: Partial<Shape>; text: string } {
  return {
    shape: { type: 'line', xref: 'paper', x0: 0, x1: 1, y0: y, y1: y, line: { color: colour, width: 1.5, dash } },
    text: label,
  }
}

/** [lowest, highest] of the finite values, widened by 8% of their span on each side. */
function paddedRange(values: readonly number[]): [number, number] | undefined {
  const finite = values.filter((x) => Number.isFinite(x))
  if (finite.length === 0) return undefined
  const lo = Math.min(...finite)
  const hi = Math.max(...finite)
  const pad = 0.08 * (hi - lo || 1)
  return [lo - pad, hi + pad]
}

/** AB-13: where 200 descents and 8 annealed chains end, against the folded ground state. */
export function descentVsAnnealingFigure(numbers: Readonly<Record<string, number>>, theme: Theme): Figure {
  const c = colours(theme)
  const v = (name: string) => numbers[name] ?? NaN
  const ground = level(v('ground state'), `ground state ${formatValue(v('ground state'), 3)}`, c.mark, 'dash')
  const rows: [string, string, number, string][] = [
    ['descent (L-BFGS)', 'lowest', v('lowest descent'), c.other],
    ['descent (L-BFGS)', 'median', v('median descent'), c.other],
    ['annealing', 'highest', v('highest annealed'), c.accent],
    ['annealing', 'median', v('median annealed'), c.accent],
    ['annealing', 'lowest', v('lowest annealed'), c.accent],
  ]
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'text+markers',
      name: 'final energies',
      x: rows.map((r) => r[0]),
      y: rows.map((r) => r[2]),
      text: rows.map((r) => `${r[1]} ${formatValue(r[2], 3)}`),
      // Labels inward, so that the right-hand column's stay inside the plot.
      textposition: rows.map((r) => (r[0] === 'annealing' ? 'middle left' : 'middle right')),
      hoverinfo: 'text',
      marker: {
        size: 11,
        color: rows.map((r) => r[3]),
        symbol: rows.map((r) => (r[1] === 'median' ? 'diamond' : 'circle')),
      },
      showlegend: false,
    },
  ]
  return {
    data,
    layout: layout(theme, '', 'energy', {
      // The range holds the ground state's line too (autorange reads the points only).
      yaxis: {
        ...layout(theme, '', 'energy').yaxis,
        range: paddedRange([...rows.map((r) => r[2]), v('ground state')]),
      },
      shapes: [ground.shape],
      annotations: [
        {
          xref: 'paper',
          x: 1,
          y: v('ground state'),
          text: ground.text,
          showarrow: false,
          xanchor: 'right',
          yanchor: 'bottom',
          font: { color: c.mark },
        },
      ],
    }),
  }
}

/** LJ38: each basin-hopping run's best energy against its Q4, with the two funnels' bottoms. */
export function doubleFunnelFigure(numbers: Readonly<Record<string, number>>, theme: Theme): Figure {
  const c = colours(theme)
  const v = (name: string) => numbers[name] ?? NaN
  const runs: { k: number; energy: number; q4: number }[] = []
  for (let k = 1; `run ${k} best` in numbers; k++) runs.push({ k, energy: v(`run ${k} best`), q4: v(`run ${k} Q4`) })
  const fcc = level(v('fcc energy'), `fcc ${formatValue(v('fcc energy'), 2)}`, c.mark, 'dash')
  const ico = level(v('icosahedral energy'), `icosahedral ${formatValue(v('icosahedral energy'), 2)}`, c.accent, 'dot')
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'markers',
      name: 'best of each run',
      x: runs.map((r) => r.q4),
      y: runs.map((r) => r.energy),
      text: runs.map((r) => `run ${r.k}: E ${formatValue(r.energy, 3)}, Q4 ${formatValue(r.q4, 3)}`),
      hoverinfo: 'text',
      marker: { size: 10, color: c.accent },
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: 'fcc truncated octahedron',
      x: [v('fcc Q4')],
      y: [v('fcc energy')],
      hoverinfo: 'name',
      marker: { size: 14, symbol: 'star', color: c.mark },
    },
  ]
  const label = (l: { text: string }, y: number, colour: string) => ({
    xref: 'paper' as const,
    x: 0.5,
    y,
    text: l.text,
    showarrow: false,
    yanchor: 'bottom' as const,
    font: { color: colour },
  })
  return {
    data,
    layout: layout(theme, 'Q4 (cubic order)', 'best energy', {
      shapes: [fcc.shape, ico.shape],
      annotations: [label(fcc, v('fcc energy'), c.mark), label(ico, v('icosahedral energy'), c.accent)],
    }),
  }
}

/** The histogram of final energies, the global minimum a vertical line. */
export function descentFigure(histogram: EnergyHistogram, global: number | null, theme: Theme): Figure {
  const c = colours(theme)
  const { from, width, counts } = histogram
  const x = counts.map((_, k) => from + (k + 0.5) * width)
  const data: Data[] = [
    {
      type: 'bar',
      name: 'starts ending here',
      x,
      y: [...counts],
      width,
      marker: { color: c.accent },
      hovertemplate: 'E %{x:.3f}: %{y} starts<extra></extra>',
    },
  ]
  const shapes: Partial<Shape>[] =
    global === null
      ? []
      : [
          {
            type: 'line',
            yref: 'paper',
            x0: global,
            x1: global,
            y0: 0,
            y1: 1,
            line: { color: c.mark, width: 2, dash: 'dash' },
          },
        ]
  return {
    data,
    layout: layout(theme, 'final energy', 'starts', {
      // A bin's width of room on each side: the global minimum's bar and line clear of the axis.
      xaxis: {
        ...layout(theme, 'final energy', 'starts').xaxis,
        range: [from - width, from + (counts.length + 1) * width],
      },
      bargap: 0.05,
      showlegend: false,
      shapes,
      annotations:
        global === null
          ? []
          : [
              {
                x: global,
                yref: 'paper',
                y: 1,
                text: `global minimum ${formatValue(global, 2)}`,
                showarrow: false,
                xanchor: 'left',
                yanchor: 'top',
                font: { color: c.mark },
              },
            ],
    }),
  }
}

/**
 * LJ7 metadynamics: F(other shapes) − F(hexagon) in kT from the estimate and from parallel
 * tempering, beside the energy gap in kT (free energy and energy differ by the shapes' entropy).
 */
export function freeEnergyGapFigure(
  numbers: Readonly<Record<string, number>>,
  energyGapKT: number,
  theme: Theme,
): Figure {
  const c = colours(theme)
  const bars: [string, number, string][] = [
    ['metadynamics', numbers['F(other shapes) - F(hexagon) / kT'] ?? NaN, c.accent],
    ['parallel tempering', numbers['reference F(other shapes) - F(hexagon) / kT'] ?? NaN, c.other],
    ['energy gap', energyGapKT, c.mark],
  ]
  const data: Data[] = [
    {
      type: 'bar',
      x: bars.map((b) => b[0]),
      y: bars.map((b) => b[1]),
      text: bars.map((b) => formatValue(b[1], 2)),
      textposition: 'outside',
      marker: { color: bars.map((b) => b[2]) },
      hovertemplate: '%{x}: %{y:.2f} kT<extra></extra>',
    },
  ]
  return { data, layout: layout(theme, '', 'above the hexagon, in kT', { showlegend: false }) }
}
